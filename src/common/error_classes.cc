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
    {"ARITHMETIC_OVERFLOW", "22003", ErrorKind::kArithmetic,
     "<message>.<alternative> If necessary set <config> to \"false\" to bypass this error."},
    {"BINARY_ARITHMETIC_OVERFLOW", "22003", ErrorKind::kArithmetic,
     "<value1> <symbol> <value2> caused overflow. Use <functionName> to ignore overflow problem "
     "and return NULL."},
    {"CANNOT_PARSE_DATATYPE", "0A000", ErrorKind::kParse, "<error>"},
    {"CAST_INVALID_INPUT", "22018", ErrorKind::kNumberFormat,
     "The value <expression> of the type <sourceType> cannot be cast to <targetType> because it "
     "is malformed. Correct the value as per the syntax, or change its target type. Use "
     "`try_cast` to tolerate malformed input and return NULL instead."},
    {"CAST_OVERFLOW", "22003", ErrorKind::kArithmetic,
     "The value <value> of the type <sourceType> cannot be cast to <targetType> due to an "
     "overflow. Use `try_cast` to tolerate overflow and return NULL instead."},
    {"COLUMN_ALREADY_EXISTS", "42711", ErrorKind::kAnalysis,
     "The column <columnName> already exists. Choose another name or rename the existing column."},
    {"DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: the left and right operands of the "
     "binary operator have incompatible types (<left> and <right>)."},
    {"DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: the binary operator requires the input "
     "type <inputType>, not <actualDataType>."},
    {"DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to <targetType>."},
    {"DATATYPE_MISMATCH.DATA_DIFF_TYPES", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: input to <functionName> should all be "
     "the same type, but it's <dataType>."},
    {"DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "42K09", ErrorKind::kAnalysis,
     "Cannot resolve <sqlExpr> due to data type mismatch: the <paramIndex> parameter requires "
     "the <requiredType> type, however <inputSql> has the type <inputType>."},
    {"DIVIDE_BY_ZERO", "22012", ErrorKind::kArithmetic,
     "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If "
     "necessary set <config> to \"false\" to bypass this error."},
    {"GROUP_BY_POS_OUT_OF_RANGE", "42805", ErrorKind::kAnalysis,
     "GROUP BY position <index> is not in select list (valid range is [1, <size>])."},
    {"INCOMPATIBLE_COLUMN_TYPE", "42825", ErrorKind::kAnalysis,
     "<operator> can only be performed on tables with compatible column types. The <columnOrdinalNumber> "
     "column of the <tableOrdinalNumber> table is <dataType1> type which is not compatible with "
     "<dataType2> at the same column of the first table.<hint>."},
    {"INTERNAL_ERROR", "XX000", ErrorKind::kInternal, "<message>"},
    {"INVALID_ARRAY_INDEX", "22003", ErrorKind::kArrayIndexOutOfBounds,
     "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use the SQL "
     "function `get()` to tolerate accessing element at invalid index and return NULL instead. If "
     "necessary set <ansiConfig> to \"false\" to bypass this error."},
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
    {"INVALID_HANDLE.FORMAT", "HY000", ErrorKind::kSparkException,
     "The handle <handle> is invalid. Handle must be an UUID string of the format "
     "'00112233-4455-6677-8899-aabbccddeeff'"},
    {"INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "42K0E", ErrorKind::kAnalysis,
     "The limit like expression <expr> is invalid. The <name> expression must be equal to or "
     "greater than 0, but got <v>."},
    {"INVALID_SET_SYNTAX", "42000", ErrorKind::kParse,
     "Expected format is 'SET', 'SET key', or 'SET key=value'. If you want to include special "
     "characters in key, or include semicolon in value, please use backquotes, e.g., SET "
     "`key`=`value`."},
    {"INVALID_SQL_SYNTAX.MULTI_PART_NAME", "42000", ErrorKind::kParse,
     "Invalid SQL syntax: <statement> with multiple part name(<name>) is not allowed."},
    {"MISSING_AGGREGATION", "42803", ErrorKind::kAnalysis,
     "The non-aggregating expression <expression> is based on columns which are not participating "
     "in the GROUP BY clause.\nAdd the columns or the expression to the GROUP BY, aggregate the "
     "expression, or use <expressionAnyValue> if you do not care which of the values within a "
     "group is returned."},
    {"MISSING_GROUP_BY", "42803", ErrorKind::kAnalysis,
     "The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window "
     "functions using OVER clauses."},
    {"NESTED_AGGREGATE_FUNCTION", "42607", ErrorKind::kAnalysis,
     "It is not allowed to use an aggregate function in the argument of another aggregate "
     "function. Please use the inner aggregate function in a sub-query."},
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
    {"SCHEMA_NOT_FOUND", "42704", ErrorKind::kAnalysis,
     "The schema <schemaName> cannot be found. Verify the spelling and correctness of the schema "
     "and catalog.\nIf you did not qualify the name with a catalog, verify the current_schema() "
     "output, or qualify the name with the correct catalog.\nTo tolerate the error on drop use "
     "DROP SCHEMA IF EXISTS."},
    {"SQL_CONF_NOT_FOUND", "42K0I", ErrorKind::kNoSuchElement,
     "The SQL config <sqlConf> cannot be found. Please verify that the config exists."},
    {"TABLE_OR_VIEW_NOT_FOUND", "42P01", ErrorKind::kAnalysis,
     "The table or view <relationName> cannot be found. Verify the spelling and correctness of "
     "the schema and catalog.\nIf you did not qualify the name with a schema, verify the "
     "current_schema() output, or qualify the name with the correct schema and catalog.\nTo "
     "tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS."},
    {"TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "42P07", ErrorKind::kAnalysis,
     "Cannot create the temporary view <relationName> because it already exists.\nChoose a "
     "different name, drop or replace the existing view, or add the IF NOT EXISTS clause to "
     "tolerate pre-existing views."},
    {"UNBOUND_SQL_PARAMETER", "42P02", ErrorKind::kAnalysis,
     "Found the unbound parameter: <name>. Please, fix `args` and provide a mapping of the "
     "parameter to either a SQL literal or collection constructor functions such as `map()`, "
     "`array()`, `struct()`."},
    {"UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "42703", ErrorKind::kAnalysis,
     "A column, variable, or function parameter with name <objectName> cannot be resolved."},
    {"UNRESOLVED_COLUMN.WITH_SUGGESTION", "42703", ErrorKind::kAnalysis,
     "A column, variable, or function parameter with name <objectName> cannot be resolved. Did "
     "you mean one of the following? [<proposal>]."},
    {"UNRESOLVED_ROUTINE", "42883", ErrorKind::kAnalysis,
     "Cannot resolve routine <routineName> on search path <searchPath>."},
    {"UNSUPPORTED_FEATURE", "0A000", ErrorKind::kUnsupportedOperation,
     "The feature is not supported: <feature>."},
    {"UNSUPPORTED_CONNECT_FEATURE", "0A000", ErrorKind::kUnsupportedOperation,
     "The feature is not supported in Spark Connect: <feature>."},
    {"WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "42605", ErrorKind::kAnalysis,
     "The <functionName> requires <expectedNum> parameters but the actual number is <actualNum>."},
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
  static const std::vector<std::string> kAnalysis = make({"org.apache.spark.sql.AnalysisException"});
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
      make({"org.apache.spark.SparkIllegalArgumentException",
            "java.lang.IllegalArgumentException", "java.lang.RuntimeException"});
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
  static const std::vector<std::string> kInvalidPlan =
      make({"org.apache.spark.sql.connect.common.InvalidPlanInput",
            "java.lang.IllegalArgumentException", "java.lang.RuntimeException"});
  switch (kind) {
    case ErrorKind::kAnalysis: return kAnalysis;
    case ErrorKind::kParse: return kParse;
    case ErrorKind::kArithmetic: return kArithmetic;
    case ErrorKind::kNumberFormat: return kNumberFormat;
    case ErrorKind::kIllegalArgument: return kIllegalArgument;
    case ErrorKind::kUnsupportedOperation: return kUnsupported;
    case ErrorKind::kDateTime: return kDateTime;
    case ErrorKind::kArrayIndexOutOfBounds: return kIndex;
    case ErrorKind::kNoSuchElement: return kNoSuchElement;
    case ErrorKind::kRuntime: return kRuntime;
    case ErrorKind::kInvalidPlanInput: return kInvalidPlan;
    case ErrorKind::kSparkException:
    case ErrorKind::kCancelled:
    case ErrorKind::kInternal: return kSpark;
  }
  return kSpark;
}

}  // namespace sparkling
