#include "pipelines/file_source.h"

#include <arrow/api.h>
#include <arrow/io/file.h>
#include <parquet/arrow/reader.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "plan/identifier.h"

namespace sparkling::pipelines {
namespace {

namespace fs = std::filesystem;

std::string Option(const DataSourceRead& read, const std::string& key, std::string fallback) {
  for (const auto& [name, value] : read.options) {
    if (name == key) return value;
  }
  return fallback;
}

/// One record of a text format: its raw text (for messages) and its cells in schema order
/// (nullopt = NULL). `malformed` when its shape does not fit the schema.
struct TextRecord {
  std::string raw;
  std::vector<std::optional<std::string>> cells;
  bool malformed = false;
};

/// Spark's CSV reading: RFC 4180 quoting with `quote`, `escape` inside quotes, `sep`, an
/// optional header line, empty unquoted values as NULL (nullValue "").
class CsvRecordReader {
 public:
  explicit CsvRecordReader(const DataSourceRead& read)
      : separator_(Option(read, "sep", Option(read, "delimiter", ","))),
        quote_(Option(read, "quote", "\"")),
        escape_(Option(read, "escape", "\\")),
        null_value_(Option(read, "nullvalue", "")),
        header_(LowerCase(Option(read, "header", "false")) == "true") {}

  Result<std::vector<TextRecord>> Read(const std::string& text, size_t columns) const {
    std::vector<TextRecord> records;
    size_t pos = 0;
    bool first = true;
    while (pos < text.size()) {
      size_t start = pos;
      std::vector<std::pair<std::string, bool>> fields;  // value, was quoted
      ParseRecord(text, pos, fields);
      std::string raw = text.substr(start, pos - start);
      while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.pop_back();
      if (raw.empty()) continue;  // blank lines are skipped
      if (first && header_) {
        first = false;
        continue;
      }
      first = false;
      TextRecord record;
      record.raw = std::move(raw);
      record.malformed = fields.size() != columns;
      for (size_t i = 0; i < columns; ++i) {
        if (i >= fields.size() || (!fields[i].second && fields[i].first == null_value_)) {
          record.cells.emplace_back(std::nullopt);
        } else {
          record.cells.emplace_back(fields[i].first);
        }
      }
      records.push_back(std::move(record));
    }
    return records;
  }

 private:
  void ParseRecord(const std::string& text, size_t& pos,
                   std::vector<std::pair<std::string, bool>>& fields) const {
    const char sep = separator_.empty() ? ',' : separator_[0];
    const char quote = quote_.empty() ? '\0' : quote_[0];
    const char escape = escape_.empty() ? '\0' : escape_[0];
    std::string value;
    bool quoted = false;
    bool in_quotes = false;
    while (pos < text.size()) {
      char c = text[pos++];
      if (in_quotes) {
        if (c == escape && escape != quote && pos < text.size() && text[pos] == quote) {
          value += text[pos++];
        } else if (c == quote && pos < text.size() && text[pos] == quote) {
          value += quote;
          ++pos;
        } else if (c == quote) {
          in_quotes = false;
        } else {
          value += c;
        }
        continue;
      }
      if (c == quote && value.empty() && !quoted) {
        in_quotes = true;
        quoted = true;
      } else if (c == sep) {
        fields.emplace_back(std::move(value), quoted);
        value.clear();
        quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
        break;
      } else {
        value += c;
      }
    }
    fields.emplace_back(std::move(value), quoted);
  }

