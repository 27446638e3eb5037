#pragma once

// The seam between the session catalog and the stores of persistent databases and tables.
// `spark_catalog` is in memory for now (InMemoryCatalog); Iceberg catalogs plug in later as
// further TableCatalog implementations registered in the CatalogStore.

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "plan/logical_plan.h"

namespace sparkling::iceberg {
class IcebergCatalog;
}

namespace sparkling {

/// How a table is read: at its current state, or at a version or time (time travel), or one
/// of its metadata tables (`t.snapshots`).
struct TableReadOptions {
  std::optional<std::string> version;         // VERSION AS OF / snapshot-id / branch / tag
  std::optional<int64_t> timestamp_micros;    // TIMESTAMP AS OF / as-of-timestamp
  std::optional<std::string> metadata_table;  // lower case
  bool time_travel() const { return version.has_value() || timestamp_micros.has_value(); }
};

struct DatabaseInfo {
  std::string name;
  std::string description;
  std::string location_uri;
  std::vector<std::pair<std::string, std::string>> properties;
};

/// A persistent table or view as catalog listings report it.
struct TableInfo {
  std::string name;
  std::string database;
  std::string description;
  std::string table_type = "MANAGED";  // MANAGED, EXTERNAL, VIEW, TEMPORARY
  bool is_temporary = false;
  Schema schema;
};

/// A persistent view: its SQL text, the columns it shows and where names in it resolve.
struct ViewDefinition {
  std::string name;
  std::string database;
  std::string sql;
  Schema schema;  // the view's columns (names applied to the query's output by position)
  std::string default_catalog;
  std::vector<std::string> default_namespace;
  std::vector<std::pair<std::string, std::string>> properties;
};

/// A catalog of databases and tables (Spark's CatalogPlugin with namespaces and tables).
/// Implementations are shared by all sessions and must be thread-safe.
class TableCatalog {
 public:
  virtual ~TableCatalog() = default;

  /// The catalog's name ("spark_catalog").
  virtual const std::string& name() const = 0;

  virtual bool DatabaseExists(const std::string& database) const = 0;
  virtual std::vector<DatabaseInfo> ListDatabases() const = 0;
  virtual std::optional<DatabaseInfo> GetDatabase(const std::string& database) const = 0;
  /// SCHEMA_ALREADY_EXISTS unless `if_not_exists`.
  virtual Status CreateDatabase(const DatabaseInfo& database, bool if_not_exists) = 0;
  /// SCHEMA_NOT_FOUND unless `if_exists`; SCHEMA_NOT_EMPTY when it has tables and not `cascade`.
  virtual Status DropDatabase(const std::string& database, bool if_exists, bool cascade) = 0;

  /// Tables of a database (SCHEMA_NOT_FOUND when it does not exist).
  virtual Result<std::vector<TableInfo>> ListTables(const std::string& database) const = 0;
  /// The plan that reads a table: a resolved leaf (or subtree) whose output are the table's
  /// columns. nullptr when the database or table does not exist.
  virtual Result<PlanPtr> LoadTable(const std::string& database, const std::string& table,
                                    const TableReadOptions& options = {}) const = 0;
  // Persistent views. Catalogs without views report none and refuse to create them.
  virtual Result<std::optional<ViewDefinition>> LoadView(const std::string& database,
                                                         const std::string& name) const {
    return std::optional<ViewDefinition>();
  }
  virtual Result<std::vector<std::string>> ListViews(const std::string& database) const {
    return std::vector<std::string>{};
  }
  /// VIEW_ALREADY_EXISTS / TABLE_OR_VIEW_ALREADY_EXISTS unless `replace`.
  virtual Status CreateView(const ViewDefinition& view, bool replace) {
    return Status::NotImplemented("persistent views in catalog " + name());
  }
  /// False when there was no such view.
  virtual Result<bool> DropView(const std::string& database, const std::string& name) {
    return false;
  }

  /// The Iceberg catalog behind this one, for table writes and DDL; nullptr when none.
  virtual std::shared_ptr<iceberg::IcebergCatalog> iceberg() const { return nullptr; }
};

}  // namespace sparkling
