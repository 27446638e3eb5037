#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "plan/logical_plan.h"

namespace sparkling {

class SessionCatalog;

/// What the analyzer needs from the session and the request.
struct AnalyzerContext {
  SessionCatalog* catalog = nullptr;  // required
  bool ansi = true;                   // spark.sql.ansi.enabled
  bool case_sensitive = false;        // spark.sql.caseSensitive
  std::string session_time_zone = "UTC";
  /// Values for SQL parameter markers: `:name` and `?` (0-based position).
  std::map<std::string, ExprPtr> named_parameters;
  std::vector<ExprPtr> positional_parameters;
  /// spark.sql.groupByOrdinal / spark.sql.orderByOrdinal / spark.sql.groupByAliases.
  bool group_by_ordinal = true;
  bool order_by_ordinal = true;
  bool group_by_aliases = true;
  /// The view a CREATE/ALTER VIEW defines (catalog, namespace, name): reading it again from
  /// its own query is RECURSIVE_VIEW.
  std::vector<std::string> defining_view;
};

/// Resolves an unresolved plan (from the SQL parser or the Connect translator) into an
/// analyzed plan: every node has `output` and `analyzed = true`, every expression is resolved
/// (AttributeReference by ExprId, ScalarFunctionCall/AggregateFunctionCall bound to the
/// function registry, implicit Casts inserted), Connect conveniences (ToDF, WithColumns,
/// WithColumnsRenamed, Drop) are lowered to Projects, USING/NATURAL joins are lowered to a
/// join condition plus a Project, and InlineTables to LocalRelations. Analysis errors are
/// Spark's AnalysisException conditions (UNRESOLVED_COLUMN.*, TABLE_OR_VIEW_NOT_FOUND, ...).
/// An already analyzed plan is returned unchanged.
Result<PlanPtr> Analyze(const PlanPtr& unresolved, const AnalyzerContext& context);

/// Resolves a standalone expression against an analyzed plan's output (used for
/// DataFrame.schema of expressions and by commands). The result is resolved and named.
Result<ExprPtr> AnalyzeExpression(const ExprPtr& unresolved, const PlanPtr& input,
                                  const AnalyzerContext& context);

}  // namespace sparkling
