#include "catalog/iceberg_table_catalog.h"

#include <nlohmann/json.hpp>

#include <chrono>

#include "iceberg/iceberg_table_source.h"
#include "plan/identifier.h"

namespace sparkling {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::vector<Attribute> FreshAttributes(const Schema& schema) {
  std::vector<Attribute> out;
  for (const auto& field : schema) {
    Attribute attribute;
    attribute.name = field.name;
    attribute.type = field.type;
    attribute.nullable = field.nullable;
    attribute.id = NewExprId();
    if (field.metadata_json != "{}") attribute.metadata_json = field.metadata_json;
    out.push_back(std::move(attribute));
  }
  return out;
}

class IcebergTableCatalog : public TableCatalog {
 public:
  IcebergTableCatalog(std::string name, std::shared_ptr<iceberg::IcebergCatalog> catalog)
      : name_(std::move(name)), catalog_(std::move(catalog)) {}

  const std::string& name() const override { return name_; }

  bool DatabaseExists(const std::string& database) const override {
    auto exists = catalog_->NamespaceExists({database});
    return exists.ok() && *exists;
  }

  std::vector<DatabaseInfo> ListDatabases() const override {
    std::vector<DatabaseInfo> out;
    auto namespaces = catalog_->ListNamespaces({});
    if (!namespaces.ok()) return out;
    for (const auto& ns : *namespaces) {
      if (ns.size() != 1) continue;
      if (auto info = GetDatabase(ns[0])) out.push_back(std::move(*info));
    }
    return out;
  }

  std::optional<DatabaseInfo> GetDatabase(const std::string& database) const override {
    auto properties = catalog_->LoadNamespace({database});
    if (!properties.ok()) return std::nullopt;
    DatabaseInfo info;
    info.name = database;
    for (const auto& [key, value] : *properties) {
      if (key == "comment") {
        info.description = value;
      } else if (key == "location") {
        info.location_uri = value;
      }
      info.properties.emplace_back(key, value);
    }
    return info;
  }

  Status CreateDatabase(const DatabaseInfo& database, bool if_not_exists) override {
    std::map<std::string, std::string> properties(database.properties.begin(),
                                                  database.properties.end());
    if (!database.description.empty()) properties["comment"] = database.description;
    if (!database.location_uri.empty()) properties["location"] = database.location_uri;
    Status status = catalog_->CreateNamespace({database.name}, properties);
    if (!status.ok() && status.error().error_class == "ICEBERG_ALREADY_EXISTS") {
      if (if_not_exists) return Status::OK();
      return Status::Error("SCHEMA_ALREADY_EXISTS",
                           {{"schemaName", QuoteIdentifier(database.name)}});
    }
    return status;
  }

  Status DropDatabase(const std::string& database, bool if_exists, bool cascade) override {
    if (cascade) {
      auto tables = catalog_->ListTables({database});
      if (tables.ok()) {
        for (const auto& id : *tables) SPK_RETURN_NOT_OK(catalog_->DropTable(id, false));
      }
    }
    Status status = catalog_->DropNamespace({database});
    if (status.ok()) return status;
    const std::string& error_class = status.error().error_class;
    if (error_class == "ICEBERG_NO_SUCH_NAMESPACE") {
      if (if_exists) return Status::OK();
      return Status::Error("SCHEMA_NOT_FOUND", {{"schemaName", QuoteIdentifier(database)}});
    }
    if (error_class == "ICEBERG_NAMESPACE_NOT_EMPTY") {
      return Status::Error("SCHEMA_NOT_EMPTY", {{"schemaName", QuoteIdentifier(database)}});
    }
    return status;
  }

  Result<std::vector<TableInfo>> ListTables(const std::string& database) const override {
    auto tables = catalog_->ListTables({database});
    if (!tables.ok()) {
      if (tables.status().error().error_class == "ICEBERG_NO_SUCH_NAMESPACE") {
        return Status::Error("SCHEMA_NOT_FOUND", {{"schemaName", QuoteIdentifier(database)}});
      }
      return tables.status();
    }
    std::vector<TableInfo> out;
    for (const auto& id : *tables) {
      TableInfo info;
      info.name = id.name;
      info.database = database;
      out.push_back(std::move(info));
    }
    return out;
  }

