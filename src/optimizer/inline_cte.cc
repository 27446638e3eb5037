#include "optimizer/optimizer_rules.h"
#include "optimizer/plan_traversal.h"

namespace sparkling {
namespace {

class InlineCte : public OptimizerRule {
 public:
  const std::string& name() const override {
    static const std::string kName = "InlineCTE";
    return kName;
  }
  bool excludable() const override { return false; }
  Result<PlanPtr> Apply(const PlanPtr& plan, const OptimizerOptions&) const override {
    return TransformUpWithSubqueries(plan, [](const PlanPtr& node) -> Result<PlanPtr> {
      // References were inlined by the analyzer; the definitions are only kept for explain.
      if (node->kind == PlanKind::kWithCte) return node->child();
      return node;
    });
  }
};

}  // namespace

const OptimizerRule& InlineCteRule() {
  static const InlineCte rule;
  return rule;
}

}  // namespace sparkling
