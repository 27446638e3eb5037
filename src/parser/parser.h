#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "parser/token.h"
#include "plan/expression.h"
#include "plan/logical_plan.h"
#include "types/data_type.h"

namespace sparkling {

/// The recursive-descent parser behind sql_parser.h. One instance parses one text. Its methods
/// are spread over files by grammar area: parser.cc (token cursor, identifiers), sql_parser.cc
/// (entry points), expression_parser.cc, literal_parser.cc, query_parser.cc,
/// statement_parser.cc, data_type_parser.cc.
class Parser {
 public:
  Parser(std::string_view sql, std::vector<Token> tokens);

  Result<PlanPtr> ParseSingleStatement();
  Result<ExprPtr> ParseSingleExpression();
  Result<DataTypePtr> ParseSingleDataType();
  Result<Schema> ParseSingleTableSchema();
  Result<std::vector<std::string>> ParseSingleMultipartIdentifier();

 private:
  // ---- Token cursor (parser.cc) ----
  const Token& Peek(int ahead = 0) const;
  const Token& Next();  // consumes and returns the current token
  const Token& Previous() const { return tokens_[pos_ > 0 ? pos_ - 1 : 0]; }
  bool AtEnd() const { return Peek().kind == TokenKind::kEnd; }
  bool AtKeyword(std::string_view keyword, int ahead = 0) const {
    return Peek(ahead).IsKeyword(keyword);
  }
  bool AtOperator(std::string_view op, int ahead = 0) const { return Peek(ahead).Is(op); }
  bool AcceptKeyword(std::string_view keyword);
  bool AcceptOperator(std::string_view op);
  Status ExpectKeyword(std::string_view keyword);
  Status ExpectOperator(std::string_view op);
  /// PARSE_SYNTAX_ERROR at the current token.
  Status ErrorHere(std::string hint = "") const;
  /// The error for tokens left over after a complete statement / expression.
  Status ExpectEnd();
  /// Like ExpectOperator / ExpectKeyword, with Spark's ": missing 'x'" hint where ANTLR gives it
  /// (a subquery's ')', a subscript's ']', JOIN).
  Status ExpectWithHint(std::string_view op);
  /// Increments the nesting depth; FAILED_TO_PARSE_TOO_COMPLEX beyond the limit or when the
  /// thread's stack runs low. Every successful call is paired with LeaveNesting().
  Status EnterNesting();
  void LeaveNesting() { --depth_; }
  /// Calls LeaveNesting() on scope exit, after a successful EnterNesting().
  class NestingScope {
   public:
    explicit NestingScope(Parser* parser) : parser_(parser) {}
    ~NestingScope() { parser_->LeaveNesting(); }
    NestingScope(const NestingScope&) = delete;
    NestingScope& operator=(const NestingScope&) = delete;

   private:
    Parser* parser_;
  };
  /// Spark reports semantic errors found while building the tree (bad literal values, unknown
  /// types) only once the whole text parsed; a syntax error later in the text wins. Such errors
  /// are kept here and returned by the ParseSingle* entry points after the end is reached.
  void Defer(Status status);
  /// `literal`, or a NULL placeholder when it failed with a deferrable error (deferring it).
  Result<ExprPtr> DeferLiteralError(Result<ExprPtr> literal);
  QueryContext ContextFrom(size_t first_token) const;
  std::string TextFrom(size_t first_token) const;

  // ---- Identifiers (parser.cc) ----
  bool AtIdentifier(int ahead = 0) const;
  Result<std::string> ParseIdentifier();
  Result<std::vector<std::string>> ParseMultipartName();
  Result<std::vector<std::string>> ParseIdentifierList();  // ( a, b, ... )
  /// An optional alias after a select item or relation: [AS] identifier. Join and
  /// set-operation keywords are never bare aliases (Spark's strictIdentifier), and clause
  /// keywords (FROM, WHERE, ...) only when nothing follows them.
  Result<std::optional<std::string>> ParseOptionalAlias(bool for_relation);

