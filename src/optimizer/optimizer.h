#pragma once

// The logical optimizer: a list of named rewrite rules run over an analyzed plan.
//
// Post-optimization contract (what the executor must handle)
// ----------------------------------------------------------
// Optimize() returns an analyzed plan (every node has `analyzed = true` and `output`). A
// Command root is returned unchanged (the command runner optimizes the queries it runs).
// Otherwise only these plan nodes appear:
//   Project, Filter, Aggregate, Sort, Limit, Offset, Tail, Distinct, Deduplicate, Join,
//   SetOperation, LocalRelation, Range, OneRow, Repartition.
//   - Join: any JoinType, with or without `condition`; `using_columns` is always empty and
//     `natural` false (USING/NATURAL are lowered to a condition plus a Project). Output is the
//     left output followed by the right output, with the outer side(s) nullable; LeftSemi and
//     LeftAnti output the left side only. NOT IN becomes a LeftAnti join whose condition is
//     `(a = b) OR isnull(a = b)` (a NULL comparison counts as a match).
//   - SetOperation: both children have the same number of columns with identical types;
//     `by_name` and `allow_missing_columns` are false. Output ids are the left child's.
//   - Deduplicate (dropDuplicates): `column_names` are exact names of the child's output (the
//     key columns); all columns when `all_columns`. Keeps the first row per key, outputs all.
//   - Aggregate: `groupings` are expressions over the child output (no aggregate calls);
//     `aggregates` are named expressions (Alias / AttributeReference) combining
//     AggregateFunctionCalls (arguments and FILTER over the child output), sub-expressions
//     semantically equal to a grouping expression, and literals. No groupings: one output row.
//   - LocalRelation: `data` may be null (no rows); VALUES lists arrive as LocalRelations.
// Never present: UnresolvedRelation, UnresolvedTableFunction, InlineTable, SubqueryAlias,
//   WithCte, ToDF, WithColumns, WithColumnsRenamed, Drop.
//
// Expressions that can appear:
//   Literal, AttributeReference (by ExprId, of the node's children's output; ids are unique
//   across the children of a node), Alias (at the top of Project expressions and Aggregate
//   aggregates), Cast, ScalarFunctionCall, AggregateFunctionCall (only inside
//   Aggregate::aggregates), SortOrder (only as Sort::orders), Lambda and LambdaVariable
//   (arguments of higher-order functions), and ScalarSubquery / Exists / InSubquery whose
//   plans are uncorrelated (contain no OuterReference) and follow this same contract: the
//   executor runs each such subquery once and substitutes its value (a scalar subquery with
//   no row is NULL; more than one row is SCALAR_SUBQUERY_TOO_MANY_ROWS).
//   Correlated subqueries are rewritten to joins; forms the rewrite does not cover fail here
//   with UNSUPPORTED_FEATURE, so OuterReference never reaches the executor.
// Other guarantees:
//   - Filter and Join conditions are boolean; NULL counts as false.
//   - Limit / Offset / Tail hold a non-negative integer Literal.
//   - Sort::orders are SortOrder expressions; `global == false` means sortWithinPartitions.

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
