#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "execution/physical_operator.h"

namespace arrow {
class Table;
}

namespace sparkling {

using BatchList = std::vector<std::shared_ptr<arrow::RecordBatch>>;

/// Reads every partition of `input` as one task each on the scheduler (at most `parallelism`
/// at once, the calling thread included). `consume(partition, batch)` sees a partition's
/// batches in order; different partitions run concurrently, so per-partition state needs no
/// lock. Cancellation is checked between batches. Reports one progress stage.
Status ConsumePartitionsInParallel(
    const PhysicalOperatorPtr& input, ExecutionContext* context,
    const std::function<Status(int partition, const std::shared_ptr<arrow::RecordBatch>&)>&
        consume);

/// Every batch of every partition of `input`, partition by partition.
Result<std::vector<BatchList>> CollectPartitions(const PhysicalOperatorPtr& input,
                                                 ExecutionContext* context);

/// A stream over prepared batches; `owner` is kept alive while the stream is.
BatchStreamPtr MakeBatchListStream(BatchList batches, std::shared_ptr<const void> owner = nullptr);

/// Splits `table`'s rows into `num_partitions` contiguous ranges of batches of at most
/// `batch_size` rows (partition i gets rows before partition i+1's).
Result<std::vector<BatchList>> SplitIntoPartitions(const std::shared_ptr<arrow::Table>& table,
                                                   int num_partitions, int64_t batch_size);

/// Concatenates batches with `schema` into one batch (an empty batch for no input).
Result<std::shared_ptr<arrow::RecordBatch>> ConcatenateBatches(
    const BatchList& batches, const std::shared_ptr<arrow::Schema>& schema);

}  // namespace sparkling
