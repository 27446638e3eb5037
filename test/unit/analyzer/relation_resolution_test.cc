#include <arrow/scalar.h>

#include "analyzer_test_support.h"

namespace sparkling {
namespace {

class RelationResolutionTest : public AnalyzerFixture {
 protected:
  void SetUp() override { CreateView("v", "SELECT 1 AS a, 2 AS b"); }
};

TEST_F(RelationResolutionTest, RangeHasANonNullBigintId) {
  PlanPtr plan = AnalyzeOk("SELECT * FROM range(2, 10, 3)");
  ASSERT_EQ(plan->output.size(), 1u);
  EXPECT_EQ(plan->output[0].name, "id");
  EXPECT_EQ(plan->output[0].type->id(), TypeId::kLong);
  EXPECT_FALSE(plan->output[0].nullable);
  const auto& range = plan->child()->As<Range>();
  EXPECT_EQ(range.start, 2);
  EXPECT_EQ(range.end, 10);
  EXPECT_EQ(range.step, 3);
  EXPECT_EQ(plan->child()->NodeString(), "Range (2, 10, step=3)");
}

TEST_F(RelationResolutionTest, InlineTablesWidenTypesAcrossRows) {
  PlanPtr plan = AnalyzeOk("SELECT * FROM VALUES (1, 2L), (3, NULL) AS t(x, y)");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(plan->output[1].type->id(), TypeId::kLong);
  EXPECT_TRUE(plan->output[1].nullable);
  PlanPtr unnamed = AnalyzeOk("SELECT * FROM VALUES (1, 'a')");
  EXPECT_EQ(ColumnNames(unnamed), (std::vector<std::string>{"col1", "col2"}));
  EXPECT_EQ(ErrorOf("SELECT * FROM VALUES (1), (1, 2)").error_class,
            "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH");
}

TEST_F(RelationResolutionTest, UsingJoinsFollowSparksOutputOrder) {
  PlanPtr plan = AnalyzeOk(
      "SELECT * FROM (SELECT 1 AS a, 2 AS b) x FULL OUTER JOIN (SELECT 1 AS a, 3 AS c) y "
      "USING (a)");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(plan->output[1].nullable);
  PlanPtr natural = AnalyzeOk("SELECT * FROM v NATURAL JOIN (SELECT 1 AS a, 3 AS c)");
  EXPECT_EQ(ColumnNames(natural), (std::vector<std::string>{"a", "b", "c"}));
  PlanPtr semi = AnalyzeOk("SELECT * FROM v LEFT SEMI JOIN (SELECT 1 AS a) w ON v.a = w.a");
  EXPECT_EQ(ColumnNames(semi), (std::vector<std::string>{"a", "b"}));
  PlanPtr left = AnalyzeOk("SELECT * FROM v LEFT JOIN (SELECT 1 AS k) w ON v.a = w.k");
  EXPECT_TRUE(left->output[2].nullable);
  SparkError error = ErrorOf("SELECT * FROM v JOIN v w USING (z)");
  EXPECT_EQ(error.error_class, "UNRESOLVED_USING_COLUMN_FOR_JOIN");
}

TEST_F(RelationResolutionTest, SetOperationsWidenColumnTypes) {
  PlanPtr plan = AnalyzeOk("SELECT 1 AS x UNION ALL SELECT 2L");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"x"}));
  EXPECT_EQ(plan->output[0].type->id(), TypeId::kLong);
  SparkError error = ErrorOf("SELECT 1 UNION SELECT 1, 2");
  EXPECT_EQ(error.error_class, "NUM_COLUMNS_MISMATCH");
  EXPECT_EQ(Parameter(error, "operator"), "UNION");
  EXPECT_EQ(Parameter(error, "invalidNumColumns"), "2");
}

TEST_F(RelationResolutionTest, LimitsMustBeNonNegativeConstants) {
  PlanPtr plan = AnalyzeOk("SELECT * FROM v LIMIT 1 + 1");
  ASSERT_EQ(plan->kind, PlanKind::kLimit);
  EXPECT_EQ(plan->As<Limit>().limit->kind, ExprKind::kLiteral);
  SparkError error = ErrorOf("SELECT * FROM v LIMIT -1");
  EXPECT_EQ(error.error_class, "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE");
  EXPECT_EQ(Parameter(error, "v"), "-1");
}

