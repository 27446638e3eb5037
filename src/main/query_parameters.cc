#include "main/query_parameters.h"

namespace sparkling {
namespace {

Result<PlanPtr> BindPlan(const PlanPtr& plan, const QueryParameters& parameters);

Result<ExprPtr> BindExpression(const ExprPtr& expr, const QueryParameters& parameters) {
  return TransformUp(expr, [&](const ExprPtr& node) -> Result<ExprPtr> {
    switch (node->kind) {
      case ExprKind::kParameter: {
        const auto& parameter = node->As<Parameter>();
        if (parameter.position >= 0) {
          if (static_cast<size_t>(parameter.position) < parameters.positional.size()) {
            return parameters.positional[parameter.position];
          }
          return Status::Error("UNBOUND_SQL_PARAMETER",
                               {{"name", "_" + std::to_string(parameter.position + 1)}});
        }
        auto it = parameters.named.find(parameter.name);
        if (it == parameters.named.end()) {
          Status status = Status::Error("UNBOUND_SQL_PARAMETER", {{"name", parameter.name}});
          if (parameter.origin) return std::move(status).WithContext(*parameter.origin);
          return status;
        }
        return it->second;
      }
      // Subquery plans are not entered by TransformUp: bind them explicitly.
      case ExprKind::kScalarSubquery: {
        auto copy = std::make_shared<ScalarSubquery>(node->As<ScalarSubquery>());
        SPK_ASSIGN_OR_RAISE(copy->plan, BindPlan(copy->plan, parameters));
        return copy;
      }
      case ExprKind::kExists: {
        auto copy = std::make_shared<Exists>(node->As<Exists>());
        SPK_ASSIGN_OR_RAISE(copy->plan, BindPlan(copy->plan, parameters));
        return copy;
      }
      case ExprKind::kInSubquery: {
        auto copy = std::make_shared<InSubquery>(node->As<InSubquery>());
        SPK_ASSIGN_OR_RAISE(copy->plan, BindPlan(copy->plan, parameters));
        return copy;
      }
      default:
        return node;
    }
  });
}

Result<PlanPtr> BindPlan(const PlanPtr& plan, const QueryParameters& parameters) {
  return TransformUp(plan, [&](const PlanPtr& node) -> Result<PlanPtr> {
    std::vector<ExprPtr> expressions = NodeExpressions(*node);
    bool changed = false;
    for (auto& expression : expressions) {
      if (expression == nullptr) continue;
      SPK_ASSIGN_OR_RAISE(auto bound, BindExpression(expression, parameters));
      changed = changed || bound != expression;
      expression = std::move(bound);
    }
    PlanPtr result = changed ? WithNodeExpressions(*node, std::move(expressions)) : node;
    // Plans held outside `children`: CTE definitions and a command's query.
    if (result->kind == PlanKind::kWithCte) {
      auto copy = std::make_shared<WithCte>(result->As<WithCte>());
      for (auto& definition : copy->definitions) {
        SPK_ASSIGN_OR_RAISE(definition.plan, BindPlan(definition.plan, parameters));
      }
      result = std::move(copy);
    } else if (result->kind == PlanKind::kCommand && result->As<Command>().query != nullptr) {
      auto copy = std::make_shared<Command>(result->As<Command>());
      SPK_ASSIGN_OR_RAISE(copy->query, BindPlan(copy->query, parameters));
      result = std::move(copy);
    }
    return result;
  });
}

}  // namespace

Result<PlanPtr> BindParameters(const PlanPtr& plan, const QueryParameters& parameters) {
  return BindPlan(plan, parameters);
}

}  // namespace sparkling
