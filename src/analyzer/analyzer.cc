#include "analyzer/analyzer.h"

#include "analyzer/column_naming.h"
#include "analyzer/resolver.h"

namespace sparkling {

Result<PlanPtr> Analyze(const PlanPtr& unresolved, const AnalyzerContext& context) {
  if (unresolved == nullptr) return Status::Internal("Analyze of a null plan");
  Resolver resolver(context);
  return resolver.ResolvePlan(unresolved);
}

Result<ExprPtr> AnalyzeExpression(const ExprPtr& unresolved, const PlanPtr& input,
                                  const AnalyzerContext& context) {
  Resolver resolver(context);
  ExpressionScope scope;
  if (input != nullptr) {
    scope.input = input->output;
    scope.children = {input};
  }
  SPK_ASSIGN_OR_RAISE(ExprPtr resolved, resolver.ResolveExpression(unresolved, scope));
  return NameExpression(resolved, context.session_time_zone);
}

}  // namespace sparkling
