#pragma once

#include <arrow/type_fwd.h>

#include <memory>
#include <vector>

#include "common/status.h"
#include "plan/bound_function.h"
#include "plan/expression.h"

namespace sparkling {

class KeyHashTable;

/// The value set of an uncorrelated IN subquery, computed once before execution: the encoded
/// rows of the subquery's result (see EncodeRowKeys) and whether any row held a NULL.
struct InSubqueryValues {
  std::shared_ptr<const KeyHashTable> rows;
  bool has_null_row = false;
  bool empty = true;
};

/// Expressions bound once to the columns of an operator's input and evaluated a batch at a
/// time. Attribute references become column indices; Literal is its scalar; Cast goes
/// through CastDatum; function calls through BoundScalarFunction::Evaluate, except
/// conditional functions (and/or/case/if/coalesce), whose branches are evaluated only on the
/// rows that select them so errors in unselected branches never surface.
/// Immutable after Make: one evaluator serves all partitions concurrently.
class ExpressionEvaluator {
 public:
  /// Binds `expressions` against `input` (the child's output attributes, in column order).
  /// Subquery expressions must have been replaced by literals or by InSubqueryExpression.
  static Result<std::unique_ptr<ExpressionEvaluator>> Make(const std::vector<ExprPtr>& expressions,
                                                           const std::vector<Attribute>& input,
                                                           const EvalOptions& options);
  ~ExpressionEvaluator();

  int num_expressions() const { return static_cast<int>(roots_.size()); }
  /// ToArrowType of expression i's Spark type in the session time zone.
  const std::shared_ptr<arrow::DataType>& arrow_type(int i) const;

  /// Expression i over `batch`: an Array of batch.num_rows() values or a Scalar.
  /// `partition_index` reaches kernels as EvalOptions::partition_index (rand() seeds).
  Result<arrow::Datum> Evaluate(int i, const arrow::RecordBatch& batch,
                                int64_t partition_index = 0) const;
  /// Expression i over `batch` as an Array typed arrow_type(i).
  Result<std::shared_ptr<arrow::Array>> EvaluateToArray(int i, const arrow::RecordBatch& batch,
                                                        int64_t partition_index = 0) const;
  /// Every expression as Arrays.
  Result<std::vector<std::shared_ptr<arrow::Array>>> EvaluateAll(const arrow::RecordBatch& batch,
                                                                 int64_t partition_index = 0) const;

  struct Node;

 private:
  ExpressionEvaluator() = default;
  std::vector<std::unique_ptr<Node>> roots_;
  std::vector<std::shared_ptr<arrow::DataType>> arrow_types_;
  EvalOptions options_;
};

/// A placeholder the physical planner puts where `(values) IN (subquery)` was, once the
/// subquery has run: children are the left-hand values, `values` the subquery's rows.
struct InSubqueryExpression : ExpressionNode<InSubqueryExpression, ExprKind::kInSubquery> {
  std::shared_ptr<const InSubqueryValues> values;
};

/// Keeps the rows of `batch` where `mask` (boolean) is true; NULL counts as false.
Result<std::shared_ptr<arrow::RecordBatch>> FilterBatch(
    const std::shared_ptr<arrow::RecordBatch>& batch, const arrow::Datum& mask);

}  // namespace sparkling
