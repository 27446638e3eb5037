#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace sparkling {

/// One known Spark configuration entry (Spark 4.1.1's key, default, documentation).
/// How a key may change: per session, never (static SQL conf), never through SQL (Spark core
/// conf), or freely but without effect (server facts such as spark.app.name).
enum class ConfigScope { kSession, kStatic, kCore, kServer };
/// The value syntax Set validates.
enum class ConfigValueType { kString, kBoolean, kInt, kLong, kDouble, kBytes, kTime, kTimeZone };

struct ConfigEntry {
  const char* key;
  const char* default_value;  // nullptr: an optional conf with no value (get answers "unset")
  ConfigScope scope;
  ConfigValueType value_type;
  const char* doc;      // the "meaning" column of SET -v
  const char* version;  // the "Since version" column of SET -v
};

/// All entries Sparkling knows, sorted by key.
const std::vector<ConfigEntry>& KnownConfigEntries();
/// The entry for `key`, or nullptr when Spark does not define it (or Sparkling does not know it).
const ConfigEntry* FindConfigEntry(const std::string& key);

/// A session's Spark SQL configuration: the defaults table plus per-session overrides.
/// Not thread-safe on its own; Session serialises access.
class SqlConf {
 public:
  SqlConf() = default;

  /// The value of `key`: the override, else the default. SQL_CONF_NOT_FOUND for keys neither
  /// set nor known; nullopt for known optional confs without a value (Connect answers a pair
  /// without value, like Spark).
  Result<std::optional<std::string>> Get(const std::string& key) const;
  /// The value, or `default_value` when the key is neither set nor has a default.
  /// (Spark: an explicit default wins over the table's default only if the key is unset.)
  std::string GetOrDefault(const std::string& key, const std::string& default_value) const;
  /// The value, or nullopt when the key is neither set nor has a default.
  std::optional<std::string> GetOption(const std::string& key) const;

  /// Stores `value` for `key` (unknown keys are stored as Spark does). Static keys fail with
  /// CANNOT_MODIFY_STATIC_CONFIG, Spark core keys (spark.executor.memory) with
  /// CANNOT_MODIFY_CONFIG; values of typed keys are validated (INVALID_CONF_VALUE.*).
  Status Set(const std::string& key, const std::string& value);
  /// Removes the session override (back to the default).
  void Unset(const std::string& key);
  /// RESET: drops all session overrides.
  void Clear();
  /// Spark's RuntimeConfig.isModifiable: true for known non-static SQL keys.
  bool IsModifiable(const std::string& key) const;

  /// Every key with a value (defaults and overrides), sorted, optionally filtered by prefix
  /// (spark.conf.getAll / SET).
  std::vector<std::pair<std::string, std::string>> GetAll(const std::string& prefix = "") const;
  /// Only the explicitly set keys, sorted.
  const std::map<std::string, std::string>& overrides() const { return overrides_; }
  /// `SET`: the overrides plus the server-level facts (spark.app.name, spark.master, ...).
  std::vector<std::pair<std::string, std::string>> SetCommandRows() const;

  // Typed accessors for keys the engine consults often.
  std::string session_time_zone() const;  // spark.sql.session.timeZone
  bool ansi_enabled() const;              // spark.sql.ansi.enabled
  bool case_sensitive() const;            // spark.sql.caseSensitive
  int64_t shuffle_partitions() const;     // spark.sql.shuffle.partitions
  int64_t max_records_per_batch() const;  // spark.sql.execution.arrow.maxRecordsPerBatch
  bool GetBool(const std::string& key, bool fallback) const;
  int64_t GetInt(const std::string& key, int64_t fallback) const;

 private:
  std::map<std::string, std::string> overrides_;
};

/// The machine's IANA time zone id (from $TZ or /etc/localtime), "UTC" when unknown. This is
/// the default of spark.sql.session.timeZone, like the JVM's default zone.
const std::string& MachineTimeZoneId();

}  // namespace sparkling
