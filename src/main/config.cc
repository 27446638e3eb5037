#include "main/config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace sparkling {
namespace {

using enum ConfigScope;
using enum ConfigValueType;

// Spark 4.1.1's values for every key the pyspark 4.1.1 client reads plus the ones the engine
// consults. Defaults are the strings Spark itself answers (bytes and durations keep their unit
// suffix, as Spark prints them). Kept sorted by key. The session time zone default is filled
// in at run time (the machine's zone, like the JVM's default).
const ConfigEntry kEntries[] = {
    {"spark.app.name", "Sparkling", kServer, kString, "The name of the application.", "0.9.0"},
    {"spark.connect.execute.reattachable.senderMaxStreamDuration", "120000ms", kStatic, kTime,
     "Longest time one ExecutePlan response stream stays open before the client reattaches.",
     "3.5.0"},
    {"spark.connect.grpc.arrow.maxBatchSize", "134217728b", kStatic, kBytes,
     "Upper bound of one Arrow batch sent to the client.", "3.4.0"},
    {"spark.connect.grpc.binding.port", "15002", kStatic, kInt,
     "Port the Spark Connect server listens on.", "3.4.0"},
    {"spark.connect.grpc.maxInboundMessageSize", "134217728b", kStatic, kBytes,
     "Largest gRPC message the server accepts.", "3.4.0"},
    {"spark.connect.progress.reportInterval", "2000ms", kSession, kTime,
     "Interval between execution progress messages.", "4.0.0"},
    {"spark.connect.session.manager.defaultSessionTimeout", "3600000ms", kStatic, kTime,
     "Idle time after which a session is closed.", "4.0.0"},
    {"spark.connect.session.planCompression.defaultAlgorithm", "ZSTD", kSession, kString,
     "Codec the client uses for compressed plans.", "4.1.0"},
    {"spark.connect.session.planCompression.threshold", "10485760", kSession, kInt,
     "Serialized plan size from which the client compresses plans; -1 disables compression.",
     "4.1.0"},
    {"spark.connect.session.resultChunking.maxChunkSize", "120795955b", kSession, kBytes,
     "Largest chunk of one Arrow batch in a response when the client allows chunking.", "4.1.0"},
    {"spark.driver.memory", "1g", kCore, kBytes, "Memory of the driver process.", "1.1.1"},
    {"spark.executor.cores", "1", kCore, kInt, "Cores per executor.", "1.0.0"},
    {"spark.executor.memory", "1g", kCore, kBytes, "Memory per executor process.", "0.7.0"},
    {"spark.master", "local[*]", kServer, kString, "The cluster manager to connect to.", "0.9.0"},
    {"spark.python.sql.dataFrameDebugging.enabled", "true", kStatic, kBoolean,
     "Whether DataFrame call sites are captured for error messages.", "4.0.0"},
    {"spark.sql.adaptive.enabled", "true", kSession, kBoolean,
     "Whether adaptive query execution re-optimizes plans at run time.", "1.6.0"},
    {"spark.sql.ansi.doubleQuotedIdentifiers", "false", kSession, kBoolean,
     "Whether double-quoted text is an identifier rather than a string literal.", "3.4.0"},
    {"spark.sql.ansi.enabled", "true", kSession, kBoolean,
     "Whether Spark SQL follows the ANSI SQL dialect (runtime errors instead of NULLs for "
     "invalid input, stricter type coercion).",
     "3.0.0"},
    {"spark.sql.ansi.enforceReservedKeywords", "false", kSession, kBoolean,
     "Whether ANSI reserved keywords are rejected as identifiers.", "3.3.0"},
    {"spark.sql.artifact.isolation.alwaysApplyClassloader", "true", kServer, kBoolean,
     "Whether the session class loader is always applied.", "4.0.0"},
    {"spark.sql.artifact.isolation.enabled", "true", kServer, kBoolean,
     "Whether artifacts are isolated per session.", "4.0.0"},
    {"spark.sql.autoBroadcastJoinThreshold", "10485760b", kSession, kBytes,
     "Largest table size broadcast to all workers in a join; -1 disables broadcasting.", "1.1.0"},
    {"spark.sql.binaryOutputStyle", nullptr, kSession, kString,
     "How binary values are rendered as strings (show, cast).", "4.0.0"},
    {"spark.sql.caseSensitive", "false", kSession, kBoolean,
     "Whether identifiers are resolved case-sensitively.", "1.4.0"},
    {"spark.sql.catalogImplementation", "in-memory", kStatic, kString,
     "The implementation of the session catalog.", "2.0.0"},
    {"spark.sql.cbo.enabled", "false", kSession, kBoolean,
     "Whether the cost-based optimizer is used.", "2.2.0"},
    {"spark.sql.codegen.wholeStage", "true", kSession, kBoolean,
     "Whether whole-stage code generation is used.", "2.0.0"},
    {"spark.sql.connect.enrichError.enabled", "true", kSession, kBoolean,
     "Whether errors carry an id the client can fetch details with.", "4.0.0"},
    {"spark.sql.connect.serverStacktrace.enabled", "true", kSession, kBoolean,
     "Whether server stack traces are shown in client errors.", "3.5.0"},
    {"spark.sql.crossJoin.enabled", "true", kSession, kBoolean,
     "Whether joins without a condition are allowed.", "2.0.0"},
    {"spark.sql.datetime.java8API.enabled", "false", kSession, kBoolean,
     "Whether java.time types are used for dates and timestamps.", "3.0.0"},
    {"spark.sql.debug.maxToStringFields", "25", kSession, kInt,
     "Most fields of a sequence-like entry printed in debug output.", "3.0.0"},
    {"spark.sql.decimalOperations.allowPrecisionLoss", "true", kSession, kBoolean,
     "Whether decimal arithmetic rounds when the exact result does not fit.", "2.3.1"},
    {"spark.sql.defaultCatalog", "spark_catalog", kSession, kString, "Name of the default catalog.",
     "3.0.0"},
    {"spark.sql.execution.arrow.localRelationThreshold", "50331648b", kSession, kBytes,
     "Size under which local Arrow data stays a local relation.", "3.4.0"},
    {"spark.sql.execution.arrow.maxRecordsPerBatch", "10000", kSession, kInt,
     "Most records in one Arrow record batch.", "2.3.0"},
    {"spark.sql.execution.arrow.pyspark.enabled", "false", kSession, kBoolean,
     "Whether Arrow is used for pandas conversions in classic PySpark.", "3.0.0"},
    {"spark.sql.execution.arrow.pyspark.fallback.enabled", "true", kSession, kBoolean,
     "Whether pandas conversions fall back to non-Arrow paths on errors.", "3.0.0"},
    {"spark.sql.execution.arrow.pyspark.selfDestruct.enabled", "false", kSession, kBoolean,
     "Whether toPandas frees Arrow memory while converting.", "3.2.0"},
    {"spark.sql.execution.arrow.pyspark.validateSchema.enabled", "false", kSession, kBoolean,
     "Whether Arrow output schemas of Python UDFs are validated.", "4.0.0"},
    {"spark.sql.execution.arrow.useLargeVarTypes", "false", kSession, kBoolean,
     "Whether strings and binaries use Arrow's large variable-width types.", "3.5.0"},
    {"spark.sql.execution.pandas.convertToArrowArraySafely", "true", kSession, kBoolean,
     "Whether pandas to Arrow conversion checks for overflow and truncation.", "3.0.0"},
    {"spark.sql.execution.pandas.inferPandasDictAsMap", "false", kSession, kBoolean,
     "Whether dicts in pandas columns are inferred as maps.", "4.0.0"},
    {"spark.sql.execution.pandas.structHandlingMode", "legacy", kSession, kString,
     "How struct columns are converted to pandas.", "3.5.0"},
    {"spark.sql.execution.pandas.udf.buffer.size", "65536", kSession, kInt,
     "Buffer size of pandas UDF data streams.", "3.0.0"},
    {"spark.sql.execution.pyspark.binaryAsBytes", "true", kSession, kBoolean,
     "Whether binary values reach Python as bytes.", "4.1.0"},
    {"spark.sql.execution.pythonUDF.arrow.enabled", "false", kSession, kBoolean,
     "Whether Python UDFs exchange data through Arrow.", "3.4.0"},
    {"spark.sql.execution.pythonUDTF.arrow.enabled", "false", kSession, kBoolean,
     "Whether Python UDTFs exchange data through Arrow.", "3.5.0"},
    {"spark.sql.execution.sortBeforeRepartition", "true", kSession, kBoolean,
     "Whether rows are sorted before a round-robin repartition.", "2.1.4"},
    {"spark.sql.extensions", nullptr, kStatic, kString,
     "Classes that extend the session (not supported by Sparkling).", "2.2.0"},
    {"spark.sql.files.maxPartitionBytes", "134217728b", kSession, kBytes,
     "Most bytes packed into one partition when reading files.", "2.0.0"},
    {"spark.sql.globalTempDatabase", "global_temp", kStatic, kString,
     "Database holding global temporary views.", "2.1.0"},
    {"spark.sql.groupByAliases", "true", kSession, kBoolean,
     "Whether select-list aliases may be used in GROUP BY.", "2.2.0"},
    {"spark.sql.groupByOrdinal", "true", kSession, kBoolean,
     "Whether integer literals in GROUP BY are column positions.", "2.0.0"},
    {"spark.sql.jsonGenerator.ignoreNullFields", "true", kSession, kBoolean,
     "Whether JSON output omits null fields.", "3.0.0"},
    {"spark.sql.leafNodeDefaultParallelism", nullptr, kSession, kInt,
     "Default parallelism of leaf plan nodes.", "3.2.0"},
    {"spark.sql.legacy.allowNegativeScaleOfDecimal", "false", kSession, kBoolean,
     "Whether decimals with a negative scale are allowed.", "3.0.0"},
    {"spark.sql.legacy.createHiveTableByDefault", "false", kSession, kBoolean,
     "Whether CREATE TABLE without USING creates a Hive table.", "3.1.0"},
    {"spark.sql.legacy.interval.enabled", "false", kSession, kBoolean,
     "Whether calendar intervals are used instead of ANSI intervals.", "3.2.0"},
    {"spark.sql.legacy.keepCommandOutputSchema", "false", kSession, kBoolean,
     "Whether commands keep their Spark 3.1 output schemas.", "3.0.2"},
    {"spark.sql.legacy.setCommandRejectsSparkCoreConfs", "true", kSession, kBoolean,
     "Whether SET rejects Spark core configuration keys.", "3.0.0"},
    {"spark.sql.legacy.sizeOfNull", "true", kSession, kBoolean,
     "Whether size(NULL) returns -1 (when ANSI mode is off).", "2.4.0"},
    {"spark.sql.legacy.timeParserPolicy", "CORRECTED", kSession, kString,
     "Datetime parsing and formatting policy.", "3.0.0"},
    {"spark.sql.mapKeyDedupPolicy", "EXCEPTION", kSession, kString,
     "What happens to duplicate map keys in built-in functions.", "3.0.0"},
    {"spark.sql.maxMetadataStringLength", "100", kSession, kInt,
     "Longest metadata string printed in plans.", "3.1.0"},
    {"spark.sql.maxPlanStringLength", "2147483632b", kSession, kBytes,
     "Longest plan string printed before truncation.", "3.0.0"},
    {"spark.sql.optimizer.collapseProjectAlwaysInline", "false", kSession, kBoolean,
     "Whether adjacent projections are always collapsed.", "3.3.0"},
    {"spark.sql.optimizer.excludedRules", nullptr, kSession, kString,
     "Optimizer rules to skip, comma separated.", "2.4.0"},
    {"spark.sql.optimizer.nestedSchemaPruning.enabled", "true", kSession, kBoolean,
     "Whether unused nested fields are pruned from scans.", "2.4.1"},
    {"spark.sql.orderByOrdinal", "true", kSession, kBoolean,
     "Whether integer literals in ORDER BY are column positions.", "2.0.0"},
    {"spark.sql.parquet.compression.codec", "snappy", kSession, kString,
     "Compression codec of written Parquet files.", "1.1.1"},
    {"spark.sql.parser.quotedRegexColumnNames", "false", kSession, kBoolean,
     "Whether back-quoted names in SELECT are regular expressions.", "2.3.0"},
    {"spark.sql.pyspark.inferNestedDictAsStruct.enabled", "false", kSession, kBoolean,
     "Whether nested dicts are inferred as structs.", "3.3.0"},
    {"spark.sql.pyspark.jvmStacktrace.enabled", "false", kSession, kBoolean,
     "Whether JVM stack traces are shown in Python errors.", "3.0.0"},
    {"spark.sql.pyspark.legacy.inferArrayTypeFromFirstElement.enabled", "false", kSession, kBoolean,
     "Whether array element types are inferred from the first element only.", "3.4.0"},
    {"spark.sql.pyspark.legacy.inferMapTypeFromFirstPair.enabled", "false", kSession, kBoolean,
     "Whether map types are inferred from the first pair only.", "4.0.0"},
    {"spark.sql.repl.eagerEval.enabled", "false", kSession, kBoolean,
     "Whether DataFrames are evaluated eagerly in notebooks and REPLs.", "2.4.0"},
    {"spark.sql.repl.eagerEval.maxNumRows", "20", kSession, kInt,
     "Most rows shown by eager evaluation.", "2.4.0"},
    {"spark.sql.repl.eagerEval.truncate", "20", kSession, kInt,
     "Longest cell shown by eager evaluation.", "2.4.0"},
    {"spark.sql.session.localRelationBatchOfChunksSizeBytes", "1073741824", kSession, kLong,
     "Bytes of cached local relation chunks uploaded in one batch.", "4.1.0"},
    {"spark.sql.session.localRelationCacheThreshold", "1048576", kSession, kLong,
     "Size from which the client uploads local data as cached artifacts.", "3.5.0"},
    {"spark.sql.session.localRelationChunkSizeBytes", "16777216", kSession, kLong,
     "Largest chunk of a cached local relation, in bytes.", "4.1.0"},
    {"spark.sql.session.localRelationChunkSizeRows", "10000", kSession, kInt,
     "Most rows in one chunk of a cached local relation.", "4.1.0"},
    {"spark.sql.session.localRelationSizeLimit", "3221225472b", kSession, kBytes,
     "Largest local relation a client may send.", "4.1.0"},
    {"spark.sql.session.timeZone", "", kSession, kTimeZone,
     "The ID of the session local time zone: a region-based zone ID or a zone offset.", "2.2.0"},
    {"spark.sql.shuffle.partitions", "200", kSession, kInt,
     "Default number of partitions of shuffles for joins and aggregations.", "1.1.0"},
    {"spark.sql.sources.default", "parquet", kSession, kString,
     "Default data source format of reads and writes.", "1.3.0"},
    {"spark.sql.sources.partitionOverwriteMode", "STATIC", kSession, kString,
     "Whether INSERT OVERWRITE replaces all or only written partitions.", "2.3.0"},
    {"spark.sql.storeAssignmentPolicy", "ANSI", kSession, kString,
     "Type coercion rules when inserting into tables.", "3.0.0"},
    {"spark.sql.thriftServer.interruptOnCancel", "true", kSession, kBoolean,
     "Whether cancelled statements interrupt their tasks.", "3.2.0"},
    {"spark.sql.timestampType", "TIMESTAMP_LTZ", kSession, kString,
     "Default timestamp type of literals, inference and casts.", "3.4.0"},
    {"spark.sql.variable.substitute", "true", kSession, kBoolean,
     "Whether ${var} references are substituted in SQL text.", "2.0.0"},
    {"spark.sql.warehouse.dir", "spark-warehouse", kStatic, kString,
     "Default location of managed databases and tables.", "2.0.0"},
};

const std::string kTimeZoneKey = "spark.sql.session.timeZone";

std::string ToLower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\n\r");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\n\r");
  return text.substr(begin, end - begin + 1);
}