  // ---- Expressions (expression_parser.cc) ----
  Result<ExprPtr> ParseNamedExpression();  // expr [AS alias | alias | AS (a, b)]
  Result<ExprPtr> ParseExpr();             // boolean expression (OR level)
  Result<ExprPtr> ParseOr();
  Result<ExprPtr> ParseAnd();
  Result<ExprPtr> ParseNot();
  Result<ExprPtr> ParsePredicate();
  Result<ExprPtr> ParseComparison();
  Result<ExprPtr> ParseBitOr();
  Result<ExprPtr> ParseBitXor();
  Result<ExprPtr> ParseBitAnd();
  Result<ExprPtr> ParseShift();
  Result<ExprPtr> ParseAdditive();
  Result<ExprPtr> ParseMultiplicative();
  Result<ExprPtr> ParseUnary();
  Result<ExprPtr> ParsePostfix();  // primary followed by .field, [index], ::type
  Result<ExprPtr> ParsePrimary();
  Result<ExprPtr> ParseParenthesized(size_t start);
  Result<ExprPtr> ParseCase(size_t start);
  Result<ExprPtr> ParseCast(size_t start, CastMode mode);
  Result<ExprPtr> ParseExtract(size_t start);
  Result<ExprPtr> ParseFunctionCall(size_t start, std::vector<std::string> name);
  Status ParseArgumentList(UnresolvedFunction& function);
  /// The keyword forms of a few builtins (POSITION(a IN b), TRIM(LEADING x FROM s), ...);
  /// false when `name` has none or is not written that way.
  Result<bool> ParseKeywordArguments(const std::string& name, UnresolvedFunction& function);
  Result<ExprPtr> ParseFunctionArgument();
  Result<ExprPtr> ParseNameOrFunction(size_t start);
  Result<std::vector<ExprPtr>> ParseExpressionList();  // a, b, c (no parentheses)
  ExprPtr Call(std::string name, std::vector<ExprPtr> arguments, size_t start_token) const;
  ExprPtr Not(ExprPtr child, size_t start_token) const;

  // ---- Literals (literal_parser.cc) ----
  Result<ExprPtr> ParseNumberLiteral(bool negate, size_t start);
  Result<ExprPtr> ParseStringLiteral();             // adjacent string tokens concatenated
  Result<ExprPtr> ParseTypedLiteral(size_t start);  // DATE '...', X'..', TIMESTAMP '...'
  Result<ExprPtr> ParseIntervalLiteral(size_t start);
  bool AtTypedLiteral() const;
  static ExprPtr BooleanLiteral(bool value);
  static ExprPtr StringLiteral(std::string value);

  // ---- Queries (query_parser.cc) ----
  Result<PlanPtr> ParseQuery();  // [WITH ...] set-operation tree [ORDER BY ...] [LIMIT ...]
  Result<PlanPtr> ParseSetOperationTerm();
  Result<PlanPtr> ParseIntersectTerm();
  Result<PlanPtr> ParseQueryPrimary();
  Result<PlanPtr> ParseQuerySpecification();  // SELECT ...
  Result<PlanPtr> ParseQueryOrganization(PlanPtr plan);
  Result<PlanPtr> ParseInlineTable();  // VALUES ...
  Result<PlanPtr> ParseFromClause();
  Result<PlanPtr> ParseRelation();  // primary followed by joins
  Result<PlanPtr> ParseRelationPrimary();
  Result<PlanPtr> ParseTableAlias(PlanPtr plan, bool allow_column_aliases);
  Result<std::optional<JoinType>> ParseJoinType(bool* natural);
  Result<std::vector<ExprPtr>> ParseSortItems();
  /// [FOR] VERSION|SYSTEM_VERSION AS OF v / [FOR] TIMESTAMP|SYSTEM_TIME AS OF expr.
  Result<std::optional<TimeTravel>> ParseTimeTravel();
  bool AtQueryStart(int ahead = 0) const;
  /// After a '(' : the subquery `query )` when the content is one, else nullopt with the
  /// position unchanged (the caller parses an expression or relation instead).
  Result<std::optional<PlanPtr>> TryParseSubqueryBody();
  struct Checkpoint {
    size_t pos;
    int next_positional_parameter;
    Status deferred_error;
    ExprPtr last_row_constructor;
  };
  Checkpoint Save() const;
  void Restore(const Checkpoint& checkpoint);

