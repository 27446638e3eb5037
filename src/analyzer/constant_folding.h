#pragma once

#include <memory>

#include "common/status.h"
#include "plan/bound_function.h"
#include "plan/expression.h"

namespace arrow {
class Scalar;
}

namespace sparkling {

/// Whether the expression is a constant: literals, casts and deterministic scalar function
/// calls of constants (Spark's foldable).
bool IsFoldable(const ExprPtr& expr);

/// Evaluates a foldable expression to its value (typed as ToArrowType of its type).
Result<std::shared_ptr<arrow::Scalar>> EvaluateConstant(const ExprPtr& expr,
                                                        const EvalOptions& options);

/// Evaluates a foldable expression into a Literal of the same type.
Result<ExprPtr> FoldToLiteral(const ExprPtr& expr, const EvalOptions& options);

}  // namespace sparkling