  std::string separator_;
  std::string quote_;
  std::string escape_;
  std::string null_value_;
  bool header_;
};

/// JSON Lines: one object per line; fields by name (case-sensitive, as Spark), nested values
/// kept as their JSON text.
Result<std::vector<TextRecord>> ReadJsonRecords(const std::string& text, const Schema& schema) {
  std::vector<TextRecord> records;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    TextRecord record;
    record.raw = line;
    nlohmann::json object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!object.is_object()) {
      record.malformed = true;
      record.cells.assign(schema.size(), std::nullopt);
      records.push_back(std::move(record));
      continue;
    }
    for (const auto& field : schema) {
      auto it = object.find(field.name);
      if (it == object.end() || it->is_null()) {
        record.cells.emplace_back(std::nullopt);
      } else if (it->is_string()) {
        record.cells.emplace_back(it->get<std::string>());
      } else {
        record.cells.emplace_back(it->dump());
      }
    }
    records.push_back(std::move(record));
  }
  return records;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error("PATH_NOT_FOUND", {{"path", "file:" + path}});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

ExprPtr AliasedColumn(ExprPtr value, const std::string& name) { return MakeAlias(value, name); }

ExprPtr ColumnRef(const std::string& name) {
  auto column = std::make_shared<UnresolvedAttribute>();
  column->name_parts = {name};
  return column;
}

ExprPtr TryCast(ExprPtr value, const DataTypePtr& type) {
  auto cast = std::make_shared<Cast>();
  cast->children = {std::move(value)};
  cast->target = type;
  cast->type = type;
  cast->mode = CastMode::kTry;
  return cast;
}

/// Text records → typed rows: the cells become string columns, cast as a try_cast to the
/// schema's types by the engine; a cell that was set but converts to NULL did not fit.
Result<PlanPtr> TypedRows(Engine& engine, Session& session, const DataSourceRead& read,
                          const Schema& schema, std::vector<TextRecord> records) {
  const std::string mode = LowerCase(Option(read, "mode", "PERMISSIVE"));
  const bool fail_fast = mode == "failfast";
  const bool drop_malformed = mode == "dropmalformed";
  if (fail_fast || drop_malformed) {
    for (const auto& record : records) {
      if (!record.malformed) continue;
      if (fail_fast) {
        return Status::Error("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
                             {{"badRecord", record.raw}, {"failFastMode", "FAILFAST"}});
      }
    }
    records.erase(std::remove_if(records.begin(), records.end(),
                                 [](const TextRecord& r) { return r.malformed; }),
                  records.end());
  }
  std::vector<std::shared_ptr<arrow::Field>> fields;
  std::vector<std::shared_ptr<arrow::Array>> columns;
  Schema text_schema;
  for (size_t c = 0; c < schema.size(); ++c) {
    arrow::StringBuilder builder;
    for (const auto& record : records) {
      if (record.cells[c]) {
        SPK_RETURN_NOT_OK_ARROW(builder.Append(*record.cells[c]));
      } else {
        SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
      }
    }
    SPK_ASSIGN_OR_RAISE_ARROW(auto array, builder.Finish());
    columns.push_back(array);
    fields.push_back(arrow::field(schema[c].name, arrow::utf8(), true));
    text_schema.push_back(StructField{schema[c].name, DataType::String(), true});
  }
  auto text_rows = std::make_shared<LocalRelation>();
  text_rows->schema = text_schema;
  text_rows->data =
      arrow::Table::Make(arrow::schema(fields), columns, static_cast<int64_t>(records.size()));
  auto project = std::make_shared<Project>();
  for (const auto& field : schema) {
    project->expressions.push_back(
        AliasedColumn(TryCast(ColumnRef(field.name), field.type), field.name));
  }
  project->children = {text_rows};
  SPK_ASSIGN_OR_RAISE(auto typed, engine.Collect(session, project));
  SPK_ASSIGN_OR_RAISE_ARROW(typed, typed->CombineChunks());

  // Which rows hold a value that does not fit its column.
  std::vector<bool> bad(records.size(), false);
  std::optional<std::pair<size_t, size_t>> first_bad;  // row, column
  for (size_t c = 0; c < schema.size(); ++c) {
    if (schema[c].type->IsStringLike()) continue;
    const auto& converted = typed->column(static_cast<int>(c))->chunk(0);
    for (size_t r = 0; r < records.size(); ++r) {
      if (records[r].cells[c] && converted->IsNull(static_cast<int64_t>(r))) {
        bad[r] = true;
        if (!first_bad || r < first_bad->first) first_bad = std::make_pair(r, c);
      }
    }
  }
  if (first_bad && fail_fast) {
    const auto& [row, column] = *first_bad;
    return Status::Error("MALFORMED_RECORD_IN_PARSING.CANNOT_PARSE_STRING_AS_DATATYPE",
                         {{"badRecord", records[row].raw},
                          {"failFastMode", "FAILFAST"},
                          {"fieldValue", "\"" + *records[row].cells[column] + "\""},
                          {"fieldName", QuoteIdentifier(schema[column].name)},
                          {"targetType", "\"" + schema[column].type->Sql() + "\""},
                          {"inputType", "\"STRING\""}});
  }
  auto rows = std::make_shared<LocalRelation>();
  rows->schema = schema;
  for (auto& field : rows->schema) field.nullable = true;
  if (first_bad && drop_malformed) {
    arrow::BooleanBuilder keep;
    for (bool b : bad) SPK_RETURN_NOT_OK_ARROW(keep.Append(!b));
    SPK_ASSIGN_OR_RAISE_ARROW(auto mask, keep.Finish());
    SPK_ASSIGN_OR_RAISE_ARROW(auto batch, typed->CombineChunksToBatch());
    std::vector<std::shared_ptr<arrow::Array>> kept;
    for (const auto& array : batch->columns()) {
      // Filtering by hand keeps this free of arrow::compute.
      std::unique_ptr<arrow::ArrayBuilder> builder;
      SPK_RETURN_NOT_OK_ARROW(
          arrow::MakeBuilder(arrow::default_memory_pool(), array->type(), &builder));
      for (int64_t r = 0; r < array->length(); ++r) {
        if (!bad[static_cast<size_t>(r)]) {
          SPK_RETURN_NOT_OK_ARROW(builder->AppendArraySlice(*array->data(), r, 1));
        }
      }
      std::shared_ptr<arrow::Array> out;
      SPK_RETURN_NOT_OK_ARROW(builder->Finish(&out));
      kept.push_back(out);
    }
    typed = arrow::Table::Make(batch->schema(), kept);
  }
  rows->data = typed;
  return PlanPtr(rows);
}

Result<PlanPtr> ParquetRows(Engine& engine, Session& session, const Schema& schema,
                            const std::vector<std::string>& files) {
  std::vector<std::shared_ptr<arrow::Table>> tables;
  std::shared_ptr<arrow::Schema> arrow_schema;
  for (const auto& file : files) {
    SPK_ASSIGN_OR_RAISE_ARROW(auto input, arrow::io::ReadableFile::Open(file));
    SPK_ASSIGN_OR_RAISE_ARROW(auto reader,
                              parquet::arrow::OpenFile(input, arrow::default_memory_pool()));
    std::shared_ptr<arrow::Table> table;
    SPK_RETURN_NOT_OK_ARROW(reader->ReadTable(&table));
    // Columns by name, NULL where a file lacks one; cast to the declared types below.
    std::vector<std::shared_ptr<arrow::ChunkedArray>> columns;
    std::vector<std::shared_ptr<arrow::Field>> fields;
    for (const auto& field : schema) {
      auto column = table->GetColumnByName(field.name);
      if (column == nullptr) {
        SPK_ASSIGN_OR_RAISE_ARROW(auto nulls,
                                  arrow::MakeArrayOfNull(arrow::utf8(), table->num_rows()));
        column = std::make_shared<arrow::ChunkedArray>(nulls);
      }
      fields.push_back(arrow::field(field.name, column->type(), true));
      columns.push_back(column);
    }
    auto picked = arrow::Table::Make(arrow::schema(fields), columns, table->num_rows());
    if (arrow_schema == nullptr) {
      arrow_schema = picked->schema();
    } else if (!arrow_schema->Equals(*picked->schema())) {
      return Status::NotImplemented("parquet files of one source with different column types");
    }
    tables.push_back(picked);
  }
  if (tables.empty()) {
    auto empty = std::make_shared<LocalRelation>();
    empty->schema = schema;
    return PlanPtr(empty);
  }
  SPK_ASSIGN_OR_RAISE_ARROW(auto all, arrow::ConcatenateTables(tables));
  SPK_ASSIGN_OR_RAISE(Schema file_schema, FromArrowSchema(*all->schema()));
  auto rows = std::make_shared<LocalRelation>();
  rows->schema = file_schema;
  rows->data = all;
  auto project = std::make_shared<Project>();
  for (const auto& field : schema) {
    auto cast = std::make_shared<Cast>();
    cast->children = {ColumnRef(field.name)};
    cast->target = field.type;
    cast->type = field.type;
    project->expressions.push_back(AliasedColumn(cast, field.name));
  }
  project->children = {rows};
  SPK_ASSIGN_OR_RAISE(auto typed, engine.Collect(session, project));
  auto relation = std::make_shared<LocalRelation>();
  relation->schema = schema;
  relation->data = typed;
  return PlanPtr(relation);
}

}  // namespace

