#include "optimizer/optimizer_rules.h"
#include "optimizer/plan_traversal.h"

namespace sparkling {
namespace {

class EliminateSubqueryAliases : public OptimizerRule {
 public:
  const std::string& name() const override {
    static const std::string kName = "EliminateSubqueryAliases";
    return kName;
  }
  bool excludable() const override { return false; }
  Result<PlanPtr> Apply(const PlanPtr& plan, const OptimizerOptions&) const override {
    return TransformUpWithSubqueries(plan, [](const PlanPtr& node) -> Result<PlanPtr> {
      if (node->kind != PlanKind::kSubqueryAlias) return node;
      const PlanPtr& child = node->child();
      // Keep the Connect plan id visible on the node that replaces the alias.
      if (node->plan_id.has_value() && child->plan_id != node->plan_id) {
        auto copy = child->Copy();
        copy->plan_id = node->plan_id;
        return PlanPtr(copy);
      }
      return child;
    });
  }
};

}  // namespace

const OptimizerRule& EliminateSubqueryAliasesRule() {
  static const EliminateSubqueryAliases rule;
  return rule;
}

}  // namespace sparkling
