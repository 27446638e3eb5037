#include <arrow/array.h>
#include <arrow/array/util.h>
#include <arrow/datum.h>
#include <arrow/scalar.h>

#include "analyzer/constant_folding.h"
#include "optimizer/correlated_predicates.h"
#include "optimizer/domain_join.h"
#include "optimizer/optimizer_rules.h"
#include "optimizer/plan_traversal.h"
#include "plan/bound_function.h"

namespace sparkling {
namespace {

// The value an aggregate function returns over no rows (count → 0, most others NULL).
Result<ExprPtr> EmptyInputValue(const AggregateFunctionCall& call) {
  EvalOptions options;
  auto accumulator = call.function->MakeAccumulator(options);
  std::vector<arrow::Datum> no_rows;
  for (const auto& argument : call.children) {
    SPK_ASSIGN_OR_RAISE_ARROW(auto empty,
                              arrow::MakeEmptyArray(ToArrowType(*argument->type, "UTC")));
    no_rows.emplace_back(std::move(empty));
  }
  static const uint32_t kNoGroupIds[1] = {0};
  SPK_RETURN_NOT_OK(accumulator->Update(no_rows, kNoGroupIds, 0, 1));
  SPK_ASSIGN_OR_RAISE(auto values, accumulator->Finish());
  if (values->length() != 1) return Status::Internal("empty aggregate gave no value");
  auto scalar = values->GetScalar(0);
  if (!scalar.ok()) return Status::Internal(scalar.status().ToString());
  return MakeLiteral(*scalar, call.type);
}

// What the subquery's single output column evaluates to when its aggregate sees no rows, if
// that is a non-NULL constant (Spark's count bug: count over no rows is 0, not NULL).
Result<ExprPtr> EmptyResultOf(const Aggregate& aggregate) {
  const ExprPtr& output = aggregate.aggregates[0];
  SPK_ASSIGN_OR_RAISE(ExprPtr replaced,
                      TransformUp(output, [](const ExprPtr& e) -> Result<ExprPtr> {
                        if (e->kind == ExprKind::kAggregateFunction) {
                          return EmptyInputValue(e->As<AggregateFunctionCall>());
                        }
                        if (e->kind == ExprKind::kAttributeReference)
                          return MakeNullLiteral(e->type);
                        return e;
                      }));
  while (replaced->kind == ExprKind::kAlias) replaced = replaced->children[0];
  if (!IsFoldable(replaced)) return ExprPtr(nullptr);
  auto value = EvaluateConstant(replaced, EvalOptions{});
  if (!value.ok() || !(*value)->is_valid) return ExprPtr(nullptr);
  return MakeLiteral(*value, replaced->type);
}

// Replaces every correlated scalar subquery in `node` by a column of a left outer join.
class ScalarSubqueryRewriter {
 public:
  explicit ScalarSubqueryRewriter(PlanPtr input) : input_(std::move(input)) {}

  Result<ExprPtr> Rewrite(const ExprPtr& expr) {
    return TransformUp(expr, [this](const ExprPtr& e) -> Result<ExprPtr> {
      if (e->kind != ExprKind::kScalarSubquery ||
          !HasOuterReference(e->As<ScalarSubquery>().plan)) {
        return e;
      }
      return RewriteOne(e->As<ScalarSubquery>());
    });
  }
  const PlanPtr& input() const { return input_; }
  /// The joined columns the rewritten expressions read.
  const std::vector<ExprPtr>& joined_columns() const { return joined_columns_; }

