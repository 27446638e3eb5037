#include "plan/logical_plan.h"

#include <arrow/scalar.h>
#include <gtest/gtest.h>

namespace sparkling {
namespace {

std::shared_ptr<Range> MakeRange(int64_t end, std::optional<int32_t> splits = std::nullopt) {
  auto range = std::make_shared<Range>();
  range->end = end;
  range->num_partitions = splits;
  range->analyzed = true;
  range->output = {Attribute{"id", DataType::Long(), false, NewExprId()}};
  return range;
}

TEST(LogicalPlanTest, TreeStringFollowsSparkExplain) {
  auto range = MakeRange(10, 2);
  auto project = std::make_shared<Project>();
  project->children = {range};
  project->expressions = {range->output[0].ToReference()};
  project->analyzed = true;
  std::string id = std::to_string(range->output[0].id);
  EXPECT_EQ(project->TreeString(),
            "Project [id#" + id + "L]\n+- Range (0, 10, step=1, splits=Some(2))");
}

TEST(LogicalPlanTest, BinaryNodesUseBranchMarkers) {
  auto join = std::make_shared<Join>();
  join->children = {MakeRange(3), MakeRange(4)};
  join->analyzed = true;
  auto project = std::make_shared<Project>();
  project->children = {join};
  project->analyzed = true;
  EXPECT_EQ(project->TreeString(),
            "Project []\n+- Join Inner\n   :- Range (0, 3, step=1)\n   +- Range (0, 4, step=1)");
}

TEST(LogicalPlanTest, NodeExpressionsRoundTrip) {
  auto aggregate = std::make_shared<Aggregate>();
  aggregate->groupings = {MakeUnresolvedAttribute({"a"})};
  aggregate->aggregates = {MakeUnresolvedAttribute({"b"}), MakeUnresolvedAttribute({"c"})};
  auto expressions = NodeExpressions(*aggregate);
  ASSERT_EQ(expressions.size(), 3u);
  std::swap(expressions[0], expressions[2]);
  auto rewritten = WithNodeExpressions(*aggregate, expressions);
  const auto& result = rewritten->As<Aggregate>();
  EXPECT_EQ(result.groupings[0]->ToSql(), "c");
  EXPECT_EQ(result.aggregates[1]->ToSql(), "a");
}

TEST(LogicalPlanTest, TransformUpReplacesNodes) {
  auto limit = std::make_shared<Limit>();
  limit->children = {MakeRange(3)};
  auto result = TransformUp(PlanPtr(limit), [](const PlanPtr& plan) -> Result<PlanPtr> {
    if (plan->kind == PlanKind::kRange) return PlanPtr(MakeRange(99));
    return plan;
  });
  ASSERT_TRUE(result.ok());
  EXPECT_EQ((*result)->child()->As<Range>().end, 99);
  EXPECT_EQ(limit->child()->As<Range>().end, 3);
}

}  // namespace
}  // namespace sparkling

namespace sparkling {
namespace {

TEST(LogicalPlanTest, LimitsPrintAsGlobalAndLocalLimit) {
  auto limit = std::make_shared<Limit>();
  limit->limit = MakeLiteral(std::make_shared<arrow::Int32Scalar>(5), DataType::Integer());
  limit->children = {MakeRange(3)};
  limit->analyzed = true;
  EXPECT_EQ(limit->TreeString(), "GlobalLimit 5\n+- LocalLimit 5\n   +- Range (0, 3, step=1)");
}

}  // namespace
}  // namespace sparkling
