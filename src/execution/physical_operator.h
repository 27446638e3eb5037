#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"

namespace arrow {
class RecordBatch;
class Schema;
}  // namespace arrow

namespace sparkling {

class ExecutionContext;

/// A pull stream of record batches: one partition of an operator's output. Streams are used
/// by one thread at a time; Next returns nullptr at the end.
class BatchStream {
 public:
  virtual ~BatchStream() = default;
  virtual Result<std::shared_ptr<arrow::RecordBatch>> Next() = 0;
};
using BatchStreamPtr = std::unique_ptr<BatchStream>;

class PhysicalOperator;
using PhysicalOperatorPtr = std::shared_ptr<PhysicalOperator>;

/// A node of the physical plan. Its output is split into a fixed number of partitions that
/// can be read concurrently. Pipeline operators (filter, project, ...) keep the partitioning
/// of their input and transform batches as they stream by; breakers (aggregate, sort, join
/// build side) consume their inputs in Prepare, in parallel, before any partition is opened.
class PhysicalOperator : public std::enable_shared_from_this<PhysicalOperator> {
 public:
  PhysicalOperator(std::shared_ptr<arrow::Schema> schema, std::vector<PhysicalOperatorPtr> children)
      : schema_(std::move(schema)), children_(std::move(children)) {}
  virtual ~PhysicalOperator() = default;

  const std::shared_ptr<arrow::Schema>& schema() const { return schema_; }
  const std::vector<PhysicalOperatorPtr>& children() const { return children_; }
  const PhysicalOperatorPtr& child() const { return children_.front(); }

  /// Short name for plan dumps and progress ("HashAggregate", "Range").
  virtual std::string name() const = 0;
  /// Number of output partitions, fixed at planning time.
  virtual int num_partitions() const = 0;

  /// Runs the blocking part of this operator and of its descendants; called once, from
  /// one thread, before any partition is opened. The default prepares the children.
  virtual Status Prepare(ExecutionContext* context);

  /// A stream over one output partition. Thread-safe; each partition is opened at most once.
  /// The stream keeps the operator alive.
  virtual Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) = 0;

 protected:
  std::shared_ptr<arrow::Schema> schema_;
  std::vector<PhysicalOperatorPtr> children_;
};

}  // namespace sparkling
