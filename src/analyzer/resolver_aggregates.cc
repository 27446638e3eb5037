// Projections, GROUP BY, HAVING and ORDER BY: the parts of SELECT that interact with
// aggregation.

#include <arrow/scalar.h>

#include "analyzer/attribute_lookup.h"
#include "analyzer/column_naming.h"
#include "analyzer/resolver.h"
#include "analyzer/semantic_equality.h"

namespace sparkling {
namespace {

ExpressionScope ScopeOf(const PlanPtr& child) {
  ExpressionScope scope;
  scope.input = child->output;
  scope.children = {child};
  return scope;
}

// The 1-based ordinal a GROUP BY / ORDER BY item denotes, when it is an integer literal.
std::optional<int64_t> OrdinalOf(const ExprPtr& expr) {
  if (expr->kind != ExprKind::kLiteral || expr->type == nullptr) return std::nullopt;
  const auto& literal = expr->As<Literal>();
  if (literal.value == nullptr || !literal.value->is_valid) return std::nullopt;
  switch (expr->type->id()) {
    case TypeId::kInteger:
      return static_cast<const arrow::Int32Scalar&>(*literal.value).value;
    default:
      return std::nullopt;
  }
}

std::string QuotedSql(const ExprPtr& expr) { return "\"" + expr->ToSql() + "\""; }

// Appends `columns` to the output of the Project at the bottom of a chain of Filters.
PlanPtr AddHiddenColumns(const PlanPtr& plan, const std::vector<Attribute>& columns) {
  if (plan->kind == PlanKind::kFilter) {
    PlanPtr child = AddHiddenColumns(plan->child(), columns);
    auto filter = plan->Copy();
    filter->children = {child};
    filter->output = child->output;
    return filter;
  }
  std::vector<ExprPtr> expressions = plan->As<Project>().expressions;
  for (const auto& attribute : columns) expressions.push_back(attribute.ToReference());
  return MakeProject(plan->child(), std::move(expressions));
}

// Spark's check of an aggregate's output: every column outside an aggregate call must be (part
// of) a grouping expression.
Status CheckAggregateExpression(const ExprPtr& expr, const std::vector<ExprPtr>& groupings) {
  for (const auto& grouping : groupings) {
    if (SemanticEquals(*expr, *grouping)) return Status::OK();
  }
  switch (expr->kind) {
    case ExprKind::kAggregateFunction: {
      for (const auto& argument : expr->children) {
        if (ContainsAggregate(argument)) {
          return Status::Error("NESTED_AGGREGATE_FUNCTION", {});
        }
      }
      return Status::OK();
    }
    case ExprKind::kAttributeReference: {
      if (groupings.empty()) return Status::Error("MISSING_GROUP_BY", {});
      return Status::Error("MISSING_AGGREGATION",
                           {{"expression", QuotedSql(expr)},
                            {"expressionAnyValue", "\"any_value(" + expr->ToSql() + ")\""}});
    }
    case ExprKind::kOuterReference:
    case ExprKind::kLiteral:
    case ExprKind::kScalarSubquery:
    case ExprKind::kExists:
      return Status::OK();
    default:
      for (const auto& child : expr->children) {
        SPK_RETURN_NOT_OK(CheckAggregateExpression(child, groupings));
      }
      return Status::OK();
  }
}

// Rewrites an expression resolved above an Aggregate so that it only reads the Aggregate's
// output, appending aggregate calls and grouping columns it needs to `extra`.
class AggregateOutputRewriter {
 public:
  AggregateOutputRewriter(const Aggregate& aggregate, std::vector<ExprPtr>& extra)
      : aggregate_(aggregate), extra_(extra) {}

