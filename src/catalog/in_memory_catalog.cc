#include "catalog/in_memory_catalog.h"

#include "plan/identifier.h"

namespace sparkling {

InMemoryCatalog::InMemoryCatalog(std::string name) : name_(std::move(name)) {
  // Spark's default database always exists.
  databases_["default"].info = DatabaseInfo{"default", "default database", "", {}};
}

bool InMemoryCatalog::DatabaseExists(const std::string& database) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return databases_.count(LowerCase(database)) > 0;
}

std::vector<DatabaseInfo> InMemoryCatalog::ListDatabases() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<DatabaseInfo> out;
  for (const auto& [key, database] : databases_) out.push_back(database.info);
  return out;
}

std::optional<DatabaseInfo> InMemoryCatalog::GetDatabase(const std::string& database) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = databases_.find(LowerCase(database));
  if (it == databases_.end()) return std::nullopt;
  return it->second.info;
}

Status InMemoryCatalog::CreateDatabase(const DatabaseInfo& database, bool if_not_exists) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string key = LowerCase(database.name);
  if (databases_.count(key) > 0) {
    if (if_not_exists) return Status::OK();
    return Status::Error("SCHEMA_ALREADY_EXISTS", {{"schemaName", QuoteIdentifier(key)}});
  }
  StoredDatabase stored;
  stored.info = database;
  stored.info.name = key;
  databases_.emplace(key, std::move(stored));
  return Status::OK();
}

Status InMemoryCatalog::DropDatabase(const std::string& database, bool if_exists, bool cascade) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string key = LowerCase(database);
  auto it = databases_.find(key);
  if (it == databases_.end()) {
    if (if_exists) return Status::OK();
    return Status::Error("SCHEMA_NOT_FOUND", {{"schemaName", QuoteNameParts({name_, key})}});
  }
  if (key == "default") {
    return Status::Error("UNSUPPORTED_FEATURE.DROP_DATABASE",
                         {{"database", QuoteNameParts({name_, key})}});
  }
  if (!it->second.tables.empty() && !cascade) {
    return Status::Error("SCHEMA_NOT_EMPTY", {{"schemaName", QuoteIdentifier(key)}});
  }
  databases_.erase(it);
  return Status::OK();
}

Result<std::vector<TableInfo>> InMemoryCatalog::ListTables(const std::string& database) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = databases_.find(LowerCase(database));
  if (it == databases_.end()) {
    return Status::Error("SCHEMA_NOT_FOUND",
                         {{"schemaName", QuoteNameParts({name_, LowerCase(database)})}});
  }
  std::vector<TableInfo> out;
  for (const auto& [key, table] : it->second.tables) out.push_back(table.info);
  return out;
}

Result<PlanPtr> InMemoryCatalog::LoadTable(const std::string& database, const std::string& table,
                                           const TableReadOptions& options) const {
  if (options.time_travel() || options.metadata_table) return PlanPtr(nullptr);
  std::lock_guard<std::mutex> lock(mutex_);
  auto db = databases_.find(LowerCase(database));
  if (db == databases_.end()) return PlanPtr(nullptr);
  auto it = db->second.tables.find(LowerCase(table));
  if (it == db->second.tables.end()) return PlanPtr(nullptr);
  return it->second.plan;
}

Status InMemoryCatalog::PutTable(const std::string& database, const TableInfo& info, PlanPtr plan) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto db = databases_.find(LowerCase(database));
  if (db == databases_.end()) {
    return Status::Error("SCHEMA_NOT_FOUND",
                         {{"schemaName", QuoteNameParts({name_, LowerCase(database)})}});
  }
  StoredTable stored{info, std::move(plan)};
  stored.info.database = db->first;
  db->second.tables[LowerCase(info.name)] = std::move(stored);
  return Status::OK();
}

}  // namespace sparkling
