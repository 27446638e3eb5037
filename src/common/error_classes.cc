#include "common/error_classes.h"

#include <unordered_map>

namespace sparkling {
namespace {

// The conditions Sparkling raises. Names and SQLSTATEs are Spark's; message wording follows
// Spark's so that users recognise it. Keep sorted by name.
constexpr ErrorClassInfo kErrorClasses[] = {
    {"AMBIGUOUS_COLUMN_OR_FIELD", "42702", ErrorKind::kAnalysis,
     "Column or field <name> is ambiguous and has <n> matches."},
    {"AMBIGUOUS_REFERENCE", "42704", ErrorKind::kAnalysis,
     "Reference <name> is ambiguous, could be: <referenceNames>."},
    {"AMBIGUOUS_REFERENCE_TO_FIELDS", "42000", ErrorKind::kAnalysis,
     "Ambiguous reference to the field <field>. It appears <count> times in the schema."},
    {"ARITHMETIC_OVERFLOW", "22003", ErrorKind::kArithmetic,
     "<message>.<alternative> If necessary set <config> to \"false\" to bypass this error."},
    {"ARTIFACT_ALREADY_EXISTS", "42713", ErrorKind::kRuntime,
     "The artifact <normalizedRemoteRelativePath> already exists. Please choose a different name "
     "for the new artifact because it cannot be overwritten."},
    {"ASSIGNMENT_ARITY_MISMATCH", "42802", ErrorKind::kAnalysis,
     "The number of columns or variables assigned or aliased: <numTarget> does not match "
     "the number of source expressions: <numExpr>."},
    {"BINARY_ARITHMETIC_OVERFLOW", "22003", ErrorKind::kArithmetic,
     "<value1> <symbol> <value2> caused overflow. Use <functionName> to ignore overflow problem "
     "and return NULL."},
    {"CANNOT_MODIFY_CONFIG", "46110", ErrorKind::kAnalysis,
     "Cannot modify the value of the Spark config: <key>. See also "
     "'<docroot>/sql-migration-guide.html#ddl-statements'."},
    {"CANNOT_MODIFY_STATIC_CONFIG", "46110", ErrorKind::kAnalysis,
     "Cannot modify the value of the static Spark config: <key>."},
    {"CANNOT_PARSE_DATATYPE", "0A000", ErrorKind::kParse, "<error>"},
    {"CANNOT_PARSE_TIMESTAMP", "22007", ErrorKind::kDateTime,
     "<message>. Use <func> to tolerate invalid input string and return NULL instead."},
    {"CANNOT_RESOLVE_DATAFRAME_COLUMN", "42704", ErrorKind::kAnalysis,
     "Cannot resolve dataframe column <name>. It's probably because of illegal references "
     "like `df1.select(df2.col(\"a\"))`."},
    {"CANNOT_RESOLVE_STAR_EXPAND", "42704", ErrorKind::kAnalysis,
     "Cannot resolve <targetString>.* given input columns <columns>. Please check that the "
     "specified table or struct exists and is accessible in the input columns."},
    {"CAST_INVALID_INPUT", "22018", ErrorKind::kNumberFormat,
     "The value <expression> of the type <sourceType> cannot be cast to <targetType> because it "
     "is malformed. Correct the value as per the syntax, or change its target type. Use "
     "`try_cast` to tolerate malformed input and return NULL instead."},
    {"CAST_OVERFLOW", "22003", ErrorKind::kArithmetic,
     "The value <value> of the type <sourceType> cannot be cast to <targetType> due to an "
     "overflow. Use `try_cast` to tolerate overflow and return NULL instead."},
    {"CAST_OVERFLOW_IN_TABLE_INSERT", "22003", ErrorKind::kArithmetic,
     "Fail to assign a value of <sourceType> type to the <targetType> type column or variable "
     "<columnName> due to an overflow. Use `try_cast` on the input value to tolerate overflow and "
     "return NULL instead."},
    {"CATALOG_NOT_FOUND", "42P08", ErrorKind::kAnalysis,
     "The catalog <catalogName> not found. Consider to set the SQL config <config> to a "
     "catalog plugin."},
    {"COLUMN_ALREADY_EXISTS", "42711", ErrorKind::kAnalysis,
     "The column <columnName> already exists. Choose another name or rename the existing column."},
    {"COMPARATOR_RETURNS_NULL", "22004", ErrorKind::kSparkException,
     "The comparator has returned a NULL for a comparison between <firstValue> and "
     "<secondValue>.\nIt should return a positive integer for \"greater than\", 0 for "
     "\"equal\" and a negative integer for \"less than\".\nTo revert to deprecated behavior "
     "where NULL is treated as 0 (equal), you must set "
     "\"spark.sql.legacy.allowNullComparisonResultInArraySort\" to \"true\"."},
    {"CONNECT_INVALID_PLAN.CANNOT_PARSE", "56K00", ErrorKind::kInvalidPlanInput,
     "The Spark Connect plan is invalid. Cannot decompress or parse the input plan (<errorMsg>)\n"
     "This may be caused by a corrupted compressed plan.\nTo disable plan compression, set "
     "'spark.connect.session.planCompression.threshold' to -1."},
    {"CONNECT_INVALID_PLAN.PLAN_SIZE_LARGER_THAN_MAX", "56K00", ErrorKind::kInvalidPlanInput,
     "The Spark Connect plan is invalid. The plan size is larger than max (<planSize> vs. "
     "<maxPlanSize>)\nThis typically occurs when building very complex queries with many "
     "operations, large literals, or deeply nested expressions.\nConsider splitting the query "
     "into smaller parts using temporary views for intermediate results or reducing the number "
     "of operations."},
    {"CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS", "21S01", ErrorKind::kAnalysis,
     "Cannot create view <viewName>, the reason is not enough data columns:\nView columns: "
     "<viewColumns>.\nData columns: <dataColumns>."},
    {"CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS", "21S01", ErrorKind::kAnalysis,
     "Cannot create view <viewName>, the reason is too many data columns:\nView columns: "
     "<viewColumns>.\nData columns: <dataColumns>."},
    {"DATAFLOW_GRAPH_NOT_FOUND", "KD011", ErrorKind::kSparkException,
     "Dataflow graph with id <graphId> could not be found"},
    {"DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should have "
     "been <dataType> followed by a value with same element type, but it's [<leftType>, "
     "<rightType>]."},
    {"DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: the left and right operands of the "
     "binary operator have incompatible types (<left> and <right>)."},
    {"DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: the binary operator requires the input "
     "type <inputType>, not <actualDataType>."},
    {"DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to <targetType>."},
    {"DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: Only foldable `STRING` expressions are "
     "allowed to appear at odd position, but they are <inputExprs>."},
    {"DATATYPE_MISMATCH.DATA_DIFF_TYPES", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be "
     "the same type, but it's <dataType>."},
    {"DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: Filter expression <filter> of "
     "type <type> is not a boolean."},
    {"DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: the <functionName> does not support "
     "ordering on type <dataType>."},
    {"DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: The data type of one or more "
     "elements in the left hand side of an IN subquery is not compatible with the data "
     "type of the output of the subquery. Mismatched columns: [<mismatchedColumns>], left "
     "side: [<leftType>], right side: [<rightType>]."},
    {"DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: The number of columns in the "
     "left hand side of an IN subquery does not match the number of columns in the output "
     "of subquery. Left hand side columns(length: <leftLength>): [<leftColumns>], right "
     "hand side columns(length: <rightLength>): [<rightColumns>]."},
    {"DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a "
     "foldable <inputType> expression; however, got <inputExpr>."},
    {"DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: The <paramIndex> parameter requires "
     "the <requiredType> type, however <inputSql> has the type <inputType>."},
    {"DATATYPE_MISMATCH.UNEXPECTED_NULL", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: the <exprName> must not be null."},
    {"DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between "
     "<valueRange> (current value = <currentValue>)."},
    {"DATATYPE_MISSING_SIZE", "42K01", ErrorKind::kParse,
     "DataType <type> requires a length parameter, for example <type>(10). Please specify the "
     "length."},
    {"DATETIME_FIELD_OUT_OF_BOUNDS", "22023", ErrorKind::kDateTime,
     "<rangeMessage>. If necessary set <ansiConfig> to \"false\" to bypass this error."},
    {"DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "22003", ErrorKind::kArithmetic,
     "Decimal precision <precision> exceeds max precision <maxPrecision>."},
    {"DIVIDE_BY_ZERO", "22012", ErrorKind::kArithmetic,
     "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If "
     "necessary set <config> to \"false\" to bypass this error."},
    {"DUPLICATED_MAP_KEY", "23505", ErrorKind::kRuntime,
     "Duplicate map key <key> was found, please check the input data. If you want to remove the "
     "duplicated keys, you can set <mapKeyDedupPolicy> to \"LAST_WIN\" so that the key inserted "
     "at last takes precedence."},
    {"DUPLICATE_ASSIGNMENTS", "42701", ErrorKind::kAnalysis,
     "The columns or variables <nameList> appear more than once as assignment targets."},
    {"EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "42809", ErrorKind::kAnalysis,
     "'<operation>' expects a table but <viewName> is a view. "},
    {"FAILED_FUNCTION_CALL", "38000", ErrorKind::kAnalysis,
     "Failed preparing of the function <funcName> for call. Please, double check "
     "function's arguments."},
    {"FAILED_TO_PARSE_TOO_COMPLEX", "54001", ErrorKind::kParse,
     "The statement, including potential SQL functions and referenced views, was too complex to "
     "parse. To mitigate this error divide the statement into multiple, less complex chunks."},
    {"FIELD_ALREADY_EXISTS", "42710", ErrorKind::kAnalysis,
     "Cannot <op> column, because <fieldNames> already exists in <struct>."},
    {"FIELD_NOT_FOUND", "42704", ErrorKind::kAnalysis,
     "No such struct field <fieldName> in <fields>."},
    {"GROUP_BY_AGGREGATE", "42903", ErrorKind::kAnalysis,
     "Aggregate functions are not allowed in GROUP BY, but found <sqlExpr>."},
    {"GROUP_BY_POS_AGGREGATE", "42903", ErrorKind::kAnalysis,
     "GROUP BY <index> refers to an expression <aggExpr> that contains an aggregate "
     "function. Aggregate functions are not allowed in GROUP BY."},
    {"GROUP_BY_POS_OUT_OF_RANGE", "42805", ErrorKind::kAnalysis,
     "GROUP BY position <index> is not in select list (valid range is [1, <size>])."},
    {"ICEBERG_ALREADY_EXISTS", "42P07", ErrorKind::kIceberg, "<message>"},
    {"ICEBERG_BAD_REQUEST", "42000", ErrorKind::kIceberg, "<message>"},
    {"ICEBERG_COMMIT_FAILED", "40000", ErrorKind::kIceberg, "<message>"},
    {"ICEBERG_COMMIT_STATE_UNKNOWN", "XX000", ErrorKind::kIceberg, "<message>"},
    {"ICEBERG_NAMESPACE_NOT_EMPTY", "2BP01", ErrorKind::kIceberg, "<message>"},
    {"ICEBERG_NO_SUCH_NAMESPACE", "42704", ErrorKind::kIceberg, "<message>"},
    {"ICEBERG_NO_SUCH_TABLE", "42P01", ErrorKind::kIceberg, "<message>"},
    {"ICEBERG_NO_SUCH_VIEW", "42P01", ErrorKind::kIceberg, "<message>"},
    {"ICEBERG_UNPROCESSABLE", "42000", ErrorKind::kIceberg, "<message>"},
    {"ICEBERG_UNSUPPORTED", "0A000", ErrorKind::kIceberg, "<message>"},
    {"ICEBERG_VALIDATION", "42000", ErrorKind::kIceberg, "<message>"},
    {"INCOMPATIBLE_COLUMN_TYPE", "42825", ErrorKind::kAnalysis,
     "<operator> can only be performed on tables with compatible column types. The "
     "<columnOrdinalNumber> "
     "column of the <tableOrdinalNumber> table is <dataType1> type which is not compatible with "
     "<dataType2> at the same column of the first table.<hint>."},
    {"INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_FIND_DATA", "KD000", ErrorKind::kAnalysis,
     "Cannot write incompatible data for the table <tableName>: Cannot find data for the output "
     "column <colName>."},
    {"INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST", "KD000", ErrorKind::kAnalysis,
     "Cannot write incompatible data for the table <tableName>: Cannot safely cast <colName> "
     "<srcType> to <targetType>."},
    {"INCOMPATIBLE_DATA_FOR_TABLE.EXTRA_COLUMNS", "KD000", ErrorKind::kAnalysis,
     "Cannot write incompatible data for the table <tableName>: Cannot write extra columns "
     "<extraColumns>."},
    {"INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS", "21S01", ErrorKind::kAnalysis,
     "Cannot write to <tableName>, the reason is not enough data columns:\nTable columns: "
     "<tableColumns>.\nData columns: <dataColumns>."},
    {"INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS", "21S01", ErrorKind::kAnalysis,
     "Cannot write to <tableName>, the reason is too many data columns:\nTable columns: "
     "<tableColumns>.\nData columns: <dataColumns>."},
    {"INTERNAL_ERROR", "XX000", ErrorKind::kInternal, "<message>"},
    {"INVALID_AGGREGATE_FILTER.NOT_BOOLEAN", "42903", ErrorKind::kAnalysis,
     "The FILTER expression <filterExpr> in an aggregate function is invalid. Expected a "
     "FILTER expression of the BOOLEAN type."},
    {"INVALID_ARRAY_INDEX", "22003", ErrorKind::kArrayIndexOutOfBounds,
     "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use the SQL "
     "function `get()` to tolerate accessing element at invalid index and return NULL instead. If "
     "necessary set <ansiConfig> to \"false\" to bypass this error."},
    {"INVALID_ARRAY_INDEX_IN_ELEMENT_AT", "22003", ErrorKind::kArrayIndexOutOfBounds,
     "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use "
     "`try_element_at` to tolerate accessing element at invalid index and return NULL instead. "
     "If necessary set <ansiConfig> to \"false\" to bypass this error."},
    {"INVALID_ARTIFACT_PATH", "22023", ErrorKind::kIllegalArgument,
     "Artifact with name <name> is invalid. The name must be a relative path and cannot "
     "reference parent/sibling/nephew directories."},
    {"INVALID_ATTRIBUTE_NAME_SYNTAX", "42601", ErrorKind::kAnalysis,
     "Syntax error in the attribute name: <name>. Check that backticks appear in pairs, a quoted "
     "string is a complete name part and use a backtick only inside quoted name parts."},
    {"INVALID_CONF_VALUE.TIME_ZONE", "22022", ErrorKind::kIllegalArgument,
     "The value '<confValue>' in the config \"<confName>\" is invalid. Cannot resolve the given "
     "timezone."},
    {"INVALID_CONF_VALUE.TYPE_MISMATCH", "22022", ErrorKind::kIllegalArgument,
     "The value '<confValue>' in the config \"<confName>\" is invalid. It should be a/an "
     "'<confType>' value."},
    {"INVALID_CURSOR.DISCONNECTED", "HY109", ErrorKind::kSparkException,
     "The cursor is invalid. The cursor has been disconnected by the server."},
    {"INVALID_CURSOR.NOT_REATTACHABLE", "HY109", ErrorKind::kSparkException,
     "The cursor is invalid. The cursor is not reattachable."},
    {"INVALID_CURSOR.POSITION_NOT_AVAILABLE", "HY109", ErrorKind::kSparkException,
     "The cursor is invalid. The cursor position id <responseId> is no longer available at index "
     "<index>."},
    {"INVALID_CURSOR.POSITION_NOT_FOUND", "HY109", ErrorKind::kSparkException,
     "The cursor is invalid. The cursor position id <responseId> is not found."},
    {"INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER", "22007", ErrorKind::kIllegalArgument,
     "Unrecognized datetime pattern: <pattern>. Illegal pattern character found in datetime "
     "pattern: <c>. Please provide legal character."},
    {"INVALID_EXTRACT_BASE_FIELD_TYPE", "42000", ErrorKind::kAnalysis,
     "Can't extract a value from <base>. Need a complex type [STRUCT, ARRAY, MAP] but got "
     "<other>."},
    {"INVALID_EXTRACT_FIELD", "42601", ErrorKind::kAnalysis, "Cannot extract <field> from <expr>."},
    {"INVALID_EXTRACT_FIELD_TYPE", "42000", ErrorKind::kAnalysis,
     "Field name should be a non-null string literal, but it's <extraction>."},
    {"INVALID_FLOW_QUERY_TYPE.BATCH_RELATION_FOR_STREAMING_TABLE", "42000", ErrorKind::kAnalysis,
     "Flow <flowIdentifier> returns an invalid relation type. Streaming tables may only be "
     "defined by streaming relations, but the flow <flowIdentifier> attempts to write a batch "
     "relation to the streaming table <tableIdentifier>. Consider using the STREAM operator "
     "in Spark-SQL to convert the batch relation into a streaming relation, or populating the "
     "streaming table with an append once-flow instead."},
    {"INVALID_FLOW_QUERY_TYPE.STREAMING_RELATION_FOR_MATERIALIZED_VIEW", "42000",
     ErrorKind::kAnalysis,
     "Flow <flowIdentifier> returns an invalid relation type. Materialized views may only be "
     "defined by a batch relation, but the flow <flowIdentifier> attempts to write a "
     "streaming relation to the materialized view <tableIdentifier>."},
    {"INVALID_HANDLE.FORMAT", "HY000", ErrorKind::kSparkException,
     "The handle <handle> is invalid. Handle must be an UUID string of the format "
     "'00112233-4455-6677-8899-aabbccddeeff'"},
    {"INVALID_HANDLE.OPERATION_ABANDONED", "HY000", ErrorKind::kSparkException,
     "The handle <handle> is invalid. Operation was considered abandoned because of inactivity "
     "and removed."},
    {"INVALID_HANDLE.OPERATION_ALREADY_EXISTS", "HY000", ErrorKind::kSparkException,
     "The handle <handle> is invalid. Operation already exists."},
    {"INVALID_HANDLE.OPERATION_NOT_FOUND", "HY000", ErrorKind::kSparkException,
     "The handle <handle> is invalid. Operation not found."},
    {"INVALID_HANDLE.SESSION_CHANGED", "HY000", ErrorKind::kSparkException,
     "The handle <handle> is invalid. The existing Spark server driver instance has restarted. "
     "Please reconnect."},
    {"INVALID_HANDLE.SESSION_CLOSED", "HY000", ErrorKind::kSparkException,
     "The handle <handle> is invalid. Session was closed."},
    {"INVALID_HANDLE.SESSION_NOT_FOUND", "HY000", ErrorKind::kSparkException,
     "The handle <handle> is invalid. Session not found."},
    {"INVALID_INDEX_OF_ZERO", "22003", ErrorKind::kArrayIndexOutOfBounds,
     "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index "
     "1)."},
    {"INVALID_INLINE_TABLE.CANNOT_EVALUATE_EXPRESSION_IN_INLINE_TABLE", "42000",
     ErrorKind::kAnalysis,
     "Invalid inline table. Cannot evaluate the expression <expr> in inline table "
     "definition."},
    {"INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE", "42000", ErrorKind::kAnalysis,
     "Invalid inline table. Found incompatible types in the column <colName> for inline "
     "table."},
    {"INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH", "42000", ErrorKind::kAnalysis,
     "Invalid inline table. Inline table expected <expectedNumCols> columns but found "
     "<actualNumCols> columns in row <rowIndex>."},
    {"INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH", "42K0D", ErrorKind::kAnalysis,
     "Invalid lambda function call. A higher order function expects <expectedNumArgs> "
     "arguments, but got <actualNumArgs>."},
    {"INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE", "42K0E", ErrorKind::kAnalysis,
     "The limit like expression <expr> is invalid. The <name> expression must be integer "
     "type, but got <dataType>."},
    {"INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "42K0E", ErrorKind::kAnalysis,
     "The limit like expression <expr> is invalid. The <name> expression must be equal to or "
     "greater than 0, but got <v>."},
    {"INVALID_LIMIT_LIKE_EXPRESSION.IS_NULL", "42K0E", ErrorKind::kAnalysis,
     "The limit like expression <expr> is invalid. The evaluated <name> expression must "
     "not be null."},
    {"INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE", "42K0E", ErrorKind::kAnalysis,
     "The limit like expression <expr> is invalid. The <name> expression must evaluate to "
     "a constant value."},
    {"INVALID_NUMERIC_LITERAL_RANGE", "22003", ErrorKind::kParse,
     "Numeric literal <rawStrippedQualifier> is outside the valid range for <typeName> with "
     "minimum value of <minValue> and maximum value of <maxValue>. Please adjust the value "
     "accordingly."},
    {"INVALID_PARAMETER_VALUE.LENGTH", "22023", ErrorKind::kRuntime,
     "The value of parameter(s) <parameter> in <functionName> is invalid: Expects `length` "
     "greater than or equal to 0, but got <length>."},
    {"INVALID_PARAMETER_VALUE.PATTERN", "22023", ErrorKind::kRuntime,
     "The value of parameter(s) <parameter> in <functionName> is invalid: <value>"},
    {"INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX", "22023", ErrorKind::kIllegalArgument,
     "The value of parameter(s) <parameter> in <functionName> is invalid: Expects group index "
     "between 0 and <groupCount>, but got <groupIndex>."},
    {"INVALID_PARAMETER_VALUE.START", "22023", ErrorKind::kRuntime,
     "The value of parameter(s) <parameter> in <functionName> is invalid: Expects a positive or "
     "a negative value for `start`, but got 0."},
    {"INVALID_SET_SYNTAX", "42000", ErrorKind::kParse,
     "Expected format is 'SET', 'SET key', or 'SET key=value'. If you want to include special "
     "characters in key, or include semicolon in value, please use backquotes, e.g., SET "
     "`key`=`value`."},
    {"INVALID_SQL_SYNTAX.MULTI_PART_NAME", "42000", ErrorKind::kParse,
     "Invalid SQL syntax: <statement> with multiple part name(<name>) is not allowed."},
    {"INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN", "42823",
     ErrorKind::kAnalysis,
     "Invalid subquery: Scalar subquery must return only one column, but got <number>."},
    {"INVALID_TIMEZONE", "22009", ErrorKind::kRuntime,
     "The timezone: <timeZone> is invalid. The timezone must be either a region-based zone ID or "
     "a zone offset. Region IDs must have the form 'area/city', such as 'America/Los_Angeles'. "
     "Zone offsets must be in the format '(+|-)HH', '(+|-)HH:mm' or '(+|-)HH:mm:ss', e.g '-08', "
     "'+01:00' or '-13:33:33', and must be in the range from -18:00 to +18:00. 'Z' and 'UTC' are "
     "accepted as synonyms for '+00:00'."},
    {"INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.INPUT", "42K0E", ErrorKind::kAnalysis,
     "The time travel timestamp expression <expr> is invalid. Cannot be casted to the "
     "\"TIMESTAMP\" type."},
    {"INVALID_TYPED_LITERAL", "42604", ErrorKind::kParse,
     "The value of the typed literal <valueType> is invalid: <value>."},
    {"INVALID_USAGE_OF_STAR_OR_REGEX", "42000", ErrorKind::kAnalysis,
     "Invalid usage of <elem> in <prettyName>."},
    {"INVALID_WHERE_CONDITION", "42903", ErrorKind::kAnalysis,
     "The WHERE condition <condition> contains invalid expressions: "
     "<expressionList>.\nRewrite the query to avoid window functions, aggregate functions, "
     "and generator functions in the WHERE clause."},
    {"MALFORMED_RECORD_IN_PARSING.CANNOT_PARSE_STRING_AS_DATATYPE", "22023",
     ErrorKind::kSparkException,
     "Malformed records are detected in record parsing: <badRecord>.\nParse Mode: "
     "<failFastMode>. To process malformed records as null result, try setting the option "
     "'mode' as 'PERMISSIVE'. Cannot parse the value <fieldValue> of the field <fieldName> as "
     "target spark data type <targetType> from the input type <inputType>."},
    {"MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "22023", ErrorKind::kSparkException,
     "Malformed records are detected in record parsing: <badRecord>.\nParse Mode: "
     "<failFastMode>. To process malformed records as null result, try setting the option "
     "'mode' as 'PERMISSIVE'. "},
    {"MERGE_CARDINALITY_VIOLATION", "23K01", ErrorKind::kRuntime,
     "The ON search condition of the MERGE statement matched a single row from the target table "
     "with multiple rows of the source table.\nThis could result in the target row being operated "
     "on more than once with an update or delete operation and is not allowed."},
    {"MISSING_AGGREGATION", "42803", ErrorKind::kAnalysis,
     "The non-aggregating expression <expression> is based on columns which are not participating "
     "in the GROUP BY clause.\nAdd the columns or the expression to the GROUP BY, aggregate the "
     "expression, or use <expressionAnyValue> if you do not care which of the values within a "
     "group is returned."},
    {"MISSING_GROUP_BY", "42803", ErrorKind::kAnalysis,
     "The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window "
     "functions using OVER clauses."},
    {"MULTIPART_FLOW_NAME_NOT_SUPPORTED", "0A000", ErrorKind::kAnalysis,
     "Flow with multipart name '<flowName>' is not supported."},
    {"NESTED_AGGREGATE_FUNCTION", "42607", ErrorKind::kAnalysis,
     "It is not allowed to use an aggregate function in the argument of another aggregate "
     "function. Please use the inner aggregate function in a sub-query."},
    {"NOT_NULL_ASSERT_VIOLATION", "42000", ErrorKind::kRuntime,
     "NULL value appeared in non-nullable field: <walkedTypePath>If the schema is inferred from a "
     "Scala tuple/case class, or a Java bean, please try to use scala.Option[_] or other nullable "
     "types (such as java.lang.Integer instead of int/scala.Int)."},
    {"NULL_MAP_KEY", "2200E", ErrorKind::kRuntime, "Cannot use null as map key."},
    {"NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "22003", ErrorKind::kArithmetic,
     " <value> cannot be represented as Decimal(<precision>, <scale>). If necessary set <config> "
     "to \"false\" to bypass this error, and return NULL instead."},
    {"NUM_COLUMNS_MISMATCH", "42826", ErrorKind::kAnalysis,
     "<operator> can only be performed on inputs with the same number of columns, but the first "
     "input has <firstNumColumns> columns and the <invalidOrdinalNum> input has "
     "<invalidNumColumns> columns."},
    {"OPERATION_CANCELED", "HY008", ErrorKind::kCancelled, "Operation has been canceled."},
    {"ORDER_BY_POS_OUT_OF_RANGE", "42805", ErrorKind::kAnalysis,
     "ORDER BY position <index> is not in select list (valid range is [1, <size>])."},
    {"PARSE_EMPTY_STATEMENT", "42617", ErrorKind::kParse,
     "Syntax error, unexpected empty statement."},
    {"PARSE_SYNTAX_ERROR", "42601", ErrorKind::kParse, "Syntax error at or near <error><hint>."},
    {"PARTITIONS_NOT_FOUND", "428FT", ErrorKind::kAnalysis,
     "The partition(s) <partitionList> cannot be found in table <tableName>.\nVerify the partition "
     "specification and table name.\nTo tolerate the error on drop use ALTER TABLE … DROP IF "
     "EXISTS PARTITION."},
    {"PATH_NOT_FOUND", "42K03", ErrorKind::kAnalysis, "Path does not exist: <path>."},
    {"PIPELINE_DATASET_WITHOUT_FLOW", "0A000", ErrorKind::kAnalysis,
     "Pipeline dataset <identifier> does not have any defined flows. Please attach a query "
     "with the dataset's definition, or explicitly define at least one flow that writes to "
     "the dataset."},
    {"PIPELINE_DUPLICATE_IDENTIFIERS.FLOW", "42710", ErrorKind::kAnalysis,
     "A duplicate identifier was found for elements registered in the pipeline's dataflow "
     "graph. Flow <flowName> was found in multiple datasets: <datasetNames>"},
    {"PIPELINE_DUPLICATE_IDENTIFIERS.OUTPUT", "42710", ErrorKind::kAnalysis,
     "A duplicate identifier was found for elements registered in the pipeline's dataflow "
     "graph. Attempted to register a <outputType1> with identifier <outputName>, but a "
     "<outputType2> has already been registered with that identifier. Please ensure all "
     "outputs created within this pipeline have unique identifiers."},
    {"PIPELINE_SQL_GRAPH_ELEMENT_REGISTRATION_ERROR", "42000", ErrorKind::kAnalysis,
     "<message>\n<offendingQuery>\n<codeLocation>"},
    {"PIPELINE_STORAGE_ROOT_INVALID", "42K03", ErrorKind::kAnalysis,
     "Pipeline storage root must be an absolute path with a URI scheme (e.g., file://, "
     "s3a://, hdfs://). Got: `<storage_root>`."},
    {"RECURSIVE_VIEW", "42K0H", ErrorKind::kAnalysis,
     "Recursive view <viewIdent> detected (cycle: <newPath>)."},
    {"REMAINDER_BY_ZERO", "22012", ErrorKind::kArithmetic,
     "Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. If "
     "necessary set <config> to \"false\" to bypass this error."},
    {"REQUIRES_SINGLE_PART_NAMESPACE", "42K05", ErrorKind::kAnalysis,
     "<sessionCatalog> requires a single-part namespace, but got <namespace>."},
    {"RUN_EMPTY_PIPELINE", "42617", ErrorKind::kAnalysis,
     "Pipelines are expected to have at least one non-temporary dataset defined (tables, "
     "persisted views) but no non-temporary datasets were found in your pipeline.\nPlease "
     "verify that you have included the expected source files, and that your source code "
     "includes table definitions (e.g., CREATE MATERIALIZED VIEW in SQL code, @dp.table in "
     "python code)."},
    {"SCALAR_SUBQUERY_TOO_MANY_ROWS", "21000", ErrorKind::kSparkException,
     "More than one row returned by a subquery used as an expression."},
    {"SCHEMA_ALREADY_EXISTS", "42P06", ErrorKind::kAnalysis,
     "Cannot create schema <schemaName> because it already exists.\nChoose a different "
     "name, drop the existing schema, or add the IF NOT EXISTS clause to tolerate "
     "pre-existing schema."},
    {"SCHEMA_NOT_EMPTY", "2BP01", ErrorKind::kAnalysis,
     "Cannot drop a schema <schemaName> because it contains objects.\nUse DROP SCHEMA ... "
     "CASCADE to drop the schema and all its objects."},
    {"SCHEMA_NOT_FOUND", "42704", ErrorKind::kAnalysis,
     "The schema <schemaName> cannot be found. Verify the spelling and correctness of the schema "
     "and catalog.\nIf you did not qualify the name with a catalog, verify the current_schema() "
     "output, or qualify the name with the correct catalog.\nTo tolerate the error on drop use "
     "DROP SCHEMA IF EXISTS."},
    {"SQL_CONF_NOT_FOUND", "42K0I", ErrorKind::kNoSuchElement,
     "The SQL config <sqlConf> cannot be found. Please verify that the config exists."},
    {"TABLE_OR_VIEW_ALREADY_EXISTS", "42P07", ErrorKind::kAnalysis,
     "Cannot create table or view <relationName> because it already exists.\nChoose a different "
     "name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate "
     "pre-existing objects."},
    {"TABLE_OR_VIEW_NOT_FOUND", "42P01", ErrorKind::kAnalysis,
     "The table or view <relationName> cannot be found. Verify the spelling and correctness of "
     "the schema and catalog.\nIf you did not qualify the name with a schema, verify the "
     "current_schema() output, or qualify the name with the correct schema and catalog.\nTo "
     "tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS."},
    {"TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "42P07", ErrorKind::kAnalysis,
     "Cannot create the temporary view <relationName> because it already exists.\nChoose a "
     "different name, drop or replace the existing view, or add the IF NOT EXISTS clause to "
     "tolerate pre-existing views."},
    {"UNABLE_TO_INFER_PIPELINE_TABLE_SCHEMA", "42KD9", ErrorKind::kAnalysis,
     "Failed to infer the schema for table <tableName> from its upstream flows.\nPlease "
     "modify the flows that write to this table to make their schemas compatible.\n\nInferred "
     "schema so far:\n<inferredDataSchema>\n\nIncompatible schema:\n<incompatibleDataSchema>"},
    {"UNBOUND_SQL_PARAMETER", "42P02", ErrorKind::kAnalysis,
     "Found the unbound parameter: <name>. Please, fix `args` and provide a mapping of the "
     "parameter to either a SQL literal or collection constructor functions such as `map()`, "
     "`array()`, `struct()`."},
    {"UNCLOSED_BRACKETED_COMMENT", "42601", ErrorKind::kParse,
     "Found an unclosed bracketed comment. Please, append */ at the end of the comment."},
    {"UNRESOLVABLE_TABLE_VALUED_FUNCTION", "42883", ErrorKind::kAnalysis,
     "Could not resolve <name> to a table-valued function.\nPlease make sure that <name> "
     "is defined as a table-valued function and that all required parameters are provided "
     "correctly.\nIf <name> is not defined, please create the table-valued function before "
     "using it.\nFor more information about defining table-valued functions, please refer "
     "to the Apache Spark documentation."},
    {"UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "42703", ErrorKind::kAnalysis,
     "A column, variable, or function parameter with name <objectName> cannot be resolved."},
    {"UNRESOLVED_COLUMN.WITH_SUGGESTION", "42703", ErrorKind::kAnalysis,
     "A column, variable, or function parameter with name <objectName> cannot be resolved. Did "
     "you mean one of the following? [<proposal>]."},
    {"UNRESOLVED_ROUTINE", "42883", ErrorKind::kAnalysis,
     "Cannot resolve routine <routineName> on search path <searchPath>."},
    {"UNRESOLVED_USING_COLUMN_FOR_JOIN", "42703", ErrorKind::kAnalysis,
     "USING column <colName> cannot be resolved on the <side> side of the join. The "
     "<side>-side columns: [<suggestion>]."},
    {"UNSUPPORTED_CONNECT_FEATURE", "0A000", ErrorKind::kUnsupportedOperation,
     "The feature is not supported in Spark Connect: <feature>."},
    {"UNSUPPORTED_DATATYPE", "0A000", ErrorKind::kParse, "Unsupported data type <typeName>."},
    {"UNSUPPORTED_FEATURE", "0A000", ErrorKind::kUnsupportedOperation,
     "The feature is not supported: <feature>."},
    {"UNSUPPORTED_FEATURE.DROP_DATABASE", "0A000", ErrorKind::kAnalysis,
     "The feature is not supported: Drop the default database <database>."},
    {"UNSUPPORTED_FEATURE.INTERRUPT_TYPE", "0A000", ErrorKind::kUnsupportedOperation,
     "The feature is not supported: Unsupported interrupt type: <interruptType>."},
    {"UNSUPPORTED_FEATURE.SET_NAMESPACE_PROPERTY", "0A000", ErrorKind::kParse,
     "The feature is not supported: <property> is a reserved namespace property, <msg>."},
    {"UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY", "0A000", ErrorKind::kParse,
     "The feature is not supported: <property> is a reserved table property, <msg>."},
    {"UNSUPPORTED_FEATURE.TIME_TRAVEL", "0A000", ErrorKind::kAnalysis,
     "The feature is not supported: Time travel on the relation: <relationId>."},
    {"VIEW_ALREADY_EXISTS", "42P07", ErrorKind::kAnalysis,
     "Cannot create view <relationName> because it already exists.\nChoose a different name, drop "
     "or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing "
     "objects."},
    {"VIEW_NOT_FOUND", "42P01", ErrorKind::kAnalysis,
     "The view <relationName> cannot be found. Verify the spelling and correctness of the "
     "schema and catalog.\nIf you did not qualify the name with a schema, verify the "
     "current_schema() output, or qualify the name with the correct schema and catalog.\nTo "
     "tolerate the error on drop use DROP VIEW IF EXISTS."},
    {"WRONG_COMMAND_FOR_OBJECT_TYPE", "42809", ErrorKind::kAnalysis,
     "The operation <operation> requires a <requiredType>. But <objectName> is a <foundType>. Use "
     "<alternative> instead."},
    {"WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "42605", ErrorKind::kAnalysis,
     "The <functionName> requires <expectedNum> parameters but the actual number is <actualNum>."},
    {"_LEGACY_ERROR_ICEBERG_ILLEGAL_ARGUMENT", "22023", ErrorKind::kIllegalArgument, "<message>"},
    {"_LEGACY_ERROR_PIPELINE_ANALYSIS", "", ErrorKind::kAnalysis, "<message>"},
    {"_LEGACY_ERROR_PIPELINE_ILLEGAL_ARGUMENT", "", ErrorKind::kIllegalArgument, "<message>"},
    {"_LEGACY_ERROR_PIPELINE_RUNTIME", "", ErrorKind::kRuntime, "<message>"},
    {"_LEGACY_ERROR_TEMP_0053", "", ErrorKind::kParse,
     "It is not allowed to define a TEMPORARY view with IF NOT EXISTS."},
    {"_LEGACY_ERROR_TEMP_1066", "", ErrorKind::kAnalysis,
     "<database> is a system preserved database, you cannot create a database with this name."},
    {"_LEGACY_ERROR_TEMP_1201", "", ErrorKind::kAnalysis,
     "Cannot resolve column name \"<colName>\" among (<fieldNames>)."},
};

}  // namespace

const ErrorClassInfo* FindErrorClass(const std::string& name) {
  static const auto* index = [] {
    auto* map = new std::unordered_map<std::string, const ErrorClassInfo*>();
    for (const auto& info : kErrorClasses) (*map)[info.name] = &info;
    return map;
  }();
  auto it = index->find(name);
  return it == index->end() ? nullptr : it->second;
}

const std::vector<std::string>& JvmClassHierarchy(ErrorKind kind) {
  static const std::vector<std::string> kThrowable = {"java.lang.Exception", "java.lang.Throwable"};
  static const auto make = [](std::initializer_list<std::string> specific) {
    std::vector<std::string> out(specific);
    out.insert(out.end(), kThrowable.begin(), kThrowable.end());
    return out;
  };
  static const std::vector<std::string> kAnalysis =
      make({"org.apache.spark.sql.AnalysisException"});
  static const std::vector<std::string> kParse =
      make({"org.apache.spark.sql.catalyst.parser.ParseException",
            "org.apache.spark.sql.AnalysisException"});
  static const std::vector<std::string> kArithmetic =
      make({"org.apache.spark.SparkArithmeticException", "java.lang.ArithmeticException",
            "java.lang.RuntimeException"});
  static const std::vector<std::string> kNumberFormat =
      make({"org.apache.spark.SparkNumberFormatException", "java.lang.NumberFormatException",
            "java.lang.IllegalArgumentException", "java.lang.RuntimeException"});
  static const std::vector<std::string> kIllegalArgument =
      make({"org.apache.spark.SparkIllegalArgumentException", "java.lang.IllegalArgumentException",
            "java.lang.RuntimeException"});
  static const std::vector<std::string> kUnsupported =
      make({"org.apache.spark.SparkUnsupportedOperationException",
            "java.lang.UnsupportedOperationException", "java.lang.RuntimeException"});
  static const std::vector<std::string> kDateTime =
      make({"org.apache.spark.SparkDateTimeException", "java.time.DateTimeException",
            "java.lang.RuntimeException"});
  static const std::vector<std::string> kIndex =
      make({"org.apache.spark.SparkArrayIndexOutOfBoundsException",
            "java.lang.ArrayIndexOutOfBoundsException", "java.lang.IndexOutOfBoundsException",
            "java.lang.RuntimeException"});
  static const std::vector<std::string> kNoSuchElement =
      make({"org.apache.spark.SparkNoSuchElementException", "java.util.NoSuchElementException",
            "java.lang.RuntimeException"});
  static const std::vector<std::string> kRuntime =
      make({"org.apache.spark.SparkRuntimeException", "java.lang.RuntimeException"});
  static const std::vector<std::string> kSpark = make({"org.apache.spark.SparkException"});
  static const std::vector<std::string> kIceberg = make({"java.lang.RuntimeException"});
  static const std::vector<std::string> kInvalidPlan =
      make({"org.apache.spark.sql.connect.common.InvalidPlanInput",
            "java.lang.IllegalArgumentException", "java.lang.RuntimeException"});
  switch (kind) {
    case ErrorKind::kAnalysis:
      return kAnalysis;
    case ErrorKind::kParse:
      return kParse;
    case ErrorKind::kArithmetic:
      return kArithmetic;
    case ErrorKind::kNumberFormat:
      return kNumberFormat;
    case ErrorKind::kIllegalArgument:
      return kIllegalArgument;
    case ErrorKind::kUnsupportedOperation:
      return kUnsupported;
    case ErrorKind::kDateTime:
      return kDateTime;
    case ErrorKind::kArrayIndexOutOfBounds:
      return kIndex;
    case ErrorKind::kNoSuchElement:
      return kNoSuchElement;
    case ErrorKind::kRuntime:
      return kRuntime;
    case ErrorKind::kInvalidPlanInput:
      return kInvalidPlan;
    case ErrorKind::kIceberg:
      return kIceberg;
    case ErrorKind::kSparkException:
    case ErrorKind::kCancelled:
    case ErrorKind::kInternal:
      return kSpark;
  }
  return kSpark;
}

}  // namespace sparkling
