#include "optimizer/plan_traversal.h"

#include "function/function_registry.h"
#include "plan/bound_function.h"

namespace sparkling {
namespace {

const PlanPtr* SubqueryPlanOf(const Expression& expr) {
  switch (expr.kind) {
    case ExprKind::kScalarSubquery:
      return &expr.As<ScalarSubquery>().plan;
    case ExprKind::kExists:
      return &expr.As<Exists>().plan;
    case ExprKind::kInSubquery:
      return &expr.As<InSubquery>().plan;
    default:
      return nullptr;
  }
}

Result<ExprPtr> WithSubqueryPlan(const ExprPtr& expr, PlanPtr plan) {
  auto copy = expr->Copy();
  switch (expr->kind) {
    case ExprKind::kScalarSubquery:
      static_cast<ScalarSubquery&>(*copy).plan = std::move(plan);
      break;
    case ExprKind::kExists:
      static_cast<Exists&>(*copy).plan = std::move(plan);
      break;
    case ExprKind::kInSubquery:
      static_cast<InSubquery&>(*copy).plan = std::move(plan);
      break;
    default:
      return Status::Internal("not a subquery expression");
  }
  return ExprPtr(copy);
}

}  // namespace

Result<PlanPtr> TransformUpWithSubqueries(const PlanPtr& plan, const PlanRewrite& rule) {
  return TransformUp(plan, [&](const PlanPtr& node) -> Result<PlanPtr> {
    std::vector<ExprPtr> expressions = NodeExpressions(*node);
    bool changed = false;
    for (auto& expr : expressions) {
      SPK_ASSIGN_OR_RAISE(
          ExprPtr rewritten, TransformUp(expr, [&](const ExprPtr& e) -> Result<ExprPtr> {
            const PlanPtr* subquery = SubqueryPlanOf(*e);
            if (subquery == nullptr) return e;
            SPK_ASSIGN_OR_RAISE(PlanPtr new_plan, TransformUpWithSubqueries(*subquery, rule));
            if (new_plan == *subquery) return e;
            return WithSubqueryPlan(e, std::move(new_plan));
          }));
      changed = changed || rewritten != expr;
      expr = std::move(rewritten);
    }
    PlanPtr current = changed ? WithNodeExpressions(*node, std::move(expressions)) : node;
    return rule(current);
  });
}

bool HasOuterReference(const ExprPtr& expr) {
  bool found = false;
  ForEachNode(expr, [&](const Expression& node) {
    if (node.kind == ExprKind::kOuterReference) found = true;
    if (const PlanPtr* subquery = SubqueryPlanOf(node); subquery != nullptr && !found) {
      found = HasOuterReference(*subquery);
    }
  });
  return found;
}

bool HasOuterReference(const PlanPtr& plan) {
  for (const auto& expr : NodeExpressions(*plan)) {
    if (HasOuterReference(expr)) return true;
  }
  for (const auto& child : plan->children) {
    if (HasOuterReference(child)) return true;
  }
  return false;
}

bool IsCallOf(const ExprPtr& expr, std::initializer_list<const char*> names) {
  if (expr->kind != ExprKind::kScalarFunction) return false;
  const auto& call = expr->As<ScalarFunctionCall>();
  if (call.function == nullptr) return false;
  for (const char* name : names) {
    if (call.function->name() == name) return true;
  }
  return false;
}

std::vector<ExprPtr> SplitConjuncts(const ExprPtr& condition) {
  if (IsCallOf(condition, {"and", "&&"})) {
    std::vector<ExprPtr> out = SplitConjuncts(condition->children[0]);
    std::vector<ExprPtr> right = SplitConjuncts(condition->children[1]);
    out.insert(out.end(), right.begin(), right.end());
    return out;
  }
  return {condition};
}

Result<ExprPtr> CallRegistered(const std::string& name, std::vector<ExprPtr> arguments) {
  ResolveOptions options;
  return FunctionRegistry::Global().Resolve(name, std::move(arguments), options);
}

Result<ExprPtr> MakeConjunction(const std::vector<ExprPtr>& conditions) {
  ExprPtr result;
  for (const auto& condition : conditions) {
    if (result == nullptr) {
      result = condition;
    } else {
      SPK_ASSIGN_OR_RAISE(result, CallRegistered("and", {result, condition}));
    }
  }
  return result;
}

}  // namespace sparkling
