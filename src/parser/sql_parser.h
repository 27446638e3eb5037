#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "plan/expression.h"
#include "plan/logical_plan.h"
#include "types/data_type.h"

namespace sparkling {

/// The Spark SQL front end: SQL text → the unresolved plan IR. All entry points report
/// Spark's ParseException conditions (PARSE_SYNTAX_ERROR, PARSE_EMPTY_STATEMENT, ...) with a
/// query context pointing at the offending token.
///
/// Literal conventions: `TIMESTAMP '...'` parses to a Cast(string → TIMESTAMP) so the analyzer
/// applies the session time zone; `DATE '...'` and `TIMESTAMP_NTZ '...'` likewise become
/// Casts of the string (validated by the analyzer / cast kernels), and `X'..'` is a binary
/// Literal.

/// One statement (query or command); a trailing `;` is allowed.
Result<PlanPtr> ParseStatement(std::string_view sql);

/// One expression, as in selectExpr / expr() / filter("a > 1"); may end in `AS alias` or a
/// bare alias.
Result<ExprPtr> ParseExpression(std::string_view text);

/// A data type in Spark's DDL form: "int", "decimal(10,2)", "array<struct<a:int,b:string>>",
/// "map<string,int>", "interval day to second", "char(3)".
Result<DataTypePtr> ParseDataType(std::string_view text);

/// A table schema as Spark's DataType.fromDDL accepts it: "a int, b string not null comment
/// 'x'", or "struct<a:int>" (its fields).
Result<Schema> ParseTableSchema(std::string_view text);

/// A type string as Spark Connect's DDL parsing reads it (DataType.fromDDL plus pyspark's
/// fallback): a table schema ("a int, b string") as a struct, else a data type ("int"), else
/// the text wrapped in struct<...> ("a: int, b: string").
Result<DataTypePtr> ParseDataTypeOrSchema(std::string_view text);

/// A dotted name: "db.t" → {"db", "t"}, "`a.b`.c" → {"a.b", "c"}.
Result<std::vector<std::string>> ParseMultipartIdentifier(std::string_view text);

}  // namespace sparkling
