#pragma once

#include <vector>

#include "common/status.h"
#include "plan/logical_plan.h"

namespace sparkling {

/// A subquery plan with its correlated predicates pulled out.
struct DecorrelatedSubquery {
  /// The subquery without the correlated predicates. Its output starts with the original
  /// output columns, followed by the inner columns the predicates need.
  PlanPtr plan;
  /// The correlated conjuncts, OuterReferences replaced by the outer attributes themselves:
  /// join conditions between the outer query and `plan`.
  std::vector<ExprPtr> predicates;
};

/// Spark's pullOutCorrelatedPredicates: moves correlated conjuncts of Filters to the top of
/// the subquery, keeping the inner columns they read in the output of Projects and as
/// grouping keys of Aggregates on the way. UNSUPPORTED_FEATURE for correlation the rewrite
/// cannot move (below joins, limits, in select lists).
Result<DecorrelatedSubquery> PullOutCorrelatedPredicates(const PlanPtr& subquery);

}  // namespace sparkling
