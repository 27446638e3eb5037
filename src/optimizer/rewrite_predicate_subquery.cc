#include "optimizer/correlated_predicates.h"
#include "optimizer/optimizer_rules.h"
#include "optimizer/plan_traversal.h"

namespace sparkling {
namespace {

PlanPtr MakeJoin(JoinType type, PlanPtr left, PlanPtr right, ExprPtr condition) {
  auto join = std::make_shared<Join>();
  join->join_type = type;
  if (condition != nullptr) join->condition = std::move(condition);
  join->output = left->output;  // semi / anti joins output the left side only
  join->children = {std::move(left), std::move(right)};
  join->analyzed = true;
  return join;
}

// EXISTS / IN over `subquery` as a semi (or anti) join of `input`.
Result<PlanPtr> RewriteExistential(const ExprPtr& predicate, bool negated, PlanPtr input) {
  PlanPtr subquery = predicate->kind == ExprKind::kExists ? predicate->As<Exists>().plan
                                                          : predicate->As<InSubquery>().plan;
  SPK_ASSIGN_OR_RAISE(DecorrelatedSubquery decorrelated, PullOutCorrelatedPredicates(subquery));
  std::vector<ExprPtr> conditions;
  if (predicate->kind == ExprKind::kInSubquery) {
    const auto& values = predicate->children;
    for (size_t i = 0; i < values.size(); ++i) {
      SPK_ASSIGN_OR_RAISE(ExprPtr equality,
                          CallRegistered("=", {values[i], subquery->output[i].ToReference()}));
      if (negated) {
        // NOT IN is null-aware: a NULL comparison counts as a match, which removes the row.
        SPK_ASSIGN_OR_RAISE(ExprPtr is_null, CallRegistered("isnull", {equality}));
        SPK_ASSIGN_OR_RAISE(equality, CallRegistered("or", {equality, is_null}));
      }
      conditions.push_back(std::move(equality));
    }
  }
  conditions.insert(conditions.end(), decorrelated.predicates.begin(),
                    decorrelated.predicates.end());
  SPK_ASSIGN_OR_RAISE(ExprPtr condition, MakeConjunction(conditions));
  return MakeJoin(negated ? JoinType::kLeftAnti : JoinType::kLeftSemi, std::move(input),
                  decorrelated.plan, std::move(condition));
}

class RewritePredicateSubquery : public OptimizerRule {
 public:
  const std::string& name() const override {
    static const std::string kName = "RewritePredicateSubquery";
    return kName;
  }
  bool excludable() const override { return false; }

  Result<PlanPtr> Apply(const PlanPtr& plan, const OptimizerOptions&) const override {
    return TransformUpWithSubqueries(plan, [](const PlanPtr& node) -> Result<PlanPtr> {
      if (node->kind != PlanKind::kFilter) return node;
      const auto& filter = node->As<Filter>();
      PlanPtr input = filter.child();
      std::vector<ExprPtr> kept;
      bool rewritten = false;
      for (const auto& conjunct : SplitConjuncts(filter.condition)) {
        bool negated = IsCallOf(conjunct, {"not", "!"});
        const ExprPtr& inner = negated ? conjunct->children[0] : conjunct;
        if (inner->kind == ExprKind::kExists || inner->kind == ExprKind::kInSubquery) {
          SPK_ASSIGN_OR_RAISE(input, RewriteExistential(inner, negated, std::move(input)));
          rewritten = true;
        } else {
          kept.push_back(conjunct);
        }
      }
      if (!rewritten) return node;
      if (kept.empty()) return input;
      auto remaining = std::make_shared<Filter>(filter);
      SPK_ASSIGN_OR_RAISE(remaining->condition, MakeConjunction(kept));
      remaining->children = {input};
      remaining->output = input->output;
      return PlanPtr(remaining);
    });
  }
};

}  // namespace

const OptimizerRule& RewritePredicateSubqueryRule() {
  static const RewritePredicateSubquery rule;
  return rule;
}

}  // namespace sparkling
