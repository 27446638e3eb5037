// Filter/project with lazy conditionals, hash aggregation, sort, joins and set operations
// over hand-made plans; every query runs serially and in parallel with small batches and
// must give the same rows.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "plan_builders.h"

namespace sparkling::testing {
namespace {

// Runs `plan` with parallelism 1 and 2 (batch size 3 and 10000), checks both agree
// (ignoring row order unless `ordered`) and returns the parallel rows.
std::vector<std::string> RunBoth(const PlanPtr& plan, bool ordered = false) {
  std::vector<std::vector<std::string>> results;
  for (auto [parallelism, batch_size] : {std::pair{1, 10000}, std::pair{2, 3}}) {
    auto table = ExecuteToTable(plan, Options(parallelism, batch_size));
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    if (!table.ok()) return {};
    auto rows = Rows(*table);
    if (!ordered) std::sort(rows.begin(), rows.end());
    results.push_back(std::move(rows));
  }
  EXPECT_EQ(results[0], results[1]);
  return results[1];
}

using RowList = std::vector<std::string>;

TEST(Operators, FilterAndProject) {
  auto range = RangePlan(0, 10);
  auto id = Ref(range->output[0]);
  auto plan = ProjectPlan(FilterPlan(range, Less(id, Long(4))),
                          {id, MakeAlias(Add(id, Long(100)), "plus")});
  EXPECT_EQ(RunBoth(plan, true), (RowList{"0|100", "1|101", "2|102", "3|103"}));
}

TEST(Operators, CaseWhenEvaluatesBranchesLazily) {
  auto table = MakeTable({{"a", Int64s({10, 20, 30, 40})}, {"b", Int64s({2, 0, std::nullopt, 5})}});
  auto relation = TablePlan(table);
  auto a = Ref(relation->output[0]);
  auto b = Ref(relation->output[1]);
  // CASE WHEN b = 0 THEN 0 ELSE a / b END: the division never sees b = 0.
  auto plan =
      ProjectPlan(relation, {MakeAlias(CaseWhen(Equal(b, Long(0)), Long(0), Divide(a, b)), "q")});
  EXPECT_EQ(RunBoth(plan, true), (RowList{"5", "0", "null", "8"}));
  // And the division alone does fail.
  auto failing = ProjectPlan(relation, {MakeAlias(Divide(a, b), "q")});
  auto result = ExecuteToTable(failing, Options());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().error().error_class, "DIVIDE_BY_ZERO");
}

TEST(Operators, AndSkipsRightSideWhereLeftIsFalse) {
  auto table = MakeTable({{"a", Int64s({10, 20})}, {"b", Int64s({0, 5})}});
  auto relation = TablePlan(table);
  auto a = Ref(relation->output[0]);
  auto b = Ref(relation->output[1]);
  auto plan = FilterPlan(relation, And(Less(Long(0), b), Less(Long(1), Divide(a, b))));
  EXPECT_EQ(RunBoth(plan), (RowList{"20|5"}));
}

TEST(Operators, GroupByWithNullsAndNestedAggregates) {
  auto table = MakeTable({{"k", Strings({"a", "b", std::nullopt, "a", std::nullopt, "c"})},
                          {"v", Int64s({1, 2, 3, 4, std::nullopt, std::nullopt})}});
  auto relation = TablePlan(table);
  auto k = Ref(relation->output[0]);
  auto v = Ref(relation->output[1]);
  auto plan = AggregatePlan(
      relation, {k},
      {k, MakeAlias(Sum(v), "s"), MakeAlias(Add(Sum(v), Long(1)), "s1"), MakeAlias(Count(v), "c")});
  EXPECT_EQ(RunBoth(plan), (RowList{"a|5|6|2", "b|2|3|1", "c|null|null|0", "null|3|4|1"}));
}

TEST(Operators, GlobalAggregateOverNoRows) {
  auto range = RangePlan(0, 0);
  auto plan = AggregatePlan(
      range, {}, {MakeAlias(Count(Long(1)), "c"), MakeAlias(Sum(Ref(range->output[0])), "s")});
  EXPECT_EQ(RunBoth(plan), (RowList{"0|null"}));
}

TEST(Operators, GroupingTreatsNaNAndNegativeZeroAsSpark) {
  const double nan = std::nan("");
  auto table = MakeTable({{"d", Doubles({nan, -nan, 0.0, -0.0, std::nullopt, 1.5})}});
  auto relation = TablePlan(table);
  auto d = Ref(relation->output[0]);
  auto plan = AggregatePlan(relation, {d}, {MakeAlias(Count(Long(1)), "c")});
  EXPECT_EQ(RunBoth(plan), (RowList{"1", "1", "2", "2"}));
}

TEST(Operators, LargeGroupByMatchesSerial) {
  auto range = RangePlan(0, 50000);
  auto id = Ref(range->output[0]);
  auto keyed = ProjectPlan(
      range, {MakeAlias(Call("%", "bit_wise_and", DataType::Long(), {id, Long(1023)}), "k"), id});
  auto k = Ref(keyed->output[0]);
  auto plan = AggregatePlan(keyed, {k}, {k, MakeAlias(Count(Long(1)), "c")});
  auto rows = RunBoth(plan);
  ASSERT_EQ(rows.size(), 1024u);
  for (const auto& row : rows) EXPECT_TRUE(row.ends_with("|48") || row.ends_with("|49")) << row;
}

TEST(Operators, SortMultiKeySparkOrdering) {
  const double nan = std::nan("");
  auto table = MakeTable({{"d", Doubles({1.0, nan, std::nullopt, -2.0, 1.0, 0.0, -0.0, nan})},
                          {"s", Strings({"b", "x", "n", "y", "a", "z", "w", std::nullopt})}});
  auto relation = TablePlan(table);
  auto d = Ref(relation->output[0]);
  auto s = Ref(relation->output[1]);
  // d ASC NULLS FIRST, s DESC NULLS LAST
  auto ascending = SortPlan(relation, {Order(d, false, true), Order(s, true, false)});
  EXPECT_EQ(RunBoth(ascending, true),
            (RowList{"null|n", "-2|y", "0|z", "-0|w", "1|b", "1|a", "nan|x", "nan|null"}));
  // d DESC NULLS LAST: NaN is the largest value.
  auto descending = SortPlan(relation, {Order(d, true, false), Order(s, false, true)});
  EXPECT_EQ(RunBoth(descending, true),
            (RowList{"nan|null", "nan|x", "1|a", "1|b", "-0|w", "0|z", "-2|y", "null|n"}));
}

TEST(Operators, SortStringsByBytesAcrossPartitions) {
  auto table = MakeTable({{"s", Strings({"b", "a", "B", "\xc3\xa9", "ab", "", "a\x01"})}});
  auto relation = TablePlan(table);
  auto plan = SortPlan(relation, {Order(Ref(relation->output[0]), false, true)});
  EXPECT_EQ(RunBoth(plan, true), (RowList{"", "B", "a", "a\x01", "ab", "b", "\xc3\xa9"}));
}

TEST(Operators, SortLargeRangeDescending) {
  auto range = RangePlan(0, 20000);
  auto plan = LimitPlan(SortPlan(range, {Order(Ref(range->output[0]), true, false)}), 3);
  EXPECT_EQ(RunBoth(plan, true), (RowList{"19999", "19998", "19997"}));
}

TEST(Operators, TopNKeepsFirstRowsInStableOrder) {
  auto range = RangePlan(0, 30000);
  auto id = Ref(range->output[0]);
  // Sort by id % 4 (many ties): the first rows are the multiples of 4 in input order.
  auto keyed = ProjectPlan(
      range, {id, MakeAlias(Call("%", "bit_wise_and", DataType::Long(), {id, Long(3)}), "m")});
  auto m = Ref(keyed->output[1]);
  auto sorted = SortPlan(keyed, {Order(m, false, true)});
  EXPECT_EQ(RunBoth(LimitPlan(sorted, 3), true), (RowList{"0|0", "4|0", "8|0"}));
  EXPECT_EQ(RunBoth(LimitPlan(OffsetPlan(sorted, 7499), 2), true), (RowList{"29996|0", "1|1"}));
}

class JoinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    left_ = TablePlan(MakeTable({{"lk", Int64s({1, 2, 2, 3, std::nullopt})},
                                 {"lv", Strings({"l1", "l2a", "l2b", "l3", "lnull"})}}));
    right_ = TablePlan(MakeTable({{"rk", Int64s({2, 3, 3, 4, std::nullopt})},
                                  {"rv", Strings({"r2", "r3a", "r3b", "r4", "rnull"})}}));
  }
  ExprPtr KeysEqual() { return Equal(Ref(left_->output[0]), Ref(right_->output[0])); }

  PlanPtr left_;
  PlanPtr right_;
};

