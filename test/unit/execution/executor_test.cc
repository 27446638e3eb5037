// Sources, limits, unions and the result stream: plans built by hand, run serially and in
// parallel.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "plan_builders.h"

namespace sparkling::testing {
namespace {

std::shared_ptr<arrow::Table> RunPlan(const PlanPtr& plan,
                                      const ExecutionOptions& options = Options()) {
  auto result = ExecuteToTable(plan, options);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : nullptr;
}

std::vector<std::string> Numbers(int64_t begin, int64_t end, int64_t step = 1) {
  std::vector<std::string> out;
  for (int64_t v = begin; step > 0 ? v < end : v > end; v += step) out.push_back(std::to_string(v));
  return out;
}

TEST(Executor, RangeInPartitionOrder) {
  for (int parallelism : {1, 2, 3}) {
    auto table = RunPlan(RangePlan(0, 25), Options(parallelism, 4));
    EXPECT_EQ(Rows(table), Numbers(0, 25));
  }
  EXPECT_EQ(Rows(RunPlan(RangePlan(10, 0, -3))), Numbers(10, 0, -3));
  EXPECT_EQ(RunPlan(RangePlan(5, 5))->num_rows(), 0);
  EXPECT_EQ(RunPlan(RangePlan(0, 10, -1))->num_rows(), 0);
}

TEST(Executor, ResultSchemaAndBatchSize) {
  auto plan = RangePlan(0, 1000);
  auto stream = Execute(plan, Options(2, 64));
  ASSERT_TRUE(stream.ok());
  EXPECT_EQ((*stream)->schema()->ToString(), "id: int64 not null");
  int64_t rows = 0;
  while (true) {
    auto batch = (*stream)->Next();
    ASSERT_TRUE(batch.ok());
    if (*batch == nullptr) break;
    EXPECT_LE((*batch)->num_rows(), 64);
    EXPECT_GT((*batch)->num_rows(), 0);
    EXPECT_TRUE((*batch)->schema()->Equals(*(*stream)->schema()));
    rows += (*batch)->num_rows();
  }
  EXPECT_EQ(rows, 1000);
}

TEST(Executor, LocalRelationChunksAndTypes) {
  auto first = MakeTable({{"a", Int64s({1, 2, 3})}, {"s", Strings({"x", std::nullopt, "z"})}});
  auto second = MakeTable({{"a", Int64s({4, 5})}, {"s", Strings({"v", "w"})}});
  auto table = arrow::ConcatenateTables({first, second}).ValueOrDie();
  auto plan = TablePlan(table);
  for (int parallelism : {1, 2, 4}) {
    EXPECT_EQ(Rows(RunPlan(plan, Options(parallelism, 2))),
              (std::vector<std::string>{"1|x", "2|null", "3|z", "4|v", "5|w"}));
  }
}

TEST(Executor, LimitOffsetTail) {
  auto range = RangePlan(0, 100);
  EXPECT_EQ(Rows(RunPlan(LimitPlan(range, 5), Options(2, 3))), Numbers(0, 5));
  EXPECT_EQ(Rows(RunPlan(OffsetPlan(range, 97))), Numbers(97, 100));
  EXPECT_EQ(Rows(RunPlan(LimitPlan(OffsetPlan(range, 10), 3))), Numbers(10, 13));
  EXPECT_EQ(Rows(RunPlan(TailPlan(range, 4), Options(2, 3))), Numbers(96, 100));
  EXPECT_EQ(Rows(RunPlan(TailPlan(RangePlan(0, 2), 4))), Numbers(0, 2));
  EXPECT_EQ(RunPlan(LimitPlan(range, 0))->num_rows(), 0);
}

TEST(Executor, LimitStopsEarlyOnHugeRange) {
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Rows(RunPlan(LimitPlan(RangePlan(0, int64_t{1} << 60), 3))), Numbers(0, 3));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST(Executor, OneRowProject) {
  auto one_row = std::make_shared<OneRow>();
  auto plan = ProjectPlan(one_row, {MakeAlias(Add(Long(1), Long(2)), "three")});
  auto table = RunPlan(plan);
  EXPECT_EQ(Rows(table), std::vector<std::string>{"3"});
  EXPECT_EQ(table->schema()->field(0)->name(), "three");
}

TEST(Executor, UnionAllKeepsChildOrder) {
  auto plan = SetOperationPlan(RangePlan(0, 3), RangePlan(10, 12), SetOperationType::kUnion,
                               /*is_all=*/true);
  EXPECT_EQ(Rows(RunPlan(plan)), (std::vector<std::string>{"0", "1", "2", "10", "11"}));
}

TEST(Executor, ProgressReportsStages) {
  ExecutionOptions options = Options();
  std::vector<ExecutionProgress> reports;
  options.on_progress = [&](const ExecutionProgress& progress) { reports.push_back(progress); };
  auto plan = AggregatePlan(RangePlan(0, 100), {}, {MakeAlias(Count(Long(1)), "c")});
  EXPECT_EQ(Rows(RunPlan(plan, options)), std::vector<std::string>{"100"});
  ASSERT_FALSE(reports.empty());
  const auto& last = reports.back();
  ASSERT_EQ(last.stages.size(), 2u);  // the aggregation's input, then the result
  for (const auto& stage : last.stages) {
    EXPECT_TRUE(stage.done);
    EXPECT_EQ(stage.num_completed_tasks, stage.num_tasks);
  }
  EXPECT_EQ(last.num_inflight_tasks, 0);
}

TEST(Executor, ProgressSettlesWhenLimitStopsEarly) {
  ExecutionOptions options = Options(2, 100);
  ExecutionProgress last;
  options.on_progress = [&](const ExecutionProgress& progress) { last = progress; };
  EXPECT_EQ(RunPlan(LimitPlan(RangePlan(0, 1'000'000'000), 2), options)->num_rows(), 2);
  EXPECT_EQ(last.num_inflight_tasks, 0);
  for (const auto& stage : last.stages) EXPECT_TRUE(stage.done);
}

TEST(Executor, CancelStopsLongAggregation) {
  ExecutionOptions options = Options();
  options.cancellation = std::make_shared<CancellationToken>();
  auto plan = AggregatePlan(RangePlan(0, 10'000'000'000), {}, {MakeAlias(Count(Long(1)), "c")});
  auto stream = Execute(plan, options);
  ASSERT_TRUE(stream.ok());
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    options.cancellation->Cancel();
  });
  auto start = std::chrono::steady_clock::now();
  auto batch = (*stream)->Next();
  auto elapsed = std::chrono::steady_clock::now() - start;
  canceller.join();
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().error().error_class, "OPERATION_CANCELED");
  EXPECT_LT(elapsed, std::chrono::seconds(1));
}

}  // namespace
}  // namespace sparkling::testing
