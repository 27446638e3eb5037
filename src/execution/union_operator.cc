#include "execution/union_operator.h"

#include <arrow/api.h>

#include "types/array_conformance.h"

namespace sparkling {
namespace {

class ConformingStream : public BatchStream {
 public:
  ConformingStream(BatchStreamPtr input, std::shared_ptr<arrow::Schema> schema,
                   PhysicalOperatorPtr owner)
      : input_(std::move(input)), schema_(std::move(schema)), owner_(std::move(owner)) {}

  Result<std::shared_ptr<arrow::RecordBatch>> Next() override {
    SPK_ASSIGN_OR_RAISE(auto batch, input_->Next());
    if (batch == nullptr) return batch;
    return ConformBatch(batch, schema_);
  }

 private:
  BatchStreamPtr input_;
  std::shared_ptr<arrow::Schema> schema_;
  PhysicalOperatorPtr owner_;
};

}  // namespace

UnionOperator::UnionOperator(std::shared_ptr<arrow::Schema> schema,
                             std::vector<PhysicalOperatorPtr> children)
    : PhysicalOperator(std::move(schema), std::move(children)) {}

int UnionOperator::num_partitions() const {
  int total = 0;
  for (const auto& child : children_) total += child->num_partitions();
  return total;
}

Result<BatchStreamPtr> UnionOperator::OpenPartition(int partition, ExecutionContext* context) {
  for (const auto& child : children_) {
    if (partition < child->num_partitions()) {
      SPK_ASSIGN_OR_RAISE(auto input, child->OpenPartition(partition, context));
      return BatchStreamPtr(
          std::make_unique<ConformingStream>(std::move(input), schema_, shared_from_this()));
    }
    partition -= child->num_partitions();
  }
  return Status::Internal("union partition out of range");
}

}  // namespace sparkling