 private:
  Result<ExprPtr> RewriteOne(const ScalarSubquery& subquery) {
    SPK_ASSIGN_OR_RAISE(DecorrelatedSubquery decorrelated,
                        PullOutCorrelatedPredicates(subquery.plan));
    for (const auto& predicate : decorrelated.predicates) {
      if (!IsCallOf(predicate, {"=", "==", "<=>"})) {
        // Grouping by the inner side of `inner < outer` would be wrong: evaluate the
        // subquery per distinct outer value instead.
        SPK_ASSIGN_OR_RAISE(DomainSubquery domain, RewriteOverDomain(subquery.plan, input_));
        decorrelated.plan = domain.plan;
        decorrelated.predicates = domain.join_conditions;
        break;
      }
    }
    PlanPtr right = decorrelated.plan;
    const bool aggregated = right->kind == PlanKind::kAggregate;
    ExprPtr value = subquery.plan->output[0].ToReference();
    ExprPtr empty_result;
    if (aggregated) {
      SPK_ASSIGN_OR_RAISE(empty_result, EmptyResultOf(right->As<Aggregate>()));
    }
    ExprPtr marker;
    if (empty_result != nullptr) {
      // A constant TRUE column tells joined rows from unmatched ones.
      auto aggregate = std::make_shared<Aggregate>(right->As<Aggregate>());
      ExprPtr always_true =
          MakeAlias(MakeLiteral(std::make_shared<arrow::BooleanScalar>(true), DataType::Boolean()),
                    "alwaysTrue");
      Attribute marker_attribute;
      marker_attribute.name = "alwaysTrue";
      marker_attribute.type = DataType::Boolean();
      marker_attribute.id = always_true->As<Alias>().id;
      aggregate->aggregates.push_back(always_true);
      aggregate->output.push_back(marker_attribute);
      marker = marker_attribute.ToReference();
      right = aggregate;
    }
    auto join = std::make_shared<Join>();
    // Without an aggregate nothing bounds the matches to one row: the join checks it.
    join->join_type = aggregated ? JoinType::kLeftOuter : JoinType::kLeftSingle;
    SPK_ASSIGN_OR_RAISE(ExprPtr condition, MakeConjunction(decorrelated.predicates));
    if (condition != nullptr) join->condition = condition;
    join->output = input_->output;
    for (Attribute attribute : right->output) {
      attribute.nullable = true;
      join->output.push_back(attribute);
    }
    join->children = {input_, right};
    join->analyzed = true;
    input_ = join;

    auto nullable_value = std::static_pointer_cast<AttributeReference>(value->Copy());
    nullable_value->nullable = true;
    value = nullable_value;
    joined_columns_.push_back(value);
    if (marker == nullptr) return value;
    auto nullable_marker = std::static_pointer_cast<AttributeReference>(marker->Copy());
    nullable_marker->nullable = true;
    joined_columns_.push_back(nullable_marker);
    SPK_ASSIGN_OR_RAISE(ExprPtr unmatched, CallRegistered("isnull", {nullable_marker}));
    return CallRegistered("if", {unmatched, empty_result, value});
  }

  PlanPtr input_;
  std::vector<ExprPtr> joined_columns_;
};

class RewriteCorrelatedScalarSubquery : public OptimizerRule {
 public:
  const std::string& name() const override {
    static const std::string kName = "RewriteCorrelatedScalarSubquery";
    return kName;
  }
  bool excludable() const override { return false; }

  Result<PlanPtr> Apply(const PlanPtr& plan, const OptimizerOptions&) const override {
    return TransformUpWithSubqueries(plan, [](const PlanPtr& node) -> Result<PlanPtr> {
      if (node->kind != PlanKind::kProject && node->kind != PlanKind::kFilter &&
          node->kind != PlanKind::kAggregate) {
        return node;
      }
      ScalarSubqueryRewriter rewriter(node->child());
      std::vector<ExprPtr> expressions = NodeExpressions(*node);
      bool changed = false;
      for (auto& expr : expressions) {
        SPK_ASSIGN_OR_RAISE(ExprPtr rewritten, rewriter.Rewrite(expr));
        changed = changed || rewritten != expr;
        expr = std::move(rewritten);
      }
      if (!changed) return node;
      PlanPtr rewritten = WithNodeExpressions(*node, std::move(expressions));
      auto copy = rewritten->Copy();
      copy->children = {rewriter.input()};
      if (node->kind == PlanKind::kAggregate) {
        // The subquery is correlated on grouping columns, so its value is one per group:
        // grouping by it too lets the aggregate output read it.
        auto& groupings = static_cast<Aggregate&>(*copy).groupings;
        for (const auto& column : rewriter.joined_columns()) groupings.push_back(column);
      }
      if (node->kind != PlanKind::kFilter) return PlanPtr(copy);
      // A Filter outputs its input: project the joined columns away again.
      copy->output = rewriter.input()->output;
      auto project = std::make_shared<Project>();
      for (const auto& attribute : node->output)
        project->expressions.push_back(attribute.ToReference());
      project->output = node->output;
      project->children = {PlanPtr(copy)};
      project->analyzed = true;
      return PlanPtr(project);
    });
  }
};

class CheckNoCorrelatedSubqueries : public OptimizerRule {
 public:
  const std::string& name() const override {
    static const std::string kName = "CheckNoCorrelatedSubqueries";
    return kName;
  }
  bool excludable() const override { return false; }
  Result<PlanPtr> Apply(const PlanPtr& plan, const OptimizerOptions&) const override {
    if (HasOuterReference(plan)) {
      return Status::NotImplemented("this form of correlated subquery");
    }
    return plan;
  }
};

}  // namespace

const OptimizerRule& RewriteCorrelatedScalarSubqueryRule() {
  static const RewriteCorrelatedScalarSubquery rule;
  return rule;
}

const OptimizerRule& CheckNoCorrelatedSubqueriesRule() {
  static const CheckNoCorrelatedSubqueries rule;
  return rule;
}

}  // namespace sparkling
