// Statements on catalog tables and persistent views: CREATE / REPLACE TABLE (and AS SELECT),
// INSERT, DELETE, UPDATE, MERGE, ALTER TABLE / VIEW / NAMESPACE, DROP TABLE, TRUNCATE, CALL,
// REFRESH, and the SHOW / DESCRIBE forms that read table metadata.

#include <cctype>
#include <utility>

#include "parser/parse_error.h"
#include "parser/parser.h"
#include "plan/identifier.h"

namespace sparkling {
namespace {

std::shared_ptr<Command> MakeCommand(CommandKind kind) {
  auto command = std::make_shared<Command>();
  command->command = kind;
  return command;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

Result<ExprPtr> Parser::ParsePartitionTransform() {
  // bucket(16, id), truncate(4, s), years(ts), days(ts), identity(c), or a column.
  return ParseExpr();
}

Result<PlanPtr> Parser::ParseCreateTable(size_t start, bool replace, bool or_replace) {
  auto command = MakeCommand(CommandKind::kCreateTable);
  auto table = std::make_shared<TableDefinition>();
  command->replace = replace;
  command->if_exists = or_replace;  // CREATE OR REPLACE: replace only if it exists
  AcceptKeyword("EXTERNAL");
  SPK_RETURN_NOT_OK(ExpectKeyword("TABLE"));
  command->if_not_exists = AcceptIfNotExists();
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  if (AtOperator("(") && !AtQueryStart(1)) {
    Next();
    do {
      SPK_ASSIGN_OR_RAISE(StructField field, ParseColumnDefinition(/*colon_allowed=*/false));
      table->columns.push_back(std::move(field));
    } while (AcceptOperator(","));
    SPK_RETURN_NOT_OK(ExpectOperator(")"));
  }
  auto string_value = [&]() -> Result<std::string> {
    if (Peek().kind != TokenKind::kString) return ErrorHere();
    std::string value;
    while (Peek().kind == TokenKind::kString) value += Next().value;
    return value;
  };
  while (true) {
    if (AcceptKeyword("USING")) {
      SPK_ASSIGN_OR_RAISE(std::string provider, ParseIdentifier());
      table->provider = Lower(provider);
    } else if (AcceptKeyword("OPTIONS")) {
      SPK_ASSIGN_OR_RAISE(table->options, ParsePropertyList());
    } else if (AtKeyword("PARTITIONED") && AtKeyword("BY", 1)) {
      Next();
      Next();
      SPK_RETURN_NOT_OK(ExpectOperator("("));
      do {
        // Hive-style `PARTITIONED BY (c INT)` declares a column as well.
        if (AtIdentifier() && AtIdentifier(1) && !AtOperator("(", 1) && !AtOperator(",", 1)) {
          SPK_ASSIGN_OR_RAISE(StructField field, ParseColumnDefinition(false));
          auto column = std::make_shared<UnresolvedAttribute>();
          column->name_parts = {field.name};
          table->partitioning.push_back(std::move(column));
          table->columns.push_back(std::move(field));
          continue;
        }
        SPK_ASSIGN_OR_RAISE(ExprPtr transform, ParsePartitionTransform());
        table->partitioning.push_back(std::move(transform));
      } while (AcceptOperator(","));
      SPK_RETURN_NOT_OK(ExpectOperator(")"));
    } else if (AtKeyword("CLUSTERED") && AtKeyword("BY", 1)) {
      return Status::NotImplemented("CLUSTERED BY (bucketed tables)")
          .WithContext(ContextFrom(pos_));
    } else if (AcceptKeyword("LOCATION")) {
      SPK_ASSIGN_OR_RAISE(std::string location, string_value());
      table->location = std::move(location);
    } else if (AcceptKeyword("COMMENT")) {
      SPK_ASSIGN_OR_RAISE(std::string comment, string_value());
      table->comment = std::move(comment);
    } else if (AcceptKeyword("TBLPROPERTIES")) {
      SPK_ASSIGN_OR_RAISE(auto properties, ParsePropertyList());
      for (auto& property : properties) table->properties.push_back(std::move(property));
    } else {
      break;
    }
  }
  if (AcceptKeyword("AS") || AtQueryStart()) {
    size_t query_start = pos_;
    SPK_ASSIGN_OR_RAISE(command->query, ParseQuery());
    command->query_text = TextFrom(query_start);
  }
  if (command->query == nullptr && table->columns.empty()) {
    // Spark needs columns (or a query) for a new table.
    return ErrorHere();
  }
  SPK_RETURN_NOT_OK(CheckReservedProperties(table->properties, false, start));
  command->table = std::move(table);
  return PlanPtr(std::move(command));
}

Status Parser::CheckReservedProperties(
    const std::vector<std::pair<std::string, std::string>>& properties, bool is_namespace,
    size_t start) const {
  for (const auto& [key, value] : properties) {
    std::string name = LowerCase(key);
    std::string advice;
    if (name == "owner") {
      advice = "it will be set to the current user";
    } else if (name == "location") {
      advice = "please use the LOCATION clause to specify it";
    } else if (is_namespace && name == "comment") {
      advice = "please use the COMMENT clause to specify it";
    } else if (!is_namespace && name == "provider") {
      advice = "please use the USING clause to specify it";
    } else if (!is_namespace && name == "external") {
      advice = "please use CREATE EXTERNAL TABLE";
    } else if (!is_namespace && name == "is_managed_location") {
      advice = "please remove it from the TBLPROPERTIES list.";
    } else {
      continue;
    }
    return Status::Error(is_namespace ? "UNSUPPORTED_FEATURE.SET_NAMESPACE_PROPERTY"
                                      : "UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY",
                         {{"property", key}, {"msg", advice}})
        .WithContext(ContextFrom(start));
  }
  return Status::OK();
}

Result<PlanPtr> Parser::ParseCreatePersistentView(size_t start, bool replace) {
  auto command = MakeCommand(CommandKind::kCreateView);
  command->replace = replace;
  SPK_RETURN_NOT_OK(ExpectKeyword("VIEW"));
  command->if_not_exists = AcceptIfNotExists();
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  SPK_RETURN_NOT_OK(ParseViewDefinition(*command, start, false));
  return PlanPtr(std::move(command));
}

Status Parser::ParseViewDefinition(Command& command, size_t start, bool temporary) {
  if (AcceptOperator("(")) {
    do {
      SPK_ASSIGN_OR_RAISE(std::string column, ParseIdentifier());
      if (temporary && AtIdentifier() && !AtKeyword("COMMENT")) {  // `a INT, ...`
        return Status::NotImplemented("CREATE TEMPORARY VIEW ... USING (data source views)")
            .WithContext(ContextFrom(start));
      }
      command.column_names.push_back(std::move(column));
      if (AcceptKeyword("COMMENT")) {
        if (Peek().kind != TokenKind::kString) return ErrorHere();
        Next();
      }
    } while (AcceptOperator(","));
    SPK_RETURN_NOT_OK(ExpectOperator(")"));
  }
  while (true) {
    if (AcceptKeyword("COMMENT")) {
      if (Peek().kind != TokenKind::kString) return ErrorHere();
      command.properties.emplace_back("comment", Next().value);
    } else if (AcceptKeyword("TBLPROPERTIES")) {
      SPK_ASSIGN_OR_RAISE(auto properties, ParsePropertyList());
      for (auto& property : properties) command.properties.push_back(std::move(property));
    } else {
      break;
    }
  }
  SPK_RETURN_NOT_OK(ExpectKeyword("AS"));
  size_t query_start = pos_;
  SPK_ASSIGN_OR_RAISE(command.query, ParseQuery());
  command.query_text = TextFrom(query_start);
  return Status::OK();
}

Result<PlanPtr> Parser::ParseInsert() {
  size_t start = pos_;
  Next();  // INSERT
  auto command = MakeCommand(CommandKind::kInsert);
  if (AcceptKeyword("OVERWRITE")) {
    command->overwrite = true;
  } else if (!AcceptKeyword("INTO")) {
    return ErrorHere();
  }
  AcceptKeyword("TABLE");
  if (AtKeyword("DIRECTORY") || AtKeyword("LOCAL")) {
    return Status::NotImplemented("INSERT OVERWRITE DIRECTORY").WithContext(ContextFrom(start));
  }
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  if (AcceptKeyword("PARTITION")) {
    SPK_RETURN_NOT_OK(ExpectOperator("("));
    do {
      SPK_ASSIGN_OR_RAISE(std::string column, ParseIdentifier());
      ExprPtr value;
      if (AcceptOperator("=")) {
        SPK_ASSIGN_OR_RAISE(value, ParseExpr());
      }
      command->partition_values.emplace_back(std::move(column), std::move(value));
    } while (AcceptOperator(","));
    SPK_RETURN_NOT_OK(ExpectOperator(")"));
    command->if_not_exists = AcceptIfNotExists();
  }
  if (AtKeyword("REPLACE") && AtKeyword("WHERE", 1)) {
    return Status::NotImplemented("INSERT ... REPLACE WHERE").WithContext(ContextFrom(start));
  }
  if (AtOperator("(") && !AtQueryStart(1)) {
    SPK_ASSIGN_OR_RAISE(command->column_names, ParseIdentifierList());
  } else if (AtKeyword("BY") && AtKeyword("NAME", 1)) {
    Next();
    Next();
    command->by_name = true;
  }
  size_t query_start = pos_;
  SPK_ASSIGN_OR_RAISE(command->query, ParseQuery());
  command->query_text = TextFrom(query_start);
  return PlanPtr(std::move(command));
}

Result<std::optional<std::string>> Parser::ParseTargetAlias() {
  if (AcceptKeyword("AS")) {
    SPK_ASSIGN_OR_RAISE(std::string alias, ParseIdentifier());
    return std::optional<std::string>(std::move(alias));
  }
  static constexpr std::string_view kClauseWords[] = {"WHERE", "SET", "USING", "ON", "WHEN"};
  if (!AtIdentifier()) return std::optional<std::string>();
  for (std::string_view word : kClauseWords) {
    if (AtKeyword(word)) return std::optional<std::string>();
  }
  SPK_ASSIGN_OR_RAISE(std::string alias, ParseIdentifier());
  return std::optional<std::string>(std::move(alias));
}

Result<PlanPtr> Parser::ParseDeleteFrom() {
  Next();  // DELETE
  SPK_RETURN_NOT_OK(ExpectKeyword("FROM"));
  auto command = MakeCommand(CommandKind::kDelete);
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  SPK_ASSIGN_OR_RAISE(command->alias, ParseTargetAlias());
  if (AcceptKeyword("WHERE")) {
    SPK_ASSIGN_OR_RAISE(command->condition, ParseExpr());
  }
  return PlanPtr(std::move(command));
}

Result<std::vector<Assignment>> Parser::ParseAssignments() {
  std::vector<Assignment> assignments;
  do {
    Assignment assignment;
    auto target = std::make_shared<UnresolvedAttribute>();
    SPK_ASSIGN_OR_RAISE(target->name_parts, ParseMultipartName());
    assignment.target = std::move(target);
    SPK_RETURN_NOT_OK(ExpectOperator("="));
    SPK_ASSIGN_OR_RAISE(assignment.value, ParseExpr());
    assignments.push_back(std::move(assignment));
  } while (AcceptOperator(","));
  return assignments;
}

Result<PlanPtr> Parser::ParseUpdate() {
  Next();  // UPDATE
  auto command = MakeCommand(CommandKind::kUpdate);
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  SPK_ASSIGN_OR_RAISE(command->alias, ParseTargetAlias());
  SPK_RETURN_NOT_OK(ExpectKeyword("SET"));
  SPK_ASSIGN_OR_RAISE(command->assignments, ParseAssignments());
  if (AcceptKeyword("WHERE")) {
    SPK_ASSIGN_OR_RAISE(command->condition, ParseExpr());
  }
  return PlanPtr(std::move(command));
}

Result<PlanPtr> Parser::ParseMerge() {
  size_t start = pos_;
  Next();  // MERGE
  if (AtKeyword("WITH") && AtKeyword("SCHEMA", 1)) {
    return Status::NotImplemented("MERGE WITH SCHEMA EVOLUTION").WithContext(ContextFrom(start));
  }
  SPK_RETURN_NOT_OK(ExpectKeyword("INTO"));
  auto command = MakeCommand(CommandKind::kMerge);
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  SPK_ASSIGN_OR_RAISE(command->alias, ParseTargetAlias());
  SPK_RETURN_NOT_OK(ExpectKeyword("USING"));
  SPK_ASSIGN_OR_RAISE(command->source, ParseRelationPrimary());
  SPK_RETURN_NOT_OK(ExpectKeyword("ON"));
  SPK_ASSIGN_OR_RAISE(command->condition, ParseExpr());
  while (AcceptKeyword("WHEN")) {
    MergeClause clause;
    if (AcceptKeyword("MATCHED")) {
      clause.when = MergeClause::When::kMatched;
    } else {
      SPK_RETURN_NOT_OK(ExpectKeyword("NOT"));
      SPK_RETURN_NOT_OK(ExpectKeyword("MATCHED"));
      clause.when = MergeClause::When::kNotMatched;
      if (AcceptKeyword("BY")) {
        if (AcceptKeyword("SOURCE")) {
          clause.when = MergeClause::When::kNotMatchedBySource;
        } else {
          SPK_RETURN_NOT_OK(ExpectKeyword("TARGET"));
        }
      }
    }
    if (AcceptKeyword("AND")) {
      SPK_ASSIGN_OR_RAISE(clause.condition, ParseExpr());
    }
    SPK_RETURN_NOT_OK(ExpectKeyword("THEN"));
    if (clause.when == MergeClause::When::kNotMatched) {
      SPK_RETURN_NOT_OK(ExpectKeyword("INSERT"));
      if (AcceptOperator("*")) {
        clause.action = MergeClause::Action::kInsertAll;
      } else {
        clause.action = MergeClause::Action::kInsert;
        if (AtOperator("(")) {
          SPK_ASSIGN_OR_RAISE(clause.insert_columns, ParseIdentifierList());
        }
        SPK_RETURN_NOT_OK(ExpectKeyword("VALUES"));
        SPK_RETURN_NOT_OK(ExpectOperator("("));
        SPK_ASSIGN_OR_RAISE(clause.insert_values, ParseExpressionList());
        SPK_RETURN_NOT_OK(ExpectOperator(")"));
      }
    } else if (AcceptKeyword("DELETE")) {
      clause.action = MergeClause::Action::kDelete;
    } else {
      SPK_RETURN_NOT_OK(ExpectKeyword("UPDATE"));
      SPK_RETURN_NOT_OK(ExpectKeyword("SET"));
      if (AcceptOperator("*")) {
        clause.action = MergeClause::Action::kUpdateAll;
      } else {
        clause.action = MergeClause::Action::kUpdate;
        SPK_ASSIGN_OR_RAISE(clause.assignments, ParseAssignments());
      }
    }
    command->merge_clauses.push_back(std::move(clause));
  }
  if (command->merge_clauses.empty()) return ErrorHere();
  return PlanPtr(std::move(command));
}

Result<PlanPtr> Parser::ParseAlter() {
  size_t start = pos_;
  Next();  // ALTER
  if (AtKeyword("DATABASE") || AtKeyword("SCHEMA") || AtKeyword("NAMESPACE")) {
    Next();
    auto command = MakeCommand(CommandKind::kAlterDatabase);
    SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
    SPK_RETURN_NOT_OK(ExpectKeyword("SET"));
    if (AcceptKeyword("LOCATION")) {
      if (Peek().kind != TokenKind::kString) return ErrorHere();
      command->properties.emplace_back("location", Next().value);
    } else if (AcceptKeyword("DBPROPERTIES") || AcceptKeyword("PROPERTIES")) {
      SPK_ASSIGN_OR_RAISE(command->properties, ParsePropertyList());
      SPK_RETURN_NOT_OK(CheckReservedProperties(command->properties, true, start));
    } else {
      return ErrorHere();
    }
    return PlanPtr(std::move(command));
  }
  if (AtKeyword("VIEW")) {
    Next();
    auto command = MakeCommand(CommandKind::kCreateView);
    command->replace = true;
    command->if_exists = true;  // ALTER VIEW AS: the view must exist
    SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
    if (AcceptKeyword("AS")) {
      size_t query_start = pos_;
      SPK_ASSIGN_OR_RAISE(command->query, ParseQuery());
      command->query_text = TextFrom(query_start);
      return PlanPtr(std::move(command));
    }
    return Status::NotImplemented("ALTER VIEW other than ALTER VIEW ... AS")
        .WithContext(ContextFrom(start));
  }
  SPK_RETURN_NOT_OK(ExpectKeyword("TABLE"));
  auto command = MakeCommand(CommandKind::kAlterTable);
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  auto table = std::make_shared<TableDefinition>();
  if (AcceptKeyword("RENAME")) {
    if (AcceptKeyword("TO")) {
      command->alter_action = AlterTableAction::kRename;
      SPK_ASSIGN_OR_RAISE(command->name_parts2, ParseMultipartName());
      return PlanPtr(std::move(command));
    }
    SPK_RETURN_NOT_OK(ExpectKeyword("COLUMN"));
    command->alter_action = AlterTableAction::kRenameColumn;
    SPK_ASSIGN_OR_RAISE(auto column, ParseMultipartName());
    std::string path;
    for (const auto& part : column) path += (path.empty() ? "" : ".") + part;
    command->column_names.push_back(std::move(path));
    SPK_RETURN_NOT_OK(ExpectKeyword("TO"));
    SPK_ASSIGN_OR_RAISE(std::string target, ParseIdentifier());
    command->value = std::move(target);
    return PlanPtr(std::move(command));
  }
  if (AcceptKeyword("ADD")) {
    if (AtKeyword("PARTITION") && AtKeyword("FIELD", 1)) {
      Next();
      Next();
      command->alter_action = AlterTableAction::kAddPartitionField;
      SPK_ASSIGN_OR_RAISE(ExprPtr field, ParsePartitionTransform());
      command->expressions.push_back(std::move(field));
      if (AcceptKeyword("AS")) {
        SPK_ASSIGN_OR_RAISE(std::string name, ParseIdentifier());
        command->value = std::move(name);
      }
      return PlanPtr(std::move(command));
    }
    if (!AcceptKeyword("COLUMNS")) SPK_RETURN_NOT_OK(ExpectKeyword("COLUMN"));
    command->alter_action = AlterTableAction::kAddColumns;
    bool parenthesized = AcceptOperator("(");
    do {
      SPK_ASSIGN_OR_RAISE(StructField field, ParseColumnDefinition(false));
      if (AtKeyword("FIRST") || AtKeyword("AFTER")) {
        return Status::NotImplemented("ADD COLUMN ... FIRST / AFTER")
            .WithContext(ContextFrom(pos_));
      }
      table->columns.push_back(std::move(field));
    } while (AcceptOperator(","));
    if (parenthesized) SPK_RETURN_NOT_OK(ExpectOperator(")"));
    command->table = std::move(table);
    return PlanPtr(std::move(command));
  }
  if (AcceptKeyword("DROP")) {
    if (AtKeyword("PARTITION") && AtKeyword("FIELD", 1)) {
      Next();
      Next();
      command->alter_action = AlterTableAction::kDropPartitionField;
      SPK_ASSIGN_OR_RAISE(ExprPtr field, ParsePartitionTransform());
      command->expressions.push_back(std::move(field));
      return PlanPtr(std::move(command));
    }
    if (!AcceptKeyword("COLUMNS")) SPK_RETURN_NOT_OK(ExpectKeyword("COLUMN"));
    command->alter_action = AlterTableAction::kDropColumns;
    if (AtKeyword("IF") && AtKeyword("EXISTS", 1)) {
      Next();
      Next();
      command->if_exists = true;
    }
    bool parenthesized = AcceptOperator("(");
    do {
      SPK_ASSIGN_OR_RAISE(auto column, ParseMultipartName());
      std::string path;
      for (const auto& part : column) path += (path.empty() ? "" : ".") + part;
      command->column_names.push_back(std::move(path));
    } while (AcceptOperator(","));
    if (parenthesized) SPK_RETURN_NOT_OK(ExpectOperator(")"));
    return PlanPtr(std::move(command));
  }
  if (AtKeyword("REPLACE") && AtKeyword("PARTITION", 1) && AtKeyword("FIELD", 2)) {
    Next();
    Next();
    Next();
    command->alter_action = AlterTableAction::kReplacePartitionField;
    SPK_ASSIGN_OR_RAISE(ExprPtr from, ParsePartitionTransform());
    SPK_RETURN_NOT_OK(ExpectKeyword("WITH"));
    SPK_ASSIGN_OR_RAISE(ExprPtr to, ParsePartitionTransform());
    command->expressions = {std::move(from), std::move(to)};
    if (AcceptKeyword("AS")) {
      SPK_ASSIGN_OR_RAISE(std::string name, ParseIdentifier());
      command->value = std::move(name);
    }
    return PlanPtr(std::move(command));
  }
  if (AcceptKeyword("ALTER") || AcceptKeyword("CHANGE")) {
    AcceptKeyword("COLUMN");
    command->alter_action = AlterTableAction::kAlterColumn;
    SPK_ASSIGN_OR_RAISE(auto column, ParseMultipartName());
    std::string path;
    for (const auto& part : column) path += (path.empty() ? "" : ".") + part;
    command->column_names.push_back(std::move(path));
    if (AcceptKeyword("TYPE")) {
      SPK_ASSIGN_OR_RAISE(DataTypePtr type, ParseDataType());
      table->columns.push_back(StructField{command->column_names[0], std::move(type), true});
      command->key = "type";
    } else if (AcceptKeyword("COMMENT")) {
      if (Peek().kind != TokenKind::kString) return ErrorHere();
      command->key = "comment";
      command->value = Next().value;
    } else if (AtKeyword("SET") && AtKeyword("NOT", 1) && AtKeyword("NULL", 2)) {
      Next();
      Next();
      Next();
      command->key = "set not null";
    } else if (AtKeyword("DROP") && AtKeyword("NOT", 1) && AtKeyword("NULL", 2)) {
      Next();
      Next();
      Next();
      command->key = "drop not null";
    } else {
      return Status::NotImplemented("this ALTER COLUMN form").WithContext(ContextFrom(start));
    }
    command->table = std::move(table);
    return PlanPtr(std::move(command));
  }
  if (AcceptKeyword("SET")) {
    if (AcceptKeyword("TBLPROPERTIES")) {
      command->alter_action = AlterTableAction::kSetProperties;
      SPK_ASSIGN_OR_RAISE(command->properties, ParsePropertyList());
      SPK_RETURN_NOT_OK(CheckReservedProperties(command->properties, false, start));
      return PlanPtr(std::move(command));
    }
    if (AcceptKeyword("LOCATION")) {
      if (Peek().kind != TokenKind::kString) return ErrorHere();
      command->alter_action = AlterTableAction::kSetLocation;
      command->value = Next().value;
      return PlanPtr(std::move(command));
    }
    return ErrorHere();
  }
  if (AcceptKeyword("UNSET")) {
    SPK_RETURN_NOT_OK(ExpectKeyword("TBLPROPERTIES"));
    command->alter_action = AlterTableAction::kUnsetProperties;
    if (AtKeyword("IF") && AtKeyword("EXISTS", 1)) {
      Next();
      Next();
      command->if_exists = true;
    }
    SPK_RETURN_NOT_OK(ExpectOperator("("));
    do {
      SPK_ASSIGN_OR_RAISE(std::string key, ParsePropertyKey());
      command->column_names.push_back(std::move(key));
    } while (AcceptOperator(","));
    SPK_RETURN_NOT_OK(ExpectOperator(")"));
    return PlanPtr(std::move(command));
  }
  if (AtKeyword("WRITE")) {
    Next();
    AcceptKeyword("LOCALLY");
    if (AcceptKeyword("UNORDERED")) {
      command->alter_action = AlterTableAction::kWriteOrderedBy;
      return PlanPtr(std::move(command));
    }
    SPK_RETURN_NOT_OK(ExpectKeyword("ORDERED"));
    SPK_RETURN_NOT_OK(ExpectKeyword("BY"));
    command->alter_action = AlterTableAction::kWriteOrderedBy;
    SPK_ASSIGN_OR_RAISE(command->expressions, ParseSortItems());
    return PlanPtr(std::move(command));
  }
  return Status::NotImplemented("this ALTER TABLE form").WithContext(ContextFrom(start));
}

Result<PlanPtr> Parser::ParseDropTable() {
  // DROP was consumed; at TABLE.
  Next();  // TABLE
  auto command = MakeCommand(CommandKind::kDropTable);
  if (AtKeyword("IF") && AtKeyword("EXISTS", 1)) {
    Next();
    Next();
    command->if_exists = true;
  }
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  command->purge = AcceptKeyword("PURGE");
  return PlanPtr(std::move(command));
}

Result<PlanPtr> Parser::ParseTruncate() {
  size_t start = pos_;
  Next();  // TRUNCATE
  SPK_RETURN_NOT_OK(ExpectKeyword("TABLE"));
  auto command = MakeCommand(CommandKind::kTruncateTable);
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  if (AtKeyword("PARTITION")) {
    return Status::NotImplemented("TRUNCATE TABLE ... PARTITION").WithContext(ContextFrom(start));
  }
  return PlanPtr(std::move(command));
}

Result<PlanPtr> Parser::ParseCall() {
  Next();  // CALL
  auto command = MakeCommand(CommandKind::kCall);
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  SPK_RETURN_NOT_OK(ExpectOperator("("));
  if (!AcceptOperator(")")) {
    do {
      std::string name;
      if (AtIdentifier() && AtOperator("=>", 1)) {
        SPK_ASSIGN_OR_RAISE(name, ParseIdentifier());
        Next();  // =>
        name = Lower(name);
      }
      SPK_ASSIGN_OR_RAISE(ExprPtr value, ParseExpr());
      command->argument_names.push_back(std::move(name));
      command->expressions.push_back(std::move(value));
    } while (AcceptOperator(","));
    SPK_RETURN_NOT_OK(ExpectOperator(")"));
  }
  return PlanPtr(std::move(command));
}

Result<PlanPtr> Parser::ParseRefresh() {
  size_t start = pos_;
  Next();  // REFRESH
  if (!AcceptKeyword("TABLE")) {
    return Status::NotImplemented("REFRESH " + std::string(Peek().text))
        .WithContext(ContextFrom(start));
  }
  auto command = MakeCommand(CommandKind::kRefreshTable);
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  return PlanPtr(std::move(command));
}

Result<PlanPtr> Parser::ParseShowTableStatement() {
  // SHOW was consumed.
  if (AtKeyword("TABLE") && AtKeyword("EXTENDED", 1)) {
    Next();
    Next();
    auto command = MakeCommand(CommandKind::kShowTableExtended);
    if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {
      SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
    }
    SPK_RETURN_NOT_OK(ExpectKeyword("LIKE"));
    if (Peek().kind != TokenKind::kString) return ErrorHere();
    command->key = Next().value;
    if (AtKeyword("PARTITION")) {
      return Status::NotImplemented("SHOW TABLE EXTENDED ... PARTITION")
          .WithContext(ContextFrom(pos_));
    }
    return PlanPtr(std::move(command));
  }
  if (AtKeyword("TBLPROPERTIES")) {
    Next();
    auto command = MakeCommand(CommandKind::kShowTblProperties);
    SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
    if (AcceptOperator("(")) {
      SPK_ASSIGN_OR_RAISE(command->key, ParsePropertyKey());
      SPK_RETURN_NOT_OK(ExpectOperator(")"));
    }
    return PlanPtr(std::move(command));
  }
  if (AtKeyword("CREATE") && AtKeyword("TABLE", 1)) {
    Next();
    Next();
    auto command = MakeCommand(CommandKind::kShowCreateTable);
    SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
    if (AtKeyword("AS") && AtKeyword("SERDE", 1)) {
      Next();
      Next();
    }
    return PlanPtr(std::move(command));
  }
  if (AtKeyword("VIEWS")) {
    Next();
    auto command = MakeCommand(CommandKind::kShowViews);
    if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {
      SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
    }
    SPK_ASSIGN_OR_RAISE(command->key, ParseOptionalLikePattern());
    return PlanPtr(std::move(command));
  }
  return PlanPtr();
}

Result<PlanPtr> Parser::ParseDescribeNamespace() {
  Next();  // DATABASE / SCHEMA / NAMESPACE
  auto command = MakeCommand(CommandKind::kDescribeDatabase);
  if (AtKeyword("EXTENDED") && AtIdentifier(1)) {
    Next();
    command->key = "extended";
  }
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  return PlanPtr(std::move(command));
}

}  // namespace sparkling
