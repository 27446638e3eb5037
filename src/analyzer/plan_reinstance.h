#pragma once

#include "common/status.h"
#include "plan/logical_plan.h"

namespace sparkling {

/// A copy of an analyzed plan in which every attribute the plan defines (leaf outputs, aliases)
/// has a fresh ExprId, references rewritten to match (Spark's newInstance /
/// DeduplicateRelations). Each reference to a view or CTE gets its own instance, so that
/// self-joins and correlated subqueries over the same relation never confuse columns.
Result<PlanPtr> ReinstancePlan(const PlanPtr& analyzed);

}  // namespace sparkling
