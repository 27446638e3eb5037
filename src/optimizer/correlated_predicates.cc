#include "optimizer/correlated_predicates.h"

#include <unordered_set>

#include "optimizer/plan_traversal.h"

namespace sparkling {
namespace {

struct Pulled {
  PlanPtr plan;
  std::vector<ExprPtr> predicates;
};

// The inner (non-outer) attributes a predicate reads.
std::vector<Attribute> InnerAttributes(const std::vector<ExprPtr>& predicates,
                                       const std::vector<Attribute>& available) {
  std::vector<Attribute> out;
  std::unordered_set<ExprId> seen;
  for (const auto& predicate : predicates) {
    ForEachNode(predicate, [&](const Expression& node) {
      if (node.kind != ExprKind::kAttributeReference) return;
      ExprId id = node.As<AttributeReference>().id;
      for (const auto& attribute : available) {
        if (attribute.id == id && seen.insert(id).second) out.push_back(attribute);
      }
    });
  }
  return out;
}

bool Contains(const std::vector<Attribute>& attributes, ExprId id) {
  for (const auto& attribute : attributes) {
    if (attribute.id == id) return true;
  }
  return false;
}

Result<ExprPtr> StripOuterReferences(const ExprPtr& expr) {
  return TransformUp(expr, [](const ExprPtr& node) -> Result<ExprPtr> {
    if (node->kind == ExprKind::kOuterReference) return node->children[0];
    return node;
  });
}

Status Unsupported(const LogicalPlan& node) {
  return Status::NotImplemented("correlated column reference in " + node.NodeString());
}

Result<Pulled> Pull(const PlanPtr& plan) {
  if (plan->children.size() != 1) {
    if (HasOuterReference(plan)) return Unsupported(*plan);
    return Pulled{plan, {}};
  }
  SPK_ASSIGN_OR_RAISE(Pulled child, Pull(plan->child()));
  const PlanPtr& input = child.plan;
  switch (plan->kind) {
    case PlanKind::kFilter: {
      std::vector<ExprPtr> kept;
      for (const auto& conjunct : SplitConjuncts(plan->As<Filter>().condition)) {
        if (HasOuterReference(conjunct)) {
          SPK_ASSIGN_OR_RAISE(ExprPtr predicate, StripOuterReferences(conjunct));
          child.predicates.push_back(std::move(predicate));
        } else {
          kept.push_back(conjunct);
        }
      }
      if (kept.empty()) return child;
      auto filter = std::make_shared<Filter>(plan->As<Filter>());
      SPK_ASSIGN_OR_RAISE(filter->condition, MakeConjunction(kept));
      filter->children = {input};
      filter->output = input->output;
      return Pulled{filter, std::move(child.predicates)};
    }
    case PlanKind::kProject: {
      const auto& project = plan->As<Project>();
      for (const auto& expr : project.expressions) {
        if (HasOuterReference(expr)) return Unsupported(*plan);
      }
      auto copy = std::make_shared<Project>(project);
      copy->children = {input};
      for (const auto& attribute : InnerAttributes(child.predicates, input->output)) {
        if (Contains(copy->output, attribute.id)) continue;
        copy->expressions.push_back(attribute.ToReference());
        copy->output.push_back(attribute);
      }
      return Pulled{copy, std::move(child.predicates)};
    }
    case PlanKind::kAggregate: {
      const auto& aggregate = plan->As<Aggregate>();
      for (const auto& expr : NodeExpressions(aggregate)) {
        if (HasOuterReference(expr)) return Unsupported(*plan);
      }
      auto copy = std::make_shared<Aggregate>(aggregate);
      copy->children = {input};
      // The correlation columns become grouping keys: one aggregate row per outer key.
      for (const auto& attribute : InnerAttributes(child.predicates, input->output)) {
        if (Contains(copy->output, attribute.id)) continue;
        copy->groupings.push_back(attribute.ToReference());
        copy->aggregates.push_back(attribute.ToReference());
        copy->output.push_back(attribute);
      }
      return Pulled{copy, std::move(child.predicates)};
    }
    case PlanKind::kSort:
    case PlanKind::kDistinct:
    case PlanKind::kSubqueryAlias:
    case PlanKind::kRepartition: {
      for (const auto& expr : NodeExpressions(*plan)) {
        if (HasOuterReference(expr)) return Unsupported(*plan);
      }
      auto copy = plan->Copy();
      copy->children = {input};
      copy->output = input->output;
      return Pulled{copy, std::move(child.predicates)};
    }
    default:
      if (!child.predicates.empty()) return Unsupported(*plan);
      for (const auto& expr : NodeExpressions(*plan)) {
        if (HasOuterReference(expr)) return Unsupported(*plan);
      }
      if (input == plan->child()) return Pulled{plan, {}};
      return Pulled{plan->WithChildren({input}), {}};
  }
}

}  // namespace

Result<DecorrelatedSubquery> PullOutCorrelatedPredicates(const PlanPtr& subquery) {
  SPK_ASSIGN_OR_RAISE(Pulled pulled, Pull(subquery));
  if (HasOuterReference(pulled.plan)) return Unsupported(*pulled.plan);
  return DecorrelatedSubquery{pulled.plan, std::move(pulled.predicates)};
}

}  // namespace sparkling