std::optional<int64_t> ParseInteger(const std::string& text) {
  std::string trimmed = Trim(text);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (ec != std::errc() || end != trimmed.data() + trimmed.size() || trimmed.empty()) {
    return std::nullopt;
  }
  return value;
}

// Spark's byte/duration strings: a number with an optional unit suffix ("10m", "64k", "1g").
bool IsNumberWithUnit(const std::string& text, std::initializer_list<const char*> units) {
  std::string lower = ToLower(Trim(text));
  size_t digits = 0;
  if (!lower.empty() && lower[0] == '-') digits = 1;
  size_t start = digits;
  while (digits < lower.size() && std::isdigit(static_cast<unsigned char>(lower[digits]))) {
    ++digits;
  }
  if (digits == start) return false;
  std::string unit = lower.substr(digits);
  if (unit.empty()) return true;
  for (const char* candidate : units) {
    if (unit == candidate) return true;
  }
  return false;
}

bool IsValidTimeZone(const std::string& zone) {
  if (zone.empty()) return false;
  // Offsets: Z, +08:00, -5, UTC+1, GMT-03:30.
  std::string rest = zone;
  for (const char* prefix : {"UTC", "GMT", "UT"}) {
    if (rest.rfind(prefix, 0) == 0) {
      rest = rest.substr(std::string(prefix).size());
      break;
    }
  }
  if (rest.empty() || rest == "Z") return true;
  if (rest[0] == '+' || rest[0] == '-') {
    std::string digits = rest.substr(1);
    int hours = 0, minutes = 0;
    size_t colon = digits.find(':');
    auto hour_part = ParseInteger(digits.substr(0, colon));
    if (!hour_part) return false;
    hours = static_cast<int>(*hour_part);
    if (colon != std::string::npos) {
      auto minute_part = ParseInteger(digits.substr(colon + 1));
      if (!minute_part) return false;
      minutes = static_cast<int>(*minute_part);
    }
    return hours <= 18 && minutes < 60;
  }
  if (zone.find("..") != std::string::npos || zone[0] == '/') return false;
  // Region ids: check the tz database the machine ships.
  std::error_code ec;
  return std::filesystem::is_regular_file("/usr/share/zoneinfo/" + zone, ec);
}

