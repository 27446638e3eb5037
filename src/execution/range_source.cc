#include "execution/range_source.h"

#include <arrow/api.h>

#include <algorithm>

#include "execution/execution_context.h"

namespace sparkling {
namespace {

class RangeStream : public BatchStream {
 public:
  RangeStream(std::shared_ptr<arrow::Schema> schema, int64_t first_value, int64_t step,
              int64_t count, int64_t batch_size, ExecutionContext* context)
      : schema_(std::move(schema)),
        next_value_(static_cast<uint64_t>(first_value)),
        step_(static_cast<uint64_t>(step)),
        remaining_(count),
        batch_size_(batch_size),
        context_(context) {}

  Result<std::shared_ptr<arrow::RecordBatch>> Next() override {
    if (remaining_ <= 0) return std::shared_ptr<arrow::RecordBatch>();
    SPK_RETURN_NOT_OK(context_->CheckCancelled());
    const int64_t rows = std::min(remaining_, batch_size_);
    SPK_ASSIGN_OR_RAISE_ARROW(auto buffer, arrow::AllocateBuffer(rows * sizeof(int64_t)));
    auto* values = reinterpret_cast<int64_t*>(buffer->mutable_data());
    // Unsigned arithmetic wraps like Spark's long arithmetic instead of being UB.
    uint64_t value = next_value_;
    for (int64_t i = 0; i < rows; ++i, value += step_) values[i] = static_cast<int64_t>(value);
    next_value_ = value;
    remaining_ -= rows;
    auto array = std::make_shared<arrow::Int64Array>(rows, std::move(buffer));
    return arrow::RecordBatch::Make(schema_, rows, {array});
  }

 private:
  std::shared_ptr<arrow::Schema> schema_;
  uint64_t next_value_;
  uint64_t step_;
  int64_t remaining_;
  int64_t batch_size_;
  ExecutionContext* context_;
};

int64_t CountIds(int64_t start, int64_t end, int64_t step) {
  if (step == 0) return 0;
  __int128 span = static_cast<__int128>(end) - start;
  if ((span > 0) != (step > 0) || span == 0) return 0;
  __int128 count = (span + step + (step > 0 ? -1 : 1)) / step;
  return static_cast<int64_t>(std::min<__int128>(count, INT64_MAX));
}

}  // namespace

RangeSource::RangeSource(std::shared_ptr<arrow::Schema> schema, int64_t start, int64_t end,
                         int64_t step, int num_partitions, int64_t batch_size)
    : PhysicalOperator(std::move(schema), {}),
      start_(start),
      step_(step),
      num_rows_(CountIds(start, end, step)),
      num_partitions_(std::max(1, num_partitions)),
      batch_size_(std::max<int64_t>(1, batch_size)) {}

Result<BatchStreamPtr> RangeSource::OpenPartition(int partition, ExecutionContext* context) {
  // Partition p holds ids [p * n / P, (p + 1) * n / P) like Spark's RangeExec.
  auto bound = [&](int p) {
    return static_cast<int64_t>(static_cast<__int128>(num_rows_) * p / num_partitions_);
  };
  const int64_t first = bound(partition);
  const int64_t count = bound(partition + 1) - first;
  const auto first_value = static_cast<int64_t>(
      static_cast<uint64_t>(start_) + static_cast<uint64_t>(first) * static_cast<uint64_t>(step_));
  return BatchStreamPtr(
      std::make_unique<RangeStream>(schema_, first_value, step_, count, batch_size_, context));
}

}  // namespace sparkling
