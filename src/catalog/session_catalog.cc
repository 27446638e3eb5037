#include "catalog/session_catalog.h"

#include <algorithm>

#include "catalog/name_pattern.h"
#include "plan/identifier.h"

namespace sparkling {

SessionCatalog::SessionCatalog(std::shared_ptr<CatalogStore> store) : store_(std::move(store)) {}

std::string SessionCatalog::current_catalog() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_catalog_;
}

Status SessionCatalog::SetCurrentCatalog(const std::string& name) {
  auto catalog = store_->GetCatalog(name);
  if (catalog == nullptr) {
    return Status::Error("CATALOG_NOT_FOUND", {{"catalogName", QuoteIdentifier(name)},
                                               {"config", "\"spark.sql.catalog." + name + "\""}});
  }
  std::lock_guard<std::mutex> lock(mutex_);
  current_catalog_ = catalog->name();
  current_database_ = CatalogStore::kDefaultDatabase;
  return Status::OK();
}

std::string SessionCatalog::current_database() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_database_;
}

Result<std::pair<std::shared_ptr<TableCatalog>, std::string>> SessionCatalog::ResolveDatabase(
    const std::vector<std::string>& name) const {
  if (name.empty() || name.size() > 2) {
    return Status::Error(
        "REQUIRES_SINGLE_PART_NAMESPACE",
        {{"sessionCatalog", CatalogStore::kDefaultCatalog}, {"namespace", QuoteNameParts(name)}});
  }
  if (name.size() == 2) {
    auto catalog = store_->GetCatalog(name[0]);
    if (catalog == nullptr) {
      return Status::Error("CATALOG_NOT_FOUND",
                           {{"catalogName", QuoteIdentifier(name[0])},
                            {"config", "\"spark.sql.catalog." + name[0] + "\""}});
    }
    return std::make_pair(catalog, name[1]);
  }
  auto catalog = store_->GetCatalog(current_catalog());
  if (catalog == nullptr) catalog = store_->default_catalog();
  return std::make_pair(catalog, name[0]);
}

Status SessionCatalog::SetCurrentDatabase(const std::vector<std::string>& name) {
  SPK_ASSIGN_OR_RAISE(auto resolved, ResolveDatabase(name));
  auto& [catalog, database] = resolved;
  if (!catalog->DatabaseExists(database)) {
    return Status::Error("SCHEMA_NOT_FOUND",
                         {{"schemaName", QuoteNameParts({catalog->name(), database})}});
  }
  std::lock_guard<std::mutex> lock(mutex_);
  current_catalog_ = catalog->name();
  current_database_ = LowerCase(database);
  return Status::OK();
}

Status SessionCatalog::CreateTempView(TempView view, bool replace) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string key = LowerCase(view.name);
  if (!replace && temp_views_.count(key) > 0) {
    return Status::Error("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
                         {{"relationName", QuoteIdentifier(view.name)}});
  }
  temp_views_[key] = std::move(view);
  return Status::OK();
}

bool SessionCatalog::DropTempView(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  return temp_views_.erase(LowerCase(name)) > 0;
}

std::optional<TempView> SessionCatalog::GetTempView(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = temp_views_.find(LowerCase(name));
  if (it == temp_views_.end()) return std::nullopt;
  return it->second;
}

std::vector<TempView> SessionCatalog::ListTempViews() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<TempView> views;
  for (const auto& [key, view] : temp_views_) views.push_back(view);
  return views;
}

Status SessionCatalog::CreateGlobalTempView(TempView view, bool replace) {
  return store_->CreateGlobalTempView(std::move(view), replace);
}

bool SessionCatalog::DropGlobalTempView(const std::string& name) {
  return store_->DropGlobalTempView(name);
}

bool SessionCatalog::DatabaseExists(const std::vector<std::string>& name) const {
  auto resolved = ResolveDatabase(name);
  if (!resolved.ok()) return false;
  return resolved->first->DatabaseExists(resolved->second);
}

