#include "catalog/iceberg_table_catalog.h"

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
      return Status::Error("SCHEMA_ALREADY_EXISTS", {{"schemaName", QuoteIdentifier(database.name)}});
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
              {{"message", "Cannot find matching snapshot ID or reference name for version " +
                               version}});
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
