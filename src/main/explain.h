#pragma once

#include <optional>
#include <string>

#include "common/status.h"
#include "plan/logical_plan.h"

namespace sparkling {

/// df.explain(mode) / EXPLAIN [EXTENDED|CODEGEN|COST|FORMATTED].
enum class ExplainMode { kSimple, kExtended, kCodegen, kCost, kFormatted };

/// "simple" / "extended" / ... as the client and EXPLAIN name them (case-insensitive);
/// nullopt for unknown names.
std::optional<ExplainMode> ExplainModeFromName(const std::string& name);

/// The plans of one query, as explain prints them.
struct ExplainPlans {
  PlanPtr parsed;     // the unresolved plan
  PlanPtr analyzed;   // after the analyzer
  PlanPtr optimized;  // after the optimizer (also printed as the physical plan)
};

/// The explain text in Spark's layout ("== Physical Plan ==\n..." etc.), ending in "\n".
std::string RenderExplain(const ExplainPlans& plans, ExplainMode mode);

}  // namespace sparkling
