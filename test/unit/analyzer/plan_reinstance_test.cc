#include "analyzer/plan_reinstance.h"

#include <set>

#include "analyzer_test_support.h"

namespace sparkling {
namespace {

class PlanReinstanceTest : public AnalyzerFixture {};

// Every ExprId referenced in `plan` (expressions and outputs).
void CollectIds(const PlanPtr& plan, std::set<ExprId>& ids) {
  for (const auto& attribute : plan->output) ids.insert(attribute.id);
  for (const auto& expr : NodeExpressions(*plan)) {
    ForEachNode(expr, [&](const Expression& node) {
      if (node.kind == ExprKind::kAttributeReference) ids.insert(node.As<AttributeReference>().id);
      if (node.kind == ExprKind::kAlias) ids.insert(node.As<Alias>().id);
    });
  }
  for (const auto& child : plan->children) CollectIds(child, ids);
}

TEST_F(PlanReinstanceTest, EveryDefinedIdIsReplacedConsistently) {
  PlanPtr plan = AnalyzeOk(
      "SELECT a + 1 AS x, b FROM (SELECT id AS a, id AS b FROM range(3)) "
      "WHERE a > 0 ORDER BY x");
  ASSERT_NE(plan, nullptr);
  auto copy = ReinstancePlan(plan);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  std::set<ExprId> before;
  std::set<ExprId> after;
  CollectIds(plan, before);
  CollectIds(*copy, after);
  for (ExprId id : after) EXPECT_EQ(before.count(id), 0u) << id;
  EXPECT_EQ((*copy)->TreeString().size() > 0, true);
  EXPECT_EQ(ColumnNames(*copy), ColumnNames(plan));
}

}  // namespace
}  // namespace sparkling
