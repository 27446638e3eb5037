#include "main/command_runner.h"

#include "main/command_output.h"
#include "main/table_commands.h"

#include <arrow/api.h>
#include <nlohmann/json.hpp>

#include <variant>

#include "catalog/name_pattern.h"
#include "catalog/session_catalog.h"
#include "function/function_registry.h"
#include "plan/identifier.h"

namespace sparkling {
namespace {

std::string CommentOf(const std::string& metadata_json) {
  if (metadata_json.empty() || metadata_json == "{}") return "";
  auto json = nlohmann::json::parse(metadata_json, nullptr, /*allow_exceptions=*/false);
  if (json.is_object() && json.contains("comment") && json["comment"].is_string()) {
    return json["comment"].get<std::string>();
  }
  return "";
}

std::string TableKey(const std::vector<std::string>& name_parts) {
  return LowerCase(QuoteNameParts(name_parts));
}

Status TableNotFound(const std::vector<std::string>& name_parts) {
  return Status::Error("TABLE_OR_VIEW_NOT_FOUND", {{"relationName", QuoteNameParts(name_parts)}});
}

class CommandRunner {
 public:
  CommandRunner(Engine& engine, Session& session, const QueryParameters& parameters)
      : engine_(engine),
        session_(session),
        parameters_(parameters),
        time_zone_(session.ConfSnapshot().session_time_zone()) {}

  Result<StatementResult> Run(const Command& command) {
    switch (command.command) {
      case CommandKind::kSetConfig:
        return Set(command);
      case CommandKind::kResetConfig:
        return Reset(command);
      case CommandKind::kUse:
        return Use(command);
      case CommandKind::kShowDatabases:
        return ShowDatabases(command);
      case CommandKind::kShowTables:
        return ShowTables(command);
      case CommandKind::kShowCatalogs:
        return ShowCatalogs(command);
      case CommandKind::kCreateTempView:
        return CreateTempView(command);
      case CommandKind::kDropView:
        return DropView(command);
      case CommandKind::kCreateView:
        return CreateView(command);
      case CommandKind::kShowViews:
        return ShowViews(command);
      case CommandKind::kCreateDatabase:
        return CreateDatabase(command);
      case CommandKind::kDropDatabase:
        return DropDatabase(command);
      case CommandKind::kExplain:
        return Explain(command);
      case CommandKind::kDescribeQuery:
        return DescribeQuery(command);
      case CommandKind::kShowColumns:
        return ShowColumns(command);
      case CommandKind::kShowFunctions:
        return ShowFunctions(command);
      case CommandKind::kDescribeFunction:
        return DescribeFunction(command);
      case CommandKind::kCacheTable:
        return CacheTable(command);
      case CommandKind::kUncacheTable:
        return UncacheTable(command);
      case CommandKind::kClearCache:
        session_.ClearCache();
        return NoRows(time_zone_);
      default:
        break;
    }
    if (IsTableCommand(command)) return RunTableCommand(engine_, session_, command, parameters_);
    return Status::NotImplemented("command " + std::string(CommandNodeName(command.command)));
  }

 private:
  Result<StatementResult> Set(const Command& command) {
    std::vector<std::vector<Cell>> rows;
    if (command.key == "-v") {
      SqlConf conf = session_.ConfSnapshot();
      for (const ConfigEntry& entry : KnownConfigEntries()) {
        if (std::string_view(entry.key).rfind("spark.sql.", 0) != 0) continue;
        auto value = conf.Get(entry.key);
        std::string text = value.ok() && value->has_value() ? **value : "<undefined>";
        rows.push_back({entry.key, text, std::string(entry.doc), std::string(entry.version)});
      }
      return MakeRows({StringField("key"), StringField("value"), StringField("meaning"),
                       StringField("Since version")},
                      rows, time_zone_);
    }
    Schema schema = {StringField("key"), StringField("value")};
    if (!command.key) {
      for (const auto& [key, value] : session_.ConfSnapshot().SetCommandRows()) {
        rows.push_back({key, value});
      }
      return MakeRows(schema, rows, time_zone_);
    }
    if (command.value) {
      {
        std::lock_guard lock(session_.mutex());
        SPK_RETURN_NOT_OK(session_.conf().Set(*command.key, *command.value));
      }
      rows.push_back({*command.key, *command.value});
      return MakeRows(schema, rows, time_zone_);
    }
    auto value = session_.ConfSnapshot().Get(*command.key);
    rows.push_back({*command.key, value.ok() && value->has_value() ? **value : "<undefined>"});
    return MakeRows(schema, rows, time_zone_);
  }

