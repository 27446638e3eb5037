#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "common/status.h"

namespace sparkling {

/// A small fixed pool of worker threads shared by all queries of the process. Tasks are
/// short steps (one batch, one partition); long waits never block a worker because callers
/// of ParallelFor run loop iterations themselves instead of only waiting for the pool.
class TaskScheduler {
 public:
  explicit TaskScheduler(int num_threads);
  ~TaskScheduler();
  TaskScheduler(const TaskScheduler&) = delete;
  TaskScheduler& operator=(const TaskScheduler&) = delete;

  /// The process-wide pool (one thread per core, at least two).
  static TaskScheduler& Default();

  int num_threads() const { return static_cast<int>(workers_.size()); }

  /// Queues `task` to run on a worker. Tasks must not throw.
  void Submit(std::function<void()> task);

  /// Runs body(0..n-1) on up to `max_parallelism` threads, the calling thread included, and
  /// returns once all started iterations have finished. After the first error no new
  /// iteration starts; that error is returned. Safe to nest: a caller inside a worker makes
  /// progress on its own iterations.
  Status ParallelFor(int n, int max_parallelism, const std::function<Status(int)>& body);

 private:
  void WorkerLoop();

  std::mutex mutex_;
  std::condition_variable work_available_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace sparkling
