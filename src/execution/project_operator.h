#pragma once

#include "execution/expression_evaluator.h"
#include "execution/physical_operator.h"

namespace sparkling {

/// Computes named expressions over each batch, partition by partition.
class ProjectOperator : public PhysicalOperator {
 public:
  ProjectOperator(std::shared_ptr<arrow::Schema> schema, PhysicalOperatorPtr child,
                  std::unique_ptr<ExpressionEvaluator> expressions);

  std::string name() const override { return "Project"; }
  int num_partitions() const override { return child()->num_partitions(); }
  Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) override;

 private:
  std::unique_ptr<ExpressionEvaluator> expressions_;
};

/// Keeps the rows whose condition is true (NULL drops the row), partition by partition.
class FilterOperator : public PhysicalOperator {
 public:
  FilterOperator(PhysicalOperatorPtr child, std::unique_ptr<ExpressionEvaluator> condition);

  std::string name() const override { return "Filter"; }
  int num_partitions() const override { return child()->num_partitions(); }
  Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) override;

 private:
  std::unique_ptr<ExpressionEvaluator> condition_;
};

}  // namespace sparkling
