#include "connect/catalog_handler.h"

#include <arrow/api.h>
#include <spark/connect/catalog.pb.h>

#include <algorithm>
#include <cctype>

#include "catalog/catalog_store.h"
#include "catalog/name_pattern.h"
#include "catalog/session_catalog.h"
#include "connect/translation_errors.h"
#include "function/function_registry.h"
#include "parser/sql_parser.h"

namespace sparkling::connect {
namespace {

using spark::connect::Catalog;

// Builds a result table column by column: string, boolean and array<string> cells, any of
// which may be null.
class ResultBuilder {
 public:
  void AddStringColumn(const std::string& name) { AddColumn(name, DataType::String()); }
  void AddBooleanColumn(const std::string& name) { AddColumn(name, DataType::Boolean()); }
  void AddStringArrayColumn(const std::string& name) {
    AddColumn(name, DataType::Array(DataType::String(), true));
  }

  void String(const std::optional<std::string>& value) { Next().strings.push_back(value); }
  void Boolean(bool value) { Next().booleans.push_back(value); }
  void StringArray(const std::optional<std::vector<std::string>>& value) {
    Next().arrays.push_back(value);
  }

  Result<LocalResult> Finish() {
    std::vector<std::shared_ptr<arrow::Array>> arrays;
    std::vector<std::shared_ptr<arrow::Field>> fields;
    for (size_t i = 0; i < columns_.size(); ++i) {
      SPK_ASSIGN_OR_RAISE(auto array, BuildColumn(columns_[i]));
      fields.push_back(arrow::field(schema_[i].name, array->type(), true));
      arrays.push_back(std::move(array));
    }
    LocalResult result;
    result.schema = schema_;
    if (columns_.empty()) {
      result.table = arrow::Table::MakeEmpty(arrow::schema({})).ValueOr(nullptr);
    } else {
      result.table = arrow::Table::Make(arrow::schema(fields), arrays);
    }
    return result;
  }

 private:
  struct Column {
    TypeId type;
    std::vector<std::optional<std::string>> strings;
    std::vector<bool> booleans;
    std::vector<std::optional<std::vector<std::string>>> arrays;
  };

  void AddColumn(const std::string& name, DataTypePtr type) {
    schema_.push_back(StructField{name, type, true});
    columns_.push_back(Column{type->id(), {}, {}, {}});
  }
  // Cells are appended row by row, left to right.
  Column& Next() {
    Column& column = columns_[cell_ % columns_.size()];
    ++cell_;
    return column;
  }

  static Result<std::shared_ptr<arrow::Array>> BuildColumn(const Column& column) {
    std::shared_ptr<arrow::Array> out;
    if (column.type == TypeId::kString) {
      arrow::StringBuilder builder;
      for (const auto& value : column.strings) {
        SPK_RETURN_NOT_OK_ARROW(value ? builder.Append(*value) : builder.AppendNull());
      }
      SPK_RETURN_NOT_OK_ARROW(builder.Finish(&out));
    } else if (column.type == TypeId::kBoolean) {
      arrow::BooleanBuilder builder;
      for (bool value : column.booleans) SPK_RETURN_NOT_OK_ARROW(builder.Append(value));
      SPK_RETURN_NOT_OK_ARROW(builder.Finish(&out));
    } else {
      auto values = std::make_shared<arrow::StringBuilder>();
      arrow::ListBuilder builder(arrow::default_memory_pool(), values,
                                 arrow::list(arrow::field("element", arrow::utf8(), true)));
      for (const auto& value : column.arrays) {
        if (!value) {
          SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
          continue;
        }
        SPK_RETURN_NOT_OK_ARROW(builder.Append());
        for (const auto& element : *value) SPK_RETURN_NOT_OK_ARROW(values->Append(element));
      }
      SPK_RETURN_NOT_OK_ARROW(builder.Finish(&out));
    }
    return out;
  }

