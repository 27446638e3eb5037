#include <gtest/gtest.h>

#include <string>

#include "parser/sql_parser.h"

namespace sparkling {
namespace {

struct ExpectedError {
  std::string error_class;
  std::string error;  // the `error` parameter
  std::string hint;
  int line;
  int position;
};

void ExpectSyntaxError(std::string_view sql, const ExpectedError& expected) {
  SCOPED_TRACE(std::string(sql));
  Result<PlanPtr> plan = ParseStatement(sql);
  ASSERT_FALSE(plan.ok());
  const SparkError& error = plan.status().error();
  EXPECT_EQ(error.error_class, expected.error_class);
  EXPECT_EQ(error.kind, ErrorKind::kParse);
  if (expected.error_class == "PARSE_SYNTAX_ERROR") {
    EXPECT_EQ(error.sql_state, "42601");
    ASSERT_EQ(error.parameters.size(), 2u);
    EXPECT_EQ(error.parameters[0].second, expected.error);
    EXPECT_EQ(error.parameters[1].second, expected.hint);
  }
  if (expected.line > 0) {
    ASSERT_TRUE(error.context.has_value());
    EXPECT_EQ(error.context->line, expected.line);
    EXPECT_EQ(error.context->start_position, expected.position);
  }
}

/// prefix, then `count` times `open`, the body, and `count` times `close`.
std::string Wrapped(const char* prefix, int count, char open, const char* body, char close) {
  std::string sql = prefix;
  sql.append(count, open);
  sql += body;
  sql.append(count, close);
  return sql;
}

// Expectations checked against Spark 4.1.1.
TEST(ParseErrorTest, MatchesSparkForTypicalMistakes) {
  ExpectSyntaxError("SELEC 1", {"PARSE_SYNTAX_ERROR", "'SELEC'", "", 1, 0});
  ExpectSyntaxError("SELECT 1 +", {"PARSE_SYNTAX_ERROR", "end of input", "", 1, 10});
  ExpectSyntaxError("SELECT (1", {"PARSE_SYNTAX_ERROR", "end of input", "", 1, 9});
  ExpectSyntaxError("SELECT 'abc", {"PARSE_SYNTAX_ERROR", "'''", "", 1, 7});
  ExpectSyntaxError("SELECT `abc", {"PARSE_SYNTAX_ERROR", "'`'", "", 1, 7});
  ExpectSyntaxError("SELECT 1)", {"PARSE_SYNTAX_ERROR", "')'", ": extra input ')'", 1, 8});
  ExpectSyntaxError("SELECT 1 1", {"PARSE_SYNTAX_ERROR", "'1'", ": extra input '1'", 1, 9});
  ExpectSyntaxError("SELECT a b c", {"PARSE_SYNTAX_ERROR", "'c'", ": extra input 'c'", 1, 11});
  ExpectSyntaxError("SELECT 1; SELECT 2",
                    {"PARSE_SYNTAX_ERROR", "'SELECT'", ": extra input 'SELECT'", 1, 10});
  ExpectSyntaxError("SELECT count(1 FROM t", {"PARSE_SYNTAX_ERROR", "'FROM'", "", 1, 15});
  ExpectSyntaxError("SELECT f(", {"PARSE_SYNTAX_ERROR", "end of input", "", 1, 9});
  ExpectSyntaxError("SELECT f(1,)", {"PARSE_SYNTAX_ERROR", "')'", "", 1, 11});
  ExpectSyntaxError("SELECT a FROM t WHERE a IN ()", {"PARSE_SYNTAX_ERROR", "'IN'", "", 1, 24});
  ExpectSyntaxError("SELECT * FROM t WHERE id IN (1,", {"PARSE_SYNTAX_ERROR", "'IN'", "", 1, 25});
  ExpectSyntaxError("SELECT * FROM t JOIN", {"PARSE_SYNTAX_ERROR", "end of input", "", 1, 20});
  ExpectSyntaxError("SELECT 1 FROM t GROUP BY", {"PARSE_SYNTAX_ERROR", "end of input", "", 1, 24});
  ExpectSyntaxError("SELECT 1 # 2", {"PARSE_SYNTAX_ERROR", "'#'", "", 1, 9});
  ExpectSyntaxError("SELECT CASE WHEN 1 THEN 2 FROM t", {"PARSE_SYNTAX_ERROR", "'1'", "", 1, 17});
  ExpectSyntaxError("SELECT 1 2 3", {"PARSE_SYNTAX_ERROR", "'2'", "", 1, 9});
  ExpectSyntaxError("SELECT * FROM (SELECT 1",
                    {"PARSE_SYNTAX_ERROR", "end of input", ": missing ')'", 1, 23});
  ExpectSyntaxError("SELECT a[1 FROM t", {"PARSE_SYNTAX_ERROR", "'FROM'", ": missing ']'", 1, 11});
  ExpectSyntaxError("SELECT a FROM t LEFT u ON a = b",
                    {"PARSE_SYNTAX_ERROR", "'u'", ": missing 'JOIN'", 1, 21});
  ExpectSyntaxError("SELECT * FROM t WHERE a = 1 GROUP a",
                    {"PARSE_SYNTAX_ERROR", "'a'", "", 1, 34});
  ExpectSyntaxError("SELECT * FROM t ORDER a",
                    {"PARSE_SYNTAX_ERROR", "'a'", ": extra input 'a'", 1, 22});
  ExpectSyntaxError("SELECT x.", {"PARSE_SYNTAX_ERROR", "end of input", "", 1, 9});
  ExpectSyntaxError("SELECT CASE WHEN THEN 1 END", {"PARSE_SYNTAX_ERROR", "'THEN'", "", 1, 17});
  ExpectSyntaxError("SELECT a FROM t WHERE a IN (SELECT",
                    {"PARSE_SYNTAX_ERROR", "'IN'", "", 1, 24});
  ExpectSyntaxError("SELECT * FORM t", {"PARSE_SYNTAX_ERROR", "'t'", ": extra input 't'", 1, 14});
  ExpectSyntaxError("SELECT 3 AS \"d\"", {"PARSE_SYNTAX_ERROR", "'\"d\"'", "", 1, 12});
  ExpectSyntaxError(";", {"PARSE_SYNTAX_ERROR", "';'", "", 1, 0});
  ExpectSyntaxError("SELECT 1\nFROM t\nWHERE a = = 1", {"PARSE_SYNTAX_ERROR", "'='", "", 3, 10});
  // Positions count characters, not bytes.
  ExpectSyntaxError("SELECT '\xC3\xA9' +", {"PARSE_SYNTAX_ERROR", "end of input", "", 1, 12});
}

TEST(ParseErrorTest, OtherParseConditions) {
  ExpectSyntaxError("", {"PARSE_EMPTY_STATEMENT", "", "", 0, 0});
  ExpectSyntaxError("  -- only a comment\n", {"PARSE_EMPTY_STATEMENT", "", "", 0, 0});
  ExpectSyntaxError("SELECT 1 /* unclosed", {"UNCLOSED_BRACKETED_COMMENT", "", "", 0, 0});
  ExpectSyntaxError("SELECT 128Y", {"INVALID_NUMERIC_LITERAL_RANGE", "", "", 1, 7});
  ExpectSyntaxError("SELECT DATE 'x'", {"INVALID_TYPED_LITERAL", "", "", 1, 7});
  ExpectSyntaxError("SELECT CAST(1 AS foo)", {"UNSUPPORTED_DATATYPE", "", "", 1, 17});
  ExpectSyntaxError("SELECT CAST(1 AS varchar)", {"DATATYPE_MISSING_SIZE", "", "", 1, 17});
  // A syntax error anywhere wins over errors in literal values and type names.
  ExpectSyntaxError("SELECT 128Y +", {"PARSE_SYNTAX_ERROR", "end of input", "", 1, 13});
  ExpectSyntaxError("SELECT CAST(1 AS foo) 1",
                    {"PARSE_SYNTAX_ERROR", "'1'", ": extra input '1'", 1, 22});
}

TEST(ParseErrorTest, DeepNestingIsAnErrorNotACrash) {
  std::string sql = Wrapped("SELECT ", 10000, '(', "1", ')');
  Result<PlanPtr> plan = ParseStatement(sql);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().error().error_class, "FAILED_TO_PARSE_TOO_COMPLEX");