TEST_F(JoinTest, InnerHashJoin) {
  EXPECT_EQ(RunBoth(JoinPlan(left_, right_, JoinType::kInner, KeysEqual())),
            (RowList{"2|l2a|2|r2", "2|l2b|2|r2", "3|l3|3|r3a", "3|l3|3|r3b"}));
}

TEST_F(JoinTest, InnerJoinBuildsTheSmallerSide) {
  // left_ has 5 rows, the range 100: the left side is hashed, columns stay left then right.
  auto range = RangePlan(0, 100);
  auto condition = Equal(Ref(left_->output[0]), Ref(range->output[0]));
  EXPECT_EQ(RunBoth(JoinPlan(left_, range, JoinType::kInner, condition)),
            (RowList{"1|l1|1", "2|l2a|2", "2|l2b|2", "3|l3|3"}));
  auto swapped = Equal(Ref(range->output[0]), Ref(left_->output[0]));
  EXPECT_EQ(RunBoth(JoinPlan(range, left_, JoinType::kInner, swapped)),
            (RowList{"1|1|l1", "2|2|l2a", "2|2|l2b", "3|3|l3"}));
}

TEST_F(JoinTest, NullSafeKeysMatchNulls) {
  auto condition =
      Call("<=>", "equal", DataType::Boolean(), {Ref(left_->output[0]), Ref(right_->output[0])});
  auto rows = RunBoth(JoinPlan(left_, right_, JoinType::kInner, condition));
  EXPECT_NE(std::find(rows.begin(), rows.end(), "null|lnull|null|rnull"), rows.end());
}

