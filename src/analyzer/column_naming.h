#pragma once

#include <string>

#include "plan/expression.h"

namespace sparkling {

/// The column name Spark generates for an unnamed select item (toPrettySQL, with Spark 4's
/// special case: a user cast of a column is named after the column).
/// Timestamp literals print in `session_time_zone`, as Spark prints them.
std::string GeneratedColumnName(const ExprPtr& resolved,
                                const std::string& session_time_zone = "UTC");

/// Wraps an unnamed resolved expression into an Alias with its generated name; attributes
/// and aliases are returned as they are.
ExprPtr NameExpression(const ExprPtr& resolved, const std::string& session_time_zone = "UTC");

}  // namespace sparkling