  Result<PlanPtr> LoadTable(const std::string& database, const std::string& table,
                            const TableReadOptions& options) const override {
    iceberg::TableIdentifier id{{database}, table};
    auto loaded = catalog_->LoadTable(id);
    if (!loaded.ok()) {
      const std::string& error_class = loaded.status().error().error_class;
      if (error_class == "ICEBERG_NO_SUCH_TABLE" || error_class == "ICEBERG_NO_SUCH_NAMESPACE") {
        return PlanPtr(nullptr);
      }
      return loaded.status();
    }
    if (options.metadata_table) {
      if (!iceberg::IsMetadataTableName(*options.metadata_table)) return PlanPtr(nullptr);
      SPK_ASSIGN_OR_RAISE(auto rows, iceberg::ReadMetadataTable(*options.metadata_table, *loaded));
      auto relation = std::make_shared<LocalRelation>();
      relation->data = rows.rows;
      relation->schema = rows.schema;
      relation->output = FreshAttributes(rows.schema);
      relation->analyzed = true;
      return PlanPtr(std::move(relation));
    }
    std::optional<int64_t> snapshot_id;
    const iceberg::TableMetadata& metadata = *loaded->metadata;
    if (options.version) {
      const std::string& version = *options.version;
      auto ref = metadata.refs.find(version);
      if (ref != metadata.refs.end()) {
        snapshot_id = ref->second.snapshot_id;
      } else {
        char* end = nullptr;
        long long parsed = std::strtoll(version.c_str(), &end, 10);
        if (end != nullptr && *end == '\0' && !version.empty() &&
            metadata.snapshot_by_id(parsed) != nullptr) {
          snapshot_id = parsed;
        } else {
          return Status::Error(
              "_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
              {{"message",
                "Cannot find matching snapshot ID or reference name for version " + version}});
        }
      }
    } else if (options.timestamp_micros) {
      const iceberg::Snapshot* snapshot =
          metadata.snapshot_as_of(FloorDiv(*options.timestamp_micros, 1000));
      if (snapshot == nullptr) {
        return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                             {{"message", "Cannot find a snapshot older than " +
                                              std::to_string(*options.timestamp_micros / 1000)}});
      }
      snapshot_id = snapshot->snapshot_id;
    }
    std::string quoted = QuoteNameParts({name_, database, table});
    auto source = std::make_shared<iceberg::IcebergTableSource>(quoted, id, *loaded, snapshot_id);
    auto scan = std::make_shared<TableScan>();
    scan->source = source;
    scan->output = FreshAttributes(source->schema());
    scan->analyzed = true;
    return PlanPtr(std::move(scan));
  }

  std::shared_ptr<iceberg::IcebergCatalog> iceberg() const override { return catalog_; }

  Result<std::optional<ViewDefinition>> LoadView(const std::string& database,
                                                 const std::string& name) const override {
    auto loaded = catalog_->LoadView({{database}, name});
    if (!loaded.ok()) {
      const std::string& error_class = loaded.status().error().error_class;
      if (error_class == "ICEBERG_NO_SUCH_VIEW" || error_class == "ICEBERG_NO_SUCH_NAMESPACE" ||
          error_class == "ICEBERG_NO_SUCH_TABLE") {
        return std::optional<ViewDefinition>();
      }
      return loaded.status();
    }
    const nlohmann::json& metadata = loaded->metadata;
    ViewDefinition view;
    view.name = name;
    view.database = database;
    // value() returns copies: keep the versions array alive while pointing into it.
    const nlohmann::json versions = metadata.value("versions", nlohmann::json::array());
    const nlohmann::json* version = nullptr;
    int64_t current = metadata.value("current-version-id", int64_t{-1});
    for (const auto& candidate : versions) {
      if (candidate.is_object() && candidate.value("version-id", int64_t{-2}) == current) {
        version = &candidate;
      }
    }
    if (version == nullptr) {
      return Status::Internal("view " + name + " has no current version");
    }
    for (const auto& representation : version->value("representations", nlohmann::json::array())) {
      if (representation.value("type", "") != "sql") continue;
      std::string dialect = representation.value("dialect", "");
      if (view.sql.empty() || dialect == "spark") view.sql = representation.value("sql", "");
    }
    view.default_catalog = version->value("default-catalog", name_);
    for (const auto& level : version->value("default-namespace", nlohmann::json::array())) {
      if (level.is_string()) view.default_namespace.push_back(level.get<std::string>());
    }
    int schema_id = version->value("schema-id", 0);
    for (const auto& schema_json : metadata.value("schemas", nlohmann::json::array())) {
      if (schema_json.value("schema-id", -1) != schema_id) continue;
      SPK_ASSIGN_OR_RAISE(auto schema, iceberg::IcebergSchemaFromJson(schema_json));
      view.schema = iceberg::ToSparkSchema(schema);
    }
    for (const auto& [key, value] :
         metadata.value("properties", nlohmann::json::object()).items()) {
      if (value.is_string()) view.properties.emplace_back(key, value.get<std::string>());
    }
    return std::optional<ViewDefinition>(std::move(view));
  }