Result<std::vector<DatabaseInfo>> SessionCatalog::ListDatabases(
    const std::optional<std::string>& pattern) const {
  auto catalog = store_->GetCatalog(current_catalog());
  if (catalog == nullptr) catalog = store_->default_catalog();
  std::vector<DatabaseInfo> databases;
  for (auto& database : catalog->ListDatabases()) {
    if (pattern.has_value() && !MatchesNamePattern(database.name, *pattern)) continue;
    databases.push_back(std::move(database));
  }
  std::sort(databases.begin(), databases.end(),
            [](const DatabaseInfo& a, const DatabaseInfo& b) { return a.name < b.name; });
  return databases;
}

Status SessionCatalog::CreateDatabase(const std::vector<std::string>& name,
                                      const DatabaseInfo& info, bool if_not_exists) {
  SPK_ASSIGN_OR_RAISE(auto resolved, ResolveDatabase(name));
  auto& [catalog, database] = resolved;
  if (EqualsIgnoreCase(database, CatalogStore::kGlobalTempDatabase)) {
    // The global temp database is reserved (Spark's check in SessionCatalog.createDatabase).
    return Status::Error("_LEGACY_ERROR_TEMP_1066", {{"database", database}});
  }
  DatabaseInfo stored = info;
  stored.name = database;
  Status status = catalog->CreateDatabase(stored, if_not_exists);
  return status;
}

Status SessionCatalog::DropDatabase(const std::vector<std::string>& name, bool if_exists,
                                    bool cascade) {
  SPK_ASSIGN_OR_RAISE(auto resolved, ResolveDatabase(name));
  auto& [catalog, database] = resolved;
  SPK_RETURN_NOT_OK(catalog->DropDatabase(database, if_exists, cascade));
  std::lock_guard<std::mutex> lock(mutex_);
  if (EqualsIgnoreCase(current_database_, database) &&
      EqualsIgnoreCase(current_catalog_, catalog->name())) {
    current_database_ = CatalogStore::kDefaultDatabase;
  }
  return Status::OK();
}

Result<std::vector<TableInfo>> SessionCatalog::ListTables(
    const std::optional<std::vector<std::string>>& database,
    const std::optional<std::string>& pattern) const {
  std::vector<std::string> database_name =
      database.has_value() ? *database : std::vector<std::string>{current_database()};
  std::vector<TableInfo> tables;
  if (database_name.size() == 1 &&
      EqualsIgnoreCase(database_name[0], CatalogStore::kGlobalTempDatabase)) {
    for (const auto& view : store_->ListGlobalTempViews()) {
      TableInfo info;
      info.name = view.name;
      info.database = CatalogStore::kGlobalTempDatabase;
      info.table_type = "TEMPORARY";
      info.is_temporary = true;
      tables.push_back(std::move(info));
    }
  } else {
    SPK_ASSIGN_OR_RAISE(auto resolved, ResolveDatabase(database_name));
    auto& [catalog, database_in_catalog] = resolved;
    SPK_ASSIGN_OR_RAISE(tables, catalog->ListTables(database_in_catalog));
    // Persistent views are listed with the tables, as Spark's session catalog lists them.
    SPK_ASSIGN_OR_RAISE(auto views, catalog->ListViews(database_in_catalog));
    for (const auto& view : views) {
      TableInfo info;
      info.name = view;
      info.database = LowerCase(database_in_catalog);
      info.table_type = "VIEW";
      tables.push_back(std::move(info));
    }
    std::sort(tables.begin(), tables.end(),
              [](const TableInfo& a, const TableInfo& b) { return a.name < b.name; });
  }
  for (const auto& view : ListTempViews()) {
    TableInfo info;
    info.name = view.name;
    info.table_type = "TEMPORARY";
    info.is_temporary = true;
    tables.push_back(std::move(info));
  }
  if (pattern.has_value()) {
    std::erase_if(
        tables, [&](const TableInfo& table) { return !MatchesNamePattern(table.name, *pattern); });
  }
  return tables;
}