Status CheckValue(const ConfigEntry& entry, const std::string& value) {
  auto mismatch = [&](const char* type_name) {
    return Status::Error("INVALID_CONF_VALUE.TYPE_MISMATCH",
                         {{"confValue", value}, {"confName", entry.key}, {"confType", type_name}});
  };
  switch (entry.value_type) {
    case kString:
      return Status::OK();
    case kBoolean: {
      std::string lower = ToLower(Trim(value));
      return lower == "true" || lower == "false" ? Status::OK() : mismatch("boolean");
    }
    case kInt: {
      auto parsed = ParseInteger(value);
      if (!parsed || *parsed < INT32_MIN || *parsed > INT32_MAX) return mismatch("int");
      return Status::OK();
    }
    case kLong:
      return ParseInteger(value) ? Status::OK() : mismatch("long");
    case kDouble: {
      char* end = nullptr;
      std::string trimmed = Trim(value);
      std::strtod(trimmed.c_str(), &end);
      return !trimmed.empty() && *end == '\0' ? Status::OK() : mismatch("double");
    }
    case kBytes:
      return IsNumberWithUnit(value, {"b", "k", "kb", "m", "mb", "g", "gb", "t", "tb", "p", "pb"})
                 ? Status::OK()
                 : mismatch("bytes");
    case kTime:
      return IsNumberWithUnit(value, {"us", "ms", "s", "m", "min", "h", "d"}) ? Status::OK()
                                                                              : mismatch("time");
    case kTimeZone:
      if (IsValidTimeZone(value)) return Status::OK();
      return Status::Error("INVALID_CONF_VALUE.TIME_ZONE",
                           {{"confValue", value}, {"confName", entry.key}});
  }
  return Status::OK();
}

