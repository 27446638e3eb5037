#pragma once

#include "execution/partition_io.h"
#include "plan/logical_plan.h"

namespace sparkling {

/// INTERSECT [ALL] and EXCEPT [ALL]. Rows compare as whole rows with NULLs equal (encoded
/// with EncodeRowKeys). Both sides are counted per distinct row; the output has, per
/// distinct left row in first-seen order: INTERSECT 1 if both counts are positive,
/// INTERSECT ALL min(l, r) copies, EXCEPT 1 if r = 0, EXCEPT ALL max(l - r, 0) copies.
class SetOperationOperator : public PhysicalOperator {
 public:
  SetOperationOperator(std::shared_ptr<arrow::Schema> schema, PhysicalOperatorPtr left,
                       PhysicalOperatorPtr right, SetOperationType type, bool is_all,
                       int num_output_partitions);

  std::string name() const override;
  int num_partitions() const override { return num_output_partitions_; }
  Status Prepare(ExecutionContext* context) override;
  Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) override;

 private:
  SetOperationType type_;
  bool is_all_;
  int num_output_partitions_;
  std::vector<BatchList> output_;
};

}  // namespace sparkling