  Result<StatementResult> Reset(const Command& command) {
    std::lock_guard lock(session_.mutex());
    if (command.key) {
      session_.conf().Unset(*command.key);
    } else {
      session_.conf().Clear();
    }
    return NoRows(time_zone_);
  }

  Result<StatementResult> Use(const Command& command) {
    SessionCatalog& catalog = session_.catalog();
    // USE spark_catalog: a catalog name alone switches the catalog.
    if (command.name_parts.size() == 1 && !catalog.DatabaseExists(command.name_parts) &&
        catalog.store().GetCatalog(command.name_parts[0]) != nullptr) {
      SPK_RETURN_NOT_OK(catalog.SetCurrentCatalog(command.name_parts[0]));
    } else {
      SPK_RETURN_NOT_OK(catalog.SetCurrentDatabase(command.name_parts));
    }
    return NoRows(time_zone_);
  }

  Result<StatementResult> ShowDatabases(const Command& command) {
    SPK_ASSIGN_OR_RAISE(auto databases, session_.catalog().ListDatabases(command.key));
    std::vector<std::vector<Cell>> rows;
    for (const auto& database : databases) rows.push_back({database.name});
    return MakeRows({StringField("namespace")}, rows, time_zone_);
  }

  Result<StatementResult> ShowTables(const Command& command) {
    std::optional<std::vector<std::string>> database;
    if (!command.name_parts.empty()) database = command.name_parts;
    SPK_ASSIGN_OR_RAISE(auto tables, session_.catalog().ListTables(database, command.key));
    // Spark's v2 catalogs (Iceberg's) list tables only: views are SHOW VIEWS' business.
    auto catalog = session_.catalog().store().GetCatalog(session_.catalog().current_catalog());
    const bool tables_only = catalog != nullptr && catalog->iceberg() != nullptr &&
                             !(database && database->size() == 1 &&
                               EqualsIgnoreCase((*database)[0], CatalogStore::kGlobalTempDatabase));
    std::vector<std::vector<Cell>> rows;
    for (const auto& table : tables) {
      if (tables_only && (table.is_temporary || table.table_type == "VIEW")) continue;
      rows.push_back({table.database, table.name, table.is_temporary});
    }
    return MakeRows(
        {StringField("namespace"), StringField("tableName"), BooleanField("isTemporary")}, rows,
        time_zone_);
  }

  Result<StatementResult> ShowCatalogs(const Command& command) {
    std::vector<std::vector<Cell>> rows;
    for (const auto& name : session_.catalog().store().CatalogNames()) {
      if (command.key && !MatchesNamePattern(name, *command.key)) continue;
      rows.push_back({name});
    }
    return MakeRows({StringField("catalog")}, rows, time_zone_);
  }

  Result<StatementResult> CreateTempView(const Command& command) {
    if (command.name_parts.empty() || command.query == nullptr) {
      return Status::Internal("CREATE VIEW without a name or query");
    }
    const std::string& name = command.name_parts.back();
    SessionCatalog& catalog = session_.catalog();
    if (command.if_not_exists) {
      bool exists = command.is_global ? catalog.store().GetGlobalTempView(name).has_value()
                                      : catalog.GetTempView(name).has_value();
      if (exists) return NoRows(time_zone_);
    }
    PlanPtr query = command.query;
    if (!command.column_names.empty()) {
      auto to_df = std::make_shared<ToDF>();
      to_df->children.push_back(query);
      to_df->column_names = command.column_names;
      query = to_df;
    }
    SPK_ASSIGN_OR_RAISE(PlanPtr analyzed, engine_.Resolve(session_, query, parameters_));
    TempView view{name, std::move(analyzed), command.query_text};
    if (command.is_global) {
      SPK_RETURN_NOT_OK(catalog.CreateGlobalTempView(std::move(view), command.replace));
    } else {
      SPK_RETURN_NOT_OK(catalog.CreateTempView(std::move(view), command.replace));
    }
    return NoRows(time_zone_);
  }

