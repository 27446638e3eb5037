#include "parser/sql_parser.h"

#include <cctype>
#include <utility>

#include "parser/lexer.h"
#include "parser/parse_error.h"
#include "parser/parser.h"

namespace sparkling {
namespace {

/// SET and RESET take the rest of the statement as raw text (values may contain characters the
/// lexer rejects), so when lexing fails for them only the leading keyword is tokenized.
Result<std::vector<Token>> TokenizeStatement(std::string_view sql) {
  Result<std::vector<Token>> tokens = Tokenize(sql);
  if (tokens.ok()) return tokens;
  size_t start = 0;
  while (start < sql.size() && std::isspace(static_cast<unsigned char>(sql[start]))) ++start;
  size_t end = start;
  while (end < sql.size() && std::isalpha(static_cast<unsigned char>(sql[end]))) ++end;
  std::string word(sql.substr(start, end - start));
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if ((word == "SET" || word == "RESET") &&
      (end == sql.size() || std::isspace(static_cast<unsigned char>(sql[end])))) {
    Result<std::vector<Token>> keyword = Tokenize(sql.substr(0, end));
    if (keyword.ok()) return keyword;
  }
  return tokens;
}

// Runs one entry rule of the parser over `text`; errors carry the text as Spark prints it.
template <typename T>
Result<T> ParseWith(std::string_view text, Result<T> (Parser::*rule)()) {
  Result<T> result = [&]() -> Result<T> {
    SPK_ASSIGN_OR_RAISE(std::vector<Token> tokens, Tokenize(text));
    return (Parser(text, std::move(tokens)).*rule)();
  }();
  if (result.ok()) return result;
  return WithStatementText(result.status(), text);
}

}  // namespace

Result<PlanPtr> ParseStatement(std::string_view sql) {
  Result<PlanPtr> plan = [&]() -> Result<PlanPtr> {
    SPK_ASSIGN_OR_RAISE(std::vector<Token> tokens, TokenizeStatement(sql));
    // Only blank text (or comments) is an empty statement; a lone ";" is a syntax error.
    if (tokens.size() == 1) return Status::Error("PARSE_EMPTY_STATEMENT");
    return Parser(sql, std::move(tokens)).ParseSingleStatement();
  }();
  if (plan.ok()) return plan;
  return WithStatementText(plan.status(), sql);
}

Result<ExprPtr> ParseExpression(std::string_view text) {
  return ParseWith(text, &Parser::ParseSingleExpression);
}

Result<DataTypePtr> ParseDataType(std::string_view text) {
  return ParseWith(text, &Parser::ParseSingleDataType);
}

Result<Schema> ParseTableSchema(std::string_view text) {
  return ParseWith(text, &Parser::ParseSingleTableSchema);
}

Result<DataTypePtr> ParseDataTypeOrSchema(std::string_view text) {
  Result<Schema> schema = ParseTableSchema(text);
  if (schema.ok()) return DataType::Struct(std::move(schema).ValueOrDie());
  Result<DataTypePtr> type = ParseDataType(text);
  if (type.ok() || type.status().error().error_class != "PARSE_SYNTAX_ERROR") return type;
  std::string wrapped = "struct<" + std::string(text) + ">";
  Result<DataTypePtr> as_struct = ParseDataType(wrapped);
  if (as_struct.ok()) return as_struct;
  // DataType.fromDDL reports the table-schema attempt's error.
  return schema.status();
}

Result<std::vector<std::string>> ParseMultipartIdentifier(std::string_view text) {
  return ParseWith(text, &Parser::ParseSingleMultipartIdentifier);
}

// Entry points of the parser class; the grammar lives in the *_parser.cc files.

Result<ExprPtr> Parser::ParseSingleExpression() {
  SPK_ASSIGN_OR_RAISE(ExprPtr expr, ParseNamedExpression());
  SPK_RETURN_NOT_OK(ExpectEnd());
  SPK_RETURN_NOT_OK(deferred_error_);
  return expr;
}

Result<DataTypePtr> Parser::ParseSingleDataType() {
  SPK_ASSIGN_OR_RAISE(DataTypePtr type, ParseDataType());
  SPK_RETURN_NOT_OK(ExpectEnd());
  SPK_RETURN_NOT_OK(deferred_error_);
  return type;
}

Result<Schema> Parser::ParseSingleTableSchema() {
  if (AtKeyword("STRUCT") && (AtOperator("<", 1) || AtOperator("<>", 1))) {
    SPK_ASSIGN_OR_RAISE(DataTypePtr type, ParseDataType());
    SPK_RETURN_NOT_OK(ExpectEnd());
    return type->fields();
  }
  Schema schema;
  if (AtEnd()) return schema;
  do {
    SPK_ASSIGN_OR_RAISE(StructField field, ParseColumnDefinition(/*colon_allowed=*/false));
    schema.push_back(std::move(field));
  } while (AcceptOperator(","));
  SPK_RETURN_NOT_OK(ExpectEnd());
  SPK_RETURN_NOT_OK(deferred_error_);
  return schema;
}

Result<std::vector<std::string>> Parser::ParseSingleMultipartIdentifier() {
  SPK_ASSIGN_OR_RAISE(std::vector<std::string> parts, ParseMultipartName());
  SPK_RETURN_NOT_OK(ExpectEnd());
  SPK_RETURN_NOT_OK(deferred_error_);
  return parts;
}

}  // namespace sparkling
