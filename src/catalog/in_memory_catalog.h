#pragma once

#include <map>
#include <mutex>

#include "catalog/table_catalog.h"

namespace sparkling {

/// `spark_catalog` kept in process memory: databases, and tables as resolved plans over
/// in-memory data. Database names are case-insensitive (stored lower case, like Hive).
class InMemoryCatalog : public TableCatalog {
 public:
  explicit InMemoryCatalog(std::string name = "spark_catalog");

  const std::string& name() const override { return name_; }
  bool DatabaseExists(const std::string& database) const override;
  std::vector<DatabaseInfo> ListDatabases() const override;
  std::optional<DatabaseInfo> GetDatabase(const std::string& database) const override;
  Status CreateDatabase(const DatabaseInfo& database, bool if_not_exists) override;
  Status DropDatabase(const std::string& database, bool if_exists, bool cascade) override;
  Result<std::vector<TableInfo>> ListTables(const std::string& database) const override;
  Result<PlanPtr> LoadTable(const std::string& database, const std::string& table,
                            const TableReadOptions& options = {}) const override;

  /// Registers (or replaces) a table whose rows `plan` produces (a resolved plan).
  Status PutTable(const std::string& database, const TableInfo& info, PlanPtr plan);

 private:
  struct StoredTable {
    TableInfo info;
    PlanPtr plan;
  };
  struct StoredDatabase {
    DatabaseInfo info;
    std::map<std::string, StoredTable> tables;  // by lower-case name
  };

  const std::string name_;
  mutable std::mutex mutex_;
  std::map<std::string, StoredDatabase> databases_;  // by lower-case name
};

}  // namespace sparkling
