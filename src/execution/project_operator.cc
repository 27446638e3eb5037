#include "execution/project_operator.h"

#include <arrow/api.h>

#include "execution/execution_context.h"

namespace sparkling {
namespace {

// Applies `transform` to every non-empty batch of `input`.
class MapStream : public BatchStream {
 public:
  using Transform = std::function<Result<std::shared_ptr<arrow::RecordBatch>>(
      const std::shared_ptr<arrow::RecordBatch>&)>;
  MapStream(BatchStreamPtr input, Transform transform, PhysicalOperatorPtr owner)
      : input_(std::move(input)), transform_(std::move(transform)), owner_(std::move(owner)) {}

  Result<std::shared_ptr<arrow::RecordBatch>> Next() override {
    while (true) {
      SPK_ASSIGN_OR_RAISE(auto batch, input_->Next());
      if (batch == nullptr) return batch;
      SPK_ASSIGN_OR_RAISE(auto result, transform_(batch));
      if (result->num_rows() > 0) return result;
    }
  }

 private:
  BatchStreamPtr input_;
  Transform transform_;
  PhysicalOperatorPtr owner_;
};

}  // namespace

ProjectOperator::ProjectOperator(std::shared_ptr<arrow::Schema> schema, PhysicalOperatorPtr child,
                                 std::unique_ptr<ExpressionEvaluator> expressions)
    : PhysicalOperator(std::move(schema), {std::move(child)}),
      expressions_(std::move(expressions)) {}

Result<BatchStreamPtr> ProjectOperator::OpenPartition(int partition, ExecutionContext* context) {
  SPK_ASSIGN_OR_RAISE(auto input, child()->OpenPartition(partition, context));
  const ExpressionEvaluator* expressions = expressions_.get();
  auto schema = schema_;
  auto transform = [expressions, schema,
                    partition](const std::shared_ptr<arrow::RecordBatch>& batch)
      -> Result<std::shared_ptr<arrow::RecordBatch>> {
    SPK_ASSIGN_OR_RAISE(auto columns, expressions->EvaluateAll(*batch, partition));
    return arrow::RecordBatch::Make(schema, batch->num_rows(), std::move(columns));
  };
  return BatchStreamPtr(
      std::make_unique<MapStream>(std::move(input), std::move(transform), shared_from_this()));
}

FilterOperator::FilterOperator(PhysicalOperatorPtr child,
                               std::unique_ptr<ExpressionEvaluator> condition)
    : PhysicalOperator(child->schema(), {child}), condition_(std::move(condition)) {}

Result<BatchStreamPtr> FilterOperator::OpenPartition(int partition, ExecutionContext* context) {
  SPK_ASSIGN_OR_RAISE(auto input, child()->OpenPartition(partition, context));
  const ExpressionEvaluator* condition = condition_.get();
  auto transform = [condition, partition](const std::shared_ptr<arrow::RecordBatch>& batch)
      -> Result<std::shared_ptr<arrow::RecordBatch>> {
    SPK_ASSIGN_OR_RAISE(auto mask, condition->Evaluate(0, *batch, partition));
    return FilterBatch(batch, mask);
  };
  return BatchStreamPtr(
      std::make_unique<MapStream>(std::move(input), std::move(transform), shared_from_this()));
}

}  // namespace sparkling
