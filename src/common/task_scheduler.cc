#include "common/task_scheduler.h"

#include <algorithm>
#include <atomic>
#include <memory>

namespace sparkling {

TaskScheduler::TaskScheduler(int num_threads) {
  workers_.reserve(std::max(1, num_threads));
  for (int i = 0; i < std::max(1, num_threads); ++i) {
    workers_.emplace_back([this] { WorkerLoop(); });
  }
}

TaskScheduler::~TaskScheduler() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_available_.notify_all();
  for (auto& worker : workers_) worker.join();
}

TaskScheduler& TaskScheduler::Default() {
  // Leaked on purpose: queries may still hold tasks while static destructors run.
  static TaskScheduler* scheduler =
      new TaskScheduler(std::max(2, static_cast<int>(std::thread::hardware_concurrency())));
  return *scheduler;
}

void TaskScheduler::Submit(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(task));
  }
  work_available_.notify_one();
}

void TaskScheduler::WorkerLoop() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_available_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

namespace {

// Shared by the caller and helper tasks of one ParallelFor; helpers may outlive the call,
// so it is reference counted and a helper touches `body` only after claiming an index.
struct ParallelForState {
  int n = 0;
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::condition_variable finished;
  int completed = 0;
  Status first_error;
  const std::function<Status(int)>* body = nullptr;

  void RunIterations() {
    while (true) {
      int i = next.fetch_add(1);
      if (i >= n) return;
      Status status = failed.load() ? Status::OK() : (*body)(i);
      std::lock_guard<std::mutex> lock(mutex);
      if (!status.ok() && first_error.ok()) {
        first_error = std::move(status);
        failed.store(true);
      }
      if (++completed == n) finished.notify_all();
    }
  }
};

}  // namespace

Status TaskScheduler::ParallelFor(int n, int max_parallelism,
                                  const std::function<Status(int)>& body) {
  if (n <= 0) return Status::OK();
  auto state = std::make_shared<ParallelForState>();
  state->n = n;
  state->body = &body;
  int helpers = std::min({n, std::max(1, max_parallelism), num_threads() + 1}) - 1;
  for (int i = 0; i < helpers; ++i) {
    Submit([state] { state->RunIterations(); });
  }
  state->RunIterations();
  std::unique_lock<std::mutex> lock(state->mutex);
  state->finished.wait(lock, [&] { return state->completed == n; });
  return state->first_error;
}

}  // namespace sparkling
