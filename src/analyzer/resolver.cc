#include "analyzer/resolver.h"

#include <arrow/array.h>
#include <arrow/builder.h>
#include <arrow/scalar.h>
#include <arrow/table.h>

#include <chrono>

#include "analyzer/attribute_lookup.h"
#include "analyzer/column_naming.h"
#include "analyzer/constant_folding.h"
#include "analyzer/plan_reinstance.h"
#include "analyzer/semantic_equality.h"
#include "catalog/session_catalog.h"
#include "plan/identifier.h"
#include "types/type_coercion.h"

namespace sparkling {

// ---------------------------------------------------------------------------------------------
// Shared building blocks.

Attribute ToAttribute(const ExprPtr& named) {
  Attribute attribute;
  attribute.type = named->type;
  attribute.nullable = named->nullable;
  if (named->kind == ExprKind::kAlias) {
    const auto& alias = named->As<Alias>();
    attribute.name = alias.name();
    attribute.id = alias.id;
    attribute.metadata_json = alias.metadata_json;
  } else if (named->kind == ExprKind::kAttributeReference) {
    const auto& reference = named->As<AttributeReference>();
    attribute.name = reference.name;
    attribute.id = reference.id;
    attribute.qualifier = reference.qualifier;
    attribute.metadata_json = reference.metadata_json;
  } else {
    attribute.name = named->ToSql();
    attribute.id = NewExprId();
  }
  return attribute;
}

std::vector<Attribute> OutputOf(const std::vector<ExprPtr>& named_expressions) {
  std::vector<Attribute> output;
  output.reserve(named_expressions.size());
  for (const auto& expr : named_expressions) output.push_back(ToAttribute(expr));
  return output;
}

PlanPtr Finish(std::shared_ptr<LogicalPlan> plan, std::vector<Attribute> output) {
  plan->output = std::move(output);
  plan->analyzed = true;
  return plan;
}

PlanPtr MakeProject(PlanPtr child, std::vector<ExprPtr> expressions) {
  auto project = std::make_shared<Project>();
  project->children = {std::move(child)};
  std::vector<Attribute> output = OutputOf(expressions);
  project->expressions = std::move(expressions);
  return Finish(project, std::move(output));
}

std::vector<ExprPtr> OutputReferences(const LogicalPlan& plan) {
  std::vector<ExprPtr> references;
  references.reserve(plan.output.size());
  for (const auto& attribute : plan.output) references.push_back(attribute.ToReference());
  return references;
}

Status WithOrigin(Status status, const std::optional<QueryContext>& origin) {
  if (status.ok() || !origin.has_value() || status.error().context.has_value()) return status;
  return std::move(status).WithContext(*origin);
}

Result<ExprPtr> WithOrigin(Result<ExprPtr> result, const std::optional<QueryContext>& origin) {
  if (result.ok()) return result;
  return WithOrigin(result.status(), origin);
}

namespace {

// The single column of range(): `id` bigint, never null.
Attribute RangeIdAttribute() {
  Attribute id;
  id.name = "id";
  id.type = DataType::Long();
  id.nullable = false;
  id.id = NewExprId();
  return id;
}

ExpressionScope ScopeOf(const PlanPtr& child) {
  ExpressionScope scope;
  scope.input = child->output;
  scope.children = {child};
  return scope;
}

// The output of a SubqueryAlias: the child's columns, qualified by the alias.
PlanPtr MakeSubqueryAlias(PlanPtr child, std::vector<std::string> qualifier) {
  auto alias = std::make_shared<SubqueryAlias>();
  std::vector<Attribute> output = child->output;
  for (auto& attribute : output) attribute.qualifier = qualifier;
  alias->qualifier = std::move(qualifier);
  alias->children = {std::move(child)};
  return Finish(alias, std::move(output));
}

// Renames the output columns of `child` (t(a, b) column aliases, CTE column lists).
Result<PlanPtr> RenameColumns(PlanPtr child, const std::vector<std::string>& names,
                              const std::string& relation_name) {
  if (names.size() != child->output.size()) {
    return Status::Error("ASSIGNMENT_ARITY_MISMATCH",
                         {{"numTarget", std::to_string(child->output.size())},
                          {"numExpr", std::to_string(names.size())}});
  }
  std::vector<ExprPtr> expressions;
  for (size_t i = 0; i < names.size(); ++i) {
    expressions.push_back(MakeAlias(child->output[i].ToReference(), names[i]));
  }
  return MakeProject(std::move(child), std::move(expressions));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Resolver.

Resolver::Resolver(const AnalyzerContext& context) : context_(context) {}

EvalOptions Resolver::eval_options() const {
  EvalOptions options;
  options.ansi = context_.ansi;
  options.session_time_zone = context_.session_time_zone;
  // Constants folded during analysis (VALUES rows) see the time the query is analyzed.
  options.query_start_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
  return options;
}

ExprPtr Resolver::ImplicitCast(const ExprPtr& expr, const DataTypePtr& type) const {
  if (expr->type != nullptr && expr->type->Equals(*type)) return expr;
  auto cast = std::make_shared<Cast>();
  cast->children = {expr};
  cast->target = type;
  cast->type = type;
  cast->user_specified = false;
  cast->nullable = expr->nullable;
  cast->origin = expr->origin;
  return cast;
}

Result<PlanPtr> Resolver::ResolvePlan(const PlanPtr& plan) {
  if (plan == nullptr) return Status::Internal("missing plan node");
  if (plan->analyzed) return plan;
  Result<PlanPtr> result = Status::Internal("unhandled plan node");
  switch (plan->kind) {
    case PlanKind::kUnresolvedRelation:
      result = ResolveRelation(plan->As<UnresolvedRelation>());
      break;
    case PlanKind::kUnresolvedTableFunction:
      result = ResolveTableFunction(plan->As<UnresolvedTableFunction>());
      break;
    case PlanKind::kInlineTable:
      result = ResolveInlineTable(plan->As<InlineTable>());
      break;
    case PlanKind::kLocalRelation:
    case PlanKind::kRange:
    case PlanKind::kOneRow:
      result = ResolveLeaf(*plan);
      break;
    case PlanKind::kWithCte:
      result = ResolveWithCte(plan->As<WithCte>());
      break;
    case PlanKind::kDataSourceRead: {
      const auto& read = plan->As<DataSourceRead>();
      return Status::NotImplemented(std::string(read.is_streaming ? "streaming reads" : "reads") +
                                    " of " +
                                    (read.format.empty() ? std::string("file") : read.format) +
                                    " files outside a declarative pipeline's streaming tables");
    }
    case PlanKind::kCommand:
      result = ResolveCommand(plan->As<Command>());
      break;
    case PlanKind::kJoin:
    case PlanKind::kSetOperation: {
      if (plan->children.size() != 2) return Status::Internal("binary node without two children");
      SPK_ASSIGN_OR_RAISE(PlanPtr left, ResolvePlan(plan->children[0]));
      SPK_ASSIGN_OR_RAISE(PlanPtr right, ResolvePlan(plan->children[1]));
      if (plan->kind == PlanKind::kJoin) {
        result = ResolveJoin(plan->As<Join>(), std::move(left), std::move(right));
      } else {
        result = ResolveSetOperation(plan->As<SetOperation>(), std::move(left), std::move(right));
      }
      break;
    }
    default: {
      if (plan->children.size() != 1) return Status::Internal("unary node without a child");
      SPK_ASSIGN_OR_RAISE(PlanPtr child, ResolvePlan(plan->children[0]));
      switch (plan->kind) {
        case PlanKind::kProject:
          result = ResolveProject(plan->As<Project>(), child);
          break;
        case PlanKind::kFilter:
          result = ResolveFilter(plan->As<Filter>(), child);
          break;
        case PlanKind::kAggregate:
          result = ResolveAggregate(plan->As<Aggregate>(), child);
          break;
        case PlanKind::kSort:
          result = ResolveSort(plan->As<Sort>(), child);
          break;
        case PlanKind::kLimit:
        case PlanKind::kOffset:
        case PlanKind::kTail:
          result = ResolveLimitLike(*plan, child);
          break;
        case PlanKind::kDistinct: {
          auto distinct = std::static_pointer_cast<LogicalPlan>(plan->Copy());
          distinct->children = {child};
          result = Finish(distinct, child->output);
          break;
        }
        case PlanKind::kDeduplicate:
          result = ResolveDeduplicate(plan->As<Deduplicate>(), child);
          break;
        case PlanKind::kSubqueryAlias:
          result = ResolveSubqueryAlias(plan->As<SubqueryAlias>(), child);
          break;
        case PlanKind::kRepartition:
          result = ResolveRepartition(plan->As<Repartition>(), child);
          break;
        case PlanKind::kToDF:
          result = ResolveToDF(plan->As<ToDF>(), child);
          break;
        case PlanKind::kWithColumns:
          result = ResolveWithColumns(plan->As<WithColumns>(), child);
          break;
        case PlanKind::kWithColumnsRenamed:
          result = ResolveWithColumnsRenamed(plan->As<WithColumnsRenamed>(), child);
          break;
        case PlanKind::kDrop:
          result = ResolveDrop(plan->As<Drop>(), child);
          break;
        default:
          return Status::Internal("unexpected plan node " + plan->NodeString());
      }
    }
  }
  if (!result.ok()) return result.status();
  PlanPtr resolved = std::move(result).ValueOrDie();
  // Keep Connect's plan id on whatever node the resolution produced, so df["col"] can find it.
  if (plan->plan_id.has_value() && resolved->plan_id != plan->plan_id) {
    auto copy = resolved->Copy();
    copy->plan_id = plan->plan_id;
    resolved = std::move(copy);
  }
  return resolved;
}

Result<PlanPtr> Resolver::ResolveView(const CatalogRelation& view,
                                      const UnresolvedRelation& relation) {
  // A view that (indirectly) reads itself would never finish resolving.
  auto lower_name = [](const std::vector<std::string>& parts) {
    std::vector<std::string> out;
    for (const auto& part : parts) out.push_back(LowerCase(part));
    return out;
  };
  std::vector<std::vector<std::string>> path;
  if (!context_.defining_view.empty()) path.push_back(lower_name(context_.defining_view));
  path.insert(path.end(), view_path_.begin(), view_path_.end());
  std::vector<std::string> name = lower_name(view.qualifier);
  if (std::find(path.begin(), path.end(), name) != path.end()) {
    std::string cycle;
    for (const auto& step : path) cycle += QuoteNameParts(step) + " -> ";
    cycle += QuoteNameParts(view.qualifier);
    return WithOrigin(Status::Error("RECURSIVE_VIEW",
                                    {{"viewIdent", QuoteNameParts(path[0])}, {"newPath", cycle}}),
                      relation.origin);
  }
  view_path_.push_back(std::move(name));
  Result<PlanPtr> resolved = ResolvePlan(view.plan);
  view_path_.pop_back();
  SPK_ASSIGN_OR_RAISE(PlanPtr plan, std::move(resolved));
  // The view shows its stored column names, whatever the query calls them.
  if (plan->output.size() == view.view_schema.size() && !view.view_schema.empty()) {
    bool differs = false;
    for (size_t i = 0; i < plan->output.size(); ++i) {
      differs |= plan->output[i].name != view.view_schema[i].name;
    }
    if (differs) {
      auto to_df = std::make_shared<ToDF>();
      to_df->children = {plan};
      for (const auto& field : view.view_schema) to_df->column_names.push_back(field.name);
      SPK_ASSIGN_OR_RAISE(plan, ResolvePlan(to_df));
    }
  }
  return MakeSubqueryAlias(std::move(plan), view.qualifier);
}

Result<TableReadOptions> Resolver::ReadOptionsOf(const UnresolvedRelation& relation) {
  TableReadOptions read;
  for (const auto& [key, value] : relation.options) {
    std::string lower = LowerCase(key);
    if (lower == "snapshot-id" || lower == "branch" || lower == "tag") {
      read.version = value;
    } else if (lower == "as-of-timestamp") {
      try {
        read.timestamp_micros = std::stoll(value) * 1000;
      } catch (...) {
        return Status::Error("_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT",
                             {{"message", "Invalid as-of-timestamp: " + value}});
      }
    }
  }
  if (!relation.time_travel) return read;
  if (relation.time_travel->version) read.version = relation.time_travel->version;
  if (relation.time_travel->timestamp != nullptr) {
    ExpressionScope empty;
    SPK_ASSIGN_OR_RAISE(ExprPtr resolved,
                        ResolveExpression(relation.time_travel->timestamp, empty));
    if (!IsFoldable(resolved)) {
      return Status::Error("INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.INPUT",
                           {{"expr", "\"" + resolved->ToSql() + "\""}});
    }
    ExprPtr cast = ImplicitCast(resolved, DataType::Timestamp());
    SPK_ASSIGN_OR_RAISE(auto value, EvaluateConstant(cast, eval_options()));
    if (!value->is_valid) {
      return Status::Error("INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.INPUT",
                           {{"expr", "\"" + resolved->ToSql() + "\""}});
    }
    read.timestamp_micros = static_cast<const arrow::TimestampScalar&>(*value).value;
  }
  return read;
}

Result<PlanPtr> Resolver::ResolveRelation(const UnresolvedRelation& relation) {
  const auto& parts = relation.name_parts;
  if (parts.size() == 1) {
    for (auto scope = cte_scopes_.rbegin(); scope != cte_scopes_.rend(); ++scope) {
      auto it = scope->find(LowerCase(parts[0]));
      if (it == scope->end()) continue;
      SPK_ASSIGN_OR_RAISE(PlanPtr instance, ReinstancePlan(it->second));
      return MakeSubqueryAlias(std::move(instance), {parts[0]});
    }
  }
  if (context_.catalog == nullptr) return Status::Internal("analyzer without a session catalog");
  SPK_ASSIGN_OR_RAISE(TableReadOptions read, ReadOptionsOf(relation));
  SPK_ASSIGN_OR_RAISE(auto found, context_.catalog->LookupRelation(parts, read));
  if (!found.has_value()) {
    return WithOrigin(
        Status::Error("TABLE_OR_VIEW_NOT_FOUND", {{"relationName", QuoteNameParts(parts)}}),
        relation.origin);
  }
  if (found->kind == CatalogRelation::Kind::kView) return ResolveView(*found, relation);
  // Every reference to a view reads its own instance (fresh ExprIds), as Spark re-analyzes it.
  SPK_ASSIGN_OR_RAISE(PlanPtr instance, ReinstancePlan(found->plan));
  return MakeSubqueryAlias(std::move(instance), found->qualifier);
}

Result<PlanPtr> Resolver::ResolveLeaf(const LogicalPlan& plan) {
  auto copy = plan.Copy();
  std::vector<Attribute> output;
  if (plan.kind == PlanKind::kLocalRelation) {
    for (const auto& field : plan.As<LocalRelation>().schema) {
      output.push_back(Attribute{field.name,
                                 field.type,
                                 field.nullable,
                                 NewExprId(),
                                 {},
                                 field.metadata_json == "{}" ? "" : field.metadata_json});
    }
  } else if (plan.kind == PlanKind::kRange) {
    output.push_back(RangeIdAttribute());
  }
  return Finish(copy, std::move(output));
}

Result<PlanPtr> Resolver::ResolveTableFunction(const UnresolvedTableFunction& function) {
  if (function.name_parts.empty()) return Status::Internal("table function without a name");
  std::string name = LowerCase(function.name_parts.back());
  if (function.name_parts.size() != 1 || name != "range") {
    return WithOrigin(Status::Error("UNRESOLVABLE_TABLE_VALUED_FUNCTION",
                                    {{"name", QuoteNameParts(function.name_parts)}}),
                      function.origin);
  }
  size_t count = function.arguments.size();
  if (count < 1 || count > 4) {
    return WithOrigin(Status::Error("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                                    {{"functionName", "`range`"},
                                     {"expectedNum", "[1, 2, 3, 4]"},
                                     {"actualNum", std::to_string(count)},
                                     {"docroot", "https://spark.apache.org/docs/latest"}}),
                      function.origin);
  }
  std::vector<int64_t> values;
  ExpressionScope empty;
  for (const auto& argument : function.arguments) {
    SPK_ASSIGN_OR_RAISE(ExprPtr resolved, ResolveExpression(argument, empty));
    if (!IsFoldable(resolved) || !resolved->type->IsIntegral()) {
      return WithOrigin(Status::Error("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                                      {{"sqlExpr", "\"range(" + resolved->ToSql() + ")\""},
                                       {"paramIndex", "first"},
                                       {"requiredType", "\"BIGINT\""},
                                       {"inputSql", "\"" + resolved->ToSql() + "\""},
                                       {"inputType", "\"" + resolved->type->Sql() + "\""}}),
                        function.origin);
    }
    SPK_ASSIGN_OR_RAISE(auto scalar,
                        EvaluateConstant(ImplicitCast(resolved, DataType::Long()), eval_options()));
    if (!scalar->is_valid) return Status::NotImplemented("NULL argument of range()");
    values.push_back(static_cast<const arrow::Int64Scalar&>(*scalar).value);
  }
  auto range = std::make_shared<Range>();
  if (count == 1) {
    range->end = values[0];
  } else {
    range->start = values[0];
    range->end = values[1];
    if (count >= 3) range->step = values[2];
    if (count == 4) range->num_partitions = static_cast<int32_t>(values[3]);
  }
  if (range->step == 0) {
    return Status::Error("FAILED_FUNCTION_CALL", {{"funcName", "`range`"}});
  }
  return Finish(range, {RangeIdAttribute()});
}

