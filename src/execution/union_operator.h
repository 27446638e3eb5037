#pragma once

#include "execution/physical_operator.h"

namespace sparkling {

/// UNION ALL: the partitions of every child, one after another (no copying; columns are
/// conformed to the union's types, which may differ from a child's only in labels).
class UnionOperator : public PhysicalOperator {
 public:
  UnionOperator(std::shared_ptr<arrow::Schema> schema, std::vector<PhysicalOperatorPtr> children);

  std::string name() const override { return "Union"; }
  int num_partitions() const override;
  Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) override;
};

}  // namespace sparkling
