#include "optimizer/optimizer.h"

#include <gtest/gtest.h>

#include <functional>

#include "analyzer/analyzer.h"
#include "catalog/catalog_store.h"
#include "catalog/session_catalog.h"
#include "parser/sql_parser.h"

namespace sparkling {
namespace {

class OptimizerTest : public ::testing::Test {
 protected:
  OptimizerTest() : catalog_(std::make_shared<SessionCatalog>(std::make_shared<CatalogStore>())) {
    context_.catalog = catalog_.get();
  }
  void SetUp() override {
    PlanPtr view = Analyzed("SELECT id AS a, id % 2 AS b FROM range(4)");
    ASSERT_NE(view, nullptr);
    ASSERT_TRUE(catalog_->CreateTempView(TempView{"v", view, ""}, true).ok());
  }

  PlanPtr Analyzed(const std::string& sql) {
    auto parsed = ParseStatement(sql);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    if (!parsed.ok()) return nullptr;
    auto analyzed = Analyze(*parsed, context_);
    EXPECT_TRUE(analyzed.ok()) << analyzed.status().ToString();
    return analyzed.ok() ? *analyzed : nullptr;
  }

  PlanPtr Optimized(const std::string& sql, const OptimizerOptions& options = {}) {
    PlanPtr analyzed = Analyzed(sql);
    if (analyzed == nullptr) return nullptr;
    auto optimized = Optimize(analyzed, options);
    EXPECT_TRUE(optimized.ok()) << optimized.status().ToString();
    if (!optimized.ok()) return nullptr;
    ExpectContract(*optimized);
    EXPECT_EQ((*optimized)->output.size(), analyzed->output.size());
    return *optimized;
  }

  // The node kinds optimizer.h promises the executor.
  static void ExpectContract(const PlanPtr& plan) {
    switch (plan->kind) {
      case PlanKind::kUnresolvedRelation:
      case PlanKind::kUnresolvedTableFunction:
      case PlanKind::kInlineTable:
      case PlanKind::kSubqueryAlias:
      case PlanKind::kWithCte:
      case PlanKind::kToDF:
      case PlanKind::kWithColumns:
      case PlanKind::kWithColumnsRenamed:
      case PlanKind::kDrop:
        ADD_FAILURE() << "unexpected node " << plan->NodeString();
        break;
      default:
        break;
    }
    EXPECT_TRUE(plan->analyzed) << plan->NodeString();
    for (const auto& expr : NodeExpressions(*plan)) {
      ForEachNode(expr, [&](const Expression& node) {
        EXPECT_NE(node.kind, ExprKind::kOuterReference) << plan->NodeString();
        if (node.kind == ExprKind::kScalarSubquery) ExpectContract(node.As<ScalarSubquery>().plan);
      });
    }
    for (const auto& child : plan->children) ExpectContract(child);
  }

  static const LogicalPlan* Find(const PlanPtr& plan, PlanKind kind) {
    if (plan->kind == kind) return plan.get();
    for (const auto& child : plan->children) {
      if (const LogicalPlan* found = Find(child, kind)) return found;
    }
    return nullptr;
  }

