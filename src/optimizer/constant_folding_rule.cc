#include "analyzer/constant_folding.h"
#include "optimizer/optimizer_rules.h"
#include "optimizer/plan_traversal.h"
#include "plan/bound_function.h"

namespace sparkling {
namespace {

// Folds a call or cast whose arguments are all literals. Errors (1/0 under ANSI) are not
// raised here: the expression stays and fails at run time, where Spark reports it too.
Result<ExprPtr> FoldNode(const ExprPtr& expr, const EvalOptions& options) {
  if (expr->kind != ExprKind::kCast && expr->kind != ExprKind::kScalarFunction) return expr;
  // Calls without arguments (current_timestamp(), uuid()) get their value at run time.
  if (expr->children.empty()) return expr;
  for (const auto& child : expr->children) {
    if (child->kind != ExprKind::kLiteral) return expr;
  }
  if (!IsFoldable(expr)) return expr;
  auto folded = FoldToLiteral(expr, options);
  if (!folded.ok()) return expr;
  auto literal = std::static_pointer_cast<Literal>((*folded)->Copy());
  literal->origin = expr->origin;
  return ExprPtr(literal);
}

class ConstantFolding : public OptimizerRule {
 public:
  const std::string& name() const override {
    static const std::string kName = "ConstantFolding";
    return kName;
  }
  Result<PlanPtr> Apply(const PlanPtr& plan, const OptimizerOptions& options) const override {
    EvalOptions eval;
    eval.ansi = options.ansi;
    return TransformUpWithSubqueries(plan, [&](const PlanPtr& node) -> Result<PlanPtr> {
      std::vector<ExprPtr> expressions = NodeExpressions(*node);
      bool changed = false;
      for (auto& expr : expressions) {
        SPK_ASSIGN_OR_RAISE(ExprPtr folded,
                            TransformUp(expr, [&](const ExprPtr& e) { return FoldNode(e, eval); }));
        changed = changed || folded != expr;
        expr = std::move(folded);
      }
      return changed ? WithNodeExpressions(*node, std::move(expressions)) : node;
    });
  }
};

}  // namespace

const OptimizerRule& ConstantFoldingRule() {
  static const ConstantFolding rule;
  return rule;
}

}  // namespace sparkling
