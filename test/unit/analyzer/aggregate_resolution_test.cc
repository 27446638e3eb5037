#include "analyzer_test_support.h"

namespace sparkling {
namespace {

class AggregateResolutionTest : public AnalyzerFixture {
 protected:
  void SetUp() override { CreateView("v", "SELECT 1 AS a, 2 AS b"); }
};

const Aggregate* FindAggregate(const PlanPtr& plan) {
  if (plan->kind == PlanKind::kAggregate) return &plan->As<Aggregate>();
  for (const auto& child : plan->children) {
    if (const Aggregate* found = FindAggregate(child)) return found;
  }
  return nullptr;
}

TEST_F(AggregateResolutionTest, GroupByNamesColumnsLikeSpark) {
  PlanPtr plan = AnalyzeOk("SELECT a, count(*), sum(b) FROM v GROUP BY a");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"a", "count(1)", "sum(b)"}));
  EXPECT_EQ(plan->kind, PlanKind::kAggregate);
}

TEST_F(AggregateResolutionTest, GroupByOrdinalAliasAndAll) {
  PlanPtr ordinal_plan = AnalyzeOk("SELECT b + 1, count(*) FROM v GROUP BY 1");
  const Aggregate* by_ordinal = FindAggregate(ordinal_plan);
  ASSERT_NE(by_ordinal, nullptr);
  ASSERT_EQ(by_ordinal->groupings.size(), 1u);
  EXPECT_EQ(by_ordinal->groupings[0]->ToSql(), "(b + 1)");

  PlanPtr alias_plan = AnalyzeOk("SELECT a AS k, count(*) FROM v GROUP BY k");
  const Aggregate* by_alias = FindAggregate(alias_plan);
  ASSERT_NE(by_alias, nullptr);
  EXPECT_EQ(by_alias->groupings[0]->ToSql(), "a");

  PlanPtr all_plan = AnalyzeOk("SELECT a, b, count(*) FROM v GROUP BY ALL");
  const Aggregate* all = FindAggregate(all_plan);
  ASSERT_NE(all, nullptr);
  EXPECT_EQ(all->groupings.size(), 2u);

  SparkError error = ErrorOf("SELECT a FROM v GROUP BY 2");
  EXPECT_EQ(error.error_class, "GROUP_BY_POS_OUT_OF_RANGE");
}

TEST_F(AggregateResolutionTest, NonGroupedColumnsAreRejected) {
  SparkError error = ErrorOf("SELECT a, b FROM v GROUP BY a");
  EXPECT_EQ(error.error_class, "MISSING_AGGREGATION");
  EXPECT_EQ(Parameter(error, "expression"), "\"b\"");
  EXPECT_EQ(Parameter(error, "expressionAnyValue"), "\"any_value(b)\"");
  EXPECT_EQ(ErrorOf("SELECT b, sum(a) FROM v").error_class, "MISSING_GROUP_BY");
}

TEST_F(AggregateResolutionTest, AggregatesInSelectMakeAGlobalAggregate) {
  PlanPtr plan = AnalyzeOk("SELECT sum(a) + 1, count(*) FROM v");
  const Aggregate* aggregate = FindAggregate(plan);
  ASSERT_NE(aggregate, nullptr);
  EXPECT_TRUE(aggregate->groupings.empty());
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"(sum(a) + 1)", "count(1)"}));
}

TEST_F(AggregateResolutionTest, HavingUsesAliasesAndHiddenAggregates) {
  PlanPtr plan =
      AnalyzeOk("SELECT a AS k, count(*) FROM v GROUP BY k HAVING count(*) > 0 AND k > 0");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"k", "count(1)"}));
  EXPECT_EQ(plan->kind, PlanKind::kFilter);

  plan = AnalyzeOk("SELECT a FROM v GROUP BY a HAVING max(b) > 1");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"a"}));
  EXPECT_EQ(plan->kind, PlanKind::kProject);  // the hidden max(b) is projected away
  const Aggregate* aggregate = FindAggregate(plan);
  ASSERT_NE(aggregate, nullptr);
  EXPECT_EQ(aggregate->aggregates.size(), 2u);
}

TEST_F(AggregateResolutionTest, OrderByAggregatesOrdinalsAndHiddenColumns) {
  PlanPtr plan = AnalyzeOk("SELECT max(a) m FROM v ORDER BY max(b)");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"m"}));
  EXPECT_EQ(plan->kind, PlanKind::kProject);
  EXPECT_EQ(plan->child()->kind, PlanKind::kSort);

  plan = AnalyzeOk("SELECT a FROM v ORDER BY b");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"a"}));
  EXPECT_EQ(plan->child()->kind, PlanKind::kSort);
  EXPECT_EQ(plan->child()->output.size(), 2u);

  plan = AnalyzeOk("SELECT a, b FROM v ORDER BY 2 DESC");
  ASSERT_EQ(plan->kind, PlanKind::kSort);
  EXPECT_EQ(plan->As<Sort>().orders[0]->ToSql(), "b DESC NULLS LAST");
  EXPECT_EQ(ErrorOf("SELECT a FROM v ORDER BY 3").error_class, "ORDER_BY_POS_OUT_OF_RANGE");

  plan = AnalyzeOk("SELECT a + 1 FROM v GROUP BY a + 1 ORDER BY a + 1");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"(a + 1)"}));
}

}  // namespace
}  // namespace sparkling
