#include "execution/execution_context.h"

#include <algorithm>

namespace sparkling {

int64_t ProgressTracker::AddStage(int64_t num_tasks) {
  std::lock_guard<std::mutex> lock(mutex_);
  ExecutionProgress::Stage stage;
  stage.stage_id = static_cast<int64_t>(progress_.stages.size());
  stage.num_tasks = num_tasks;
  progress_.stages.push_back(stage);
  Report();
  return stage.stage_id;
}

void ProgressTracker::TaskStarted(int64_t stage_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++progress_.num_inflight_tasks;
  Report();
}

void ProgressTracker::TaskFinished(int64_t stage_id, int64_t input_bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  progress_.num_inflight_tasks = std::max<int64_t>(0, progress_.num_inflight_tasks - 1);
  auto& stage = progress_.stages.at(stage_id);
  ++stage.num_completed_tasks;
  stage.input_bytes_read += input_bytes;
  Report();
}

void ProgressTracker::StageDone(int64_t stage_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  progress_.stages.at(stage_id).done = true;
  Report();
}

ExecutionProgress ProgressTracker::Snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return progress_;
}

void ProgressTracker::Report() {
  if (on_progress_) on_progress_(progress_);
}

ExecutionContext::ExecutionContext(ExecutionOptions options, TaskScheduler* scheduler)
    : options_(std::move(options)), scheduler_(scheduler), progress_(options_.on_progress) {
  options_.parallelism = std::max(1, options_.parallelism);
  options_.max_records_per_batch = std::max<int64_t>(1, options_.max_records_per_batch);
  options_.batch_rows = std::max<int64_t>(1, options_.batch_rows);
}

}  // namespace sparkling
