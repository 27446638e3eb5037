#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "common/cancellation.h"
#include "common/status.h"
#include "plan/bound_function.h"
#include "plan/logical_plan.h"

// The executor: runs an analyzed, optimized plan over Arrow record batches.
//
// Execute() builds a physical plan (physical_planner.cc: one operator per file) whose
// operators split their output into partitions. Sources split by row ranges (Range,
// LocalRelation); Filter/Project stream batch by batch within a partition; breakers
// (HashAggregate, Sort, the build side of joins, INTERSECT/EXCEPT) consume all partitions of
// their input in parallel in Prepare() and re-split their result. Work runs on the process-wide
// TaskScheduler (common/task_scheduler.h); the result stream reads the root's partitions in
// order while later partitions run ahead (gather_stream.h). Expressions are bound once per
// operator (expression_evaluator.h); grouping, join and sort keys share one byte encoding
// with Spark's equality and ordering (row_key_encoder.h).

namespace arrow {
class RecordBatch;
class Schema;
class Table;
}  // namespace arrow

namespace sparkling {

/// What Spark Connect's `ExecutePlanResponse.execution_progress` reports: one stage per
/// parallel step of the physical plan (a pipeline feeding a breaker, or the final output),
/// whose tasks are the partitions it runs.
struct ExecutionProgress {
  struct Stage {
    int64_t stage_id = 0;
    int64_t num_tasks = 0;
    int64_t num_completed_tasks = 0;
    int64_t input_bytes_read = 0;
    bool done = false;
  };
  std::vector<Stage> stages;
  int64_t num_inflight_tasks = 0;
};

struct ExecutionOptions {
  EvalOptions eval;  // ANSI mode, session time zone, query start time
  /// Partitions run at once (and the number of partitions sources split into).
  int parallelism = 2;
  /// Upper bound on the rows of every result batch.
  int64_t max_records_per_batch = 10000;
  /// Rows per batch inside the executor (sources, breakers' outputs), independent of the
  /// result batch size.
  int64_t batch_rows = 8192;
  /// Polled between batches; a cancelled query fails with OPERATION_CANCELED.
  CancellationTokenPtr cancellation;
  /// Called whenever a task starts or finishes, from executor threads but never concurrently
  /// with itself; keep it cheap (copy and return).
  std::function<void(const ExecutionProgress&)> on_progress;
};

/// The result of a query as a stream of record batches, pulled by the caller. Work runs on
/// the shared task scheduler ahead of the caller, bounded by a few batches per partition.
class ResultStream {
 public:
  virtual ~ResultStream() = default;
  /// names = the plan's output names, types = ToArrowType(type, session time zone).
  virtual std::shared_ptr<arrow::Schema> schema() const = 0;
  /// The next batch (at most max_records_per_batch rows, never empty), or nullptr at the end.
  virtual Result<std::shared_ptr<arrow::RecordBatch>> Next() = 0;
};

/// Plans and starts `plan` (analyzed and optimized).
Result<std::unique_ptr<ResultStream>> Execute(const PlanPtr& plan, const ExecutionOptions& options);

/// Runs `plan` to completion and collects the result (empty tables keep the schema).
Result<std::shared_ptr<arrow::Table>> ExecuteToTable(const PlanPtr& plan,
                                                     const ExecutionOptions& options);

}  // namespace sparkling
