#pragma once

// The output rows of commands: tables of strings, booleans and NULLs under a Spark schema.

#include <string>
#include <variant>
#include <vector>

#include "common/status.h"
#include "main/engine.h"

namespace sparkling {

/// One output cell: NULL, a string, a boolean or a long.
using Cell = std::variant<std::monostate, std::string, bool, int64_t>;

StructField StringField(std::string name, bool nullable = false);
StructField BooleanField(std::string name);
StructField LongField(std::string name, bool nullable = false);

/// The rows as a command result; each column's type is the schema's (string, boolean, long).
Result<StatementResult> MakeRows(Schema schema, const std::vector<std::vector<Cell>>& rows,
                                 const std::string& time_zone);
/// A result without rows or columns.
Result<StatementResult> NoRows(const std::string& time_zone);

}  // namespace sparkling
