#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "plan/expression.h"

namespace spark::connect {
class Expression;
}

namespace sparkling::connect {

struct TranslationContext;

/// Lowers a Connect expression into the unresolved expression IR: function names stay Spark's
/// SQL names ("+", "==", "and", "count"), UnresolvedAttribute keeps its plan_id, literals become
/// Literal nodes. Unsupported kinds fail with UNSUPPORTED_CONNECT_FEATURE.
Result<ExprPtr> TranslateExpression(const spark::connect::Expression& expression,
                                    const TranslationContext& context);

}  // namespace sparkling::connect

namespace sparkling::connect {

/// Spark's UnresolvedAttribute.parseAttributeName: "a.b" → {"a", "b"}, "`a.b`.c" →
/// {"a.b", "c"}; any other character is part of the name. INVALID_ATTRIBUTE_NAME_SYNTAX for
/// unbalanced backticks.
Result<std::vector<std::string>> ParseAttributeName(const std::string& name);

}  // namespace sparkling::connect
