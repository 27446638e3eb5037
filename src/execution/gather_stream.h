#pragma once

#include <memory>

#include "execution/physical_operator.h"

namespace sparkling {

/// Reads all partitions of `input` as one stream, in partition order (so the rows come out
/// in the order Spark's collect() returns them), while up to `parallelism` partitions run
/// ahead on the task scheduler, each buffering a few batches. A reader that finds its next
/// step queued but not started runs it itself, so readers running inside pool tasks never
/// wait on a pool that is busy with readers. Destroying the stream stops the work.
Result<BatchStreamPtr> GatherPartitions(const PhysicalOperatorPtr& input,
                                        ExecutionContext* context);

}  // namespace sparkling