  Result<std::vector<std::string>> ListViews(const std::string& database) const override {
    auto views = catalog_->ListViews({database});
    if (!views.ok()) {
      if (views.status().error().error_class == "ICEBERG_NO_SUCH_NAMESPACE") {
        return Status::Error("SCHEMA_NOT_FOUND",
                             {{"schemaName", QuoteNameParts({name_, database})}});
      }
      return views.status();
    }
    std::vector<std::string> out;
    for (const auto& id : *views) out.push_back(id.name);
    return out;
  }

  Status CreateView(const ViewDefinition& view, bool replace) override {
    iceberg::TableIdentifier id{{view.database}, view.name};
    SPK_ASSIGN_OR_RAISE(iceberg::IcebergSchema schema, iceberg::FromSparkSchema(view.schema));
    const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    nlohmann::json version = {
        {"version-id", 1},
        {"timestamp-ms", now},
        {"schema-id", schema.schema_id},
        {"summary", {{"engine-name", "sparkling"}, {"engine-version", "4.1.1"}}},
        {"representations",
         nlohmann::json::array({{{"type", "sql"}, {"sql", view.sql}, {"dialect", "spark"}}})},
        {"default-catalog", view.default_catalog},
        {"default-namespace", view.default_namespace}};
    std::map<std::string, std::string> properties(view.properties.begin(), view.properties.end());
    auto existing = catalog_->LoadView(id);
    if (existing.ok()) {
      if (!replace) {
        return Status::Error("VIEW_ALREADY_EXISTS",
                             {{"relationName", QuoteNameParts({name_, view.database, view.name})}});
      }
      int64_t next_version = 1;
      for (const auto& old : existing->metadata.value("versions", nlohmann::json::array())) {
        next_version = std::max(next_version, old.value("version-id", int64_t{0}) + 1);
      }
      version["version-id"] = next_version;
      version["schema-id"] = -1;
      nlohmann::json requirements = nlohmann::json::array(
          {{{"type", "assert-view-uuid"}, {"uuid", existing->metadata.value("view-uuid", "")}}});
      nlohmann::json updates = nlohmann::json::array(
          {{{"action", "add-schema"}, {"schema", iceberg::IcebergSchemaToJson(schema)}},
           {{"action", "add-view-version"}, {"view-version", version}},
           {{"action", "set-current-view-version"}, {"view-version-id", -1}},
           {{"action", "set-properties"}, {"updates", properties}}});
      return catalog_->ReplaceView(id, requirements, updates).status();
    }
    iceberg::CreateViewRequest request;
    request.name = view.name;
    request.schema = schema;
    request.view_version = version;
    request.properties = properties;
    auto created = catalog_->CreateView({view.database}, request);
    if (created.ok()) return Status::OK();
    const std::string& error_class = created.status().error().error_class;
    if (error_class == "ICEBERG_ALREADY_EXISTS") {
      return Status::Error("TABLE_OR_VIEW_ALREADY_EXISTS",
                           {{"relationName", QuoteNameParts({name_, view.database, view.name})}});
    }
    if (error_class == "ICEBERG_NO_SUCH_NAMESPACE") {
      return Status::Error("SCHEMA_NOT_FOUND",
                           {{"schemaName", QuoteNameParts({name_, view.database})}});
    }
    return created.status();
  }

  Result<bool> DropView(const std::string& database, const std::string& name) override {
    Status dropped = catalog_->DropView({{database}, name});
    if (dropped.ok()) return true;
    const std::string& error_class = dropped.error().error_class;
    if (error_class == "ICEBERG_NO_SUCH_VIEW" || error_class == "ICEBERG_NO_SUCH_NAMESPACE" ||
        error_class == "ICEBERG_NO_SUCH_TABLE") {
      return false;
    }
    return dropped;
  }

 private:
  const std::string name_;
  std::shared_ptr<iceberg::IcebergCatalog> catalog_;
};

}  // namespace

std::shared_ptr<TableCatalog> MakeIcebergTableCatalog(
    std::string name, std::shared_ptr<iceberg::IcebergCatalog> catalog) {
  return std::make_shared<IcebergTableCatalog>(std::move(name), std::move(catalog));
}

}  // namespace sparkling