  Result<ExprPtr> Rewrite(const ExprPtr& expr) {
    if (expr->kind == ExprKind::kLiteral || expr->kind == ExprKind::kOuterReference ||
        expr->kind == ExprKind::kScalarSubquery || expr->kind == ExprKind::kExists) {
      return expr;
    }
    if (expr->kind == ExprKind::kAttributeReference) {
      ExprId id = expr->As<AttributeReference>().id;
      for (const auto& attribute : aggregate_.output) {
        if (attribute.id == id) return expr;
      }
    }
    // An expression the select list already computes.
    for (const auto& item : aggregate_.aggregates) {
      if (expr->kind != ExprKind::kAttributeReference &&
          SemanticEquals(*StripAliases(item), *expr)) {
        return ToAttribute(item).ToReference();
      }
    }
    for (const auto& item : extra_) {
      if (SemanticEquals(*StripAliases(item), *expr)) return ToAttribute(item).ToReference();
    }
    bool is_grouping = false;
    for (const auto& grouping : aggregate_.groupings) {
      if (SemanticEquals(*grouping, *expr)) is_grouping = true;
    }
    if (expr->kind == ExprKind::kAggregateFunction || is_grouping) {
      ExprPtr named = NameExpression(expr);
      extra_.push_back(named);
      return ToAttribute(named).ToReference();
    }
    if (expr->kind == ExprKind::kAttributeReference) {
      return Status::Error("MISSING_AGGREGATION",
                           {{"expression", QuotedSql(expr)},
                            {"expressionAnyValue", "\"any_value(" + expr->ToSql() + ")\""}});
    }
    if (expr->children.empty()) return expr;
    std::vector<ExprPtr> children;
    bool changed = false;
    for (const auto& child : expr->children) {
      SPK_ASSIGN_OR_RAISE(ExprPtr rewritten, Rewrite(child));
      changed = changed || rewritten != child;
      children.push_back(std::move(rewritten));
    }
    return changed ? expr->WithChildren(std::move(children)) : expr;
  }