Result<PlanPtr> Resolver::ResolveInlineTable(const InlineTable& table) {
  if (table.rows.empty()) return Status::Internal("VALUES without rows");
  const size_t num_columns = table.rows[0].size();
  ExpressionScope empty;
  std::vector<std::vector<ExprPtr>> rows;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (table.rows[r].size() != num_columns) {
      return Status::Error("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
                           {{"expectedNumCols", std::to_string(num_columns)},
                            {"actualNumCols", std::to_string(table.rows[r].size())},
                            {"rowIndex", std::to_string(r)}});
    }
    std::vector<ExprPtr> row;
    for (const auto& value : table.rows[r]) {
      SPK_ASSIGN_OR_RAISE(ExprPtr resolved, ResolveExpression(value, empty));
      if (!IsFoldable(resolved)) {
        return WithOrigin(
            Status::Error("INVALID_INLINE_TABLE.CANNOT_EVALUATE_EXPRESSION_IN_INLINE_TABLE",
                          {{"expr", "\"" + resolved->ToSql() + "\""}}),
            value->origin);
      }
      row.push_back(std::move(resolved));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::string> names = table.column_names;
  if (names.empty()) {
    for (size_t c = 0; c < num_columns; ++c) names.push_back("col" + std::to_string(c + 1));
  }
  if (names.size() != num_columns) {
    return Status::Error("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
                         {{"expectedNumCols", std::to_string(names.size())},
                          {"actualNumCols", std::to_string(num_columns)},
                          {"rowIndex", "0"}});
  }
  Schema schema;
  std::vector<std::shared_ptr<arrow::Array>> columns;
  EvalOptions options = eval_options();
  for (size_t c = 0; c < num_columns; ++c) {
    std::vector<DataTypePtr> types;
    for (const auto& row : rows) types.push_back(row[c]->type);
    auto common = FindWiderCommonType(types, context_.ansi);
    if (!common.has_value()) {
      return Status::Error("INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE",
                           {{"colName", QuoteIdentifier(names[c])}});
    }
    DataTypePtr type = *common;
    auto arrow_type = ToArrowType(*type, options.session_time_zone);
    std::unique_ptr<arrow::ArrayBuilder> builder;
    SPK_RETURN_NOT_OK_ARROW(arrow::MakeBuilder(arrow::default_memory_pool(), arrow_type, &builder));
    bool nullable = false;
    for (const auto& row : rows) {
      SPK_ASSIGN_OR_RAISE(auto scalar, EvaluateConstant(ImplicitCast(row[c], type), options));
      if (!scalar->is_valid) {
        nullable = true;
        SPK_RETURN_NOT_OK_ARROW(builder->AppendNull());
      } else if (!scalar->type->Equals(*arrow_type)) {
        // Timestamp literals may carry another spelling of the session zone ("UTC" for
        // "Etc/UTC"); the instant is the same, only the Arrow type differs.
        auto same_value = scalar->CastTo(arrow_type);
        if (!same_value.ok() || scalar->type->id() != arrow_type->id()) {
          return Status::Internal("VALUES cell of Arrow type " + scalar->type->ToString() +
                                  ", expected " + arrow_type->ToString());
        }
        SPK_RETURN_NOT_OK_ARROW(builder->AppendScalar(**same_value));
      } else {
        SPK_RETURN_NOT_OK_ARROW(builder->AppendScalar(*scalar));
      }
    }
    std::shared_ptr<arrow::Array> column;
    SPK_RETURN_NOT_OK_ARROW(builder->Finish(&column));
    columns.push_back(std::move(column));
    schema.push_back(StructField{names[c], type, nullable});
  }
  auto relation = std::make_shared<LocalRelation>();
  relation->data = arrow::Table::Make(ToArrowSchema(schema, options.session_time_zone), columns,
                                      static_cast<int64_t>(rows.size()));
  relation->schema = schema;
  return ResolveLeaf(*relation);
}

Result<PlanPtr> Resolver::ResolveFilter(const Filter& filter, PlanPtr child) {
  if (filter.is_having) return ResolveHaving(filter, std::move(child));
  ExpressionScope scope = ScopeOf(child);
  std::vector<Attribute> missing;
  // WHERE over a projection may use columns the projection dropped (Spark adds them back).
  if (child->kind == PlanKind::kProject) {
    scope.fallback = child->child()->output;
    scope.missing = &missing;
  }
  SPK_ASSIGN_OR_RAISE(ExprPtr condition, ResolveExpression(filter.condition, scope));
  if (condition->type->id() != TypeId::kBoolean && condition->type->id() != TypeId::kNull) {
    return WithOrigin(Status::Error("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
                                    {{"sqlExpr", "\"" + condition->ToSql() + "\""},
                                     {"filter", "\"" + condition->ToSql() + "\""},
                                     {"type", "\"" + condition->type->Sql() + "\""}}),
                      filter.condition->origin);
  }
  if (ContainsAggregate(condition)) {
    return WithOrigin(
        Status::Error("INVALID_WHERE_CONDITION",
                      {{"condition", "\"" + condition->ToSql() + "\""}, {"expressionList", ""}}),
        filter.condition->origin);
  }
  PlanPtr input = child;
  if (!missing.empty()) {
    std::vector<ExprPtr> expressions = child->As<Project>().expressions;
    for (const auto& attribute : missing) expressions.push_back(attribute.ToReference());
    input = MakeProject(child->child(), std::move(expressions));
  }
  auto resolved = std::make_shared<Filter>();
  resolved->condition = std::move(condition);
  resolved->children = {input};
  PlanPtr result = Finish(resolved, input->output);
  if (!missing.empty()) result = MakeProject(result, OutputReferences(*child));
  return result;
}

Result<PlanPtr> Resolver::ResolveLimitLike(const LogicalPlan& plan, PlanPtr child) {
  ExprPtr expr;
  std::string name;
  switch (plan.kind) {
    case PlanKind::kLimit:
      expr = plan.As<Limit>().limit;
      name = "limit";
      break;
    case PlanKind::kOffset:
      expr = plan.As<Offset>().offset;
      name = "offset";
      break;
    default:
      expr = plan.As<Tail>().limit;
      name = "tail";
      break;
  }
  ExpressionScope empty;
  SPK_ASSIGN_OR_RAISE(ExprPtr resolved, ResolveExpression(expr, empty));
  std::string quoted = "\"" + resolved->ToSql() + "\"";
  if (!IsFoldable(resolved)) {
    return WithOrigin(Status::Error("INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE",
                                    {{"name", name}, {"expr", quoted}}),
                      expr->origin);
  }
  if (resolved->type->id() != TypeId::kInteger && resolved->type->id() != TypeId::kByte &&
      resolved->type->id() != TypeId::kShort) {
    return WithOrigin(
        Status::Error(
            "INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE",
            {{"name", name}, {"expr", quoted}, {"dataType", "\"" + resolved->type->Sql() + "\""}}),
        expr->origin);
  }
  SPK_ASSIGN_OR_RAISE(
      auto scalar, EvaluateConstant(ImplicitCast(resolved, DataType::Integer()), eval_options()));
  if (!scalar->is_valid) {
    return WithOrigin(
        Status::Error("INVALID_LIMIT_LIKE_EXPRESSION.IS_NULL", {{"name", name}, {"expr", quoted}}),
        expr->origin);
  }
  int32_t value = static_cast<const arrow::Int32Scalar&>(*scalar).value;
  if (value < 0) {
    return WithOrigin(
        Status::Error("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
                      {{"name", name}, {"expr", quoted}, {"v", std::to_string(value)}}),
        expr->origin);
  }
  ExprPtr literal = MakeLiteral(std::make_shared<arrow::Int32Scalar>(value), DataType::Integer());
  auto copy = plan.Copy();
  copy->children = {child};
  switch (plan.kind) {
    case PlanKind::kLimit:
      static_cast<Limit&>(*copy).limit = literal;
      break;
    case PlanKind::kOffset:
      static_cast<Offset&>(*copy).offset = literal;
      break;
    default:
      static_cast<Tail&>(*copy).limit = literal;
      break;
  }
  return Finish(copy, child->output);
}

Result<PlanPtr> Resolver::ResolveSubqueryAlias(const SubqueryAlias& alias, PlanPtr child) {
  if (alias.qualifier.empty()) return Status::Internal("subquery alias without a name");
  if (!alias.column_names.empty()) {
    SPK_ASSIGN_OR_RAISE(child, RenameColumns(child, alias.column_names, alias.qualifier.back()));
  }
  return MakeSubqueryAlias(std::move(child), alias.qualifier);
}

Result<PlanPtr> Resolver::ResolveWithCte(const WithCte& with) {
  cte_scopes_.emplace_back();
  auto resolved = std::make_shared<WithCte>();
  for (const auto& definition : with.definitions) {
    auto plan = ResolvePlan(definition.plan);
    if (!plan.ok()) {
      cte_scopes_.pop_back();
      return plan.status();
    }
    PlanPtr body = *plan;
    if (!definition.column_names.empty()) {
      auto renamed = RenameColumns(body, definition.column_names, definition.name);
      if (!renamed.ok()) {
        cte_scopes_.pop_back();
        return renamed.status();
      }
      body = *renamed;
    }
    cte_scopes_.back()[LowerCase(definition.name)] = body;
    resolved->definitions.push_back({definition.name, body, definition.column_names});
  }
  auto child = ResolvePlan(with.children[0]);
  cte_scopes_.pop_back();
  if (!child.ok()) return child.status();
  resolved->children = {*child};
  return Finish(resolved, (*child)->output);
}

Result<PlanPtr> Resolver::ResolveDeduplicate(const Deduplicate& deduplicate, PlanPtr child) {
  auto resolved = std::make_shared<Deduplicate>(deduplicate);
  resolved->children = {child};
  resolved->column_names.clear();
  for (const auto& name : deduplicate.column_names) {
    bool found = false;
    for (const auto& attribute : child->output) {
      if (NamesMatch(attribute.name, name, context_.case_sensitive)) {
        // Every column of that name is a key (Spark resolves names against all columns).
        resolved->column_names.push_back(attribute.name);
        found = true;
      }
    }
    if (!found) {
      std::string fields;
      for (size_t i = 0; i < child->output.size(); ++i) {
        if (i > 0) fields += ", ";
        fields += child->output[i].name;
      }
      return Status::Error("_LEGACY_ERROR_TEMP_1201", {{"colName", name}, {"fieldNames", fields}});
    }
  }
  resolved->all_columns = deduplicate.column_names.empty();
  return Finish(resolved, child->output);
}

Result<PlanPtr> Resolver::ResolveRepartition(const Repartition& repartition, PlanPtr child) {
  auto resolved = std::make_shared<Repartition>(repartition);
  resolved->children = {child};
  ExpressionScope scope = ScopeOf(child);
  for (auto& expr : resolved->partition_expressions) {
    SPK_ASSIGN_OR_RAISE(expr, ResolveExpression(expr, scope));
  }
  return Finish(resolved, child->output);
}

Result<PlanPtr> Resolver::ResolveCommand(const Command& command) {
  auto resolved = std::make_shared<Command>(command);
  if (command.query != nullptr) {
    SPK_ASSIGN_OR_RAISE(resolved->query, ResolvePlan(command.query));
  }
  return Finish(resolved, {});
}

// Spark's ordinal words in messages ("first", "second", ...).
std::string OrdinalWord(size_t index) {
  static const char* kWords[] = {"first", "second",  "third",  "fourth", "fifth",
                                 "sixth", "seventh", "eighth", "ninth",  "tenth"};
  if (index < 10) return kWords[index];
  return std::to_string(index + 1) + "th";
}

}  // namespace sparkling