std::string DefaultOf(const ConfigEntry& entry) {
  if (entry.key == kTimeZoneKey) return MachineTimeZoneId();
  return entry.default_value;
}

}  // namespace

const std::vector<ConfigEntry>& KnownConfigEntries() {
  static const std::vector<ConfigEntry> entries(std::begin(kEntries), std::end(kEntries));
  return entries;
}

const ConfigEntry* FindConfigEntry(const std::string& key) {
  const auto& entries = KnownConfigEntries();
  auto it = std::lower_bound(entries.begin(), entries.end(), key,
                             [](const ConfigEntry& entry, const std::string& k) {
                               return std::string_view(entry.key) < k;
                             });
  if (it == entries.end() || key != it->key) return nullptr;
  return &*it;
}

const std::string& MachineTimeZoneId() {
  static const std::string zone = [] {
    if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
      std::string value = tz[0] == ':' ? tz + 1 : tz;
      if (IsValidTimeZone(value)) return value;
    }
    std::error_code ec;
    auto target = std::filesystem::read_symlink("/etc/localtime", ec);
    if (!ec) {
      std::string path = target.string();
      size_t pos = path.find("zoneinfo/");
      if (pos != std::string::npos) return path.substr(pos + 9);
    }
    std::ifstream file("/etc/timezone");
    std::string line;
    if (file && std::getline(file, line) && IsValidTimeZone(Trim(line))) return Trim(line);
    return std::string("UTC");
  }();
  return zone;
}

