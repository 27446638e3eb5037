#pragma once

#include "execution/physical_operator.h"
#include "plan/logical_plan.h"

namespace sparkling {

/// Builds the physical operator tree for an analyzed and optimized logical plan (see the
/// contract at the top of optimizer/optimizer.h). Uncorrelated subqueries in expressions are
/// run here, once, and replaced by their values. The context supplies options (parallelism,
/// batch size, session time zone) and runs those subqueries.
Result<PhysicalOperatorPtr> CreatePhysicalPlan(const PlanPtr& plan, ExecutionContext* context);

/// The Arrow schema of a plan's output: names, ToArrowType(type, time_zone), nullability.
std::shared_ptr<arrow::Schema> OutputArrowSchema(const std::vector<Attribute>& output,
                                                 const std::string& time_zone);

}  // namespace sparkling