  std::shared_ptr<SessionCatalog> catalog_;
  AnalyzerContext context_;
};

TEST_F(OptimizerTest, CtesAndAliasesDisappear) {
  PlanPtr plan = Optimized("WITH c AS (SELECT a FROM v) SELECT x.a FROM c x JOIN c y ON x.a = y.a");
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(Find(plan, PlanKind::kWithCte), nullptr);
  EXPECT_EQ(Find(plan, PlanKind::kSubqueryAlias), nullptr);
}

TEST_F(OptimizerTest, CorrelatedExistsBecomesASemiJoin) {
  PlanPtr plan = Optimized("SELECT * FROM v WHERE EXISTS (SELECT 1 FROM v w WHERE w.b = v.a)");
  ASSERT_NE(plan, nullptr);
  const LogicalPlan* join = Find(plan, PlanKind::kJoin);
  ASSERT_NE(join, nullptr) << plan->TreeString();
  EXPECT_EQ(join->As<Join>().join_type, JoinType::kLeftSemi);
  ASSERT_TRUE(join->As<Join>().condition.has_value());
  EXPECT_EQ((*join->As<Join>().condition)->ToSql(), "(b = a)");
  EXPECT_EQ(join->output.size(), 2u);

  plan = Optimized("SELECT * FROM v WHERE NOT EXISTS (SELECT 1 FROM v w WHERE w.b = v.a)");
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(Find(plan, PlanKind::kJoin)->As<Join>().join_type, JoinType::kLeftAnti);
}

TEST_F(OptimizerTest, NotInIsANullAwareAntiJoin) {
  PlanPtr plan = Optimized("SELECT * FROM v WHERE a NOT IN (SELECT b FROM v) AND a > 0");
  ASSERT_NE(plan, nullptr);
  const LogicalPlan* join = Find(plan, PlanKind::kJoin);
  ASSERT_NE(join, nullptr);
  EXPECT_EQ(join->As<Join>().join_type, JoinType::kLeftAnti);
  std::string condition = (*join->As<Join>().condition)->ToSql();
  EXPECT_EQ(condition, "((a = b) OR ((a = b) IS NULL))");
  EXPECT_EQ(plan->kind, PlanKind::kProject);
  EXPECT_NE(Find(plan, PlanKind::kFilter), nullptr);  // a > 0 stays a filter
}

TEST_F(OptimizerTest, CorrelatedCountSubqueryJoinsAndDefaultsToZero) {
  PlanPtr plan = Optimized("SELECT a, (SELECT count(*) FROM v w WHERE w.b = v.a) AS n FROM v");
  ASSERT_NE(plan, nullptr);
  const LogicalPlan* join = Find(plan, PlanKind::kJoin);
  ASSERT_NE(join, nullptr) << plan->TreeString();
  EXPECT_EQ(join->As<Join>().join_type, JoinType::kLeftOuter);
  const auto& project = plan->As<Project>();
  std::string value = project.expressions[1]->ToExplainString();
  EXPECT_NE(value.find("alwaysTrue"), std::string::npos) << value;
  EXPECT_EQ(plan->output[1].name, "n");
}

TEST_F(OptimizerTest, UncorrelatedScalarSubqueriesStay) {
  PlanPtr plan = Optimized("SELECT a FROM v WHERE a > (SELECT avg(a) FROM v)");
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(Find(plan, PlanKind::kJoin), nullptr);
  EXPECT_NE(plan->TreeString().find("scalar-subquery"), std::string::npos);
}

TEST_F(OptimizerTest, ConstantFoldingCanBeExcluded) {
  PlanPtr folded = Optimized("SELECT 1 + 2 AS x");
  ASSERT_NE(folded, nullptr);
  EXPECT_EQ(folded->As<Project>().expressions[0]->children[0]->kind, ExprKind::kLiteral);
  OptimizerOptions options;
  options.excluded_rules =
      ParseExcludedRules("org.apache.spark.sql.catalyst.optimizer.ConstantFolding, InlineCTE");
  PlanPtr kept = Optimized("WITH c AS (SELECT 1 + 2 AS x) SELECT x FROM c", options);
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(Find(kept, PlanKind::kWithCte), nullptr);  // InlineCTE is not excludable
  const LogicalPlan* project = Find(kept, PlanKind::kProject);
  bool has_call = false;
  std::function<void(const LogicalPlan&)> visit = [&](const LogicalPlan& node) {
    for (const auto& expr : NodeExpressions(node)) {
      ForEachNode(expr, [&](const Expression& e) {
        if (e.kind == ExprKind::kScalarFunction) has_call = true;
      });
    }
    for (const auto& child : node.children) visit(*child);
  };
  visit(*project);
  EXPECT_TRUE(has_call);
}

TEST(ExcludedRulesTest, ParsesCommaSeparatedNames) {
  EXPECT_EQ(ParseExcludedRules(" a, b ,,c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(ParseExcludedRules("").empty());
}

}  // namespace
}  // namespace sparkling

namespace sparkling {
namespace {

TEST_F(OptimizerTest, CorrelatedSubqueryInAnAggregateGroupsByItsValue) {
  PlanPtr plan =
      Optimized("SELECT b, (SELECT max(w.a) FROM v w WHERE w.b = v.b) AS m FROM v GROUP BY b");
  ASSERT_NE(plan, nullptr);
  ASSERT_EQ(plan->kind, PlanKind::kAggregate);
  EXPECT_EQ(plan->As<Aggregate>().groupings.size(), 2u);
  EXPECT_EQ(plan->child()->kind, PlanKind::kJoin);
}

TEST_F(OptimizerTest, UnsupportedCorrelationIsReported) {
  PlanPtr analyzed =
      Analyzed("SELECT * FROM v WHERE EXISTS (SELECT 1 FROM v w WHERE w.b = v.a LIMIT 1)");
  ASSERT_NE(analyzed, nullptr);
  auto optimized = Optimize(analyzed);
  ASSERT_FALSE(optimized.ok());
  EXPECT_EQ(optimized.status().error().error_class, "UNSUPPORTED_FEATURE");
}

}  // namespace
}  // namespace sparkling

namespace sparkling {
namespace {

TEST_F(OptimizerTest, NonEqualityCorrelationJoinsOverTheDomain) {
  PlanPtr plan = Optimized("SELECT a, (SELECT count(*) FROM v w WHERE w.a < v.a) AS n FROM v");
  ASSERT_NE(plan, nullptr);
  const LogicalPlan* join = Find(plan, PlanKind::kJoin);
  ASSERT_NE(join, nullptr);
  EXPECT_EQ(join->As<Join>().join_type, JoinType::kLeftOuter);
  EXPECT_NE(plan->TreeString().find("Distinct"), std::string::npos) << plan->TreeString();
}

}  // namespace
}  // namespace sparkling
