#pragma once

#include <string>

#include "plan/expression.h"

namespace sparkling {

/// The column name Spark generates for an unnamed select item (toPrettySQL, with Spark 4's
/// special case: a user cast of a column is named after the column).
std::string GeneratedColumnName(const ExprPtr& resolved);

/// Wraps an unnamed resolved expression into an Alias with its generated name; attributes
/// and aliases are returned as they are.
ExprPtr NameExpression(const ExprPtr& resolved);

}  // namespace sparkling
