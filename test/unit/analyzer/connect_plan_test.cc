// Plans as the Connect translator builds them: plan ids, DataFrame conveniences.
#include "analyzer_test_support.h"

namespace sparkling {
namespace {

class ConnectPlanTest : public AnalyzerFixture {
 protected:
  // spark.sql(sql) with a Connect plan id.
  PlanPtr Sql(const std::string& sql, int64_t plan_id) {
    auto parsed = ParseStatement(sql);
    EXPECT_TRUE(parsed.ok());
    auto copy = (*parsed)->Copy();
    copy->plan_id = plan_id;
    return copy;
  }

  static ExprPtr Column(const std::string& name, std::optional<int64_t> plan_id = std::nullopt) {
    auto attribute = std::make_shared<UnresolvedAttribute>();
    attribute->name_parts = {name};
    attribute->plan_id = plan_id;
    return attribute;
  }

  Result<PlanPtr> Run(const PlanPtr& plan) { return Analyze(plan, context_); }
};

TEST_F(ConnectPlanTest, PlanIdColumnsPickTheirSideOfAJoin) {
  auto join = std::make_shared<Join>();
  join->children = {Sql("SELECT 1 AS id, 'l' AS v", 1), Sql("SELECT 1 AS id, 'r' AS v", 2)};
  join->condition = MakeUnresolvedFunction("==", {Column("id", 1), Column("id", 2)});
  auto project = std::make_shared<Project>();
  project->children = {join};
  project->expressions = {Column("v", 2), Column("v", 1)};
  auto result = Run(project);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const auto& join_output = (*result)->child()->output;
  EXPECT_EQ((*result)->output[0].id, join_output[3].id);
  EXPECT_EQ((*result)->output[1].id, join_output[1].id);

  project->expressions = {Column("v")};
  auto ambiguous = Run(project);
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_EQ(ambiguous.status().error().error_class, "AMBIGUOUS_REFERENCE");
}

TEST_F(ConnectPlanTest, DroppedColumnOfTheDataFrameCannotBeSelected) {
  // df.select("b").select(df.a): a is not in the input any more.
  auto inner = std::make_shared<Project>();
  inner->children = {Sql("SELECT 1 AS a, 2 AS b", 1)};
  inner->expressions = {Column("b")};
  auto outer = std::make_shared<Project>();
  outer->children = {inner};
  outer->expressions = {Column("a", 1)};
  auto result = Run(outer);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().error().error_class, "CANNOT_RESOLVE_DATAFRAME_COLUMN");
}

TEST_F(ConnectPlanTest, WithColumnsReplacesInPlaceAndAppends) {
  auto with_columns = std::make_shared<WithColumns>();
  with_columns->plan_id = 5;
  with_columns->children = {Sql("SELECT 1 AS id, 2 AS b", 1)};
  with_columns->aliases = {MakeAlias(MakeUnresolvedFunction("+", {Column("id"), Column("b")}), "x"),
                           MakeAlias(Column("b"), "ID")};
  auto result = Run(with_columns);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(ColumnNames(*result), (std::vector<std::string>{"ID", "b", "x"}));
  EXPECT_EQ((*result)->plan_id, std::optional<int64_t>(5));  // the lowered node keeps the id
}

TEST_F(ConnectPlanTest, RenamesDropsAndToDF) {
  auto renamed = std::make_shared<WithColumnsRenamed>();
  renamed->children = {Sql("SELECT 1 AS a, 2 AS b", 1)};
  renamed->renames = {{"a", "x"}, {"A", "y"}, {"nope", "z"}};
  auto result = Run(renamed);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(ColumnNames(*result), (std::vector<std::string>{"x", "b"}));

  auto drop = std::make_shared<Drop>();
  drop->children = {Sql("SELECT 1 AS a, 2 AS b, 3 AS c", 1)};
  drop->column_names = {"A", "zz"};
  drop->columns = {Column("c", 1), Column("nope")};
  result = Run(drop);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(ColumnNames(*result), (std::vector<std::string>{"b"}));

  auto to_df = std::make_shared<ToDF>();
  to_df->children = {Sql("SELECT 1 AS a, 2 AS b", 1)};
  to_df->column_names = {"x", "y"};
  result = Run(to_df);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(ColumnNames(*result), (std::vector<std::string>{"x", "y"}));
  to_df->column_names = {"x"};
  result = Run(to_df);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().error().error_class, "ASSIGNMENT_ARITY_MISMATCH");
}

TEST_F(ConnectPlanTest, DeduplicateChecksItsKeys) {
  auto deduplicate = std::make_shared<Deduplicate>();
  deduplicate->children = {Sql("SELECT 1 AS a, 2 AS b", 1)};
  deduplicate->column_names = {"A"};
  auto result = Run(deduplicate);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(ColumnNames(*result), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*result)->As<Deduplicate>().column_names, (std::vector<std::string>{"a"}));
  deduplicate->column_names = {"x"};
  result = Run(deduplicate);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().error().message, "Cannot resolve column name \"x\" among (a, b).");
}

TEST_F(ConnectPlanTest, UnionByNameFillsMissingColumns) {
  auto set_operation = std::make_shared<SetOperation>();
  set_operation->by_name = true;
  set_operation->allow_missing_columns = true;
  set_operation->is_all = true;
  set_operation->children = {Sql("SELECT 1 AS a, 2 AS b", 1), Sql("SELECT 3 AS c, 4 AS a", 2)};
  auto result = Run(set_operation);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(ColumnNames(*result), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE((*result)->output[2].nullable);
}

}  // namespace
}  // namespace sparkling
