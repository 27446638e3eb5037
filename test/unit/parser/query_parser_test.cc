#include <gtest/gtest.h>

#include "compact_tree.h"
#include "parser/sql_parser.h"

namespace sparkling {
namespace {

std::string Plan(std::string_view sql) {
  Result<PlanPtr> plan = ParseStatement(sql);
  if (!plan.ok()) return "ERROR " + plan.status().message();
  return Compact(*plan);
}

TEST(QueryParserTest, SelectWithoutFrom) {
  EXPECT_EQ(Plan("SELECT 1"), "Project[1:int](OneRow)");
  EXPECT_EQ(Plan("select 1 as a, 2 b;"), "Project[1:int AS a, 2:int AS b](OneRow)");
  EXPECT_EQ(Plan("SELECT 1;;"), "Project[1:int](OneRow)");
}

TEST(QueryParserTest, SelectFromWhere) {
  EXPECT_EQ(Plan("SELECT a, t.* FROM db.t WHERE a > 1"),
            "Project[a, t.*](Filter[(a > 1:int)](Relation[db.t]))");
  EXPECT_EQ(Plan("SELECT * FROM `my db`.`t`"), "Project[*](Relation[my db.t])");
  EXPECT_EQ(Plan("SELECT x.a FROM t AS x"), "Project[x.a](Alias[x](Relation[t]))");
  EXPECT_EQ(Plan("SELECT x.a FROM t x"), "Project[x.a](Alias[x](Relation[t]))");
}

TEST(QueryParserTest, KeywordsAsAliasesOnlyAtTheEnd) {
  // Spark's default mode lets a clause keyword be an alias when nothing follows it.
  EXPECT_EQ(Plan("SELECT 1 FROM"), "Project[1:int AS FROM](OneRow)");
  EXPECT_EQ(Plan("SELECT a FROM t WHERE"), "Project[a](Alias[WHERE](Relation[t]))");
  EXPECT_EQ(Plan("SELECT 1 AS"), "Project[1:int AS AS](OneRow)");
  EXPECT_EQ(Plan("SELECT a year FROM t"), "Project[a AS year](Relation[t])");
}

TEST(QueryParserTest, SubqueriesInFrom) {
  EXPECT_EQ(Plan("SELECT * FROM (SELECT 1 AS a) t(b)"),
            "Project[*](Alias[t(b)](Project[1:int AS a](OneRow)))");
  EXPECT_EQ(Plan("SELECT * FROM (SELECT 1)"),
            "Project[*](Alias[__auto_generated_subquery_name](Project[1:int](OneRow)))");
  EXPECT_EQ(Plan("SELECT * FROM ((SELECT 1)) AS s"),
            "Project[*](Alias[s](Project[1:int](OneRow)))");
}

TEST(QueryParserTest, ParenthesesStartingWithASubquery) {
  EXPECT_EQ(Plan("SELECT ((SELECT 1) + 1)"),
            "Project[(scalar(Project[1:int](OneRow)) + 1:int)](OneRow)");
  EXPECT_EQ(Plan("SELECT ((SELECT 1))"), "Project[scalar(Project[1:int](OneRow))](OneRow)");
  EXPECT_EQ(Plan("SELECT * FROM ((SELECT 1) a JOIN b ON true)"),
            "Project[*](Join[Inner ON true:boolean](Alias[a](Project[1:int](OneRow)), "
            "Relation[b]))");
  EXPECT_EQ(Plan("SELECT * FROM ((SELECT 1) UNION (SELECT 2)) u"),
            "Project[*](Alias[u](Union(Project[1:int](OneRow), Project[2:int](OneRow))))");
  EXPECT_EQ(Plan("SELECT a IN ((SELECT 1) UNION (SELECT 2))"),
            "Project[(a) IN (Union(Project[1:int](OneRow), Project[2:int](OneRow)))](OneRow)");
  std::string deep = "SELECT ";
  deep.append(200, '(');
  deep += "(SELECT 1)";
  deep.append(200, ')');
  EXPECT_TRUE(ParseStatement(deep).ok());
}

TEST(QueryParserTest, ValuesAndTableFunctions) {
  EXPECT_EQ(Plan("VALUES (1, 'a'), (2, 'b')"), "Values[(1:int, 'a':string), (2:int, 'b':string)]");
  EXPECT_EQ(Plan("VALUES 1, 2"), "Values[(1:int), (2:int)]");
  EXPECT_EQ(Plan("SELECT * FROM VALUES (1, 2) AS t(a, b)"),
            "Project[*](Alias[t](Values[(1:int, 2:int) AS (a,b)]))");
  EXPECT_EQ(Plan("SELECT * FROM range(10)"), "Project[*](TableFunction[range(10:int)])");
  EXPECT_EQ(Plan("SELECT id FROM range(1, 10, 2) r(id)"),
            "Project[id](Alias[r(id)](TableFunction[range(1:int, 10:int, 2:int)]))");
  EXPECT_EQ(Plan("TABLE t"), "Relation[t]");
}

TEST(QueryParserTest, Joins) {
  EXPECT_EQ(Plan("SELECT * FROM a JOIN b ON a.x = b.x"),
            "Project[*](Join[Inner ON (a.x == b.x)](Relation[a], Relation[b]))");
  EXPECT_EQ(Plan("SELECT * FROM a LEFT OUTER JOIN b USING (x, y)"),
            "Project[*](Join[LeftOuter USING x,y](Relation[a], Relation[b]))");
  EXPECT_EQ(Plan("SELECT * FROM a RIGHT JOIN b ON true"),
            "Project[*](Join[RightOuter ON true:boolean](Relation[a], Relation[b]))");
  EXPECT_EQ(Plan("SELECT * FROM a FULL JOIN b ON true"),
            "Project[*](Join[FullOuter ON true:boolean](Relation[a], Relation[b]))");
  EXPECT_EQ(Plan("SELECT * FROM a LEFT SEMI JOIN b ON true"),
            "Project[*](Join[LeftSemi ON true:boolean](Relation[a], Relation[b]))");
  EXPECT_EQ(Plan("SELECT * FROM a ANTI JOIN b ON true"),
            "Project[*](Join[LeftAnti ON true:boolean](Relation[a], Relation[b]))");
  EXPECT_EQ(Plan("SELECT * FROM a CROSS JOIN b NATURAL JOIN c"),
            "Project[*](Join[NaturalInner](Join[Cross](Relation[a], Relation[b]), Relation[c]))");
  EXPECT_EQ(Plan("SELECT * FROM a x, b y"),
            "Project[*](Join[Inner](Alias[x](Relation[a]), Alias[y](Relation[b])))");
  EXPECT_EQ(Plan("SELECT * FROM a INNER JOIN b ON a.k = b.k LEFT JOIN c ON b.k = c.k"),
            "Project[*](Join[LeftOuter ON (b.k == c.k)](Join[Inner ON (a.k == b.k)](Relation[a], "
            "Relation[b]), Relation[c]))");
}

TEST(QueryParserTest, Aggregation) {
  EXPECT_EQ(Plan("SELECT a, count(*) FROM t GROUP BY a"), "Aggregate[a; a, count(*)](Relation[t])");
  EXPECT_EQ(Plan("SELECT a, sum(b) FROM t GROUP BY 1 HAVING sum(b) > 1"),
            "Having[(sum(b) > 1:int)](Aggregate[1:int; a, sum(b)](Relation[t]))");
  EXPECT_EQ(Plan("SELECT a, sum(b) FROM t GROUP BY ALL"), "Aggregate[ALL; a, sum(b)](Relation[t])");
  EXPECT_EQ(Plan("SELECT sum(b) FROM t HAVING sum(b) > 1"),
            "Having[(sum(b) > 1:int)](Aggregate[; sum(b)](Relation[t]))");
  EXPECT_EQ(Plan("SELECT DISTINCT a FROM t"), "Distinct(Project[a](Relation[t]))");
}

TEST(QueryParserTest, OrderLimitOffset) {
  EXPECT_EQ(Plan("SELECT a FROM t ORDER BY a, b DESC, c ASC NULLS LAST, d DESC NULLS FIRST"),
            "Sort[a ASC NULLS FIRST, b DESC NULLS LAST, c ASC NULLS LAST, d DESC NULLS FIRST]"
            "(Project[a](Relation[t]))");
  EXPECT_EQ(Plan("SELECT a FROM t LIMIT 10 OFFSET 5"),
            "Limit[10:int](Offset[5:int](Project[a](Relation[t])))");
  EXPECT_EQ(Plan("SELECT a FROM t OFFSET 5"), "Offset[5:int](Project[a](Relation[t]))");
  EXPECT_EQ(Plan("SELECT a FROM t LIMIT ALL"), "Project[a](Relation[t])");
  EXPECT_EQ(Plan("SELECT a FROM t SORT BY a"),
            "LocalSort[a ASC NULLS FIRST](Project[a](Relation[t]))");
}

TEST(QueryParserTest, SetOperations) {
  EXPECT_EQ(Plan("SELECT 1 UNION SELECT 2"),
            "Union(Project[1:int](OneRow), Project[2:int](OneRow))");
  EXPECT_EQ(Plan("SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3"),
            "Except(UnionAll(Project[1:int](OneRow), Project[2:int](OneRow)), "
            "Project[3:int](OneRow))");
  // INTERSECT binds tighter than UNION.
  EXPECT_EQ(Plan("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3"),
            "Union(Project[1:int](OneRow), Intersect(Project[2:int](OneRow), "
            "Project[3:int](OneRow)))");
  EXPECT_EQ(Plan("SELECT 1 MINUS SELECT 2"),
            "Except(Project[1:int](OneRow), Project[2:int](OneRow))");
  EXPECT_EQ(Plan("SELECT 1 EXCEPT ALL SELECT 2"),
            "ExceptAll(Project[1:int](OneRow), Project[2:int](OneRow))");
  EXPECT_EQ(Plan("(SELECT 1 UNION SELECT 2) INTERSECT DISTINCT SELECT 3"),
            "Intersect(Union(Project[1:int](OneRow), Project[2:int](OneRow)), "
            "Project[3:int](OneRow))");
  // ORDER BY and LIMIT apply to the whole set operation.
  EXPECT_EQ(Plan("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 3"),
            "Limit[3:int](Sort[1:int ASC NULLS FIRST](Union(Project[a](Relation[t]), "
            "Project[b](Relation[u]))))");
}

TEST(QueryParserTest, CommonTableExpressions) {
  EXPECT_EQ(Plan("WITH a AS (SELECT 1), b(x) AS (SELECT 2) SELECT * FROM a, b"),
            "With[a AS Project[1:int](OneRow), b(x) AS Project[2:int](OneRow)]"
            "(Project[*](Join[Inner](Relation[a], Relation[b])))");
  EXPECT_EQ(Plan("SELECT * FROM (WITH c AS (SELECT 1) SELECT * FROM c) s"),
            "Project[*](Alias[s](With[c AS Project[1:int](OneRow)](Project[*](Relation[c]))))");
}

TEST(QueryParserTest, UnsupportedQueryFeatures) {
  Result<PlanPtr> rollup = ParseStatement("SELECT a FROM t GROUP BY ROLLUP(a)");
  ASSERT_FALSE(rollup.ok());
  EXPECT_EQ(rollup.status().error().error_class, "UNSUPPORTED_FEATURE");
  Result<PlanPtr> window = ParseStatement("SELECT rank() OVER (ORDER BY a) FROM t");
  ASSERT_FALSE(window.ok());
  EXPECT_EQ(window.status().error().error_class, "UNSUPPORTED_FEATURE");
}

TEST(QueryParserTest, RelationOrigins) {
  Result<PlanPtr> plan = ParseStatement("SELECT * FROM  db.tbl");
  ASSERT_TRUE(plan.ok());
  const auto& relation = (*plan)->child()->As<UnresolvedRelation>();
  ASSERT_TRUE(relation.origin.has_value());
  EXPECT_EQ(relation.origin->fragment, "db.tbl");
  EXPECT_EQ(relation.origin->start_index, 15);
}

}  // namespace
}  // namespace sparkling