  std::string nots = Wrapped("SELECT ", 20000, '!', "true", ' ');
  EXPECT_FALSE(ParseStatement(nots).ok());
  std::string minus = Wrapped("SELECT ", 20000, '~', "1", ' ');
  EXPECT_FALSE(ParseStatement(minus).ok());
  std::string queries;
  for (int i = 0; i < 5000; ++i) queries += "SELECT * FROM (";
  queries += "SELECT 1";
  for (int i = 0; i < 5000; ++i) queries += ")";
  EXPECT_FALSE(ParseStatement(queries).ok());
  std::string types = "SELECT CAST(NULL AS ";
  for (int i = 0; i < 5000; ++i) types += "array<";
  types += "int";
  types.append(5000, '>');
  types += ")";
  EXPECT_FALSE(ParseStatement(types).ok());

  // Moderate nesting is fine.
  std::string moderate = Wrapped("SELECT ", 100, '(', "1", ')');
  EXPECT_TRUE(ParseStatement(moderate).ok());
}

TEST(ParseErrorTest, LongFlatExpressionsDoNotRecurse) {
  std::string sql = "SELECT 1";
  for (int i = 0; i < 20000; ++i) sql += " + 1";
  Result<PlanPtr> plan = ParseStatement(sql);
  ASSERT_TRUE(plan.ok());
  // Fragments of very long spans are dropped (positions stay) to keep memory linear.
  const ExprPtr& sum = (*plan)->As<Project>().expressions[0];
  ASSERT_TRUE(sum->origin.has_value());
  EXPECT_TRUE(sum->origin->fragment.empty());
  EXPECT_EQ(sum->origin->start_index, 7);
}

TEST(ParseErrorTest, NeverCrashesOnPrefixesOfValidStatements) {
  const std::string statements[] = {
      "WITH c(x) AS (SELECT 1) SELECT DISTINCT a.x, count(*) FILTER (WHERE b > 1) AS n "
      "FROM c a LEFT JOIN (VALUES (1, 'a')) v(k, s) ON a.x = v.k WHERE a.x IN (1, 2) AND "
      "EXISTS (SELECT 1) GROUP BY 1 HAVING n > 0 ORDER BY n DESC NULLS FIRST LIMIT 10 OFFSET 1",
      "SELECT CASE WHEN a::int BETWEEN 1 AND 2 THEN DATE '2024-01-01' ELSE NULL END, "
      "INTERVAL '1 02:03:04' DAY TO SECOND, X'0A', transform(xs, x -> x + 1), m['k'].f",
      "CREATE OR REPLACE TEMP VIEW v(a) AS SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3",
      "SET `a`=`b`",
      "SHOW TABLES IN db LIKE 'x*'",
      "CACHE LAZY TABLE t OPTIONS ('a' 1)"};
  for (const std::string& sql : statements) {
    for (size_t length = 0; length <= sql.size(); ++length) {
      Result<PlanPtr> plan = ParseStatement(std::string_view(sql).substr(0, length));
      if (!plan.ok()) {
        EXPECT_FALSE(plan.status().message().empty());
      }
    }
  }
}

}  // namespace
}  // namespace sparkling
