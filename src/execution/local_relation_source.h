#pragma once

#include "execution/physical_operator.h"

namespace arrow {
class Table;
}

namespace sparkling {

/// In-memory Arrow data (Connect LocalRelation, cached views, OneRow), split into contiguous
/// row ranges, one per partition. Columns are conformed to the plan's Arrow types as they
/// stream out.
class LocalRelationSource : public PhysicalOperator {
 public:
  /// `table` may be null (no rows). A table without columns still has rows (OneRow).
  LocalRelationSource(std::shared_ptr<arrow::Schema> schema, std::shared_ptr<arrow::Table> table,
                      int num_partitions, int64_t batch_size);

  std::string name() const override { return "LocalTableScan"; }
  int num_partitions() const override { return num_partitions_; }
  Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) override;

 private:
  std::shared_ptr<arrow::Table> table_;
  int num_partitions_;
  int64_t batch_size_;
};

}  // namespace sparkling
