// Declarative pipeline definitions in SQL files: CREATE [OR REFRESH] MATERIALIZED VIEW,
// CREATE [OR REFRESH] STREAMING TABLE and CREATE FLOW ... AS INSERT INTO ... BY NAME. They are
// statements of the Spark SQL grammar; only a pipeline's SQL-file registration runs them.

#include <cctype>
#include <utility>

#include "parser/parse_error.h"
#include "parser/parser.h"

namespace sparkling {

Result<PlanPtr> Parser::ParsePipelineDefinition(size_t start, bool replace) {
  if (replace) return ErrorHere();  // OR REPLACE is not a pipeline definition
  if (AtKeyword("OR")) {            // OR REFRESH: the only form pipelines know anyway
    Next();
    Next();
  }
  auto command = std::make_shared<Command>();
  if (AcceptKeyword("FLOW")) {
    command->command = CommandKind::kCreateFlow;
    SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
    SPK_RETURN_NOT_OK(ExpectKeyword("AS"));
    SPK_RETURN_NOT_OK(ExpectKeyword("INSERT"));
    if (AtKeyword("OVERWRITE")) {
      return Status::NotImplemented("CREATE FLOW ... AS INSERT OVERWRITE")
          .WithContext(ContextFrom(pos_));
    }
    SPK_RETURN_NOT_OK(ExpectKeyword("INTO"));
    AcceptKeyword("TABLE");
    SPK_ASSIGN_OR_RAISE(command->name_parts2, ParseMultipartName());
    if (!(AtKeyword("BY") && AtKeyword("NAME", 1))) {
      return Status::NotImplemented("CREATE FLOW ... AS INSERT INTO without BY NAME")
          .WithContext(ContextFrom(pos_));
    }
    Next();
    Next();
    size_t query_start = pos_;
    SPK_ASSIGN_OR_RAISE(command->query, ParseQuery());
    command->query_text = TextFrom(query_start);
    return PlanPtr(std::move(command));
  }
  if (AcceptKeyword("MATERIALIZED")) {
    SPK_RETURN_NOT_OK(ExpectKeyword("VIEW"));
    command->command = CommandKind::kCreateMaterializedView;
  } else {
    SPK_RETURN_NOT_OK(ExpectKeyword("STREAMING"));
    SPK_RETURN_NOT_OK(ExpectKeyword("TABLE"));
    command->command = CommandKind::kCreateStreamingTable;
  }
  command->if_not_exists = AcceptIfNotExists();
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  auto table = std::make_shared<TableDefinition>();
  if (AtOperator("(") && !AtQueryStart(1)) {
    Next();
    do {
      SPK_ASSIGN_OR_RAISE(StructField field, ParseColumnDefinition(/*colon_allowed=*/false));
      table->columns.push_back(std::move(field));
    } while (AcceptOperator(","));
    SPK_RETURN_NOT_OK(ExpectOperator(")"));
  }
  while (true) {
    if (AcceptKeyword("USING")) {
      SPK_ASSIGN_OR_RAISE(std::string provider, ParseIdentifier());
      for (char& c : provider) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      table->provider = std::move(provider);
    } else if (AtKeyword("PARTITIONED") && AtKeyword("BY", 1)) {
      Next();
      Next();
      SPK_RETURN_NOT_OK(ExpectOperator("("));
      do {
        SPK_ASSIGN_OR_RAISE(ExprPtr column, ParsePartitionTransform());
        table->partitioning.push_back(std::move(column));
      } while (AcceptOperator(","));
      SPK_RETURN_NOT_OK(ExpectOperator(")"));
    } else if (AcceptKeyword("COMMENT")) {
      if (Peek().kind != TokenKind::kString) return ErrorHere();
      std::string comment;
      while (Peek().kind == TokenKind::kString) comment += Next().value;
      table->comment = std::move(comment);
    } else if (AcceptKeyword("TBLPROPERTIES")) {
      SPK_ASSIGN_OR_RAISE(auto properties, ParsePropertyList());
      for (auto& property : properties) table->properties.push_back(std::move(property));
    } else if (AcceptKeyword("OPTIONS")) {
      SPK_ASSIGN_OR_RAISE(table->options, ParsePropertyList());
    } else {
      break;
    }
  }
  if (AcceptKeyword("AS") || AtQueryStart()) {
    size_t query_start = pos_;
    SPK_ASSIGN_OR_RAISE(command->query, ParseQuery());
    command->query_text = TextFrom(query_start);
  } else if (command->command == CommandKind::kCreateMaterializedView) {
    return ErrorHere();  // a materialized view is its query
  }
  command->table = std::move(table);
  return PlanPtr(std::move(command));
}

}  // namespace sparkling
