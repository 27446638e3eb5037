#pragma once

#include "plan/expression.h"

namespace sparkling {

/// Whether two resolved expressions compute the same value: attributes by ExprId, aliases and
/// qualifiers ignored (Spark's semanticEquals). Used to match GROUP BY expressions in the
/// select list, HAVING and ORDER BY.
bool SemanticEquals(const Expression& a, const Expression& b);

/// The expression under any chain of Aliases.
const ExprPtr& StripAliases(const ExprPtr& expr);

/// Whether the expression contains an AggregateFunctionCall (subquery plans not entered).
bool ContainsAggregate(const ExprPtr& expr);

}  // namespace sparkling