std::optional<SessionCatalog::TableName> SessionCatalog::ResolveTableName(
    const std::vector<std::string>& name_parts) const {
  TableName name;
  if (name_parts.size() == 1) {
    name.catalog = store_->GetCatalog(current_catalog());
    name.database = current_database();
    name.table = name_parts[0];
  } else if (name_parts.size() == 2) {
    name.catalog = store_->GetCatalog(current_catalog());
    name.database = name_parts[0];
    name.table = name_parts[1];
  } else if (name_parts.size() == 3) {
    name.catalog = store_->GetCatalog(name_parts[0]);
    name.database = name_parts[1];
    name.table = name_parts[2];
  } else {
    return std::nullopt;
  }
  if (name.catalog == nullptr) return std::nullopt;
  return name;
}

Result<std::optional<CatalogRelation>> SessionCatalog::LookupRelation(
    const std::vector<std::string>& name_parts, const TableReadOptions& options) const {
  if (name_parts.empty()) return std::optional<CatalogRelation>();
  if (name_parts.size() == 1 && !options.time_travel()) {
    if (auto view = GetTempView(name_parts[0])) {
      return std::optional<CatalogRelation>(CatalogRelation{
          CatalogRelation::Kind::kTempView, view->plan, {name_parts[0]}, view->sql_text});
    }
  }
  if (name_parts.size() == 2 &&
      EqualsIgnoreCase(name_parts[0], CatalogStore::kGlobalTempDatabase)) {
    if (auto view = store_->GetGlobalTempView(name_parts[1])) {
      return std::optional<CatalogRelation>(
          CatalogRelation{CatalogRelation::Kind::kGlobalTempView,
                          view->plan,
                          {CatalogStore::kGlobalTempDatabase, name_parts[1]},
                          view->sql_text});
    }
    return std::optional<CatalogRelation>();
  }
  auto load = [&](const TableName& name,
                  const TableReadOptions& read) -> Result<std::optional<CatalogRelation>> {
    SPK_ASSIGN_OR_RAISE(PlanPtr plan, name.catalog->LoadTable(name.database, name.table, read));
    if (plan == nullptr) return std::optional<CatalogRelation>();
    std::vector<std::string> qualifier = {name.catalog->name(), LowerCase(name.database),
                                          name.table};
    if (read.metadata_table) qualifier.push_back(*read.metadata_table);
    return std::optional<CatalogRelation>(
        CatalogRelation{CatalogRelation::Kind::kTable, plan, std::move(qualifier), ""});
  };
  if (std::optional<TableName> name = ResolveTableName(name_parts)) {
    SPK_ASSIGN_OR_RAISE(auto found, load(*name, options));
    if (found) return found;
    if (!options.time_travel() && !options.metadata_table) {
      SPK_ASSIGN_OR_RAISE(auto view, name->catalog->LoadView(name->database, name->table));
      if (view) {
        SPK_ASSIGN_OR_RAISE(PlanPtr plan, store_->ParseView(view->sql));
        CatalogRelation relation{CatalogRelation::Kind::kView,
                                 std::move(plan),
                                 {name->catalog->name(), LowerCase(name->database), name->table},
                                 view->sql};
        relation.view_schema = view->schema;
        return std::optional<CatalogRelation>(std::move(relation));
      }
    }
  }
  // db.t.snapshots or catalog.db.t.snapshots: a table's metadata table.
  if (name_parts.size() >= 2 && !options.metadata_table) {
    std::vector<std::string> table_parts(name_parts.begin(), name_parts.end() - 1);
    std::string metadata_table = LowerCase(name_parts.back());
    if (std::optional<TableName> name = ResolveTableName(table_parts)) {
      TableReadOptions read = options;
      read.metadata_table = metadata_table;
      return load(*name, read);
    }
  }
  return std::optional<CatalogRelation>();
}

}  // namespace sparkling
