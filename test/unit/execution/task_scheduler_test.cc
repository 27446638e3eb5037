#include "common/task_scheduler.h"

#include <gtest/gtest.h>

#include <atomic>

namespace sparkling {
namespace {

TEST(TaskScheduler, ParallelForRunsEveryIndexOnce) {
  TaskScheduler scheduler(2);
  std::vector<std::atomic<int>> hits(100);
  ASSERT_TRUE(scheduler
                  .ParallelFor(100, 2,
                               [&](int i) {
                                 hits[i]++;
                                 return Status::OK();
                               })
                  .ok());
  for (auto& hit : hits) EXPECT_EQ(hit.load(), 1);
}

TEST(TaskScheduler, NestedParallelForDoesNotDeadlock) {
  TaskScheduler scheduler(2);
  std::atomic<int> total{0};
  ASSERT_TRUE(scheduler
                  .ParallelFor(8, 8,
                               [&](int) {
                                 return scheduler.ParallelFor(8, 8, [&](int) {
                                   total++;
                                   return Status::OK();
                                 });
                               })
                  .ok());
  EXPECT_EQ(total.load(), 64);
}

TEST(TaskScheduler, FirstErrorIsReturned) {
  TaskScheduler scheduler(2);
  Status status = scheduler.ParallelFor(
      10, 2, [&](int i) { return i == 3 ? Status::Internal("boom") : Status::OK(); });
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("boom"), std::string::npos);
}

}  // namespace
}  // namespace sparkling
