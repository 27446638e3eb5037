// The executor over kernels from the real function registry (what the analyzer produces):
// conditionals with the registry's lazy contract, aggregates through MakeAccumulator, joins
// on the registry's equality operators.
#include <gtest/gtest.h>

#include <algorithm>

#include "function/function_registry.h"
#include "plan_builders.h"

namespace sparkling::testing {
namespace {

ExprPtr Fn(const std::string& name, std::vector<ExprPtr> args) {
  auto resolved = FunctionRegistry::Global().Resolve(name, std::move(args), ResolveOptions{});
  EXPECT_TRUE(resolved.ok()) << name << ": " << resolved.status().ToString();
  return resolved.ok() ? *resolved : nullptr;
}

std::vector<std::string> Sorted(const PlanPtr& plan, int parallelism = 2) {
  auto table = ExecuteToTable(plan, Options(parallelism, 4));
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  if (!table.ok()) return {};
  auto rows = Rows(*table);
  std::sort(rows.begin(), rows.end());
  return rows;
}

using RowList = std::vector<std::string>;

class RegistryFunctions : public ::testing::Test {
 protected:
  void SetUp() override {
    relation_ = TablePlan(MakeTable({{"k", Strings({"a", "b", "a", std::nullopt, "b", "a"})},
                                     {"v", Int64s({1, 0, 3, 4, std::nullopt, 0})}}));
    k_ = Ref(relation_->output[0]);
    v_ = Ref(relation_->output[1]);
  }
  PlanPtr relation_;
  ExprPtr k_, v_;
};

TEST_F(RegistryFunctions, CaseWhenGuardsDivisionByZero) {
  auto when = Fn("when", {Fn("=", {v_, Long(0)}), Long(-1), Fn("div", {Long(12), v_})});
  if (when == nullptr) return;
  auto plan = ProjectPlan(relation_, {MakeAlias(when, "q")});
  EXPECT_EQ(Sorted(plan), (RowList{"-1", "-1", "12", "3", "4", "null"}));
  auto unguarded = ProjectPlan(relation_, {MakeAlias(Fn("div", {Long(12), v_}), "q")});
  auto result = ExecuteToTable(unguarded, Options());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().error().error_class, "DIVIDE_BY_ZERO");
}

TEST_F(RegistryFunctions, GroupByWithRegistryAggregates) {
  auto sum = Fn("sum", {v_});
  auto count = Fn("count", {Long(1)});
  auto max = Fn("max", {v_});
  if (sum == nullptr || count == nullptr || max == nullptr) return;
  auto plan = AggregatePlan(relation_, {k_},
                            {k_, MakeAlias(sum, "s"), MakeAlias(count, "c"), MakeAlias(max, "m")});
  for (int parallelism : {1, 2}) {
    EXPECT_EQ(Sorted(plan, parallelism), (RowList{"a|4|3|3", "b|0|2|0", "null|4|1|4"}));
  }
}

TEST_F(RegistryFunctions, HashJoinOnRegistryEquality) {
  auto other = TablePlan(MakeTable({{"k2", Strings({"a", "c", std::nullopt})}}));
  auto condition = Fn("=", {k_, Ref(other->output[0])});
  if (condition == nullptr) return;
  auto plan = ProjectPlan(JoinPlan(relation_, other, JoinType::kInner, condition), {v_});
  EXPECT_EQ(Sorted(plan), (RowList{"0", "1", "3"}));
  auto null_safe = Fn("<=>", {k_, Ref(other->output[0])});
  auto semi = JoinPlan(relation_, other, JoinType::kLeftSemi, null_safe);
  EXPECT_EQ(Sorted(ProjectPlan(semi, {v_})), (RowList{"0", "1", "3", "4"}));
}

TEST_F(RegistryFunctions, FilterWithOrAndIsNull) {
  auto condition = Fn("or", {Fn("isnull", {k_}), Fn(">", {v_, Long(2)})});
  if (condition == nullptr) return;
  EXPECT_EQ(Sorted(ProjectPlan(FilterPlan(relation_, condition), {v_})), (RowList{"3", "4"}));
}

TEST_F(RegistryFunctions, GroupByExpressionAndDistinct) {
  auto plus = Fn("+", {v_, Long(1)});
  if (plus == nullptr) return;
  // SELECT v + 1, count(1) GROUP BY v + 1: the output matches the grouping expression.
  auto grouped = AggregatePlan(
      relation_, {plus},
      {MakeAlias(Fn("+", {v_, Long(1)}), "p"), MakeAlias(Fn("count", {Long(1)}), "c")});
  EXPECT_EQ(Sorted(grouped), (RowList{"1|2", "2|1", "4|1", "5|1", "null|1"}));
  auto distinct = Node<Distinct>({ProjectPlan(relation_, {k_})}, {relation_->output[0]});
  EXPECT_EQ(Sorted(distinct), (RowList{"a", "b", "null"}));
}

TEST_F(RegistryFunctions, DropDuplicatesKeepsFirstRowPerKey) {
  auto deduplicate = Node<Deduplicate>({relation_}, relation_->output);
  deduplicate->column_names = {"k"};
  EXPECT_EQ(Sorted(deduplicate, 1), (RowList{"a|1", "b|0", "null|4"}));
  EXPECT_EQ(Sorted(deduplicate, 2), (RowList{"a|1", "b|0", "null|4"}));
}

}  // namespace
}  // namespace sparkling::testing
