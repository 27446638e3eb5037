#include "catalog/catalog_store.h"

#include "catalog/in_memory_catalog.h"
#include "plan/identifier.h"

namespace sparkling {

CatalogStore::CatalogStore()
    : default_catalog_(std::make_shared<InMemoryCatalog>(kDefaultCatalog)) {
  catalogs_[kDefaultCatalog] = default_catalog_;
}

const std::shared_ptr<CatalogStore>& CatalogStore::Global() {
  static const auto* store = new std::shared_ptr<CatalogStore>(std::make_shared<CatalogStore>());
  return *store;
}

std::shared_ptr<TableCatalog> CatalogStore::GetCatalog(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = catalogs_.find(LowerCase(name));
  return it == catalogs_.end() ? nullptr : it->second;
}

void CatalogStore::RegisterCatalog(std::shared_ptr<TableCatalog> catalog) {
  std::lock_guard<std::mutex> lock(mutex_);
  catalogs_[LowerCase(catalog->name())] = std::move(catalog);
}

void CatalogStore::SetDefaultCatalog(std::shared_ptr<TableCatalog> catalog) {
  std::lock_guard<std::mutex> lock(mutex_);
  catalogs_[LowerCase(catalog->name())] = catalog;
  default_catalog_ = std::move(catalog);
}

void CatalogStore::SetViewParser(ViewParser parser) {
  std::lock_guard<std::mutex> lock(mutex_);
  view_parser_ = std::move(parser);
}

Result<PlanPtr> CatalogStore::ParseView(const std::string& sql) const {
  ViewParser parser;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    parser = view_parser_;
  }
  if (!parser) return Status::NotImplemented("reading persistent views without a SQL parser");
  return parser(sql);
}

std::vector<std::string> CatalogStore::CatalogNames() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [key, catalog] : catalogs_) names.push_back(catalog->name());
  return names;
}

Status CatalogStore::CreateGlobalTempView(TempView view, bool replace) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string key = LowerCase(view.name);
  if (!replace && global_temp_views_.count(key) > 0) {
    return Status::Error("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
                         {{"relationName", QuoteNameParts({kGlobalTempDatabase, view.name})}});
  }
  global_temp_views_[key] = std::move(view);
  return Status::OK();
}

bool CatalogStore::DropGlobalTempView(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  return global_temp_views_.erase(LowerCase(name)) > 0;
}

std::optional<TempView> CatalogStore::GetGlobalTempView(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = global_temp_views_.find(LowerCase(name));
  if (it == global_temp_views_.end()) return std::nullopt;
  return it->second;
}

std::vector<TempView> CatalogStore::ListGlobalTempViews() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<TempView> views;
  for (const auto& [key, view] : global_temp_views_) views.push_back(view);
  return views;
}

}  // namespace sparkling
