#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_store.h"
#include "catalog/table_catalog.h"
#include "catalog/temp_view.h"

namespace sparkling {

/// A relation found by name: the plan reading it and the qualifier its columns carry.
struct CatalogRelation {
  enum class Kind { kTempView, kGlobalTempView, kTable, kView };
  Kind kind = Kind::kTable;
  PlanPtr plan;                        // analyzed; for kView the parsed, unresolved view text
  std::vector<std::string> qualifier;  // {"v"}, {"global_temp", "v"}, {"spark_catalog", "db", "t"}
  std::string sql_text;                // view text, when a SQL view
  Schema view_schema;                  // kView: the columns the view shows
};

/// One session's view of the catalog: its temporary views, current catalog and database, on
/// top of the process-wide CatalogStore. Thread-safe (requests of a session may run
/// concurrently). Names are case-insensitive.
class SessionCatalog {
 public:
  explicit SessionCatalog(std::shared_ptr<CatalogStore> store = CatalogStore::Global());

  CatalogStore& store() const { return *store_; }

  // Current catalog and database (USE, current_database(), setCurrentDatabase).
  std::string current_catalog() const;
  /// CATALOG_NOT_FOUND for unknown catalogs.
  Status SetCurrentCatalog(const std::string& name);
  std::string current_database() const;
  /// `name` is [db] or [catalog, db]; SCHEMA_NOT_FOUND when the database does not exist.
  Status SetCurrentDatabase(const std::vector<std::string>& name);

  // Session temporary views.
  /// TEMP_TABLE_OR_VIEW_ALREADY_EXISTS when it exists and not `replace`.
  Status CreateTempView(TempView view, bool replace);
  /// False when there was no such view.
  bool DropTempView(const std::string& name);
  std::optional<TempView> GetTempView(const std::string& name) const;
  /// Sorted by name.
  std::vector<TempView> ListTempViews() const;
  // Global temporary views (database global_temp), shared by all sessions.
  Status CreateGlobalTempView(TempView view, bool replace);
  bool DropGlobalTempView(const std::string& name);

  // Databases of the current catalog (or of the catalog named first in `name`).
  bool DatabaseExists(const std::vector<std::string>& name) const;
  /// SHOW DATABASES [LIKE pattern]: sorted by name.
  Result<std::vector<DatabaseInfo>> ListDatabases(
      const std::optional<std::string>& pattern = std::nullopt) const;
  Status CreateDatabase(const std::vector<std::string>& name, const DatabaseInfo& info,
                        bool if_not_exists);
  Status DropDatabase(const std::vector<std::string>& name, bool if_exists, bool cascade);

  /// SHOW TABLES [IN db] [LIKE pattern] / catalog.listTables: the database's tables (current
  /// database when unset) followed by the session's temporary views (isTemporary = true);
  /// listing global_temp also lists the global temporary views. SCHEMA_NOT_FOUND for unknown
  /// databases.
  Result<std::vector<TableInfo>> ListTables(
      const std::optional<std::vector<std::string>>& database = std::nullopt,
      const std::optional<std::string>& pattern = std::nullopt) const;

  /// Finds a relation by multi-part name, Spark's order: a temp view (one part), a global temp
  /// view (global_temp.v), then a table of the current (or named) catalog and database.
  /// nullopt when nothing matches (the analyzer raises TABLE_OR_VIEW_NOT_FOUND).
  Result<std::optional<CatalogRelation>> LookupRelation(const std::vector<std::string>& name_parts,
                                                        const TableReadOptions& options = {}) const;

  /// The catalog, database and table a table name refers to (one to three parts; a leading
  /// catalog name is taken as the catalog). nullopt when the catalog is unknown.
  struct TableName {
    std::shared_ptr<TableCatalog> catalog;
    std::string database;
    std::string table;
  };
  std::optional<TableName> ResolveTableName(const std::vector<std::string>& name_parts) const;

 private:
  /// The catalog and database a possibly qualified database name refers to.
  Result<std::pair<std::shared_ptr<TableCatalog>, std::string>> ResolveDatabase(
      const std::vector<std::string>& name) const;

  std::shared_ptr<CatalogStore> store_;
  mutable std::mutex mutex_;
  std::string current_catalog_ = CatalogStore::kDefaultCatalog;
  std::string current_database_ = CatalogStore::kDefaultDatabase;
  std::map<std::string, TempView> temp_views_;  // by lower-case name
};

}  // namespace sparkling