TEST_F(JoinTest, OuterJoins) {
  EXPECT_EQ(RunBoth(JoinPlan(left_, right_, JoinType::kLeftOuter, KeysEqual())),
            (RowList{"1|l1|null|null", "2|l2a|2|r2", "2|l2b|2|r2", "3|l3|3|r3a", "3|l3|3|r3b",
                     "null|lnull|null|null"}));
  EXPECT_EQ(RunBoth(JoinPlan(left_, right_, JoinType::kRightOuter, KeysEqual())),
            (RowList{"2|l2a|2|r2", "2|l2b|2|r2", "3|l3|3|r3a", "3|l3|3|r3b", "null|null|4|r4",
                     "null|null|null|rnull"}));
  EXPECT_EQ(RunBoth(JoinPlan(left_, right_, JoinType::kFullOuter, KeysEqual())),
            (RowList{"1|l1|null|null", "2|l2a|2|r2", "2|l2b|2|r2", "3|l3|3|r3a", "3|l3|3|r3b",
                     "null|lnull|null|null", "null|null|4|r4", "null|null|null|rnull"}));
}

TEST_F(JoinTest, SemiAndAnti) {
  EXPECT_EQ(RunBoth(JoinPlan(left_, right_, JoinType::kLeftSemi, KeysEqual())),
            (RowList{"2|l2a", "2|l2b", "3|l3"}));
  EXPECT_EQ(RunBoth(JoinPlan(left_, right_, JoinType::kLeftAnti, KeysEqual())),
            (RowList{"1|l1", "null|lnull"}));
}

