#pragma once

#include "execution/physical_operator.h"

namespace sparkling {

/// spark.range(start, end, step): one non-null bigint column, split into contiguous id
/// ranges, one per partition, generated batch by batch.
class RangeSource : public PhysicalOperator {
 public:
  RangeSource(std::shared_ptr<arrow::Schema> schema, int64_t start, int64_t end, int64_t step,
              int num_partitions, int64_t batch_size);

  std::string name() const override { return "Range"; }
  int num_partitions() const override { return num_partitions_; }
  Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) override;

  /// Number of ids, 0 when the range is empty (computed without overflow).
  int64_t num_rows() const { return num_rows_; }

 private:
  int64_t start_;
  int64_t step_;
  int64_t num_rows_;
  int num_partitions_;
  int64_t batch_size_;
};

}  // namespace sparkling