Result<std::string> LocalPathOf(const std::string& uri) {
  std::string path = uri;
  if (path.rfind("file://", 0) == 0) {
    path = path.substr(7);
  } else if (path.rfind("file:", 0) == 0) {
    path = path.substr(5);
  } else if (path.find("://") != std::string::npos) {
    return Status::NotImplemented("paths with scheme " + path.substr(0, path.find("://")) +
                                  " (only local file: paths)");
  }
  if (path.empty() || path[0] != '/') {
    return Status::Error("_LEGACY_ERROR_PIPELINE_ILLEGAL_ARGUMENT",
                         {{"message", "Path must be absolute: " + uri}});
  }
  return path;
}

Result<std::vector<std::string>> ListSourceFiles(const DataSourceRead& read) {
  if (read.paths.empty()) {
    return Status::Error("_LEGACY_ERROR_PIPELINE_ILLEGAL_ARGUMENT",
                         {{"message", "'path' is not specified"}});
  }
  std::vector<std::string> files;
  for (const auto& uri : read.paths) {
    SPK_ASSIGN_OR_RAISE(std::string path, LocalPathOf(uri));
    std::error_code error;
    if (fs::is_regular_file(path, error)) {
      files.push_back(path);
      continue;
    }
    if (!fs::is_directory(path, error)) {
      return Status::Error("PATH_NOT_FOUND", {{"path", "file:" + path}});
    }
    for (const auto& entry : fs::directory_iterator(path, error)) {
      std::string name = entry.path().filename().string();
      if (name.empty() || name[0] == '_' || name[0] == '.') continue;
      if (entry.is_regular_file(error)) files.push_back(entry.path().string());
    }
    if (error) {
      return Status::Error("_LEGACY_ERROR_PIPELINE_RUNTIME",
                           {{"message", "Cannot list " + path + ": " + error.message()}});
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

Result<PlanPtr> ReadSourceFiles(Engine& engine, Session& session, const DataSourceRead& read,
                                const Schema& schema, const std::vector<std::string>& files) {
  std::string format = read.format.empty() ? "parquet" : read.format;
  if (format == "parquet") return ParquetRows(engine, session, schema, files);
  if (format != "csv" && format != "json") {
    return Status::NotImplemented("file source format " + format +
                                  " (csv, json and parquet are supported)");
  }
  for (const auto& field : schema) {
    if (field.type->IsNested()) {
      return Status::NotImplemented("nested column types in " + format + " file sources (" +
                                    QuoteIdentifier(field.name) + ")");
    }
  }
  std::vector<TextRecord> records;
  CsvRecordReader csv(read);
  for (const auto& file : files) {
    SPK_ASSIGN_OR_RAISE(std::string text, ReadWholeFile(file));
    SPK_ASSIGN_OR_RAISE(auto file_records, format == "csv" ? csv.Read(text, schema.size())
                                                           : ReadJsonRecords(text, schema));
    for (auto& record : file_records) records.push_back(std::move(record));
  }
  return TypedRows(engine, session, read, schema, std::move(records));
}

}  // namespace sparkling::pipelines
