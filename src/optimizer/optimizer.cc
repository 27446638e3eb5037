#include "optimizer/optimizer.h"

#include <algorithm>

#include "optimizer/optimizer_rules.h"
#include "plan/identifier.h"

namespace sparkling {

std::vector<std::string> ParseExcludedRules(const std::string& conf_value) {
  std::vector<std::string> rules;
  size_t start = 0;
  while (start <= conf_value.size()) {
    size_t comma = conf_value.find(',', start);
    std::string name =
        conf_value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t begin = name.find_first_not_of(" \t");
    size_t end = name.find_last_not_of(" \t");
    if (begin != std::string::npos) rules.push_back(name.substr(begin, end - begin + 1));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return rules;
}

const std::vector<const OptimizerRule*>& OptimizerRules() {
  static const auto* rules = new std::vector<const OptimizerRule*>{
      &InlineCteRule(),
      &EliminateSubqueryAliasesRule(),
      &RewritePredicateSubqueryRule(),
      &RewriteCorrelatedScalarSubqueryRule(),
      &CheckNoCorrelatedSubqueriesRule(),
      &ConstantFoldingRule(),
  };
  return *rules;
}

namespace {

// Spark matches excluded rules by their full class name; the short name is accepted too.
bool IsExcluded(const OptimizerRule& rule, const OptimizerOptions& options) {
  if (!rule.excludable()) return false;
  return std::any_of(options.excluded_rules.begin(), options.excluded_rules.end(),
                     [&](const std::string& excluded) {
                       size_t dot = excluded.rfind('.');
                       std::string short_name =
                           dot == std::string::npos ? excluded : excluded.substr(dot + 1);
                       return short_name == rule.name();
                     });
}

}  // namespace

Result<PlanPtr> Optimize(const PlanPtr& analyzed, const OptimizerOptions& options) {
  if (analyzed == nullptr) return Status::Internal("Optimize of a null plan");
  // Commands carry their own queries; the command runner optimizes what it executes.
  if (analyzed->kind == PlanKind::kCommand) return analyzed;
  PlanPtr plan = analyzed;
  for (const OptimizerRule* rule : OptimizerRules()) {
    if (IsExcluded(*rule, options)) continue;
    SPK_ASSIGN_OR_RAISE(plan, rule->Apply(plan, options));
  }
  return plan;
}

}  // namespace sparkling