Result<std::optional<std::string>> SqlConf::Get(const std::string& key) const {
  if (auto it = overrides_.find(key); it != overrides_.end()) {
    return std::optional<std::string>(it->second);
  }
  const ConfigEntry* entry = FindConfigEntry(key);
  if (entry == nullptr)
    return Status::Error("SQL_CONF_NOT_FOUND", {{"sqlConf", "\"" + key + "\""}});
  if (entry->default_value == nullptr) return std::optional<std::string>();
  return std::optional<std::string>(DefaultOf(*entry));
}

std::string SqlConf::GetOrDefault(const std::string& key, const std::string& default_value) const {
  if (auto it = overrides_.find(key); it != overrides_.end()) return it->second;
  return default_value;
}

std::optional<std::string> SqlConf::GetOption(const std::string& key) const {
  auto value = Get(key);
  if (!value.ok()) return std::nullopt;
  return *value;
}

Status SqlConf::Set(const std::string& key, const std::string& value) {
  const ConfigEntry* entry = FindConfigEntry(key);
  if (entry != nullptr) {
    if (entry->scope == kStatic) {
      return Status::Error("CANNOT_MODIFY_STATIC_CONFIG", {{"key", "\"" + key + "\""}});
    }
    if (entry->scope == kCore) {
      return Status::Error(
          "CANNOT_MODIFY_CONFIG",
          {{"key", "\"" + key + "\""}, {"docroot", "https://spark.apache.org/docs/4.1.1"}});
    }
    SPK_RETURN_NOT_OK(CheckValue(*entry, value));
  }
  overrides_[key] = value;
  return Status::OK();
}

