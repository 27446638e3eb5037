#pragma once

#include <vector>

#include "common/status.h"
#include "plan/logical_plan.h"

namespace sparkling {

/// A correlated subquery evaluated once per distinct value of the outer columns it reads.
struct DomainSubquery {
  /// The subquery joined with the domain (the distinct outer values) where it is correlated;
  /// its output is the original output followed by the domain columns.
  PlanPtr plan;
  /// `outer column <=> domain column` for each domain column: joins the result back.
  std::vector<ExprPtr> join_conditions;
};

/// Spark's domain-join decorrelation, for correlation predicates that are not equalities
/// (`WHERE t2.id < outer(t.id)`): the correlated Filter reads the domain columns instead of
/// outer references, and Projects / Aggregates above it keep them (as grouping keys).
/// `outer_input` is the plan the outer references come from. UNSUPPORTED_FEATURE for
/// correlation below joins, limits or in select lists.
Result<DomainSubquery> RewriteOverDomain(const PlanPtr& subquery, const PlanPtr& outer_input);

}  // namespace sparkling
