#pragma once

#include "execution/physical_operator.h"

namespace sparkling {

/// LIMIT n / OFFSET m over the child's rows in partition order, as one partition. Reading
/// stops as soon as the limit is reached, which stops the child's partitions too.
class LimitOperator : public PhysicalOperator {
 public:
  /// `limit` < 0 means no limit (a bare OFFSET).
  LimitOperator(PhysicalOperatorPtr child, int64_t limit, int64_t offset);

  std::string name() const override { return limit_ >= 0 ? "GlobalLimit" : "Offset"; }
  int num_partitions() const override { return 1; }
  Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) override;

 private:
  int64_t limit_;
  int64_t offset_;
};

/// The last n rows of the child (Dataset.tail), as one partition.
class TailOperator : public PhysicalOperator {
 public:
  TailOperator(PhysicalOperatorPtr child, int64_t limit);

  std::string name() const override { return "CollectTail"; }
  int num_partitions() const override { return 1; }
  Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) override;

 private:
  int64_t limit_;
};

}  // namespace sparkling
