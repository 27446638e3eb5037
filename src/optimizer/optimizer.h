#pragma once

// The logical optimizer: a list of named rewrite rules run over an analyzed plan.
//
// Post-optimization contract (what the executor must handle)
// ----------------------------------------------------------
// Optimize() returns an analyzed plan (every node has `analyzed = true` and `output`) that
// contains only these plan nodes:
//   Project, Filter, Aggregate, Sort, Limit, Offset, Tail, Distinct, Join (any JoinType, with
//   or without a condition; `using_columns` is always empty: USING/NATURAL are lowered to a
//   condition plus a Project), SetOperation (children have the same number of columns with
//   identical types; `by_name` is always false), LocalRelation, Range, OneRow, Repartition,
//   Deduplicate (dropDuplicates: `column_names` name the key columns of the child's output
//   (exact, resolved names); all columns when empty; keeps the first row per key, outputs all
//   columns) and Command (only when the root was a command).
// Never present: UnresolvedRelation, UnresolvedTableFunction, InlineTable (lowered to
//   LocalRelation/Project over OneRow), SubqueryAlias, WithCte, ToDF, WithColumns,
//   WithColumnsRenamed, Drop.
//
// Expressions that can appear:
//   Literal, AttributeReference (referring by ExprId to an attribute of the node's children's
//   output, or, inside a subquery plan, to the enclosing query's output through
//   OuterReference), Alias (only at the top of Project expressions / Aggregate aggregates),
//   Cast, ScalarFunctionCall, AggregateFunctionCall (only inside Aggregate::aggregates;
//   Aggregate::groupings never contain one), SortOrder (only as Sort::orders), Lambda and
//   LambdaVariable (arguments of higher-order functions), and
//   ScalarSubquery / Exists / InSubquery whose plans are uncorrelated (no OuterReference):
//   the executor runs each such subquery once and substitutes its value.
//   Correlated subqueries are rewritten to joins by the optimizer; if a correlated form the
//   rewrite does not cover remains, the optimizer returns UNSUPPORTED_FEATURE instead.
// Semantics the executor relies on:
//   - Join output is left output followed by right output (LeftSemi/LeftAnti: left only).
//   - Filter/Join conditions are boolean; NULL counts as false.
//   - Limit/Offset/Tail expressions are foldable integer Literals (non-negative).
//   - Sort orders are SortOrder expressions; `global == false` means sortWithinPartitions.

#include <string>
#include <vector>

#include "common/status.h"
#include "plan/logical_plan.h"

namespace sparkling {

/// Options of one optimizer run.
struct OptimizerOptions {
  /// Rule names to skip (spark.sql.optimizer.excludedRules: comma-separated rule names).
  std::vector<std::string> excluded_rules;
  bool ansi = true;
};

/// Parses the value of spark.sql.optimizer.excludedRules ("a,b , c") into rule names.
std::vector<std::string> ParseExcludedRules(const std::string& conf_value);

/// A named, self-contained rewrite of an analyzed plan.
class OptimizerRule {
 public:
  virtual ~OptimizerRule() = default;
  /// Spark-style rule name, e.g. "InlineCTE"; the key for excludedRules.
  virtual const std::string& name() const = 0;
  /// Whether the rule may be excluded; rules that establish the executor contract may not.
  virtual bool excludable() const { return true; }
  virtual Result<PlanPtr> Apply(const PlanPtr& plan, const OptimizerOptions& options) const = 0;
};

/// The rules in the order they run.
const std::vector<const OptimizerRule*>& OptimizerRules();

/// Runs every rule not excluded (and every non-excludable rule) over an analyzed plan.
Result<PlanPtr> Optimize(const PlanPtr& analyzed, const OptimizerOptions& options = {});

}  // namespace sparkling
