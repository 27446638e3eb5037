#include <gtest/gtest.h>

#include "compact_tree.h"
#include "parser/sql_parser.h"

namespace sparkling {
namespace {

std::string Expr(std::string_view text) {
  Result<ExprPtr> expr = ParseExpression(text);
  if (!expr.ok()) return "ERROR " + expr.status().message();
  return Compact(*expr);
}

TEST(ExpressionParserTest, ArithmeticPrecedence) {
  EXPECT_EQ(Expr("1 + 2 * 3"), "(1:int + (2:int * 3:int))");
  EXPECT_EQ(Expr("1 - 2 - 3"), "((1:int - 2:int) - 3:int)");
  EXPECT_EQ(Expr("a / b % c div d"), "(((a / b) % c) div d)");
  EXPECT_EQ(Expr("a || b + c"), "(concat(a, b) + c)");  // same level, left to right
  EXPECT_EQ(Expr("(1 + 2) * 3"), "((1:int + 2:int) * 3:int)");
  EXPECT_EQ(Expr("1 & 2 | 3 ^ 4"), "((1:int & 2:int) | (3:int ^ 4:int))");
  EXPECT_EQ(Expr("a << 2 >> 1"), "shiftright(shiftleft(a, 2:int), 1:int)");
  EXPECT_EQ(Expr("a >>> 1"), "shiftrightunsigned(a, 1:int)");
  EXPECT_EQ(Expr("a + 1 > b * 2"), "((a + 1:int) > (b * 2:int))");
}

TEST(ExpressionParserTest, UnaryOperators) {
  EXPECT_EQ(Expr("-1"), "-1:int");
  EXPECT_EQ(Expr("- 1.5"), "-1.5:decimal(2,1)");
  EXPECT_EQ(Expr("-2147483648"), "-2147483648:int");
  EXPECT_EQ(Expr("-(1)"), "-(1:int)");
  EXPECT_EQ(Expr("-a * b"), "(-(a) * b)");
  EXPECT_EQ(Expr("+a"), "+(a)");
  EXPECT_EQ(Expr("~a"), "~(a)");
}

TEST(ExpressionParserTest, BooleanLogic) {
  EXPECT_EQ(Expr("a OR b AND c"), "(a or (b and c))");
  EXPECT_EQ(Expr("NOT a = 1 AND b"), "(not((a == 1:int)) and b)");
  EXPECT_EQ(Expr("!a"), "not(a)");
  EXPECT_EQ(Expr("a = 1"), "(a == 1:int)");
  EXPECT_EQ(Expr("a == 1"), "(a == 1:int)");
  EXPECT_EQ(Expr("a <> 1"), "(a != 1:int)");
  EXPECT_EQ(Expr("a != 1"), "(a != 1:int)");
  EXPECT_EQ(Expr("a <=> b"), "(a <=> b)");
  EXPECT_EQ(Expr("a <= 1 and b >= 2"), "((a <= 1:int) and (b >= 2:int))");
}

TEST(ExpressionParserTest, Predicates) {
  EXPECT_EQ(Expr("a IS NULL"), "isnull(a)");
  EXPECT_EQ(Expr("a IS NOT NULL"), "isnotnull(a)");
  EXPECT_EQ(Expr("a IS TRUE"), "(a <=> true:boolean)");
  EXPECT_EQ(Expr("a IS NOT FALSE"), "not((a <=> false:boolean))");
  EXPECT_EQ(Expr("a IS DISTINCT FROM b"), "not((a <=> b))");
  EXPECT_EQ(Expr("a IS NOT DISTINCT FROM b"), "(a <=> b)");
  EXPECT_EQ(Expr("a BETWEEN 1 AND 2"), "between(a, 1:int, 2:int)");
  EXPECT_EQ(Expr("a NOT BETWEEN 1 AND 2 AND b"), "(not(between(a, 1:int, 2:int)) and b)");
  EXPECT_EQ(Expr("a IN (1, 2)"), "in(a, 1:int, 2:int)");
  EXPECT_EQ(Expr("a NOT IN (1)"), "not(in(a, 1:int))");
  EXPECT_EQ(Expr("a LIKE 'x%'"), "like(a, 'x%':string)");
  EXPECT_EQ(Expr("a NOT ILIKE 'x'"), "not(ilike(a, 'x':string))");
  EXPECT_EQ(Expr("a LIKE 'x!%' ESCAPE '!'"), "like(a, 'x!%':string, '!':string)");
  EXPECT_EQ(Expr("a RLIKE 'x'"), "rlike(a, 'x':string)");
  EXPECT_EQ(Expr("a REGEXP 'x'"), "rlike(a, 'x':string)");
  EXPECT_EQ(Expr("a = b IS NULL"), "isnull((a == b))");
  EXPECT_EQ(Expr("a LIKE ANY ('x', 'y')"), "likeany(a, 'x':string, 'y':string)");
  EXPECT_EQ(Expr("a NOT LIKE ALL ('x')"), "notlikeall(a, 'x':string)");
  EXPECT_EQ(Expr("a ILIKE SOME ('x')"), "likeany(lower(a), lower('x':string))");
}

TEST(ExpressionParserTest, CaseAndCasts) {
  EXPECT_EQ(Expr("CASE WHEN a THEN 1 ELSE 2 END"), "when(a, 1:int, 2:int)");
  EXPECT_EQ(Expr("CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' END"),
            "when((x == 1:int), 'a':string, (x == 2:int), 'b':string)");
  EXPECT_EQ(Expr("CAST(a AS bigint)"), "CAST(a AS bigint)");
  EXPECT_EQ(Expr("TRY_CAST(a AS decimal(10, 2))"), "TRY_CAST(a AS decimal(10,2))");
  EXPECT_EQ(Expr("a::int + 1"), "(CAST(a AS int) + 1:int)");
  EXPECT_EQ(Expr("a::array<int>"), "CAST(a AS array<int>)");
  EXPECT_EQ(Expr("s COLLATE UTF8_LCASE = 'x'"), "(collate(s, 'UTF8_LCASE':string) == 'x':string)");
  EXPECT_EQ(Expr("EXTRACT(YEAR FROM d)"), "extract('YEAR':string, d)");
}

TEST(ExpressionParserTest, NamesAndAccess) {
  EXPECT_EQ(Expr("a.b.c"), "a.b.c");
  EXPECT_EQ(Expr("`a.b`.c"), "a.b.c");
  EXPECT_EQ(Expr("MixedCase"), "MixedCase");
  EXPECT_EQ(Expr("a[0]"), "a[0:int]");
  EXPECT_EQ(Expr("m['k'].f"), "m['k':string]['f':string]");
  EXPECT_EQ(Expr("(a).b"), "a['b':string]");
  EXPECT_EQ(Expr("t.*"), "t.*");
  EXPECT_EQ(Expr("*"), "*");
  EXPECT_EQ(Expr("`select`"), "select");
  EXPECT_EQ(Expr("year"), "year");  // non-reserved keywords are identifiers
}

TEST(ExpressionParserTest, FunctionCalls) {
  EXPECT_EQ(Expr("upper(name)"), "upper(name)");
  EXPECT_EQ(Expr("count(*)"), "count(*)");
  EXPECT_EQ(Expr("count(DISTINCT a, b)"), "count(DISTINCT a, b)");
  EXPECT_EQ(Expr("sum(x) FILTER (WHERE x > 0)"), "sum(x) FILTER((x > 0:int))");
  EXPECT_EQ(Expr("db.fn(1)"), "db.fn(1:int)");
  EXPECT_EQ(Expr("now()"), "now()");
  EXPECT_EQ(Expr("current_date"), "current_date()");
  EXPECT_EQ(Expr("CURRENT_TIMESTAMP"), "current_timestamp()");
  EXPECT_EQ(Expr("transform(xs, x -> x + 1)"), "transform(xs, lambda(x) -> (x + 1:int))");
  EXPECT_EQ(Expr("aggregate(xs, 0, (acc, x) -> acc + x)"),
            "aggregate(xs, 0:int, lambda(acc, x) -> (acc + x))");
  EXPECT_EQ(Expr("position('a' IN s)"), "locate('a':string, s)");
  EXPECT_EQ(Expr("substring(s FROM 2 FOR 3)"), "substring(s, 2:int, 3:int)");
  EXPECT_EQ(Expr("(1, 'a')"), "struct(1:int, 'a':string)");
  EXPECT_EQ(Expr("struct(1 AS a, b)"), "struct(1:int AS a, b)");
  EXPECT_EQ(Expr("trim(s)"), "trim(s)");
  EXPECT_EQ(Expr("trim(BOTH 'x' FROM s)"), "trim('x':string, s)");
  EXPECT_EQ(Expr("trim(LEADING 'x' FROM s)"), "ltrim('x':string, s)");
  EXPECT_EQ(Expr("trim(TRAILING FROM s)"), "rtrim(s)");
  EXPECT_EQ(Expr("trim('x' FROM s)"), "trim('x':string, s)");
  EXPECT_EQ(Expr("overlay(s PLACING 'x' FROM 2 FOR 1)"), "overlay(s, 'x':string, 2:int, 1:int)");
  EXPECT_EQ(Expr("timestampadd(DAY, 1, d)"), "timestampadd('DAY':string, 1:int, d)");
  EXPECT_EQ(Expr("datediff(HOUR, a, b)"), "timestampdiff('HOUR':string, a, b)");
  EXPECT_EQ(Expr("datediff(a, b)"), "datediff(a, b)");
  EXPECT_EQ(Expr("first(x IGNORE NULLS)"), "first(x, true:boolean)");
  EXPECT_EQ(Expr("last(x) IGNORE NULLS"), "last(x, true:boolean)");
  EXPECT_EQ(Expr("first(x) RESPECT NULLS"), "first(x)");
  EXPECT_EQ(Expr("count(ALL x)"), "count(x)");
}

TEST(ExpressionParserTest, Aliases) {
  EXPECT_EQ(Expr("a + 1 AS x"), "(a + 1:int) AS x");
  EXPECT_EQ(Expr("a x"), "a AS x");
  EXPECT_EQ(Expr("a AS `x y`"), "a AS x y");
  EXPECT_EQ(Expr("stack(2, 1, 2) AS (k, v)"), "stack(2:int, 1:int, 2:int) AS k,v");
}

TEST(ExpressionParserTest, Parameters) {
  EXPECT_EQ(Expr(":name + ?"), "(:name + ?0)");
  Result<PlanPtr> plan = ParseStatement("SELECT ?, ? FROM t WHERE a = ?");
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(Compact(*plan), "Project[?0, ?1](Filter[(a == ?2)](Relation[t]))");
}

TEST(ExpressionParserTest, Subqueries) {
  EXPECT_EQ(Expr("(SELECT 1)"), "scalar(Project[1:int](OneRow))");
  EXPECT_EQ(Expr("EXISTS (SELECT 1)"), "exists(Project[1:int](OneRow))");
  EXPECT_EQ(Expr("NOT EXISTS (SELECT 1)"), "not(exists(Project[1:int](OneRow)))");
  EXPECT_EQ(Expr("a IN (SELECT b FROM t)"), "(a) IN (Project[b](Relation[t]))");
  EXPECT_EQ(Expr("a NOT IN (SELECT b FROM t)"), "not((a) IN (Project[b](Relation[t])))");
  EXPECT_EQ(Expr("(a, b) IN (SELECT x, y FROM t)"), "(a, b) IN (Project[x, y](Relation[t]))");
}

TEST(ExpressionParserTest, OriginsPointIntoTheText) {
  Result<ExprPtr> expr = ParseExpression("1 +\n  upper(name)");
  ASSERT_TRUE(expr.ok());
  const ExprPtr& call = (*expr)->children[1];
  ASSERT_TRUE(call->origin.has_value());
  EXPECT_EQ(call->origin->fragment, "upper(name)");
  EXPECT_EQ(call->origin->line, 2);
  EXPECT_EQ(call->origin->start_position, 2);
  EXPECT_EQ(call->origin->start_index, 6);
  EXPECT_EQ(call->origin->stop_index, 16);
}

TEST(ExpressionParserTest, UnsupportedForms) {
  Result<ExprPtr> window = ParseExpression("sum(x) OVER (PARTITION BY y)");
  ASSERT_FALSE(window.ok());
  EXPECT_EQ(window.status().error().error_class, "UNSUPPORTED_FEATURE");
  EXPECT_NE(window.status().message().find("window functions"), std::string::npos);
}

}  // namespace
}  // namespace sparkling
