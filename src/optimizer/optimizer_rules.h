#pragma once

// The optimizer's rules, one per file; optimizer.cc lists them in the order they run.

#include "optimizer/optimizer.h"

namespace sparkling {

/// Drops WithCte nodes: the analyzer already inlined every CTE reference.
const OptimizerRule& InlineCteRule();
/// Removes SubqueryAlias nodes (qualifiers only matter to the analyzer).
const OptimizerRule& EliminateSubqueryAliasesRule();
/// EXISTS / NOT EXISTS / IN / NOT IN conjuncts of a Filter become left semi / anti joins;
/// correlated predicates become join conditions, NOT IN is null-aware.
const OptimizerRule& RewritePredicateSubqueryRule();
/// Correlated scalar subqueries (aggregated) become left outer joins on the correlation keys
/// (equalities), or on the distinct outer values they read (other predicates).
const OptimizerRule& RewriteCorrelatedScalarSubqueryRule();
/// Evaluates constant expressions (Spark's ConstantFolding); failures are left to run time.
const OptimizerRule& ConstantFoldingRule();
/// Fails with UNSUPPORTED_FEATURE when a correlated subquery survived the rewrites.
const OptimizerRule& CheckNoCorrelatedSubqueriesRule();

}  // namespace sparkling
