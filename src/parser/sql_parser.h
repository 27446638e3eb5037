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
/// Spark's ParseException conditions (PARSE_SYNTAX_ERROR with Spark's `error` / `hint`
/// parameters, PARSE_EMPTY_STATEMENT, INVALID_TYPED_LITERAL, ...) with a query context
/// (line, start_position) pointing at the offending token; constructs Sparkling does not
/// support yet (window functions, CREATE TABLE, INSERT, ...) fail with UNSUPPORTED_FEATURE.
///
/// Conventions of the produced IR, for the analyzer:
/// - Literals are typed as Spark types them (1 INT, 2147483648 BIGINT, 1.5 DECIMAL(2,1), 1e3
///   DOUBLE, 'a' STRING, DATE '...' DATE, TIMESTAMP_NTZ '...' TIMESTAMP_NTZ, X'..' BINARY,
///   INTERVAL ... as ANSI year-month / day-time intervals). `TIMESTAMP '...'` (and
///   TIMESTAMP_LTZ) depends on the session time zone, so it is a Cast of the (validated)
///   string to TIMESTAMP with user_specified = false; the analyzer folds it and names it
///   `TIMESTAMP 'yyyy-MM-dd HH:mm:ss'` as Spark does.
/// - Operators are UnresolvedFunctions named as in Spark: "+", "==" (= and ==), "!=" (<> and
///   !=), "<=>", "and", "or", "not", "negative", "positive", "concat" (||), "div", "when"
///   (CASE), "in", "between", "like"/"ilike"/"rlike" (ESCAPE adds a third argument),
///   "likeany"/"likeall"/"notlikeany"/"notlikeall", "isnull"/"isnotnull", "shiftleft", ...
///   Keyword forms become their functions: POSITION(a IN b) → locate(a, b), TRIM(LEADING c
///   FROM s) → ltrim(c, s), TIMESTAMPADD(DAY, n, t) → timestampadd('DAY', n, t),
///   EXTRACT(f FROM x) → extract('f', x), f(x IGNORE NULLS) → f(x, true).
/// - `(a, b)` is struct(a, b); HAVING is a Filter with is_having over an Aggregate; a FROM
///   subquery without alias is aliased __auto_generated_subquery_name.
/// - Commands: SET -v has key "-v"; EXPLAIN's mode is `key` ("simple", "extended", ...);
///   SHOW ... LIKE pattern is `key`; SHOW FUNCTIONS scope is `value`; DESCRIBE TABLE t sets
///   name_parts and query = UnresolvedRelation(t); CREATE DATABASE COMMENT / LOCATION are the
///   "comment" / "location" properties.

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