 private:
  const Aggregate& aggregate_;
  std::vector<ExprPtr>& extra_;
};

}  // namespace

Result<PlanPtr> Resolver::ResolveProject(const Project& project, PlanPtr child) {
  ExpressionScope scope = ScopeOf(child);
  // Over the projection of a join (USING / NATURAL, or df.join(...).select(...)) both sides'
  // columns stay reachable: `SELECT b.id FROM a JOIN b USING (id)`, df2["id"].
  std::vector<Attribute> hidden;
  const LogicalPlan* join_projection = child.get();
  while (join_projection->kind == PlanKind::kFilter)
    join_projection = join_projection->child().get();
  if (join_projection->kind == PlanKind::kProject &&
      join_projection->child()->kind == PlanKind::kJoin) {
    scope.fallback = join_projection->child()->output;
    scope.missing = &hidden;
  }
  std::vector<ExprPtr> items;
  // Lateral column aliases: `SELECT 1 AS x, x + 1` reads x from an earlier item.
  std::vector<ExprPtr> lateral_aliases;
  for (const auto& raw : project.expressions) {
    auto resolved = ResolveSelectList({raw}, scope);
    if (!resolved.ok() &&
        resolved.status().error().error_class.rfind("UNRESOLVED_COLUMN", 0) == 0) {
      SPK_ASSIGN_OR_RAISE(resolved, ResolveWithLateralAliases(raw, scope, items, lateral_aliases));
    }
    if (!resolved.ok()) return resolved.status();
    for (auto& item : *resolved) items.push_back(std::move(item));
  }
  if (!hidden.empty()) child = AddHiddenColumns(child, hidden);
  // Aggregate calls in a plain SELECT make it a global aggregation.
  for (const auto& item : items) {
    if (ContainsAggregate(item)) {
      if (!lateral_aliases.empty()) {
        return Status::NotImplemented("lateral column aliases together with aggregate functions");
      }
      Aggregate global;
      return BuildAggregate(global, std::move(child), {}, std::move(items));
    }
  }
  if (lateral_aliases.empty()) return MakeProject(std::move(child), std::move(items));
  // The referenced aliases are computed by a Project below; the items read them from there.
  std::vector<ExprPtr> lower = OutputReferences(*child);
  lower.insert(lower.end(), lateral_aliases.begin(), lateral_aliases.end());
  PlanPtr lower_project = MakeProject(std::move(child), std::move(lower));
  for (auto& item : items) {
    for (const auto& alias : lateral_aliases) {
      if (item == alias) item = ToAttribute(alias).ToReference();
    }
  }
  return MakeProject(std::move(lower_project), std::move(items));
}

Result<std::vector<ExprPtr>> Resolver::ResolveWithLateralAliases(
    const ExprPtr& item, const ExpressionScope& scope, const std::vector<ExprPtr>& earlier,
    std::vector<ExprPtr>& lateral_aliases) {
  // Earlier aliases are visible after the input columns (input columns win on conflicts).
  ExpressionScope extended = scope;
  std::vector<ExprPtr> candidates;
  for (const auto& expr : earlier) {
    if (expr->kind != ExprKind::kAlias || ContainsAggregate(expr)) continue;
    extended.fallback.push_back(ToAttribute(expr));
    candidates.push_back(expr);
  }
  std::vector<Attribute> used;
  extended.missing = &used;
  SPK_ASSIGN_OR_RAISE(ExprPtr resolved, ResolveExpression(item, extended));
  for (const auto& attribute : used) {
    for (const auto& candidate : candidates) {
      if (candidate->As<Alias>().id != attribute.id) continue;
      bool known = false;
      for (const auto& alias : lateral_aliases) known = known || alias == candidate;
      if (!known) lateral_aliases.push_back(candidate);
    }
  }
  if (resolved->kind == ExprKind::kAttributeReference || resolved->kind == ExprKind::kAlias) {
    return std::vector<ExprPtr>{resolved};
  }
  // Spark names the item with the reference spelled lateralAliasReference(x).
  SPK_ASSIGN_OR_RAISE(ExprPtr spelled,
                      TransformUp(resolved, [&](const ExprPtr& e) -> Result<ExprPtr> {
                        if (e->kind != ExprKind::kAttributeReference) return e;
                        for (const auto& attribute : used) {
                          if (e->As<AttributeReference>().id != attribute.id) continue;
                          auto renamed = std::static_pointer_cast<AttributeReference>(e->Copy());
                          renamed->name = "lateralAliasReference(" + attribute.name + ")";
                          return ExprPtr(renamed);
                        }
                        return e;
                      }));
  return std::vector<ExprPtr>{
      MakeAlias(resolved, GeneratedColumnName(spelled, context_.session_time_zone))};
}

Result<PlanPtr> Resolver::ResolveAggregate(const Aggregate& aggregate, PlanPtr child) {
  ExpressionScope scope = ScopeOf(child);
  SPK_ASSIGN_OR_RAISE(auto items, ResolveSelectList(aggregate.aggregates, scope));
  std::vector<ExprPtr> groupings;
  if (aggregate.group_by_all) {
    // GROUP BY ALL: every select item without an aggregate call is a grouping expression.
    for (const auto& item : items) {
      if (!ContainsAggregate(item)) groupings.push_back(StripAliases(item));
    }
  }
  for (const auto& grouping : aggregate.groupings) {
    if (context_.group_by_ordinal) {
      if (auto ordinal = OrdinalOf(grouping)) {
        if (*ordinal < 1 || *ordinal > static_cast<int64_t>(items.size())) {
          return WithOrigin(
              Status::Error("GROUP_BY_POS_OUT_OF_RANGE", {{"index", std::to_string(*ordinal)},
                                                          {"size", std::to_string(items.size())}}),
              grouping->origin);
        }
        const ExprPtr& item = items[*ordinal - 1];
        if (ContainsAggregate(item)) {
          return WithOrigin(
              Status::Error("GROUP_BY_POS_AGGREGATE", {{"index", std::to_string(*ordinal)},
                                                       {"aggExpr", QuotedSql(StripAliases(item))}}),
              grouping->origin);
        }
        groupings.push_back(StripAliases(item));
        continue;
      }
    }
    if (grouping->kind == ExprKind::kUnresolvedStar) {
      SPK_ASSIGN_OR_RAISE(auto expanded, ExpandStar(grouping->As<UnresolvedStar>(), scope));
      for (auto& expr : expanded) groupings.push_back(std::move(expr));
      continue;
    }
    auto resolved = ResolveExpression(grouping, scope);
    if (!resolved.ok() && context_.group_by_aliases &&
        grouping->kind == ExprKind::kUnresolvedAttribute &&
        grouping->As<UnresolvedAttribute>().name_parts.size() == 1) {
      // GROUP BY a select-list alias.
      const std::string& name = grouping->As<UnresolvedAttribute>().name_parts[0];
      for (const auto& item : items) {
        if (item->kind == ExprKind::kAlias &&
            NamesMatch(item->As<Alias>().name(), name, context_.case_sensitive)) {
          if (ContainsAggregate(item)) {
            return WithOrigin(
                Status::Error("GROUP_BY_AGGREGATE", {{"sqlExpr", QuotedSql(StripAliases(item))}}),
                grouping->origin);
          }
          resolved = StripAliases(item);
          break;
        }
      }
    }
    if (!resolved.ok()) return resolved.status();
    if (ContainsAggregate(*resolved)) {
      return WithOrigin(Status::Error("GROUP_BY_AGGREGATE", {{"sqlExpr", QuotedSql(*resolved)}}),
                        grouping->origin);
    }
    groupings.push_back(StripAliases(*resolved));
  }
  return BuildAggregate(aggregate, std::move(child), std::move(groupings), std::move(items));
}

Result<PlanPtr> Resolver::BuildAggregate(const Aggregate& original, PlanPtr child,
                                         std::vector<ExprPtr> groupings,
                                         std::vector<ExprPtr> aggregates) {
  for (const auto& item : aggregates) {
    Status status = CheckAggregateExpression(StripAliases(item), groupings);
    if (!status.ok()) return WithOrigin(status, StripAliases(item)->origin);
  }
  auto aggregate = std::make_shared<Aggregate>();
  aggregate->plan_id = original.plan_id;
  aggregate->children = {std::move(child)};
  aggregate->groupings = std::move(groupings);
  std::vector<Attribute> output = OutputOf(aggregates);
  aggregate->aggregates = std::move(aggregates);
  return Finish(aggregate, std::move(output));
}

Result<ExprPtr> Resolver::ResolveOverAggregate(const ExprPtr& expr, const Aggregate& aggregate,
                                               std::vector<ExprPtr>& extra) {
  // Names mean select-list columns first, then grouping columns of the aggregated rows;
  // arguments of aggregate calls always read the aggregated rows.
  ExpressionScope aggregated_rows = ScopeOf(aggregate.child());
  ExpressionScope scope;
  scope.input = aggregate.output;
  scope.fallback = aggregate.child()->output;
  std::vector<Attribute> unused;
  scope.missing = &unused;
  scope.children = aggregate.children;
  scope.aggregate_argument_scope = &aggregated_rows;
  SPK_ASSIGN_OR_RAISE(ExprPtr resolved, ResolveExpression(expr, scope));
  AggregateOutputRewriter rewriter(aggregate, extra);
  auto rewritten = rewriter.Rewrite(resolved);
  if (!rewritten.ok()) return WithOrigin(rewritten.status(), expr->origin);
  return rewritten;
}

Result<PlanPtr> Resolver::ResolveHaving(const Filter& having, PlanPtr child) {
  if (child->kind != PlanKind::kAggregate) {
    // HAVING without aggregation behaves as WHERE over a global aggregate in Spark; with no
    // aggregate in sight it is a plain filter.
    Filter where = having;
    where.is_having = false;
    return ResolveFilter(where, std::move(child));
  }
  const auto& aggregate = child->As<Aggregate>();
  std::vector<ExprPtr> extra;
  SPK_ASSIGN_OR_RAISE(ExprPtr condition, ResolveOverAggregate(having.condition, aggregate, extra));
  if (condition->type->id() != TypeId::kBoolean && condition->type->id() != TypeId::kNull) {
    return WithOrigin(Status::Error("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
                                    {{"sqlExpr", QuotedSql(condition)},
                                     {"filter", QuotedSql(condition)},
                                     {"type", "\"" + condition->type->Sql() + "\""}}),
                      having.condition->origin);
  }
  PlanPtr input = child;
  if (!extra.empty()) {
    std::vector<ExprPtr> aggregates = aggregate.aggregates;
    aggregates.insert(aggregates.end(), extra.begin(), extra.end());
    SPK_ASSIGN_OR_RAISE(input, BuildAggregate(aggregate, aggregate.child(), aggregate.groupings,
                                              std::move(aggregates)));
  }
  auto filter = std::make_shared<Filter>();
  filter->condition = std::move(condition);
  filter->children = {input};
  PlanPtr result = Finish(filter, input->output);
  if (!extra.empty()) result = MakeProject(result, OutputReferences(*child));
  return result;
}

Result<PlanPtr> Resolver::ResolveSort(const Sort& sort, PlanPtr child) {
  // ORDER BY 1: the first output column.
  auto resolve_ordinal = [&](const ExprPtr& expr) -> Result<std::optional<ExprPtr>> {
    if (!context_.order_by_ordinal) return std::optional<ExprPtr>();
    auto ordinal = OrdinalOf(expr);
    if (!ordinal.has_value()) return std::optional<ExprPtr>();
    if (*ordinal < 1 || *ordinal > static_cast<int64_t>(child->output.size())) {
      return WithOrigin(Status::Error("ORDER_BY_POS_OUT_OF_RANGE",
                                      {{"index", std::to_string(*ordinal)},
                                       {"size", std::to_string(child->output.size())}}),
                        expr->origin);
    }
    return std::optional<ExprPtr>(child->output[*ordinal - 1].ToReference());
  };
  auto make_order = [](const ExprPtr& original, ExprPtr resolved_child) {
    std::shared_ptr<SortOrder> order;
    if (original->kind == ExprKind::kSortOrder) {
      order = std::static_pointer_cast<SortOrder>(original->Copy());
    } else {
      order = std::make_shared<SortOrder>();
    }
    order->type = resolved_child->type;
    order->nullable = resolved_child->nullable;
    order->children = {std::move(resolved_child)};
    return ExprPtr(order);
  };
  auto sort_child_of = [](const ExprPtr& order) {
    return order->kind == ExprKind::kSortOrder ? order->children[0] : order;
  };

  // Above an aggregation (possibly with HAVING in between): ORDER BY may use aggregate calls
  // and grouping columns that the select list does not output.
  const LogicalPlan* aggregate_node = nullptr;
  if (child->kind == PlanKind::kAggregate) {
    aggregate_node = child.get();
  } else if (child->kind == PlanKind::kFilter && child->child()->kind == PlanKind::kAggregate) {
    aggregate_node = child->child().get();
  }
  std::vector<ExprPtr> orders;
  if (aggregate_node != nullptr) {
    const auto& aggregate = aggregate_node->As<Aggregate>();
    std::vector<ExprPtr> extra;
    for (const auto& order : sort.orders) {
      SPK_ASSIGN_OR_RAISE(auto ordinal, resolve_ordinal(sort_child_of(order)));
      ExprPtr resolved;
      if (ordinal.has_value()) {
        resolved = *ordinal;
      } else {
        SPK_ASSIGN_OR_RAISE(resolved, ResolveOverAggregate(sort_child_of(order), aggregate, extra));
      }
      orders.push_back(make_order(order, std::move(resolved)));
    }
    PlanPtr input = child;
    if (!extra.empty()) {
      std::vector<ExprPtr> aggregates = aggregate.aggregates;
      aggregates.insert(aggregates.end(), extra.begin(), extra.end());
      SPK_ASSIGN_OR_RAISE(
          PlanPtr new_aggregate,
          BuildAggregate(aggregate, aggregate.child(), aggregate.groupings, std::move(aggregates)));
      if (child->kind == PlanKind::kFilter) {
        input = Finish(child->WithChildren({new_aggregate})->Copy(), new_aggregate->output);
      } else {
        input = new_aggregate;
      }
    }
    auto resolved_sort = std::make_shared<Sort>();
    resolved_sort->orders = std::move(orders);
    resolved_sort->global = sort.global;
    resolved_sort->children = {input};
    PlanPtr result = Finish(resolved_sort, input->output);
    if (!extra.empty()) result = MakeProject(result, OutputReferences(*child));
    return result;
  }

  ExpressionScope scope = ScopeOf(child);
  std::vector<Attribute> missing;
  // ORDER BY over a projection may use columns the projection dropped (Spark adds them back).
  if (child->kind == PlanKind::kProject) {
    scope.fallback = child->child()->output;
    scope.missing = &missing;
  }
  for (const auto& order : sort.orders) {
    SPK_ASSIGN_OR_RAISE(auto ordinal, resolve_ordinal(sort_child_of(order)));
    ExprPtr resolved;
    if (ordinal.has_value()) {
      resolved = *ordinal;
    } else {
      SPK_ASSIGN_OR_RAISE(resolved, ResolveExpression(sort_child_of(order), scope));
    }
    orders.push_back(make_order(order, std::move(resolved)));
  }
  PlanPtr input = child;
  if (!missing.empty()) {
    std::vector<ExprPtr> expressions = child->As<Project>().expressions;
    for (const auto& attribute : missing) expressions.push_back(attribute.ToReference());
    input = MakeProject(child->child(), std::move(expressions));
  }
  auto resolved_sort = std::make_shared<Sort>();
  resolved_sort->orders = std::move(orders);
  resolved_sort->global = sort.global;
  resolved_sort->children = {input};
  PlanPtr result = Finish(resolved_sort, input->output);
  if (!missing.empty()) result = MakeProject(result, OutputReferences(*child));
  return result;
}

}  // namespace sparkling
