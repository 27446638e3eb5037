#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "common/task_scheduler.h"
#include "execution/executor.h"

namespace sparkling {

/// Tracks stages and tasks for ExecutionProgress and reports changes to on_progress.
class ProgressTracker {
 public:
  explicit ProgressTracker(std::function<void(const ExecutionProgress&)> on_progress)
      : on_progress_(std::move(on_progress)) {}

  /// Registers a stage of `num_tasks` tasks and returns its id.
  int64_t AddStage(int64_t num_tasks);
  void TaskStarted(int64_t stage_id);
  void TaskFinished(int64_t stage_id, int64_t input_bytes);
  void StageDone(int64_t stage_id);
  ExecutionProgress Snapshot() const;

 private:
  void Report();  // mutex_ held

  mutable std::mutex mutex_;
  ExecutionProgress progress_;
  std::function<void(const ExecutionProgress&)> on_progress_;
};

/// Per-query state shared by all operators of one execution.
class ExecutionContext : public std::enable_shared_from_this<ExecutionContext> {
 public:
  /// Contexts are always shared: pool tasks that outlive a reader keep theirs alive.
  ExecutionContext(ExecutionOptions options, TaskScheduler* scheduler);

  const ExecutionOptions& options() const { return options_; }
  const EvalOptions& eval_options() const { return options_.eval; }
  const std::string& time_zone() const { return options_.eval.session_time_zone; }
  TaskScheduler& scheduler() const { return *scheduler_; }
  ProgressTracker& progress() { return progress_; }
  int parallelism() const { return options_.parallelism; }
  /// Rows per batch produced by sources and breakers.
  int64_t batch_size() const { return options_.batch_rows; }

  /// OPERATION_CANCELED once the query's token is cancelled.
  Status CheckCancelled() const {
    return options_.cancellation ? options_.cancellation->Check() : Status::OK();
  }

 private:
  ExecutionOptions options_;
  TaskScheduler* scheduler_;
  ProgressTracker progress_;
};

}  // namespace sparkling
