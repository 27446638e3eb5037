#pragma once

#include "execution/expression_evaluator.h"
#include "execution/partition_io.h"

namespace sparkling {

/// One aggregate function call of an Aggregate: its kernel, its arguments and its optional
/// FILTER (WHERE ...) condition, bound to the aggregate's input.
struct AggregateCallSpec {
  std::shared_ptr<const BoundAggregateFunction> function;
  std::unique_ptr<ExpressionEvaluator> arguments;
  std::unique_ptr<ExpressionEvaluator> filter;  // null without FILTER
  std::shared_ptr<arrow::DataType> result_type;
};

/// GROUP BY (or a global aggregate when there are no grouping keys). Every input partition
/// aggregates into its own hash table and accumulators on its own thread (keys encoded with
/// EncodeRowKeys: nulls form a group, NaNs one group, -0.0 = 0.0); the partial states are
/// then merged in partition order and `results` (bound to [keys..., aggregate results...])
/// computes the output columns.
class HashAggregateOperator : public PhysicalOperator {
 public:
  HashAggregateOperator(std::shared_ptr<arrow::Schema> schema, PhysicalOperatorPtr child,
                        std::unique_ptr<ExpressionEvaluator> groupings,
                        std::vector<AggregateCallSpec> aggregates,
                        std::unique_ptr<ExpressionEvaluator> results, int num_output_partitions);
  ~HashAggregateOperator() override;

  std::string name() const override { return "HashAggregate"; }
  int num_partitions() const override { return num_output_partitions_; }
  Status Prepare(ExecutionContext* context) override;
  Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) override;

  struct PartialState;

 private:
  Result<std::unique_ptr<PartialState>> MakeState(ExecutionContext* context) const;
  Status Consume(PartialState* state, const arrow::RecordBatch& batch) const;
  Status Merge(PartialState* into, PartialState* from) const;
  Result<std::shared_ptr<arrow::RecordBatch>> Finish(PartialState* state) const;

  std::unique_ptr<ExpressionEvaluator> groupings_;
  std::vector<AggregateCallSpec> aggregates_;
  std::unique_ptr<ExpressionEvaluator> results_;
  int num_output_partitions_;
  std::vector<BatchList> output_;
};

}  // namespace sparkling