  // A persistent view keeps its SQL text, its columns and the catalog and namespace that
  // were current, so names in it resolve the same way for every later reader.
  Result<StatementResult> CreateView(const Command& command) {
    if (command.name_parts.empty() || command.query == nullptr) {
      return Status::Internal("CREATE VIEW without a name or query");
    }
    SessionCatalog& catalog = session_.catalog();
    auto name = catalog.ResolveTableName(command.name_parts);
    if (!name || name->catalog == nullptr) return TableNotFound(command.name_parts);
    SPK_ASSIGN_OR_RAISE(auto existing, name->catalog->LoadView(name->database, name->table));
    std::vector<std::string> full_name = {name->catalog->name(), LowerCase(name->database),
                                          name->table};
    if (existing.has_value() && command.if_not_exists) return NoRows(time_zone_);
    if (!existing.has_value()) {
      // ALTER VIEW ... AS needs the view; CREATE VIEW must not hit a table.
      if (command.if_exists) return TableNotFound(command.name_parts);
      SPK_ASSIGN_OR_RAISE(PlanPtr table, name->catalog->LoadTable(name->database, name->table));
      if (table != nullptr) {
        if (command.if_not_exists) return NoRows(time_zone_);
        return Status::Error("TABLE_OR_VIEW_ALREADY_EXISTS",
                             {{"relationName", QuoteNameParts(full_name)}});
      }
    }
    SPK_ASSIGN_OR_RAISE(PlanPtr analyzed,
                        engine_.ResolveViewQuery(session_, command.query, parameters_, full_name));
    const Schema output = Engine::OutputSchema(*analyzed);
    std::vector<std::string> output_names;
    for (const auto& field : output) output_names.push_back(field.name);
    ViewDefinition view;
    view.name = name->table;
    view.database = name->database;
    view.sql = command.query_text;
    if (!command.column_names.empty() && command.column_names.size() != output.size()) {
      return Status::Error(command.column_names.size() < output.size()
                               ? "CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS"
                               : "CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS",
                           {{"viewName", QuoteNameParts(full_name)},
                            {"viewColumns", QuoteNameList(command.column_names)},
                            {"dataColumns", QuoteNameList(output_names)}});
    }
    view.schema = output;
    for (size_t i = 0; i < command.column_names.size(); ++i) {
      view.schema[i].name = command.column_names[i];
    }
    view.default_catalog = catalog.current_catalog();
    view.default_namespace = {catalog.current_database()};
    view.properties = command.properties;
    SPK_RETURN_NOT_OK(name->catalog->CreateView(view, command.replace || command.if_exists));
    return NoRows(time_zone_);
  }

  // The catalog's views and the temporary ones: what SHOW TABLES' listing marks as views.
  Result<StatementResult> ShowViews(const Command& command) {
    std::optional<std::vector<std::string>> database;
    if (!command.name_parts.empty()) database = command.name_parts;
    SPK_ASSIGN_OR_RAISE(auto tables, session_.catalog().ListTables(database, command.key));
    std::vector<std::vector<Cell>> rows;
    for (const auto& table : tables) {
      if (table.is_temporary || table.table_type == "VIEW") {
        rows.push_back({table.database, table.name, table.is_temporary});
      }
    }
    return MakeRows(
        {StringField("namespace"), StringField("viewName"), BooleanField("isTemporary")}, rows,
        time_zone_);
  }

  Result<StatementResult> DropView(const Command& command) {
    const auto& parts = command.name_parts;
    bool dropped = false;
    if (parts.size() == 1) {
      dropped = session_.catalog().DropTempView(parts[0]);
    } else if (parts.size() == 2 && EqualsIgnoreCase(parts[0], CatalogStore::kGlobalTempDatabase)) {
      dropped = session_.catalog().DropGlobalTempView(parts[1]);
    }
    if (!dropped && parts.size() <= 3 &&
        !(parts.size() == 2 && EqualsIgnoreCase(parts[0], CatalogStore::kGlobalTempDatabase))) {
      if (auto name = session_.catalog().ResolveTableName(parts)) {
        SPK_ASSIGN_OR_RAISE(dropped, name->catalog->DropView(name->database, name->table));
        if (!dropped && !command.if_exists && name->catalog->iceberg() != nullptr) {
          // Spark's v2 catalogs report a missing view by its namespace and name.
          return Status::Error("VIEW_NOT_FOUND",
                               {{"relationName", name->database + "." + name->table}});
        }
      }
    }
    if (!dropped && !command.if_exists) return TableNotFound(parts);
    return NoRows(time_zone_);
  }

  Result<StatementResult> CreateDatabase(const Command& command) {
    DatabaseInfo info;
    info.name = command.name_parts.empty() ? "" : command.name_parts.back();
    for (const auto& [key, value] : command.properties) {
      if (key == "comment") {
        info.description = value;
      } else if (key == "location") {
        info.location_uri = value;
      } else {
        info.properties.emplace_back(key, value);
      }
    }
    SPK_RETURN_NOT_OK(
        session_.catalog().CreateDatabase(command.name_parts, info, command.if_not_exists));
    return NoRows(time_zone_);
  }

  Result<StatementResult> DropDatabase(const Command& command) {
    SPK_RETURN_NOT_OK(
        session_.catalog().DropDatabase(command.name_parts, command.if_exists, command.cascade));
    return NoRows(time_zone_);
  }

