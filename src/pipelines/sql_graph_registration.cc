#include "pipelines/sql_graph_registration.h"

#include <string_view>
#include <vector>

#include "parser/sql_parser.h"
#include "plan/identifier.h"

namespace sparkling::pipelines {
namespace {

struct SqlStatement {
  std::string text;
  int line = 1;  // 1-based line of the statement's first character in the file
};

// Splits on `;` outside quotes, backquoted names and comments. Statements that are only
// whitespace and comments are dropped.
std::vector<SqlStatement> SplitStatements(std::string_view text) {
  std::vector<SqlStatement> statements;
  std::string current;
  int line = 1;
  int start_line = 1;
  bool has_code = false;
  auto finish = [&]() {
    if (has_code) statements.push_back({current, start_line});
    current.clear();
    has_code = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      while (i < text.size() && text[i] != '\n') current += text[i++];
      if (i < text.size()) {
        current += '\n';
        ++line;
      }
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      current += "/*";
      i += 2;
      while (i < text.size() && !(text[i] == '*' && i + 1 < text.size() && text[i + 1] == '/')) {
        if (text[i] == '\n') ++line;
        current += text[i++];
      }
      if (i < text.size()) {
        current += "*/";
        ++i;
      }
      continue;
    }
    if (c == ';') {
      finish();
      continue;
    }
    if (!has_code && !std::isspace(static_cast<unsigned char>(c))) {
      has_code = true;
      start_line = line;
      // Leading comments and blank lines are not part of the statement's text.
      current.clear();
    }
    if (c == '\'' || c == '"' || c == '`') {
      current += c;
      for (++i; i < text.size(); ++i) {
        current += text[i];
        if (text[i] == '\n') ++line;
        if (text[i] == '\\' && c != '`' && i + 1 < text.size()) {
          current += text[++i];
          continue;
        }
        if (text[i] == c) break;
      }
      continue;
    }
    if (c == '\n') ++line;
    current += c;
  }
  finish();
  return statements;
}

// The partition columns of PARTITIONED BY (a, b); pipelines partition by columns only.
Result<std::vector<std::string>> PartitionColumns(const TableDefinition& table) {
  std::vector<std::string> columns;
  for (const auto& expression : table.partitioning) {
    if (expression->kind != ExprKind::kUnresolvedAttribute ||
        expression->As<UnresolvedAttribute>().name_parts.size() != 1) {
      return Status::NotImplemented("partition transforms in pipeline tables (" +
                                    expression->ToSql() + "); partition by columns");
    }
    columns.push_back(expression->As<UnresolvedAttribute>().name_parts[0]);
  }
  return columns;
}

class SqlFileRegistration {
 public:
  SqlFileRegistration(DataflowGraph& graph, const std::string& file_path)
      : graph_(graph),
        file_path_(file_path),
        catalog_(graph.default_catalog()),
        database_(graph.default_database()) {}

  Status Register(const SqlStatement& statement) {
    SourceLocation origin{file_path_, statement.line};
    SPK_ASSIGN_OR_RAISE(PlanPtr plan, ParseStatement(statement.text));
    if (plan->kind != PlanKind::kCommand) return Unsupported("a query", statement, origin);
    const auto& command = plan->As<Command>();
    switch (command.command) {
      case CommandKind::kCreateMaterializedView:
      case CommandKind::kCreateStreamingTable:
        return DefineTable(command, origin);
      case CommandKind::kCreateTempView:
        return DefineTemporaryView(command, statement, origin);
      case CommandKind::kCreateFlow:
        return DefineFlow(command, origin);
      case CommandKind::kSetConfig:
        if (!command.key || !command.value) {
          return Unsupported(CommandNodeName(command.command), statement, origin);
        }
        sql_conf_[*command.key] = *command.value;
        return Status::OK();
      case CommandKind::kUse:
        if (command.name_parts.size() == 1) {
          database_ = command.name_parts[0];
        } else if (command.name_parts.size() == 2) {
          catalog_ = command.name_parts[0];
          database_ = command.name_parts[1];
        } else {
          return Unsupported(CommandNodeName(command.command), statement, origin);
        }
        return Status::OK();
      default:
        return Unsupported(CommandNodeName(command.command), statement, origin);
    }
  }

