#include "execution/partition_io.h"

#include <arrow/api.h>

#include "execution/execution_context.h"

namespace sparkling {

Status ConsumePartitionsInParallel(
    const PhysicalOperatorPtr& input, ExecutionContext* context,
    const std::function<Status(int, const std::shared_ptr<arrow::RecordBatch>&)>& consume) {
  const int n = input->num_partitions();
  ProgressTracker& progress = context->progress();
  const int64_t stage = progress.AddStage(n);
  SPK_RETURN_NOT_OK(
      context->scheduler().ParallelFor(n, context->parallelism(), [&](int partition) -> Status {
        progress.TaskStarted(stage);
        Status status = [&]() -> Status {
          SPK_ASSIGN_OR_RAISE(auto stream, input->OpenPartition(partition, context));
          while (true) {
            SPK_RETURN_NOT_OK(context->CheckCancelled());
            SPK_ASSIGN_OR_RAISE(auto batch, stream->Next());
            if (batch == nullptr) return Status::OK();
            if (batch->num_rows() == 0) continue;
            SPK_RETURN_NOT_OK(consume(partition, batch));
          }
        }();
        progress.TaskFinished(stage, /*input_bytes=*/0);
        return status;
      }));
  progress.StageDone(stage);
  return Status::OK();
}

Result<std::vector<BatchList>> CollectPartitions(const PhysicalOperatorPtr& input,
                                                 ExecutionContext* context) {
  std::vector<BatchList> partitions(input->num_partitions());
  SPK_RETURN_NOT_OK(ConsumePartitionsInParallel(
      input, context, [&](int partition, const std::shared_ptr<arrow::RecordBatch>& batch) {
        partitions[partition].push_back(batch);
        return Status::OK();
      }));
  return partitions;
}

namespace {

class BatchListStream : public BatchStream {
 public:
  BatchListStream(BatchList batches, std::shared_ptr<const void> owner)
      : batches_(std::move(batches)), owner_(std::move(owner)) {}

  Result<std::shared_ptr<arrow::RecordBatch>> Next() override {
    if (next_ >= batches_.size()) return std::shared_ptr<arrow::RecordBatch>();
    return std::move(batches_[next_++]);
  }

 private:
  BatchList batches_;
  size_t next_ = 0;
  std::shared_ptr<const void> owner_;
};

}  // namespace

BatchStreamPtr MakeBatchListStream(BatchList batches, std::shared_ptr<const void> owner) {
  return std::make_unique<BatchListStream>(std::move(batches), std::move(owner));
}

Result<std::vector<BatchList>> SplitIntoPartitions(const std::shared_ptr<arrow::Table>& table,
                                                   int num_partitions, int64_t batch_size) {
  std::vector<BatchList> partitions(std::max(1, num_partitions));
  const int64_t rows = table->num_rows();
  const int64_t per_partition = (rows + partitions.size() - 1) / partitions.size();
  for (size_t p = 0; p < partitions.size(); ++p) {
    int64_t begin = std::min<int64_t>(rows, p * per_partition);
    int64_t end = std::min<int64_t>(rows, begin + per_partition);
    if (begin >= end) continue;
    auto slice = table->Slice(begin, end - begin);
    arrow::TableBatchReader reader(*slice);
    reader.set_chunksize(batch_size);
    std::shared_ptr<arrow::RecordBatch> batch;
    while (true) {
      SPK_RETURN_NOT_OK_ARROW(reader.ReadNext(&batch));
      if (batch == nullptr) break;
      partitions[p].push_back(std::move(batch));
    }
  }
  return partitions;
}

Result<std::shared_ptr<arrow::RecordBatch>> ConcatenateBatches(
    const BatchList& batches, const std::shared_ptr<arrow::Schema>& schema) {
  if (batches.size() == 1) return batches.front();
  if (batches.empty()) {
    SPK_ASSIGN_OR_RAISE_ARROW(auto empty, arrow::RecordBatch::MakeEmpty(schema));
    return empty;
  }
  int64_t rows = 0;
  for (const auto& batch : batches) rows += batch->num_rows();
  std::vector<std::shared_ptr<arrow::Array>> columns;
  for (int c = 0; c < schema->num_fields(); ++c) {
    arrow::ArrayVector chunks;
    for (const auto& batch : batches) chunks.push_back(batch->column(c));
    SPK_ASSIGN_OR_RAISE_ARROW(auto column, arrow::Concatenate(chunks));
    columns.push_back(std::move(column));
  }
  return arrow::RecordBatch::Make(schema, rows, std::move(columns));
}

}  // namespace sparkling
