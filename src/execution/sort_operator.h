#pragma once

#include "execution/expression_evaluator.h"
#include "execution/partition_io.h"
#include "execution/row_key_encoder.h"

namespace sparkling {

/// ORDER BY (global) or sortWithinPartitions. Each input partition is sorted on its own
/// thread by memcmp over encoded keys (Spark's order: per-key direction and null placement,
/// NaN above all numbers, strings by UTF-8 bytes; stable for equal keys); a global sort then
/// merges the sorted runs and splits the result into contiguous output partitions. With a
/// limit (ORDER BY ... LIMIT n) it is a top-n: each partition keeps only its first n rows.
class SortOperator : public PhysicalOperator {
 public:
  SortOperator(PhysicalOperatorPtr child, std::unique_ptr<ExpressionEvaluator> keys,
               std::vector<KeyOrder> orders, bool global, int num_output_partitions,
               int64_t limit = -1);
  ~SortOperator() override;

  std::string name() const override { return "Sort"; }
  int num_partitions() const override;
  Status Prepare(ExecutionContext* context) override;
  Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) override;

 private:
  struct SortedRun;  // one input partition, concatenated, with its rows' sort order
  Status MakeRun(const BatchList& batches, SortedRun* run) const;

  std::unique_ptr<ExpressionEvaluator> keys_;
  std::vector<KeyOrder> orders_;
  bool global_;
  int64_t limit_;  // < 0: all rows
  int num_output_partitions_;
  std::vector<BatchList> output_;
};

}  // namespace sparkling
