#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "plan/logical_plan.h"

namespace sparkling {

/// Values for SQL parameter markers (`:name` / `?`), from spark.sql(query, args) or the
/// Connect SQL relation's named/positional arguments. Each value is an expression (usually a
/// Literal; Spark also allows map(...)/array(...) calls of literals).
struct QueryParameters {
  std::map<std::string, ExprPtr> named;
  std::vector<ExprPtr> positional;
  bool empty() const { return named.empty() && positional.empty(); }
};

/// Replaces every Parameter marker in `plan` (subqueries included) by its value.
/// UNBOUND_SQL_PARAMETER when a marker has no value.
Result<PlanPtr> BindParameters(const PlanPtr& plan, const QueryParameters& parameters);

}  // namespace sparkling