TEST_F(JoinTest, ResidualConditionAndNestedLoop) {
  auto lk = Ref(left_->output[0]);
  auto rk = Ref(right_->output[0]);
  // Equi key plus a residual: only r3b survives (rv > "r3a").
  auto residual =
      And(KeysEqual(),
          Less(Ref(right_->output[1]),
               MakeLiteral(std::make_shared<arrow::StringScalar>("r3b"), DataType::String())));
  EXPECT_EQ(RunBoth(JoinPlan(left_, right_, JoinType::kLeftOuter, residual)),
            (RowList{"1|l1|null|null", "2|l2a|2|r2", "2|l2b|2|r2", "3|l3|3|r3a",
                     "null|lnull|null|null"}));
  // Non-equi: lk < rk.
  auto rows = RunBoth(JoinPlan(left_, right_, JoinType::kInner, Less(lk, rk)));
  EXPECT_EQ(rows.size(), 4u + 3u + 3u + 1u);  // 1<{2,3,3,4}, 2,2<{3,3,4}, 3<4
  // Cross join.
  EXPECT_EQ(RunBoth(JoinPlan(left_, right_, JoinType::kCross, std::nullopt)).size(), 25u);
  // Non-equi anti and full outer.
  EXPECT_EQ(RunBoth(JoinPlan(left_, right_, JoinType::kLeftAnti, Less(lk, rk))),
            (RowList{"null|lnull"}));
  EXPECT_EQ(RunBoth(JoinPlan(left_, right_, JoinType::kFullOuter, Less(rk, Long(3)))).size(),
            5u + 4u);
}

TEST_F(JoinTest, ConcurrentQueriesShareThePool) {
  // Several queries at once on the shared scheduler: joins probing one build table from
  // two partitions, aggregations and sorts, each result as when run alone.
  auto range = RangePlan(0, 20000);
  auto id = Ref(range->output[0]);
  auto right = RangePlan(5000, 30000);
  auto join = JoinPlan(range, right, JoinType::kInner, Equal(id, Ref(right->output[0])));
  auto plan = AggregatePlan(join, {}, {MakeAlias(Count(Long(1)), "c"), MakeAlias(Sum(id), "s")});
  const std::string expected = "15000|" + std::to_string((5000LL + 19999LL) * 15000 / 2);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        auto table = ExecuteToTable(plan, Options(2, 1000));
        if (!table.ok() || Rows(*table) != RowList{expected}) failures++;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(SetOperations, DistinctAndAllVariants) {
  auto left = TablePlan(MakeTable({{"x", Int64s({1, 1, 1, 2, 3, std::nullopt, std::nullopt})}}));
  auto right = TablePlan(MakeTable({{"x", Int64s({1, 3, 3, 4, std::nullopt})}}));
  EXPECT_EQ(RunBoth(SetOperationPlan(left, right, SetOperationType::kUnion, false)),
            (RowList{"1", "2", "3", "4", "null"}));
  EXPECT_EQ(RunBoth(SetOperationPlan(left, right, SetOperationType::kIntersect, false)),
            (RowList{"1", "3", "null"}));
  EXPECT_EQ(RunBoth(SetOperationPlan(left, right, SetOperationType::kIntersect, true)),
            (RowList{"1", "3", "null"}));
  EXPECT_EQ(RunBoth(SetOperationPlan(left, right, SetOperationType::kExcept, false)),
            (RowList{"2"}));
  EXPECT_EQ(RunBoth(SetOperationPlan(left, right, SetOperationType::kExcept, true)),
            (RowList{"1", "1", "2", "null"}));
}

TEST(Subqueries, ScalarAndInSubqueriesRunOnce) {
  auto inner = RangePlan(0, 5);
  auto max_id = AggregatePlan(inner, {}, {MakeAlias(Sum(Ref(inner->output[0])), "s")});
  auto scalar = std::make_shared<ScalarSubquery>();
  scalar->plan = max_id;
  scalar->type = DataType::Long();
  auto outer = RangePlan(0, 3);
  auto id = Ref(outer->output[0]);
  auto plan = ProjectPlan(outer, {MakeAlias(Add(id, scalar), "x")});
  EXPECT_EQ(RunBoth(plan, true), (RowList{"10", "11", "12"}));

  auto in = std::make_shared<InSubquery>();
  in->plan = RangePlan(1, 20, 2);
  in->type = DataType::Boolean();
  in->children = {id};
  auto outer6 = RangePlan(0, 6);
  auto in6 = std::make_shared<InSubquery>(*in);
  in6->children = {Ref(outer6->output[0])};
  EXPECT_EQ(RunBoth(FilterPlan(outer6, in6), true), (RowList{"1", "3", "5"}));
}

}  // namespace
}  // namespace sparkling::testing
