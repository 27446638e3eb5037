#pragma once

// The execution contract of resolved functions: what the analyzer's ScalarFunctionCall /
// AggregateFunctionCall nodes carry and what the executor calls. Implementations live in
// src/function/ (one file per function family).

#include <arrow/type_fwd.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "types/data_type.h"

namespace sparkling {

/// Per-query settings that kernels read.
struct EvalOptions {
  bool ansi = true;                       // spark.sql.ansi.enabled
  std::string session_time_zone = "UTC";  // spark.sql.session.timeZone (IANA name or offset)
  /// current_timestamp()/current_date()/now() are fixed for a whole query: microseconds since
  /// the epoch taken once when the query starts.
  int64_t query_start_micros = 0;
  /// Index of the partition (or task) being evaluated; seeds rand()/randn() like Spark
  /// (seed + partition index).
  int64_t partition_index = 0;
};

/// How the executor must evaluate the arguments of a function. For everything except kNone the
/// executor evaluates arguments lazily, only on the rows that need them, so that
/// `CASE WHEN b = 0 THEN 0 ELSE a / b END` never raises DIVIDE_BY_ZERO. Evaluate() still gives
/// the correct answer when all arguments are evaluated eagerly.
enum class ConditionalKind {
  kNone,      // ordinary function: evaluate all arguments, then call Evaluate
  kAnd,       // [a, b]: b only where a is not false (Kleene AND)
  kOr,        // [a, b]: b only where a is not true (Kleene OR)
  kCaseWhen,  // [c1, v1, c2, v2, ..., else?]: vi only where ci is the first true condition;
              // ci only where no earlier condition was true; else (odd count) where none was;
              // rows with no true condition and no else are NULL
  kIf,        // [c, a, b]: a where c is true, b where c is false or NULL
  kCoalesce,  // [a1, a2, ...]: ai only where a1..a(i-1) are all NULL
};

/// Evaluates the lambda arguments of one higher-order function call (transform, filter,
/// aggregate, ...) over the call's current batch. Implemented by the executor, which alone can
/// evaluate arbitrary expression trees; the function's kernel decides which elements to feed.
class LambdaEvaluator {
 public:
  virtual ~LambdaEvaluator() = default;

  /// Evaluates the body of the call's argument `argument_index` (a Lambda node) over
  /// outer_rows.size() element rows. Lambda variable v (Lambda::arguments[v]) takes the values
  /// `variable_values[v]` (an Array of outer_rows.size() values, or a Scalar); every other column
  /// the body references takes its value at row `outer_rows[j]` of the call's batch. Returns an
  /// Array of outer_rows.size() values, or a Scalar, typed as the body's Spark type.
  virtual Result<arrow::Datum> Evaluate(size_t argument_index,
                                        const std::vector<arrow::Datum>& variable_values,
                                        const std::vector<int64_t>& outer_rows) const = 0;
};

/// A resolved scalar function bound to argument types: result type, SQL rendering, kernel.
/// Instances are immutable and shared across threads.
class BoundScalarFunction {
 public:
  virtual ~BoundScalarFunction() = default;

  /// Registry name in lower case ("+", "upper", "when").
  virtual const std::string& name() const = 0;
  virtual const DataTypePtr& result_type() const = 0;
  /// Spark's SQL rendering of the call, used for generated column names, given the already
  /// rendered arguments: "(a + 1)", "upper(a)", "CASE WHEN (a > 1) THEN 1 ELSE 0 END".
  virtual std::string ToSql(const std::vector<std::string>& argument_sql) const = 0;
  /// False for rand(), uuid() ...: the optimizer must not fold or duplicate such calls.
  virtual bool deterministic() const { return true; }
  virtual ConditionalKind conditional_kind() const { return ConditionalKind::kNone; }

  /// Evaluates the function over a batch. Each argument is an arrow::Array of `num_rows`
  /// values or an arrow::Scalar (the same value for every row), typed as ToArrowType of the
  /// argument's Spark type (timestamps in any time zone are accepted). The result is an Array
  /// of `num_rows` values, or a Scalar meaning the same value for every row (only returned
  /// when no argument is an Array). Runtime errors (DIVIDE_BY_ZERO, ...) are SparkErrors.
  virtual Result<arrow::Datum> Evaluate(const std::vector<arrow::Datum>& args, int64_t num_rows,
                                        const EvalOptions& options) const = 0;

  /// True for higher-order functions: some arguments are Lambda nodes. The executor then
  /// evaluates only the other arguments, passes an empty Datum at each Lambda position, and
  /// calls EvaluateWithLambdas (Evaluate fails for such functions).
  virtual bool takes_lambdas() const { return false; }
  /// Evaluate for higher-order functions; the result is always an Array of `num_rows` values
  /// (lambda bodies may read per-row outer columns). The default (defined in src/function, where
  /// arrow::Datum is complete) ignores `lambdas` and calls Evaluate.
  virtual Result<arrow::Datum> EvaluateWithLambdas(const std::vector<arrow::Datum>& args,
                                                   int64_t num_rows, const EvalOptions& options,
                                                   const LambdaEvaluator& lambdas) const;
};

/// Per-group state of one aggregate function over one input partition.
class GroupedAccumulator {
 public:
  virtual ~GroupedAccumulator() = default;

  /// Adds `num_rows` input rows; row i belongs to group `group_ids[i]`. `num_groups` is the
  /// number of groups known so far (every group id is below it); the accumulator grows its
  /// state to that size, so groups that never receive a row still exist at Finish.
  /// `args` are Arrays of num_rows values or Scalars, as for BoundScalarFunction::Evaluate.
  /// Rows removed by a FILTER clause must not be passed (the executor filters them).
  virtual Status Update(const std::vector<arrow::Datum>& args, const uint32_t* group_ids,
                        int64_t num_rows, uint32_t num_groups) = 0;
  /// Merges the partial state of `other` (same function, built by the same MakeAccumulator):
  /// other's group g is combined into this accumulator's group group_id_mapping[g]. Grows this
  /// accumulator as needed. Order-sensitive functions (first, last, collect_list) treat
  /// `other`'s rows as coming after this accumulator's rows.
  virtual Status Merge(GroupedAccumulator& other, const uint32_t* group_id_mapping) = 0;
  /// One result per group, typed as ToArrowType(result_type(), "UTC"). Empty groups give
  /// Spark's empty-input results: count → 0, sum/avg/min/max/first → NULL,
  /// collect_list → [].
  virtual Result<std::shared_ptr<arrow::Array>> Finish() = 0;
};

/// A resolved aggregate function bound to argument types.
class BoundAggregateFunction {
 public:
  virtual ~BoundAggregateFunction() = default;

  virtual const std::string& name() const = 0;
  virtual const DataTypePtr& result_type() const = 0;
  /// Spark's rendering without the FILTER clause: "count(1)", "sum(a)",
  /// "count(DISTINCT a)" (DISTINCT is part of the bound function).
  virtual std::string ToSql(const std::vector<std::string>& argument_sql) const = 0;
  virtual bool deterministic() const { return true; }
  /// True when the call was DISTINCT. The accumulator then deduplicates the argument tuples
  /// per group itself: the executor feeds all rows as for a plain aggregate.
  virtual bool is_distinct() const = 0;

  virtual std::unique_ptr<GroupedAccumulator> MakeAccumulator(const EvalOptions& options) const = 0;
};

}  // namespace sparkling