TEST_F(RelationResolutionTest, CtesResolveAndEachReferenceIsItsOwnInstance) {
  PlanPtr plan = AnalyzeOk("WITH c AS (SELECT 1 AS x) SELECT c.x, d.x FROM c JOIN c d");
  ASSERT_EQ(plan->output.size(), 2u);
  EXPECT_NE(plan->output[0].id, plan->output[1].id);
  plan = AnalyzeOk("WITH c(y) AS (SELECT 1) SELECT y FROM c");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"y"}));
}

TEST_F(RelationResolutionTest, ParametersAreBound) {
  context_.named_parameters["p"] =
      MakeLiteral(std::make_shared<arrow::Int32Scalar>(5), DataType::Integer());
  PlanPtr plan = AnalyzeOk("SELECT :p AS x");
  EXPECT_EQ(plan->output[0].type->id(), TypeId::kInteger);
  SparkError error = ErrorOf("SELECT :q");
  EXPECT_EQ(error.error_class, "UNBOUND_SQL_PARAMETER");
  EXPECT_EQ(Parameter(error, "name"), "q");
}

TEST_F(RelationResolutionTest, CorrelatedSubqueriesUseOuterReferences) {
  PlanPtr plan = AnalyzeOk("SELECT * FROM v WHERE EXISTS (SELECT 1 FROM v w WHERE w.b = v.b)");
  ASSERT_EQ(plan->kind, PlanKind::kProject);
  const auto& filter = plan->child()->As<Filter>();
  EXPECT_EQ(filter.condition->kind, ExprKind::kExists);
  std::string tree = plan->TreeString();
  EXPECT_NE(tree.find("outer(b#"), std::string::npos) << tree;
  PlanPtr scalar = AnalyzeOk("SELECT (SELECT max(a) FROM v) AS m");
  EXPECT_EQ(scalar->output[0].type->id(), TypeId::kInteger);
}

TEST_F(RelationResolutionTest, GeneratedNamesFollowSpark) {
  PlanPtr plan =
      AnalyzeOk("SELECT a, a + 1, 'x', 1L, CAST(a AS STRING), CAST(a + 1 AS INT) FROM v");
  EXPECT_EQ(ColumnNames(plan),
            (std::vector<std::string>{"a", "(a + 1)", "x", "1", "a", "CAST((a + 1) AS INT)"}));
}

}  // namespace
}  // namespace sparkling

namespace sparkling {
namespace {

TEST_F(RelationResolutionTest, LateralColumnAliasesReadEarlierItems) {
  PlanPtr plan = AnalyzeOk("SELECT 1 AS x, x + 1, a AS y, y * 2 AS z FROM v");
  EXPECT_EQ(ColumnNames(plan),
            (std::vector<std::string>{"x", "(lateralAliasReference(x) + 1)", "y", "z"}));
  ASSERT_EQ(plan->kind, PlanKind::kProject);
  EXPECT_EQ(plan->child()->kind, PlanKind::kProject);
  // An input column of the same name wins over a lateral alias.
  plan = AnalyzeOk("SELECT 5 AS a, a + 1 FROM v");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"a", "(a + 1)"}));
}

TEST_F(RelationResolutionTest, TimestampLiteralsUseTheSessionTimeZone) {
  context_.session_time_zone = "America/Los_Angeles";
  PlanPtr plan = AnalyzeOk("SELECT TIMESTAMP '2020-01-01 00:00:00'");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"TIMESTAMP '2020-01-01 00:00:00'"}));
  const auto& alias = plan->As<Project>().expressions[0];
  EXPECT_EQ(alias->children[0]->kind, ExprKind::kLiteral);
}

}  // namespace
}  // namespace sparkling

namespace sparkling {
namespace {

TEST_F(RelationResolutionTest, BothSidesOfAUsingJoinStayReachable) {
  PlanPtr plan = AnalyzeOk(
      "SELECT x.a, y.a, a FROM v x JOIN (SELECT 1 AS a, 5 AS c) y USING (a) WHERE y.c > 0");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"a", "a", "a"}));
  EXPECT_NE(plan->output[0].id, plan->output[1].id);
  EXPECT_EQ(plan->output[0].id, plan->output[2].id);
}

}  // namespace
}  // namespace sparkling