  // ---- Statements (statement_parser.cc) ----
  Result<PlanPtr> ParseStatement();
  /// The source text after `keyword` to the end of the statement, for SET / RESET.
  std::string_view RawTextAfter(const Token& keyword) const;
  Result<PlanPtr> ParseSet(size_t start);
  Result<PlanPtr> ParseReset(size_t start);
  Result<PlanPtr> ParseUse();
  Result<PlanPtr> ParseShow();
  Result<PlanPtr> ParseCreate(size_t start);
  Result<PlanPtr> ParseCreateView(size_t start, bool replace);
  Result<PlanPtr> ParseCreateDatabase();
  Result<PlanPtr> ParseDrop();
  Result<PlanPtr> ParseExplain();
  Result<PlanPtr> ParseDescribe();
  Result<PlanPtr> ParseCache();
  Result<PlanPtr> ParseUncache();
  Result<std::vector<std::pair<std::string, std::string>>> ParsePropertyList();
  /// Consumes `IF NOT EXISTS` when it comes next.
  bool AcceptIfNotExists();
  /// Spark reserves some table and namespace properties for clauses of their own
  /// (UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY / SET_NAMESPACE_PROPERTY), checked when the
  /// statement from `start` has been read.
  Status CheckReservedProperties(const std::vector<std::pair<std::string, std::string>>& properties,
                                 bool is_namespace, size_t start) const;
  Result<std::string> ParsePropertyKey();
  Result<std::optional<std::string>> ParseOptionalLikePattern();

  // ---- Table statements (table_statement_parser.cc) ----
  Result<PlanPtr> ParseCreateTable(size_t start, bool replace, bool or_replace);
  Result<PlanPtr> ParseCreatePersistentView(size_t start, bool replace);
  /// What follows a view's name: `(columns)`, COMMENT, TBLPROPERTIES, AS query. A temporary
  /// view whose column list has types is a data source view (not supported).
  Status ParseViewDefinition(Command& command, size_t start, bool temporary);
  Result<PlanPtr> ParseInsert();
  Result<PlanPtr> ParseDeleteFrom();
  Result<PlanPtr> ParseUpdate();
  Result<PlanPtr> ParseMerge();
  Result<PlanPtr> ParseAlter();
  Result<PlanPtr> ParseDropTable();
  Result<PlanPtr> ParseTruncate();
  Result<PlanPtr> ParseCall();
  Result<PlanPtr> ParseRefresh();

  // ---- Declarative pipeline definitions (pipeline_statement_parser.cc) ----
  /// CREATE [OR REFRESH] MATERIALIZED VIEW / STREAMING TABLE, CREATE FLOW; at the word after
  /// CREATE [OR REPLACE].
  Result<PlanPtr> ParsePipelineDefinition(size_t start, bool replace);
  /// SHOW TABLE EXTENDED / TBLPROPERTIES / CREATE TABLE / VIEWS; nullptr when not one of them.
  Result<PlanPtr> ParseShowTableStatement();
  Result<PlanPtr> ParseDescribeNamespace();
  /// a = expr [, ...] (UPDATE SET, MERGE UPDATE SET).
  Result<std::vector<Assignment>> ParseAssignments();
  /// A table reference with an optional alias: DELETE / UPDATE / MERGE targets.
  Result<std::optional<std::string>> ParseTargetAlias();
  /// A partition transform: a column, or bucket(n, c) / truncate(w, c) / years(c) ...
  Result<ExprPtr> ParsePartitionTransform();

  // ---- Data types (data_type_parser.cc) ----
  Result<DataTypePtr> ParseDataType();
  Result<StructField> ParseColumnDefinition(bool colon_allowed);
  Result<int> ParseTypeLength();

  std::string_view sql_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  int next_positional_parameter_ = 0;
  Status deferred_error_;
  int backtrack_budget_ = 64;
  // The most recent (a, b) row constructor, so `(a, b) IN (SELECT ...)` and VALUES rows can
  // unpack it. Held (not just its address) so the address cannot be reused by another node.
  ExprPtr last_row_constructor_;
};

}  // namespace sparkling