  Schema schema_;
  std::vector<Column> columns_;
  size_t cell_ = 0;
};

Result<LocalResult> SingleString(const std::string& value) {
  ResultBuilder result;
  result.AddStringColumn("value");
  result.String(value);
  return result.Finish();
}

Result<LocalResult> SingleBoolean(bool value) {
  ResultBuilder result;
  result.AddBooleanColumn("value");
  result.Boolean(value);
  return result.Finish();
}

Result<LocalResult> NoRows() { return ResultBuilder().Finish(); }

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string QuoteIdentifier(const std::string& part) { return "`" + part + "`"; }

std::string QuoteName(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ".") + QuoteIdentifier(part);
  return out;
}

// A table name as the catalog API takes it: `table_name` may be qualified ("db.t"); a separate
// `db_name` (itself possibly "catalog.db") qualifies an unqualified one.
Result<std::vector<std::string>> TableNameParts(const std::string& table_name,
                                                const std::optional<std::string>& db_name) {
  SPK_ASSIGN_OR_RAISE(std::vector<std::string> parts, ParseMultipartIdentifier(table_name));
  if (db_name && !db_name->empty() && parts.size() == 1) {
    SPK_ASSIGN_OR_RAISE(std::vector<std::string> db_parts, ParseMultipartIdentifier(*db_name));
    db_parts.push_back(parts.front());
    return db_parts;
  }
  return parts;
}

Result<CatalogRelation> RequireRelation(Session& session, const std::vector<std::string>& parts) {
  SPK_ASSIGN_OR_RAISE(std::optional<CatalogRelation> relation,
                      session.catalog().LookupRelation(parts));
  if (!relation) {
    return Status::Error("TABLE_OR_VIEW_NOT_FOUND", {{"relationName", QuoteName(parts)}});
  }
  return *relation;
}

void AppendDatabase(ResultBuilder& result, const std::string& catalog, const DatabaseInfo& db) {
  result.String(db.name);
  result.String(catalog);
  result.String(db.description);
  result.String(db.location_uri);
}

void AddDatabaseColumns(ResultBuilder& result) {
  result.AddStringColumn("name");
  result.AddStringColumn("catalog");
  result.AddStringColumn("description");
  result.AddStringColumn("locationUri");
}

void AddTableColumns(ResultBuilder& result) {
  result.AddStringColumn("name");
  result.AddStringColumn("catalog");
  result.AddStringArrayColumn("namespace");
  result.AddStringColumn("description");
  result.AddStringColumn("tableType");
  result.AddBooleanColumn("isTemporary");
}

void AppendTable(ResultBuilder& result, const std::string& catalog, const TableInfo& table) {
  result.String(table.name);
  if (table.is_temporary && table.database.empty()) {
    result.String(std::nullopt);
    result.StringArray(std::vector<std::string>{});
  } else {
    result.String(table.is_temporary ? std::nullopt : std::optional<std::string>(catalog));
    result.StringArray(std::vector<std::string>{table.database});
  }
  result.String(table.description.empty() ? std::nullopt
                                          : std::optional<std::string>(table.description));
  result.String(table.is_temporary ? "TEMPORARY" : table.table_type);
  result.Boolean(table.is_temporary);
}

void AddFunctionColumns(ResultBuilder& result) {
  result.AddStringColumn("name");
  result.AddStringColumn("catalog");
  result.AddStringArrayColumn("namespace");
  result.AddStringColumn("description");
  result.AddStringColumn("className");
  result.AddBooleanColumn("isTemporary");
}

// Built-in functions have no catalog or namespace and count as temporary, as in Spark.
void AppendFunction(ResultBuilder& result, const FunctionInfo& function) {
  result.String(function.name);
  result.String(std::nullopt);
  result.StringArray(std::nullopt);
  result.String(function.usage);
  result.String(function.class_name);
  result.Boolean(true);
}

Status FunctionNotFound(const std::string& name) {
  return Status::Error(
      "UNRESOLVED_ROUTINE",
      {{"routineName", QuoteIdentifier(name)},
       {"searchPath", "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"}});
}

std::optional<FunctionInfo> FindFunction(const std::string& name) {
  std::string wanted = Lower(name);
  for (const auto& function : FunctionRegistry::Global().List()) {
    if (function.name == wanted) return function;
  }
  return std::nullopt;
}

Result<LocalResult> ListTables(Session& session, const std::optional<std::string>& db_name,
                               const std::optional<std::string>& pattern) {
  std::optional<std::vector<std::string>> database;
  if (db_name) {
    SPK_ASSIGN_OR_RAISE(database, ParseMultipartIdentifier(*db_name));
  }
  SPK_ASSIGN_OR_RAISE(auto tables, session.catalog().ListTables(database, pattern));
  std::string catalog = session.catalog().current_catalog();
  if (database && database->size() > 1) catalog = database->front();
  ResultBuilder result;
  AddTableColumns(result);
  for (const auto& table : tables) AppendTable(result, catalog, table);
  return result.Finish();
}

Result<LocalResult> GetTable(Session& session, const std::string& table_name,
                             const std::optional<std::string>& db_name) {
  SPK_ASSIGN_OR_RAISE(auto parts, TableNameParts(table_name, db_name));
  SPK_ASSIGN_OR_RAISE(CatalogRelation relation, RequireRelation(session, parts));
  TableInfo info;
  info.name = parts.back();
  if (relation.kind == CatalogRelation::Kind::kTempView) {
    info.is_temporary = true;
  } else if (relation.kind == CatalogRelation::Kind::kGlobalTempView) {
    info.is_temporary = true;
    info.database = CatalogStore::kGlobalTempDatabase;
  } else {
    info.database = relation.qualifier.size() >= 2
                        ? relation.qualifier[relation.qualifier.size() - 2]
                        : session.catalog().current_database();
  }
  std::string catalog = relation.qualifier.size() >= 3 ? relation.qualifier.front()
                                                       : session.catalog().current_catalog();
  ResultBuilder result;
  AddTableColumns(result);
  AppendTable(result, catalog, info);
  return result.Finish();
}

Result<LocalResult> ListColumns(Session& session, const std::string& table_name,
                                const std::optional<std::string>& db_name) {
  SPK_ASSIGN_OR_RAISE(auto parts, TableNameParts(table_name, db_name));
  SPK_ASSIGN_OR_RAISE(CatalogRelation relation, RequireRelation(session, parts));
  ResultBuilder result;
  result.AddStringColumn("name");
  result.AddStringColumn("description");
  result.AddStringColumn("dataType");
  result.AddBooleanColumn("nullable");
  result.AddBooleanColumn("isPartition");
  result.AddBooleanColumn("isBucket");
  result.AddBooleanColumn("isCluster");
  for (const auto& attribute : relation.plan->output) {
    result.String(attribute.name);
    result.String(std::nullopt);
    result.String(attribute.type->SimpleString());
    result.Boolean(attribute.nullable);
    result.Boolean(false);
    result.Boolean(false);
    result.Boolean(false);
  }
  return result.Finish();
}

Result<LocalResult> GetDatabase(Session& session, const std::string& db_name) {
  SPK_ASSIGN_OR_RAISE(auto parts, ParseMultipartIdentifier(db_name));
  std::string catalog_name = parts.size() > 1 ? parts.front() : session.catalog().current_catalog();
  auto catalog = session.catalog().store().GetCatalog(catalog_name);
  std::optional<DatabaseInfo> info;
  if (catalog != nullptr) info = catalog->GetDatabase(parts.back());
  if (!info) return Status::Error("SCHEMA_NOT_FOUND", {{"schemaName", QuoteName(parts)}});
  ResultBuilder result;
  AddDatabaseColumns(result);
  AppendDatabase(result, catalog->name(), *info);
  return result.Finish();
}

std::string CachedTableKey(const std::vector<std::string>& parts) {
  std::string key;
  for (const auto& part : parts) key += (key.empty() ? "" : ".") + Lower(part);
  return key;
}

}  // namespace