 private:
  Status Unsupported(const std::string& what, const SqlStatement& statement,
                     const SourceLocation& origin) {
    return Status::Error("PIPELINE_SQL_GRAPH_ELEMENT_REGISTRATION_ERROR",
                         {{"message", "Unsupported plan " + what + " parsed from SQL query."},
                          {"offendingQuery", statement.text},
                          {"codeLocation", origin.file_name + ":" + std::to_string(origin.line)}});
  }

  Flow NewFlow(const PlanPtr& query, const SourceLocation& origin) {
    Flow flow;
    flow.query = query;
    flow.sql_conf = sql_conf_;
    flow.catalog = catalog_;
    flow.database = database_;
    flow.origin = origin;
    return flow;
  }

  Status DefineTable(const Command& command, const SourceLocation& origin) {
    Output output;
    output.type = command.command == CommandKind::kCreateMaterializedView
                      ? OutputType::kMaterializedView
                      : OutputType::kStreamingTable;
    SPK_ASSIGN_OR_RAISE(output.identifier,
                        DataflowGraph::Qualify(command.name_parts, catalog_, database_));
    if (command.table != nullptr) {
      const TableDefinition& table = *command.table;
      output.comment = table.comment;
      output.table_properties = table.properties;
      output.format = table.provider;
      if (!table.columns.empty()) output.schema = table.columns;
      SPK_ASSIGN_OR_RAISE(output.partition_columns, PartitionColumns(table));
    }
    output.origin = origin;
    SPK_ASSIGN_OR_RAISE(auto identifier, graph_.DefineOutput(std::move(output)));
    if (command.query == nullptr) return Status::OK();  // CREATE STREAMING TABLE t: flows later
    return graph_.DefineFlow(identifier, identifier, NewFlow(command.query, origin)).status();
  }

  Status DefineTemporaryView(const Command& command, const SqlStatement& statement,
                             const SourceLocation& origin) {
    if (command.is_global) return Unsupported("CREATE GLOBAL TEMPORARY VIEW", statement, origin);
    Output output;
    output.type = OutputType::kTemporaryView;
    output.identifier = command.name_parts;
    output.origin = origin;
    for (const auto& [key, value] : command.properties) {
      if (key == "comment") output.comment = value;
    }
    SPK_ASSIGN_OR_RAISE(auto identifier, graph_.DefineOutput(std::move(output)));
    return graph_.DefineFlow(identifier, identifier, NewFlow(command.query, origin)).status();
  }

  Status DefineFlow(const Command& command, const SourceLocation& origin) {
    std::vector<std::string> target = command.name_parts2;
    bool temporary_target = false;
    if (target.size() == 1) {
      for (const auto& output : graph_.outputs()) {
        temporary_target |= output.type == OutputType::kTemporaryView &&
                            EqualsIgnoreCase(output.identifier[0], target[0]);
      }
    }
    if (!temporary_target) {
      SPK_ASSIGN_OR_RAISE(target, DataflowGraph::Qualify(target, catalog_, database_));
    }
    std::vector<std::string> flow_name = command.name_parts;
    if (flow_name.size() == 1) {
      SPK_ASSIGN_OR_RAISE(flow_name, DataflowGraph::Qualify(flow_name, catalog_, database_));
    } else {
      return Status::Error("MULTIPART_FLOW_NAME_NOT_SUPPORTED",
                           {{"flowName", DisplayName(flow_name)}});
    }
    return graph_.DefineFlow(flow_name, target, NewFlow(command.query, origin)).status();
  }

  DataflowGraph& graph_;
  const std::string file_path_;
  std::string catalog_;
  std::string database_;
  std::map<std::string, std::string> sql_conf_;
};

}  // namespace

Status RegisterSqlGraphElements(DataflowGraph& graph, const std::string& file_path,
                                const std::string& sql_text) {
  SqlFileRegistration registration(graph, file_path);
  for (const auto& statement : SplitStatements(sql_text)) {
    SPK_RETURN_NOT_OK(registration.Register(statement));
  }
  return Status::OK();
}

}  // namespace sparkling::pipelines
