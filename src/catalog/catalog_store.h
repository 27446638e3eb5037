#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "catalog/table_catalog.h"
#include "catalog/temp_view.h"

namespace sparkling {

/// Process-wide catalog state shared by all sessions: the registered catalogs
/// (`spark_catalog` always) and the global temporary views (database `global_temp`).
class CatalogStore {
 public:
  static constexpr const char* kDefaultCatalog = "spark_catalog";
  static constexpr const char* kDefaultDatabase = "default";
  static constexpr const char* kGlobalTempDatabase = "global_temp";

  CatalogStore();

  /// The store of this server process.
  static const std::shared_ptr<CatalogStore>& Global();

  /// The catalog by name (case-insensitive); nullptr when unknown.
  std::shared_ptr<TableCatalog> GetCatalog(const std::string& name) const;
  const std::shared_ptr<TableCatalog>& default_catalog() const { return default_catalog_; }
  void RegisterCatalog(std::shared_ptr<TableCatalog> catalog);
  /// Replaces `spark_catalog` (at start-up, before sessions exist).
  void SetDefaultCatalog(std::shared_ptr<TableCatalog> catalog);
  std::vector<std::string> CatalogNames() const;

  /// Parses a persistent view's SQL text into an unresolved plan. The engine installs it:
  /// the catalog layer sits below the parser.
  using ViewParser = std::function<Result<PlanPtr>(const std::string& sql)>;
  void SetViewParser(ViewParser parser);
  Result<PlanPtr> ParseView(const std::string& sql) const;

  // Global temporary views; names are case-insensitive.
  /// TEMP_TABLE_OR_VIEW_ALREADY_EXISTS when it exists and not `replace`.
  Status CreateGlobalTempView(TempView view, bool replace);
  bool DropGlobalTempView(const std::string& name);
  std::optional<TempView> GetGlobalTempView(const std::string& name) const;
  std::vector<TempView> ListGlobalTempViews() const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<TableCatalog> default_catalog_;
  std::map<std::string, std::shared_ptr<TableCatalog>> catalogs_;  // by lower-case name
  std::map<std::string, TempView> global_temp_views_;              // by lower-case name
  ViewParser view_parser_;
};

}  // namespace sparkling
