#include "catalog/iceberg_table_catalog.h"

#include "plan/identifier.h"

namespace sparkling {
namespace {

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

  Result<PlanPtr> LoadTable(const std::string& database, const std::string& table) const override {
    return Status::NotImplemented("reading Iceberg tables");
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
