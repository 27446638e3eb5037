#include "connect/execute_operation.h"

#include <gtest/gtest.h>
#include <spark/connect/base.pb.h>

#include <thread>

#include "connect/operation_registry.h"

namespace sparkling::connect {
namespace {

using namespace std::chrono_literals;
using spark::connect::ExecutePlanResponse;

constexpr char kSession[] = "0b7c3a58-9f11-4c33-9d2b-64c8f6a0c001";

ExecutePlanResponse Batch(int64_t rows) {
  ExecutePlanResponse response;
  response.mutable_arrow_batch()->set_row_count(rows);
  return response;
}

ExecutePlanResponse Complete() {
  ExecutePlanResponse response;
  response.mutable_result_complete();
  return response;
}

// Reads until the stream would end; returns the row counts seen (-1 for result_complete).
std::vector<int64_t> Drain(ExecuteOperation& operation, ExecuteOperation::Cursor* cursor,
                           Status* final_status, std::vector<std::string>* ids = nullptr) {
  std::vector<int64_t> seen;
  while (true) {
    ResponsePtr response;
    auto poll = operation.Next(cursor, 100ms, &response, final_status);
    if (poll == ExecuteOperation::Poll::kFinished || poll == ExecuteOperation::Poll::kSuperseded) {
      return seen;
    }
    if (poll != ExecuteOperation::Poll::kResponse) continue;
    if (ids != nullptr) ids->push_back(response->response_id());
    seen.push_back(response->has_result_complete() ? -1 : response->arrow_batch().row_count());
  }
}

TEST(ExecuteOperation, ResponsesCarryIdsAndArriveInOrder) {
  ExecuteOperation operation(kSession, "server-side", "op-1", {}, true);
  ASSERT_TRUE(operation.Push(Batch(1)).ok());
  ASSERT_TRUE(operation.Push(Batch(2)).ok());
  ASSERT_TRUE(operation.Push(Complete()).ok());
  operation.Finish(Status::OK());

  auto cursor = operation.Attach(std::nullopt);
  ASSERT_TRUE(cursor.ok());
  ResponsePtr first;
  Status final_status;
  ASSERT_EQ(operation.Next(&*cursor, 10ms, &first, &final_status),
            ExecuteOperation::Poll::kResponse);
  EXPECT_EQ(first->session_id(), kSession);
  EXPECT_EQ(first->server_side_session_id(), "server-side");
  EXPECT_EQ(first->operation_id(), "op-1");
  EXPECT_EQ(first->response_id().size(), 36u);
  EXPECT_EQ(Drain(operation, &*cursor, &final_status), (std::vector<int64_t>{2, -1}));
  EXPECT_TRUE(final_status.ok());
}

TEST(ExecuteOperation, ReattachResumesAfterTheLastResponseSeen) {
  ExecuteOperation operation(kSession, "s", "op", {}, true);
  for (int i = 1; i <= 4; ++i) ASSERT_TRUE(operation.Push(Batch(i)).ok());
  ASSERT_TRUE(operation.Push(Complete()).ok());
  operation.Finish(Status::OK());

  auto cursor = operation.Attach(std::nullopt);
  ResponsePtr response;
  Status final_status;
  std::vector<std::string> ids;
  for (int i = 0; i < 2; ++i) {
    ASSERT_EQ(operation.Next(&*cursor, 10ms, &response, &final_status),
              ExecuteOperation::Poll::kResponse);
    ids.push_back(response->response_id());
  }
  operation.Detach(*cursor);
  // The client released what it consumed before the stream broke.
  operation.ReleaseUntil(ids[1]);

  auto resumed = operation.Attach(ids[1]);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ(Drain(operation, &*resumed, &final_status), (std::vector<int64_t>{3, 4, -1}));

  // Resuming before released responses is impossible; unknown ids are reported.
  auto too_early = operation.Attach(ids[0]);
  ASSERT_FALSE(too_early.ok());
  EXPECT_EQ(too_early.status().error().error_class, "INVALID_CURSOR.POSITION_NOT_AVAILABLE");
  auto unknown = operation.Attach(std::string("nope"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().error().error_class, "INVALID_CURSOR.POSITION_NOT_FOUND");
}

TEST(ExecuteOperation, NewAttachmentSupersedesTheOldStream) {
  ExecuteOperation operation(kSession, "s", "op", {}, true);
  auto old_cursor = operation.Attach(std::nullopt);
  auto new_cursor = operation.Attach(std::nullopt);
  ResponsePtr response;
  Status final_status;
  EXPECT_EQ(operation.Next(&*old_cursor, 10ms, &response, &final_status),
            ExecuteOperation::Poll::kSuperseded);
  operation.Detach(*old_cursor);  // no effect on the new stream
  EXPECT_TRUE(operation.attached());
  (void)new_cursor;
}

TEST(ExecuteOperation, ErrorsEndTheStreamAfterEarlierResponses) {
  ExecuteOperation operation(kSession, "s", "op", {}, true);
  ASSERT_TRUE(operation.Push(Batch(7)).ok());
  operation.Finish(Status::Error("DIVIDE_BY_ZERO", {{"config", "x"}}));
  auto cursor = operation.Attach(std::nullopt);
  Status final_status;
  EXPECT_EQ(Drain(operation, &*cursor, &final_status), (std::vector<int64_t>{7}));
  ASSERT_FALSE(final_status.ok());
  EXPECT_EQ(final_status.error().error_class, "DIVIDE_BY_ZERO");
}

TEST(ExecuteOperation, SilentExecutionsReportProgress) {
  ExecuteOperation operation(kSession, "s", "op", {}, true);
  operation.set_progress_interval(20ms);
  auto cursor = operation.Attach(std::nullopt);
  std::this_thread::sleep_for(30ms);
  ResponsePtr response;
  Status final_status;
  ASSERT_EQ(operation.Next(&*cursor, 10ms, &response, &final_status),
            ExecuteOperation::Poll::kResponse);
  EXPECT_TRUE(response->has_execution_progress());
}

TEST(ExecuteOperation, ProducerWaitsForASlowClientAndStopsWhenCancelled) {
  ResponseBufferLimits limits;
  limits.max_unsent_bytes = 1;  // every response fills the budget
  ExecuteOperation operation(kSession, "s", "op", {}, true, limits);
  ASSERT_TRUE(operation.Push(Batch(1)).ok());
  std::atomic<bool> second_pushed{false};
  Status push_status;
  std::thread producer([&] {
    push_status = operation.Push(Batch(2));
    second_pushed = true;
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(second_pushed);
  EXPECT_TRUE(operation.Cancel());
  producer.join();
  EXPECT_FALSE(push_status.ok());
  EXPECT_EQ(push_status.error().error_class, "OPERATION_CANCELED");
  EXPECT_FALSE(operation.Cancel());  // already cancelled: not reported twice
}

TEST(ExecuteOperation, ConsumingMakesRoomForTheProducer) {
  ResponseBufferLimits limits;
  limits.max_unsent_bytes = 1;
  ExecuteOperation operation(kSession, "s", "op", {}, false, limits);
  std::thread producer([&] {
    for (int i = 1; i <= 50; ++i) ASSERT_TRUE(operation.Push(Batch(i)).ok());
    ASSERT_TRUE(operation.Push(Complete()).ok());
    operation.Finish(Status::OK());
  });
  auto cursor = operation.Attach(std::nullopt);
  Status final_status;
  auto seen = Drain(operation, &*cursor, &final_status);
  producer.join();
  EXPECT_EQ(seen.size(), 51u);
  EXPECT_TRUE(final_status.ok());
  // Not reattachable: nothing is retained once sent.
  EXPECT_EQ(operation.buffered_responses(), 0u);
}

TEST(OperationRegistry, InterruptsCancelRunningOperationsBySessionTagAndId) {
  OperationRegistry registry;
  auto a = registry.Register(kSession, "s", "op-a", {"etl"}, true);
  auto b = registry.Register(kSession, "s", "op-b", {"adhoc"}, true);
  auto other = registry.Register("other-session", "s", "op-c", {"etl"}, true);
  ASSERT_TRUE(a.ok() && b.ok() && other.ok());
  EXPECT_FALSE(registry.Register(kSession, "s", "op-a", {}, true).ok());

  EXPECT_EQ(registry.InterruptTag(kSession, "etl"), std::vector<std::string>{"op-a"});
  EXPECT_TRUE((*a)->cancellation()->IsCancelled());
  EXPECT_FALSE((*other)->cancellation()->IsCancelled());
  (*b)->Finish(Status::OK());
  // A finished operation is not reported as interrupted (interrupt raced with completion).
  EXPECT_TRUE(registry.InterruptOperation(kSession, "op-b").empty());
  EXPECT_EQ(registry.InterruptAll("other-session"), std::vector<std::string>{"op-c"});
}

TEST(OperationRegistry, FindReportsMissingAndAbandonedOperations) {
  OperationRetention retention;
  retention.detached_timeout = 0ms;
  retention.finished_retention = 1h;
  OperationRegistry registry(retention);
  auto running = registry.Register(kSession, "s", "running", {}, true);
  auto done = registry.Register(kSession, "s", "done", {}, true);
  (*done)->Finish(Status::OK());
  std::this_thread::sleep_for(5ms);
  EXPECT_EQ(registry.Sweep(), 1u);
  EXPECT_TRUE((*running)->cancellation()->IsCancelled());
  auto abandoned = registry.Find(kSession, "running");
  ASSERT_FALSE(abandoned.ok());
  EXPECT_EQ(abandoned.status().error().error_class, "INVALID_HANDLE.OPERATION_ABANDONED");
  EXPECT_TRUE(registry.Find(kSession, "done").ok());
  auto missing = registry.Find(kSession, "never");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().error().error_class, "INVALID_HANDLE.OPERATION_NOT_FOUND");

  registry.Remove(kSession, "done");
  registry.Remove(kSession, "done");  // releasing twice is fine
  EXPECT_EQ(registry.size(), 0u);
}

}  // namespace
}  // namespace sparkling::connect