  Result<StatementResult> Explain(const Command& command) {
    ExplainMode mode =
        ExplainModeFromName(command.key.value_or("simple")).value_or(ExplainMode::kSimple);
    SPK_ASSIGN_OR_RAISE(auto text, engine_.Explain(session_, command.query, mode, parameters_));
    return MakeRows({StringField("plan", /*nullable=*/true)}, {{text}}, time_zone_);
  }

  Result<StatementResult> DescribeQuery(const Command& command) {
    if (!command.name_parts.empty()) {
      // A catalog table is described from its metadata (partitioning, table details).
      SPK_ASSIGN_OR_RAISE(auto relation, session_.catalog().LookupRelation(command.name_parts));
      if (relation && relation->kind == CatalogRelation::Kind::kTable &&
          relation->plan->kind == PlanKind::kTableScan) {
        return RunTableCommand(engine_, session_, command, parameters_);
      }
    }
    SPK_ASSIGN_OR_RAISE(PlanPtr analyzed, engine_.Resolve(session_, command.query, parameters_));
    std::vector<std::vector<Cell>> rows;
    for (const auto& attribute : analyzed->output) {
      std::string comment = CommentOf(attribute.metadata_json);
      rows.push_back({attribute.name, attribute.type->SimpleString(),
                      comment.empty() ? Cell() : Cell(comment)});
    }
    return MakeRows({StringField("col_name"), StringField("data_type"),
                     StringField("comment", /*nullable=*/true)},
                    rows, time_zone_);
  }

  Result<StatementResult> ShowColumns(const Command& command) {
    SPK_ASSIGN_OR_RAISE(auto relation, session_.catalog().LookupRelation(command.name_parts));
    if (!relation) return TableNotFound(command.name_parts);
    std::vector<std::vector<Cell>> rows;
    for (const auto& attribute : relation->plan->output) rows.push_back({attribute.name});
    return MakeRows({StringField("col_name")}, rows, time_zone_);
  }

  Result<StatementResult> ShowFunctions(const Command& command) {
    std::vector<std::vector<Cell>> rows;
    // Sparkling has only built-in functions: SHOW USER FUNCTIONS lists nothing.
    if (command.value != "user") {
      for (const auto& function : FunctionRegistry::Global().List()) {
        if (command.key && !MatchesNamePattern(function.name, *command.key)) continue;
        rows.push_back({function.name});
      }
    }
    return MakeRows({StringField("function")}, rows, time_zone_);
  }

  Result<StatementResult> DescribeFunction(const Command& command) {
    std::string name = command.name_parts.empty() ? "" : command.name_parts.back();
    for (const auto& function : FunctionRegistry::Global().List()) {
      if (!EqualsIgnoreCase(function.name, name)) continue;
      std::vector<std::vector<Cell>> rows = {{"Function: " + function.name},
                                             {"Class: " + function.class_name},
                                             {"Usage: " + function.usage}};
      return MakeRows({StringField("function_desc")}, rows, time_zone_);
    }
    std::string current =
        QuoteNameParts({CatalogStore::kDefaultCatalog, session_.catalog().current_database()});
    return Status::Error(
        "UNRESOLVED_ROUTINE",
        {{"routineName", QuoteNameParts(command.name_parts)},
         {"searchPath", "[`system`.`builtin`, `system`.`session`, " + current + "]"}});
  }

  Result<StatementResult> CacheTable(const Command& command) {
    if (command.query != nullptr) {
      // CACHE TABLE t AS SELECT ...: a temporary view over the query, then cached.
      Command create = command;
      create.command = CommandKind::kCreateTempView;
      SPK_RETURN_NOT_OK(CreateTempView(create).status());
    } else {
      SPK_ASSIGN_OR_RAISE(auto relation, session_.catalog().LookupRelation(command.name_parts));
      if (!relation) return TableNotFound(command.name_parts);
    }
    session_.CacheTable(TableKey(command.name_parts));
    return NoRows(time_zone_);
  }

  Result<StatementResult> UncacheTable(const Command& command) {
    SPK_ASSIGN_OR_RAISE(auto relation, session_.catalog().LookupRelation(command.name_parts));
    if (!relation && !command.if_exists) return TableNotFound(command.name_parts);
    session_.UncacheTable(TableKey(command.name_parts));
    return NoRows(time_zone_);
  }

  Engine& engine_;
  Session& session_;
  const QueryParameters& parameters_;
  const std::string time_zone_;
};

}  // namespace

Result<StatementResult> RunCommandStatement(Engine& engine, Session& session,
                                            const PlanPtr& command,
                                            const QueryParameters& parameters) {
  if (command == nullptr || command->kind != PlanKind::kCommand) {
    return Status::Internal("RunCommandStatement needs a command plan");
  }
  CommandRunner runner(engine, session, parameters);
  return runner.Run(command->As<Command>());
}

}  // namespace sparkling