void SqlConf::Unset(const std::string& key) { overrides_.erase(key); }

void SqlConf::Clear() { overrides_.clear(); }

bool SqlConf::IsModifiable(const std::string& key) const {
  const ConfigEntry* entry = FindConfigEntry(key);
  return entry != nullptr && entry->scope == kSession;
}

std::vector<std::pair<std::string, std::string>> SqlConf::GetAll(const std::string& prefix) const {
  std::map<std::string, std::string> all;
  for (const ConfigEntry& entry : KnownConfigEntries()) {
    if (entry.default_value == nullptr || entry.scope == kCore) continue;
    all[entry.key] = DefaultOf(entry);
  }
  for (const auto& [key, value] : overrides_) all[key] = value;
  std::vector<std::pair<std::string, std::string>> rows;
  for (auto& [key, value] : all) {
    if (key.rfind(prefix, 0) == 0) rows.emplace_back(key, value);
  }
  return rows;
}

std::vector<std::pair<std::string, std::string>> SqlConf::SetCommandRows() const {
  std::map<std::string, std::string> rows;
  for (const ConfigEntry& entry : KnownConfigEntries()) {
    if (entry.scope == kServer) rows[entry.key] = entry.default_value;
  }
  rows["spark.sql.warehouse.dir"] = FindConfigEntry("spark.sql.warehouse.dir")->default_value;
  for (const auto& [key, value] : overrides_) rows[key] = value;
  return {rows.begin(), rows.end()};
}

std::string SqlConf::session_time_zone() const {
  auto it = overrides_.find(kTimeZoneKey);
  return it != overrides_.end() ? it->second : MachineTimeZoneId();
}

bool SqlConf::ansi_enabled() const { return GetBool("spark.sql.ansi.enabled", true); }

bool SqlConf::case_sensitive() const { return GetBool("spark.sql.caseSensitive", false); }

int64_t SqlConf::shuffle_partitions() const { return GetInt("spark.sql.shuffle.partitions", 200); }

int64_t SqlConf::max_records_per_batch() const {
  return GetInt("spark.sql.execution.arrow.maxRecordsPerBatch", 10000);
}

bool SqlConf::GetBool(const std::string& key, bool fallback) const {
  auto value = GetOption(key);
  if (!value) return fallback;
  std::string lower = ToLower(Trim(*value));
  if (lower == "true") return true;
  if (lower == "false") return false;
  return fallback;
}

int64_t SqlConf::GetInt(const std::string& key, int64_t fallback) const {
  auto value = GetOption(key);
  if (!value) return fallback;
  return ParseInteger(*value).value_or(fallback);
}

}  // namespace sparkling