Result<LocalResult> RunCatalogOperation(Engine& engine, Session& session, const Catalog& catalog) {
  auto optional = [](bool present, const std::string& value) {
    return present ? std::optional<std::string>(value) : std::nullopt;
  };
  SessionCatalog& sessions = session.catalog();
  switch (catalog.cat_type_case()) {
    case Catalog::kCurrentDatabase:
      return SingleString(sessions.current_database());
    case Catalog::kSetCurrentDatabase: {
      SPK_ASSIGN_OR_RAISE(auto parts,
                          ParseMultipartIdentifier(catalog.set_current_database().db_name()));
      SPK_RETURN_NOT_OK(sessions.SetCurrentDatabase(parts));
      return NoRows();
    }
    case Catalog::kListDatabases: {
      const auto& request = catalog.list_databases();
      SPK_ASSIGN_OR_RAISE(auto databases, sessions.ListDatabases(
                                              optional(request.has_pattern(), request.pattern())));
      ResultBuilder result;
      AddDatabaseColumns(result);
      for (const auto& database : databases) {
        AppendDatabase(result, sessions.current_catalog(), database);
      }
      return result.Finish();
    }
    case Catalog::kListTables: {
      const auto& request = catalog.list_tables();
      return ListTables(session, optional(request.has_db_name(), request.db_name()),
                        optional(request.has_pattern(), request.pattern()));
    }
    case Catalog::kListFunctions: {
      const auto& request = catalog.list_functions();
      ResultBuilder result;
      AddFunctionColumns(result);
      for (const auto& function : FunctionRegistry::Global().List()) {
        if (request.has_pattern() && !MatchesNamePattern(function.name, request.pattern())) {
          continue;
        }
        AppendFunction(result, function);
      }
      return result.Finish();
    }
    case Catalog::kListColumns: {
      const auto& request = catalog.list_columns();
      return ListColumns(session, request.table_name(),
                         optional(request.has_db_name(), request.db_name()));
    }
    case Catalog::kGetDatabase:
      return GetDatabase(session, catalog.get_database().db_name());
    case Catalog::kGetTable: {
      const auto& request = catalog.get_table();
      return GetTable(session, request.table_name(),
                      optional(request.has_db_name(), request.db_name()));
    }
    case Catalog::kGetFunction: {
      auto function = FindFunction(catalog.get_function().function_name());
      if (!function) return FunctionNotFound(catalog.get_function().function_name());
      ResultBuilder result;
      AddFunctionColumns(result);
      AppendFunction(result, *function);
      return result.Finish();
    }
    case Catalog::kDatabaseExists: {
      SPK_ASSIGN_OR_RAISE(auto parts,
                          ParseMultipartIdentifier(catalog.database_exists().db_name()));
      return SingleBoolean(sessions.DatabaseExists(parts));
    }
    case Catalog::kTableExists: {
      const auto& request = catalog.table_exists();
      SPK_ASSIGN_OR_RAISE(
          auto parts,
          TableNameParts(request.table_name(), optional(request.has_db_name(), request.db_name())));
      SPK_ASSIGN_OR_RAISE(auto relation, sessions.LookupRelation(parts));
      return SingleBoolean(relation.has_value());
    }
    case Catalog::kFunctionExists:
      return SingleBoolean(
          FunctionRegistry::Global().Contains(catalog.function_exists().function_name()));
    case Catalog::kDropTempView:
      return SingleBoolean(sessions.DropTempView(catalog.drop_temp_view().view_name()));
    case Catalog::kDropGlobalTempView:
      return SingleBoolean(
          sessions.DropGlobalTempView(catalog.drop_global_temp_view().view_name()));
    case Catalog::kIsCached: {
      SPK_ASSIGN_OR_RAISE(auto parts, ParseMultipartIdentifier(catalog.is_cached().table_name()));
      SPK_RETURN_NOT_OK(RequireRelation(session, parts).status());
      return SingleBoolean(session.IsTableCached(CachedTableKey(parts)));
    }
    case Catalog::kCacheTable: {
      SPK_ASSIGN_OR_RAISE(auto parts, ParseMultipartIdentifier(catalog.cache_table().table_name()));
      SPK_RETURN_NOT_OK(RequireRelation(session, parts).status());
      session.CacheTable(CachedTableKey(parts));
      return NoRows();
    }
    case Catalog::kUncacheTable: {
      SPK_ASSIGN_OR_RAISE(auto parts,
                          ParseMultipartIdentifier(catalog.uncache_table().table_name()));
      SPK_RETURN_NOT_OK(RequireRelation(session, parts).status());
      session.UncacheTable(CachedTableKey(parts));
      return NoRows();
    }
    case Catalog::kClearCache:
      session.ClearCache();
      return NoRows();
    case Catalog::kRefreshTable: {
      SPK_ASSIGN_OR_RAISE(auto parts,
                          ParseMultipartIdentifier(catalog.refresh_table().table_name()));
      SPK_RETURN_NOT_OK(RequireRelation(session, parts).status());
      return NoRows();  // tables are read fresh on every query
    }
    case Catalog::kRecoverPartitions:
    case Catalog::kRefreshByPath:
      return NoRows();
    case Catalog::kCurrentCatalog:
      return SingleString(sessions.current_catalog());
    case Catalog::kSetCurrentCatalog:
      SPK_RETURN_NOT_OK(sessions.SetCurrentCatalog(catalog.set_current_catalog().catalog_name()));
      return NoRows();
    case Catalog::kListCatalogs: {
      const auto& request = catalog.list_catalogs();
      ResultBuilder result;
      result.AddStringColumn("name");
      result.AddStringColumn("description");
      for (const auto& name : sessions.store().CatalogNames()) {
        if (request.has_pattern() && !MatchesNamePattern(name, request.pattern())) continue;
        result.String(name);
        result.String(std::nullopt);
      }
      return result.Finish();
    }
    case Catalog::kCreateExternalTable:
    case Catalog::kCreateTable:
      return Status::NotImplemented(
          "spark.catalog.createTable / createExternalTable (table creation from the catalog API)");
    case Catalog::CAT_TYPE_NOT_SET:
      return InvalidPlanInput("Catalog relation without an operation");
  }
  return UnsupportedConnectFeature("catalog operation #" + std::to_string(catalog.cat_type_case()));
}

}  // namespace sparkling::connect
