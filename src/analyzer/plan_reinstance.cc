#include "analyzer/plan_reinstance.h"

#include <unordered_map>

namespace sparkling {
namespace {

class Reinstancer {
 public:
  Result<PlanPtr> Plan(const PlanPtr& plan) {
    std::vector<PlanPtr> children;
    for (const auto& child : plan->children) {
      SPK_ASSIGN_OR_RAISE(PlanPtr new_child, Plan(child));
      children.push_back(std::move(new_child));
    }
    std::shared_ptr<LogicalPlan> copy = plan->Copy();
    copy->children = std::move(children);
    if (copy->kind == PlanKind::kWithCte) {
      for (auto& definition : static_cast<WithCte&>(*copy).definitions) {
        SPK_ASSIGN_OR_RAISE(definition.plan, Plan(definition.plan));
      }
    }
    if (copy->kind == PlanKind::kCommand && copy->As<Command>().query != nullptr) {
      SPK_ASSIGN_OR_RAISE(static_cast<Command&>(*copy).query, Plan(copy->As<Command>().query));
    }
    bool is_leaf = plan->children.empty();
    if (is_leaf) {
      for (auto& attribute : copy->output) {
        ExprId fresh = NewExprId();
        mapping_[attribute.id] = fresh;
        attribute.id = fresh;
      }
    }
    std::vector<ExprPtr> expressions = NodeExpressions(*copy);
    if (!expressions.empty()) {
      for (auto& expr : expressions) {
        SPK_ASSIGN_OR_RAISE(expr, Expr(expr));
      }
      PlanPtr rewritten = WithNodeExpressions(*copy, std::move(expressions));
      copy = rewritten->Copy();
    }
    if (!is_leaf) {
      for (auto& attribute : copy->output) {
        auto it = mapping_.find(attribute.id);
        if (it != mapping_.end()) attribute.id = it->second;
      }
    }
    return PlanPtr(std::move(copy));
  }

  Result<ExprPtr> Expr(const ExprPtr& expr) {
    return TransformUp(expr, [this](const ExprPtr& node) -> Result<ExprPtr> {
      switch (node->kind) {
        case ExprKind::kAttributeReference: {
          auto it = mapping_.find(node->As<AttributeReference>().id);
          if (it == mapping_.end()) return node;
          auto copy = std::static_pointer_cast<AttributeReference>(node->Copy());
          copy->id = it->second;
          return ExprPtr(copy);
        }
        case ExprKind::kAlias: {
          auto copy = std::static_pointer_cast<Alias>(node->Copy());
          ExprId fresh = NewExprId();
          mapping_[copy->id] = fresh;
          copy->id = fresh;
          return ExprPtr(copy);
        }
        case ExprKind::kScalarSubquery: {
          auto copy = std::static_pointer_cast<ScalarSubquery>(node->Copy());
          SPK_ASSIGN_OR_RAISE(copy->plan, Plan(copy->plan));
          return ExprPtr(copy);
        }
        case ExprKind::kExists: {
          auto copy = std::static_pointer_cast<Exists>(node->Copy());
          SPK_ASSIGN_OR_RAISE(copy->plan, Plan(copy->plan));
          return ExprPtr(copy);
        }
        case ExprKind::kInSubquery: {
          auto copy = std::static_pointer_cast<InSubquery>(node->Copy());
          SPK_ASSIGN_OR_RAISE(copy->plan, Plan(copy->plan));
          return ExprPtr(copy);
        }
        default:
          return node;
      }
    });
  }

 private:
  std::unordered_map<ExprId, ExprId> mapping_;
};

}  // namespace

Result<PlanPtr> ReinstancePlan(const PlanPtr& analyzed) {
  Reinstancer reinstancer;
  return reinstancer.Plan(analyzed);
}

}  // namespace sparkling
