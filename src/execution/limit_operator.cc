#include "execution/limit_operator.h"

#include <arrow/api.h>

#include <deque>

#include "execution/execution_context.h"
#include "execution/gather_stream.h"
#include "execution/partition_io.h"

namespace sparkling {
namespace {

class LimitStream : public BatchStream {
 public:
  LimitStream(BatchStreamPtr input, int64_t limit, int64_t offset, PhysicalOperatorPtr owner)
      : input_(std::move(input)), remaining_(limit), to_skip_(offset), owner_(std::move(owner)) {}

  Result<std::shared_ptr<arrow::RecordBatch>> Next() override {
    while (remaining_ != 0 && input_ != nullptr) {
      SPK_ASSIGN_OR_RAISE(auto batch, input_->Next());
      if (batch == nullptr) break;
      int64_t begin = std::min(to_skip_, batch->num_rows());
      to_skip_ -= begin;
      int64_t rows = batch->num_rows() - begin;
      if (remaining_ >= 0) rows = std::min(rows, remaining_);
      if (rows == 0) continue;
      if (remaining_ > 0) remaining_ -= rows;
      return batch->Slice(begin, rows);
    }
    input_.reset();  // stops the child's partitions early
    return std::shared_ptr<arrow::RecordBatch>();
  }

 private:
  BatchStreamPtr input_;
  int64_t remaining_;  // < 0: unlimited
  int64_t to_skip_;
  PhysicalOperatorPtr owner_;
};

}  // namespace

LimitOperator::LimitOperator(PhysicalOperatorPtr child, int64_t limit, int64_t offset)
    : PhysicalOperator(child->schema(), {child}), limit_(limit), offset_(offset) {}

Result<BatchStreamPtr> LimitOperator::OpenPartition(int partition, ExecutionContext* context) {
  SPK_ASSIGN_OR_RAISE(auto input, GatherPartitions(child(), context));
  return BatchStreamPtr(
      std::make_unique<LimitStream>(std::move(input), limit_, offset_, shared_from_this()));
}

TailOperator::TailOperator(PhysicalOperatorPtr child, int64_t limit)
    : PhysicalOperator(child->schema(), {child}), limit_(limit) {}

Result<BatchStreamPtr> TailOperator::OpenPartition(int partition, ExecutionContext* context) {
  SPK_ASSIGN_OR_RAISE(auto input, GatherPartitions(child(), context));
  // Keep just enough trailing batches to cover the last `limit_` rows.
  std::deque<std::shared_ptr<arrow::RecordBatch>> kept;
  int64_t kept_rows = 0;
  while (limit_ > 0) {
    SPK_RETURN_NOT_OK(context->CheckCancelled());
    SPK_ASSIGN_OR_RAISE(auto batch, input->Next());
    if (batch == nullptr) break;
    kept.push_back(batch);
    kept_rows += batch->num_rows();
    while (!kept.empty() && kept_rows - kept.front()->num_rows() >= limit_) {
      kept_rows -= kept.front()->num_rows();
      kept.pop_front();
    }
  }
  BatchList result(kept.begin(), kept.end());
  if (!result.empty() && kept_rows > limit_) {
    int64_t skip = kept_rows - limit_;
    result.front() = result.front()->Slice(skip);
  }
  return MakeBatchListStream(std::move(result), shared_from_this());
}

}  // namespace sparkling
