// Queries: WITH, set operations (INTERSECT binds tighter than UNION / EXCEPT), SELECT blocks,
// VALUES, FROM clauses with joins, ORDER BY / LIMIT / OFFSET.

#include <utility>

#include "parser/parse_error.h"
#include "parser/parser.h"

namespace sparkling {
namespace {

PlanPtr MakeSubqueryAlias(PlanPtr child, std::string alias, std::vector<std::string> columns) {
  auto node = std::make_shared<SubqueryAlias>();
  node->qualifier.push_back(std::move(alias));
  node->column_names = std::move(columns);
  node->children.push_back(std::move(child));
  return node;
}

}  // namespace

bool Parser::AtQueryStart(int ahead) const {
  while (AtOperator("(", ahead)) ++ahead;
  return AtKeyword("SELECT", ahead) || AtKeyword("WITH", ahead) || AtKeyword("VALUES", ahead) ||
         (AtKeyword("TABLE", ahead) && AtIdentifier(ahead + 1)) ||
         (AtKeyword("FROM", ahead) && AtIdentifier(ahead + 1));
}

Parser::Checkpoint Parser::Save() const {
  return Checkpoint{pos_, next_positional_parameter_, deferred_error_, last_row_constructor_};
}

void Parser::Restore(const Checkpoint& checkpoint) {
  pos_ = checkpoint.pos;
  next_positional_parameter_ = checkpoint.next_positional_parameter;
  deferred_error_ = checkpoint.deferred_error;
  last_row_constructor_ = checkpoint.last_row_constructor;
}

Result<std::optional<PlanPtr>> Parser::TryParseSubqueryBody() {
  if (!AtQueryStart()) return std::optional<PlanPtr>();
  // `(SELECT ...` is certainly a query; `((SELECT 1) + 1)` or `((SELECT 1) t JOIN u ...)` is
  // not, so content starting with another parenthesis is tried as a query and abandoned if it
  // does not end at the closing parenthesis. A budget keeps pathological nesting from making
  // the retries exponential.
  if (AtOperator("(") && backtrack_budget_ > 0) {
    --backtrack_budget_;
    Checkpoint checkpoint = Save();
    Result<PlanPtr> query = ParseQuery();
    if (query.ok() && AtOperator(")")) {
      Next();
      return std::optional<PlanPtr>(std::move(query).ValueOrDie());
    }
    Restore(checkpoint);
    return std::optional<PlanPtr>();
  }
  SPK_ASSIGN_OR_RAISE(PlanPtr query, ParseQuery());
  SPK_RETURN_NOT_OK(ExpectWithHint(")"));
  return std::optional<PlanPtr>(std::move(query));
}

Result<PlanPtr> Parser::ParseQuery() {
  SPK_RETURN_NOT_OK(EnterNesting());
  NestingScope scope(this);

  std::vector<WithCte::Definition> definitions;
  if (AcceptKeyword("WITH")) {
    if (AtKeyword("RECURSIVE")) {
      return Status::NotImplemented("WITH RECURSIVE").WithContext(ContextFrom(pos_));
    }
    do {
      WithCte::Definition definition;
      SPK_ASSIGN_OR_RAISE(definition.name, ParseIdentifier());
      if (AtOperator("(")) {
        SPK_ASSIGN_OR_RAISE(definition.column_names, ParseIdentifierList());
      }
      AcceptKeyword("AS");
      SPK_RETURN_NOT_OK(ExpectOperator("("));
      SPK_ASSIGN_OR_RAISE(definition.plan, ParseQuery());
      SPK_RETURN_NOT_OK(ExpectOperator(")"));
      definitions.push_back(std::move(definition));
    } while (AcceptOperator(","));
  }
  SPK_ASSIGN_OR_RAISE(PlanPtr plan, ParseSetOperationTerm());
  SPK_ASSIGN_OR_RAISE(plan, ParseQueryOrganization(std::move(plan)));
  if (definitions.empty()) return plan;
  auto with = std::make_shared<WithCte>();
  with->definitions = std::move(definitions);
  with->children.push_back(std::move(plan));
  return PlanPtr(std::move(with));
}

Result<PlanPtr> Parser::ParseSetOperationTerm() {
  SPK_ASSIGN_OR_RAISE(PlanPtr left, ParseIntersectTerm());
  while (AtKeyword("UNION") || AtKeyword("EXCEPT") || AtKeyword("MINUS") || AtKeyword("SETMINUS")) {
    auto node = std::make_shared<SetOperation>();
    node->op = Next().value == "UNION" ? SetOperationType::kUnion : SetOperationType::kExcept;
    if (AcceptKeyword("ALL")) {
      node->is_all = true;
    } else {
      AcceptKeyword("DISTINCT");
    }
    if (AtKeyword("BY") && AtKeyword("NAME", 1)) {
      Next();
      Next();
      node->by_name = true;
    }
    SPK_ASSIGN_OR_RAISE(PlanPtr right, ParseIntersectTerm());
    node->children = {std::move(left), std::move(right)};
    left = std::move(node);
  }
  return left;
}

Result<PlanPtr> Parser::ParseIntersectTerm() {
  SPK_ASSIGN_OR_RAISE(PlanPtr left, ParseQueryPrimary());
  while (AcceptKeyword("INTERSECT")) {
    auto node = std::make_shared<SetOperation>();
    node->op = SetOperationType::kIntersect;
    if (AcceptKeyword("ALL")) {
      node->is_all = true;
    } else {
      AcceptKeyword("DISTINCT");
    }
    SPK_ASSIGN_OR_RAISE(PlanPtr right, ParseQueryPrimary());
    node->children = {std::move(left), std::move(right)};
    left = std::move(node);
  }
  return left;
}

Result<PlanPtr> Parser::ParseQueryPrimary() {
  if (AtKeyword("SELECT")) return ParseQuerySpecification();
  if (AtKeyword("VALUES")) return ParseInlineTable();
  if (AtKeyword("TABLE") && AtIdentifier(1)) {
    size_t start = pos_ + 1;
    Next();
    auto relation = std::make_shared<UnresolvedRelation>();
    SPK_ASSIGN_OR_RAISE(relation->name_parts, ParseMultipartName());
    relation->origin = ContextFrom(start);
    return PlanPtr(std::move(relation));
  }
  if (AtKeyword("FROM") && AtIdentifier(1)) {
    return Status::NotImplemented("FROM-first queries (FROM t SELECT ...)")
        .WithContext(ContextFrom(pos_));
  }
  if (AtOperator("(") && AtQueryStart(1)) {
    Next();
    SPK_ASSIGN_OR_RAISE(PlanPtr query, ParseQuery());
    SPK_RETURN_NOT_OK(ExpectOperator(")"));
    return query;
  }
  return ErrorHere();
}

Result<PlanPtr> Parser::ParseQuerySpecification() {
  SPK_RETURN_NOT_OK(ExpectKeyword("SELECT"));
  bool distinct = false;
  if (AcceptKeyword("DISTINCT")) {
    distinct = true;
  } else if (AtKeyword("ALL") && !AtOperator(",", 1) && !AtKeyword("FROM", 1) && !AtEnd()) {
    Next();
  }
  std::vector<ExprPtr> select_list;
  do {
    SPK_ASSIGN_OR_RAISE(ExprPtr item, ParseNamedExpression());
    select_list.push_back(std::move(item));
  } while (AcceptOperator(","));

  PlanPtr plan;
  if (AtKeyword("FROM")) {
    SPK_ASSIGN_OR_RAISE(plan, ParseFromClause());
  } else {
    plan = std::make_shared<OneRow>();
  }
  if (AtKeyword("LATERAL") && AtKeyword("VIEW", 1)) {
    return Status::NotImplemented("LATERAL VIEW").WithContext(ContextFrom(pos_));
  }
  if (AcceptKeyword("WHERE")) {
    auto filter = std::make_shared<Filter>();
    SPK_ASSIGN_OR_RAISE(filter->condition, ParseExpr());
    filter->children.push_back(std::move(plan));
    plan = std::move(filter);
  }

  std::shared_ptr<Aggregate> aggregate;  // set by GROUP BY, or by HAVING alone
  if (AtKeyword("GROUP") && !AtKeyword("BY", 1) && !AtEnd()) {  // GROUP without BY
    Next();
    return ErrorHere();
  }
  if (AtKeyword("GROUP") && AtKeyword("BY", 1)) {
    Next();
    Next();
    auto node = std::make_shared<Aggregate>();
    if (AtKeyword("ALL") && !AtOperator("(", 1)) {
      Next();
      node->group_by_all = true;
    } else {
      if (AtKeyword("GROUPING") || AtKeyword("ROLLUP") || AtKeyword("CUBE")) {
        return Status::NotImplemented("GROUPING SETS / ROLLUP / CUBE")
            .WithContext(ContextFrom(pos_));
      }
      SPK_ASSIGN_OR_RAISE(node->groupings, ParseExpressionList());
      if (AtKeyword("WITH") && (AtKeyword("ROLLUP", 1) || AtKeyword("CUBE", 1))) {
        return Status::NotImplemented("GROUP BY ... WITH ROLLUP / CUBE")
            .WithContext(ContextFrom(pos_));
      }
    }
    aggregate = std::move(node);
  }
  std::optional<ExprPtr> having;
  if (AcceptKeyword("HAVING")) {
    SPK_ASSIGN_OR_RAISE(ExprPtr condition, ParseExpr());
    having = std::move(condition);
    // HAVING without GROUP BY aggregates the whole input (Spark: global aggregate).
    if (!aggregate) aggregate = std::make_shared<Aggregate>();
  }
  if (AtKeyword("WINDOW") && AtIdentifier(1)) {
    return Status::NotImplemented("window functions (WINDOW clause)")
        .WithContext(ContextFrom(pos_));
  }
  if (AtKeyword("QUALIFY")) {
    return Status::NotImplemented("QUALIFY").WithContext(ContextFrom(pos_));
  }

  if (aggregate) {
    aggregate->aggregates = std::move(select_list);
    aggregate->children.push_back(std::move(plan));
    plan = std::move(aggregate);
  } else {
    auto project = std::make_shared<Project>();
    project->expressions = std::move(select_list);
    project->children.push_back(std::move(plan));
    plan = std::move(project);
  }
  if (having) {
    auto filter = std::make_shared<Filter>();
    filter->condition = std::move(*having);
    filter->is_having = true;
    filter->children.push_back(std::move(plan));
    plan = std::move(filter);
  }
  if (distinct) {
    auto node = std::make_shared<Distinct>();
    node->children.push_back(std::move(plan));
    plan = std::move(node);
  }
  return plan;
}

Result<std::vector<ExprPtr>> Parser::ParseSortItems() {
  std::vector<ExprPtr> orders;
  do {
    size_t start = pos_;
    SPK_ASSIGN_OR_RAISE(ExprPtr expr, ParseExpr());
    auto order = std::make_shared<SortOrder>();
    if (AcceptKeyword("DESC")) {
      order->direction = SortDirection::kDescending;
    } else {
      AcceptKeyword("ASC");
    }
    // Spark's default: ASC → NULLS FIRST, DESC → NULLS LAST.
    order->null_ordering = order->direction == SortDirection::kAscending ? NullOrdering::kNullsFirst
                                                                         : NullOrdering::kNullsLast;
    if (AtKeyword("NULLS")) {
      Next();
      if (AcceptKeyword("FIRST")) {
        order->null_ordering = NullOrdering::kNullsFirst;
      } else if (AcceptKeyword("LAST")) {
        order->null_ordering = NullOrdering::kNullsLast;
      } else {
        return ErrorHere();
      }
    }
    order->children.push_back(std::move(expr));
    order->origin = ContextFrom(start);
    orders.push_back(std::move(order));
  } while (AcceptOperator(","));
  return orders;
}

Result<PlanPtr> Parser::ParseQueryOrganization(PlanPtr plan) {
  if (AtKeyword("ORDER") && !AtKeyword("BY", 1) && !AtEnd()) {  // ORDER without BY
    Next();
    return ErrorHere(Peek(1).kind == TokenKind::kEnd ? ExtraInputHint(Peek()) : "");
  }
  if ((AtKeyword("ORDER") || AtKeyword("SORT")) && AtKeyword("BY", 1)) {
    bool global = Next().value == "ORDER";
    Next();
    auto sort = std::make_shared<Sort>();
    SPK_ASSIGN_OR_RAISE(sort->orders, ParseSortItems());
    sort->global = global;
    sort->children.push_back(std::move(plan));
    plan = std::move(sort);
  } else if ((AtKeyword("CLUSTER") || AtKeyword("DISTRIBUTE")) && AtKeyword("BY", 1)) {
    bool cluster = Next().value == "CLUSTER";
    Next();
    auto repartition = std::make_shared<Repartition>();
    SPK_ASSIGN_OR_RAISE(repartition->partition_expressions, ParseExpressionList());
    std::vector<ExprPtr> keys = repartition->partition_expressions;
    repartition->children.push_back(std::move(plan));
    plan = std::move(repartition);
    if (cluster) {  // CLUSTER BY x = DISTRIBUTE BY x SORT BY x
      auto sort = std::make_shared<Sort>();
      for (auto& key : keys) {
        auto order = std::make_shared<SortOrder>();
        order->children.push_back(std::move(key));
        sort->orders.push_back(std::move(order));
      }
      sort->global = false;
      sort->children.push_back(std::move(plan));
      plan = std::move(sort);
    } else if (AtKeyword("SORT") && AtKeyword("BY", 1)) {
      Next();
      Next();
      auto sort = std::make_shared<Sort>();
      SPK_ASSIGN_OR_RAISE(sort->orders, ParseSortItems());
      sort->global = false;
      sort->children.push_back(std::move(plan));
      plan = std::move(sort);
    }
  }
  if (AtKeyword("WINDOW") && AtIdentifier(1)) {
    return Status::NotImplemented("window functions (WINDOW clause)")
        .WithContext(ContextFrom(pos_));
  }
  std::optional<ExprPtr> limit;
  if (AtKeyword("LIMIT") && !(Peek(1).kind == TokenKind::kEnd || AtOperator(";", 1))) {
    Next();
    if (!AcceptKeyword("ALL")) {
      SPK_ASSIGN_OR_RAISE(ExprPtr value, ParseExpr());
      limit = std::move(value);
    }
  }
  if (AtKeyword("OFFSET") && !(Peek(1).kind == TokenKind::kEnd || AtOperator(";", 1))) {
    Next();
    auto offset = std::make_shared<Offset>();
    SPK_ASSIGN_OR_RAISE(offset->offset, ParseExpr());
    offset->children.push_back(std::move(plan));
    plan = std::move(offset);
  }
  if (limit) {
    auto node = std::make_shared<Limit>();
    node->limit = std::move(*limit);
    node->children.push_back(std::move(plan));
    plan = std::move(node);
  }
  return plan;
}

Result<PlanPtr> Parser::ParseInlineTable() {
  SPK_RETURN_NOT_OK(ExpectKeyword("VALUES"));
  auto table = std::make_shared<InlineTable>();
  do {
    SPK_ASSIGN_OR_RAISE(ExprPtr row, ParseExpr());
    if (row == last_row_constructor_) {
      table->rows.push_back(row->children);  // (a, b) is a row of two columns
    } else {
      table->rows.push_back({std::move(row)});
    }
  } while (AcceptOperator(","));
  SPK_ASSIGN_OR_RAISE(std::optional<std::string> alias, ParseOptionalAlias(true));
  if (!alias) return PlanPtr(std::move(table));
  if (AtOperator("(")) {
    SPK_ASSIGN_OR_RAISE(table->column_names, ParseIdentifierList());
  }
  return MakeSubqueryAlias(std::move(table), std::move(*alias), {});
}

Result<PlanPtr> Parser::ParseFromClause() {
  SPK_RETURN_NOT_OK(ExpectKeyword("FROM"));
  SPK_ASSIGN_OR_RAISE(PlanPtr plan, ParseRelation());
  while (AcceptOperator(",")) {
    SPK_ASSIGN_OR_RAISE(PlanPtr right, ParseRelation());
    auto join = std::make_shared<Join>();
    join->join_type = JoinType::kInner;
    join->children = {std::move(plan), std::move(right)};
    plan = std::move(join);
  }
  if (AtKeyword("PIVOT") || AtKeyword("UNPIVOT")) {
    return Status::NotImplemented(Peek().value).WithContext(ContextFrom(pos_));
  }
  return plan;
}

Result<std::optional<JoinType>> Parser::ParseJoinType(bool* natural) {
  *natural = false;
  size_t start = pos_;
  if (AcceptKeyword("NATURAL")) *natural = true;
  std::optional<JoinType> type;
  if (AcceptKeyword("CROSS")) {
    type = JoinType::kCross;
  } else if (AcceptKeyword("INNER")) {
    type = JoinType::kInner;
  } else if (AtKeyword("JOIN")) {
    type = JoinType::kInner;
  } else if (AcceptKeyword("LEFT")) {
    if (AcceptKeyword("SEMI")) {
      type = JoinType::kLeftSemi;
    } else if (AcceptKeyword("ANTI")) {
      type = JoinType::kLeftAnti;
    } else {
      AcceptKeyword("OUTER");
      type = JoinType::kLeftOuter;
    }
  } else if (AcceptKeyword("SEMI")) {
    type = JoinType::kLeftSemi;
  } else if (AcceptKeyword("ANTI")) {
    type = JoinType::kLeftAnti;
  } else if (AcceptKeyword("RIGHT")) {
    AcceptKeyword("OUTER");
    type = JoinType::kRightOuter;
  } else if (AcceptKeyword("FULL")) {
    AcceptKeyword("OUTER");
    type = JoinType::kFullOuter;
  }
  if (!type) {
    if (*natural) return ErrorHere();
    pos_ = start;
    return std::optional<JoinType>();
  }
  SPK_RETURN_NOT_OK(ExpectWithHint("JOIN"));
  return type;
}

Result<PlanPtr> Parser::ParseRelation() {
  if (AtKeyword("LATERAL") && (AtOperator("(", 1) || AtIdentifier(1))) {
    return Status::NotImplemented("LATERAL subqueries").WithContext(ContextFrom(pos_));
  }
  SPK_ASSIGN_OR_RAISE(PlanPtr left, ParseRelationPrimary());
  while (true) {
    bool natural = false;
    SPK_ASSIGN_OR_RAISE(std::optional<JoinType> type, ParseJoinType(&natural));
    if (!type) return left;
    if (AtKeyword("LATERAL")) {
      return Status::NotImplemented("LATERAL joins").WithContext(ContextFrom(pos_));
    }
    SPK_ASSIGN_OR_RAISE(PlanPtr right, ParseRelationPrimary());
    auto join = std::make_shared<Join>();
    join->join_type = *type;
    join->natural = natural;
    if (!natural) {
      if (AcceptKeyword("ON")) {
        SPK_ASSIGN_OR_RAISE(ExprPtr condition, ParseExpr());
        join->condition = std::move(condition);
      } else if (AtKeyword("USING")) {
        Next();
        SPK_ASSIGN_OR_RAISE(join->using_columns, ParseIdentifierList());
      }
    }
    join->children = {std::move(left), std::move(right)};
    left = std::move(join);
  }
}

Result<PlanPtr> Parser::ParseTableAlias(PlanPtr plan, bool allow_column_aliases) {
  SPK_ASSIGN_OR_RAISE(std::optional<std::string> alias, ParseOptionalAlias(true));
  if (!alias) return plan;
  std::vector<std::string> columns;
  if (allow_column_aliases && AtOperator("(")) {
    SPK_ASSIGN_OR_RAISE(columns, ParseIdentifierList());
  }
  return MakeSubqueryAlias(std::move(plan), std::move(*alias), std::move(columns));
}

Result<PlanPtr> Parser::ParseRelationPrimary() {
  size_t start = pos_;
  if (AtOperator("(")) {
    Next();
    SPK_ASSIGN_OR_RAISE(std::optional<PlanPtr> query, TryParseSubqueryBody());
    if (query) {
      SPK_ASSIGN_OR_RAISE(std::optional<std::string> alias, ParseOptionalAlias(true));
      std::vector<std::string> columns;
      if (alias && AtOperator("(")) {
        SPK_ASSIGN_OR_RAISE(columns, ParseIdentifierList());
      }
      // Spark names an unaliased FROM subquery itself.
      return MakeSubqueryAlias(std::move(*query), alias.value_or("__auto_generated_subquery_name"),
                               std::move(columns));
    }
    SPK_RETURN_NOT_OK(EnterNesting());
    NestingScope scope(this);
    SPK_ASSIGN_OR_RAISE(PlanPtr inner, ParseRelation());
    SPK_RETURN_NOT_OK(ExpectOperator(")"));
    return ParseTableAlias(std::move(inner), true);
  }
  if (AtKeyword("VALUES")) return ParseInlineTable();
  // STREAM t / STREAM(t): a streaming read of a table (declarative pipelines).
  if (AtKeyword("STREAM") && (AtIdentifier(1) || (AtOperator("(", 1) && AtIdentifier(2)))) {
    Next();
    bool parenthesized = AcceptOperator("(");
    auto relation = std::make_shared<UnresolvedRelation>();
    SPK_ASSIGN_OR_RAISE(relation->name_parts, ParseMultipartName());
    if (parenthesized) SPK_RETURN_NOT_OK(ExpectOperator(")"));
    relation->is_streaming = true;
    relation->origin = ContextFrom(start);
    return ParseTableAlias(std::move(relation), true);
  }
  if (!AtIdentifier()) return ErrorHere();
  SPK_ASSIGN_OR_RAISE(std::vector<std::string> name, ParseMultipartName());
  if (AtOperator("(")) {
    Next();
    auto function = std::make_shared<UnresolvedTableFunction>();
    function->name_parts = std::move(name);
    if (!AtOperator(")")) {
      do {
        SPK_ASSIGN_OR_RAISE(ExprPtr argument, ParseFunctionArgument());
        function->arguments.push_back(std::move(argument));
      } while (AcceptOperator(","));
    }
    SPK_RETURN_NOT_OK(ExpectOperator(")"));
    function->origin = ContextFrom(start);
    return ParseTableAlias(std::move(function), true);
  }
  auto relation = std::make_shared<UnresolvedRelation>();
  relation->name_parts = std::move(name);
  relation->origin = ContextFrom(start);
  SPK_ASSIGN_OR_RAISE(relation->time_travel, ParseTimeTravel());
  if (AtKeyword("TABLESAMPLE")) {
    return Status::NotImplemented("TABLESAMPLE").WithContext(ContextFrom(pos_));
  }
  return ParseTableAlias(std::move(relation), true);
}

}  // namespace sparkling

namespace sparkling {

Result<std::optional<TimeTravel>> Parser::ParseTimeTravel() {
  size_t probe = AtKeyword("FOR") ? 1 : 0;
  bool version = AtKeyword("VERSION", probe) || AtKeyword("SYSTEM_VERSION", probe);
  bool timestamp = AtKeyword("TIMESTAMP", probe) || AtKeyword("SYSTEM_TIME", probe);
  if ((!version && !timestamp) || !AtKeyword("AS", probe + 1) || !AtKeyword("OF", probe + 2)) {
    return std::optional<TimeTravel>();
  }
  for (size_t i = 0; i < probe + 3; ++i) Next();
  TimeTravel travel;
  if (version) {
    const Token& token = Peek();
    if (token.kind == TokenKind::kString || token.IsNumber()) {
      travel.version = token.kind == TokenKind::kString ? token.value : std::string(token.text);
      Next();
    } else {
      return ErrorHere();
    }
  } else {
    SPK_ASSIGN_OR_RAISE(travel.timestamp, ParseAdditive());
  }
  return std::optional<TimeTravel>(std::move(travel));
}

}  // namespace sparkling
