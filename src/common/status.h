#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace sparkling {

/// The JVM exception class a Spark error surfaces as. The Connect layer sends the class
/// hierarchy so that pyspark raises the matching Python exception.
enum class ErrorKind {
  kAnalysis,         // org.apache.spark.sql.AnalysisException
  kParse,            // org.apache.spark.sql.catalyst.parser.ParseException
  kArithmetic,       // org.apache.spark.SparkArithmeticException (java.lang.ArithmeticException)
  kNumberFormat,     // org.apache.spark.SparkNumberFormatException
  kIllegalArgument,  // org.apache.spark.SparkIllegalArgumentException
  kUnsupportedOperation,  // org.apache.spark.SparkUnsupportedOperationException
  kDateTime,              // org.apache.spark.SparkDateTimeException
  kArrayIndexOutOfBounds,
  kNoSuchElement,     // org.apache.spark.SparkNoSuchElementException
  kRuntime,           // org.apache.spark.SparkRuntimeException
  kSparkException,    // org.apache.spark.SparkException
  kInvalidPlanInput,  // org.apache.spark.sql.connect.common.InvalidPlanInput
  kCancelled,         // OPERATION_CANCELED (SparkException)
  kInternal,          // INTERNAL_ERROR (SparkException): a bug in Sparkling
  kIceberg,           // ICEBERG_*: Iceberg catalog errors (the REST error model's types)
};

/// Where in the SQL text an error points (Spark's SQLQueryContext).
struct QueryContext {
  std::string fragment;
  int start_index = -1;  // 0-based character offsets into the SQL text, inclusive
  int stop_index = -1;
  int line = 0;            // 1-based
  int start_position = 0;  // 0-based column in the line
};

/// A Spark error: error class, SQLSTATE and message parameters as Spark's error-conditions
/// define them, plus the rendered message.
struct SparkError {
  ErrorKind kind = ErrorKind::kInternal;
  std::string error_class;  // e.g. "UNRESOLVED_COLUMN.WITH_SUGGESTION"
  std::string sql_state;    // e.g. "42703"
  std::vector<std::pair<std::string, std::string>> parameters;  // in template order
  std::string message;  // rendered: "[CLASS] text SQLSTATE: xxxxx" style as Spark prints
  std::optional<QueryContext> context;
};

/// Outcome of a fallible call: OK, or a SparkError. Cheap to return when OK.
class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status OK() { return Status(); }
  explicit Status(SparkError error) : error_(std::make_shared<SparkError>(std::move(error))) {}

  bool ok() const { return error_ == nullptr; }
  const SparkError& error() const { return *error_; }
  SparkError& mutable_error() { return *error_; }
  const std::string& message() const;
  std::string ToString() const;

  /// Errors built from a registered error class (see error_classes.cc for templates).
  static Status Error(const std::string& error_class,
                      std::vector<std::pair<std::string, std::string>> parameters = {});
  /// Internal bug: INTERNAL_ERROR with the given detail.
  static Status Internal(const std::string& detail);
  /// A feature Sparkling does not support yet: UNSUPPORTED_FEATURE-style, never a crash.
  static Status NotImplemented(const std::string& what);
  static Status Cancelled();

  Status WithContext(QueryContext context) &&;

 private:
  std::shared_ptr<SparkError> error_;  // shared so Status copies stay cheap
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit like arrow::Result
  Result(Status status) : value_(std::move(status)) {}  // NOLINT
  /// From anything convertible to T (e.g. shared_ptr<Derived> for shared_ptr<const Base>), so
  /// `return node;` works without spelling the base type.
  template <typename U, typename = std::enable_if_t<std::is_convertible_v<U&&, T> &&
                                                    !std::is_same_v<std::decay_t<U>, T> &&
                                                    !std::is_same_v<std::decay_t<U>, Status>>>
  Result(U&& value) : value_(T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(value_); }
  Status status() const { return ok() ? Status::OK() : std::get<Status>(value_); }
  const T& ValueOrDie() const& { return std::get<T>(value_); }
  T& ValueOrDie() & { return std::get<T>(value_); }
  T&& ValueOrDie() && { return std::get<T>(std::move(value_)); }
  T MoveValueUnsafe() { return std::move(std::get<T>(value_)); }
  const T& operator*() const& { return ValueOrDie(); }
  T& operator*() & { return ValueOrDie(); }
  const T* operator->() const { return &ValueOrDie(); }
  T* operator->() { return &ValueOrDie(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace sparkling

#define SPK_CONCAT_INNER(a, b) a##b
#define SPK_CONCAT(a, b) SPK_CONCAT_INNER(a, b)

#define SPK_RETURN_NOT_OK(expr)           \
  do {                                    \
    ::sparkling::Status _spk_st = (expr); \
    if (!_spk_st.ok()) return _spk_st;    \
  } while (0)

#define SPK_ASSIGN_OR_RAISE_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                             \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).ValueOrDie();

#define SPK_ASSIGN_OR_RAISE(lhs, rexpr) \
  SPK_ASSIGN_OR_RAISE_IMPL(SPK_CONCAT(_spk_result_, __LINE__), lhs, rexpr)

/// Converts an arrow::Status (from Arrow APIs) into a Status, as an internal error unless the
/// Arrow error carries a Spark error (see FromArrow).
#define SPK_RETURN_NOT_OK_ARROW(expr)                            \
  do {                                                           \
    ::arrow::Status _spk_ast = (expr);                           \
    if (!_spk_ast.ok()) return ::sparkling::FromArrow(_spk_ast); \
  } while (0)

#define SPK_ASSIGN_OR_RAISE_ARROW_IMPL(tmp, lhs, rexpr)       \
  auto tmp = (rexpr);                                         \
  if (!tmp.ok()) return ::sparkling::FromArrow(tmp.status()); \
  lhs = std::move(tmp).ValueOrDie();

#define SPK_ASSIGN_OR_RAISE_ARROW(lhs, rexpr) \
  SPK_ASSIGN_OR_RAISE_ARROW_IMPL(SPK_CONCAT(_spk_aresult_, __LINE__), lhs, rexpr)

namespace arrow {
class Status;
}
namespace sparkling {
Status FromArrow(const arrow::Status& status);
}
