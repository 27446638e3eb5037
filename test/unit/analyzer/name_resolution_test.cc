#include "analyzer/attribute_lookup.h"
#include "analyzer_test_support.h"

namespace sparkling {
namespace {

class NameResolutionTest : public AnalyzerFixture {
 protected:
  void SetUp() override { CreateView("v", "SELECT 1 AS a, 2 AS b"); }
};

TEST_F(NameResolutionTest, ColumnsResolveCaseInsensitivelyWithQualifiers) {
  PlanPtr plan = AnalyzeOk("SELECT A, v.b, `a` FROM v");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"a", "b", "a"}));
  plan = AnalyzeOk("SELECT x.* FROM v x");
  EXPECT_EQ(ColumnNames(plan), (std::vector<std::string>{"a", "b"}));
}

TEST_F(NameResolutionTest, UnresolvedColumnProposesSimilarNames) {
  SparkError error = ErrorOf("SELECT c FROM v");
  EXPECT_EQ(error.error_class, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
  EXPECT_EQ(Parameter(error, "objectName"), "`c`");
  EXPECT_EQ(Parameter(error, "proposal"), "`a`, `b`");
  EXPECT_EQ(Parameter(ErrorOf("SELECT abx FROM v"), "proposal"), "`b`, `a`");
  error = ErrorOf("SELECT v.c FROM v");
  EXPECT_EQ(Parameter(error, "objectName"), "`v`.`c`");
  EXPECT_EQ(Parameter(error, "proposal"), "`v`.`a`, `v`.`b`");
}

TEST_F(NameResolutionTest, ProposalIsLimitedToFiveNames) {
  SparkError error = ErrorOf("SELECT zz FROM (SELECT 1 a1, 2 a2, 3 a3, 4 a4, 5 a5, 6 a6, 7 a7)");
  EXPECT_EQ(Parameter(error, "proposal"), "`a1`, `a2`, `a3`, `a4`, `a5`");
}

TEST_F(NameResolutionTest, AmbiguousReferenceListsQualifiedCandidates) {
  SparkError error = ErrorOf("SELECT a FROM v x JOIN v y");
  EXPECT_EQ(error.error_class, "AMBIGUOUS_REFERENCE");
  EXPECT_EQ(Parameter(error, "name"), "`a`");
  EXPECT_EQ(Parameter(error, "referenceNames"), "[`x`.`a`, `y`.`a`]");
}

TEST_F(NameResolutionTest, SelfJoinOfAViewGetsDistinctIds) {
  PlanPtr plan = AnalyzeOk("SELECT x.a, y.a FROM v x JOIN v y ON x.a = y.a");
  ASSERT_EQ(plan->output.size(), 2u);
  EXPECT_NE(plan->output[0].id, plan->output[1].id);
}

TEST_F(NameResolutionTest, MissingRelationIsReportedWithItsQuotedName) {
  SparkError error = ErrorOf("SELECT * FROM db.nope");
  EXPECT_EQ(error.error_class, "TABLE_OR_VIEW_NOT_FOUND");
  EXPECT_EQ(Parameter(error, "relationName"), "`db`.`nope`");
  EXPECT_TRUE(error.context.has_value());
}

TEST_F(NameResolutionTest, StarOverAnUnknownQualifierFails) {
  SparkError error = ErrorOf("SELECT y.* FROM v x");
  EXPECT_EQ(error.error_class, "CANNOT_RESOLVE_STAR_EXPAND");
  EXPECT_EQ(Parameter(error, "targetString"), "`y`");
  EXPECT_EQ(Parameter(error, "columns"), "`a`, `b`");
}

TEST(EditDistanceTest, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("`b`", "abx"), 2u);
}

}  // namespace
}  // namespace sparkling
