#include <gtest/gtest.h>

#include "compact_tree.h"
#include "parser/sql_parser.h"

namespace sparkling {
namespace {

std::string Expr(std::string_view text) {
  Result<ExprPtr> expr = ParseExpression(text);
  if (!expr.ok()) return "ERROR " + expr.status().error().error_class;
  return Compact(*expr);
}

TEST(LiteralParserTest, IntegersWidenLikeSpark) {
  EXPECT_EQ(Expr("2147483647"), "2147483647:int");
  EXPECT_EQ(Expr("2147483648"), "2147483648:bigint");
  EXPECT_EQ(Expr("-9223372036854775808"), "-9223372036854775808:bigint");
  EXPECT_EQ(Expr("9223372036854775808"), "9223372036854775808:decimal(19,0)");
  EXPECT_EQ(Expr("00012"), "12:int");
  EXPECT_EQ(Expr("99999999999999999999999999999999999999"),
            "99999999999999999999999999999999999999:decimal(38,0)");
  EXPECT_EQ(Expr("999999999999999999999999999999999999999"),
            "ERROR DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION");
}

TEST(LiteralParserTest, Suffixes) {
  EXPECT_EQ(Expr("10L"), "10:bigint");
  EXPECT_EQ(Expr("10S"), "10:smallint");
  EXPECT_EQ(Expr("10Y"), "10:tinyint");
  EXPECT_EQ(Expr("-128Y"), "-128:tinyint");
  EXPECT_EQ(Expr("128Y"), "ERROR INVALID_NUMERIC_LITERAL_RANGE");
  EXPECT_EQ(Expr("40000S"), "ERROR INVALID_NUMERIC_LITERAL_RANGE");
  EXPECT_EQ(Expr("92233720368547758080L"), "ERROR INVALID_NUMERIC_LITERAL_RANGE");
  EXPECT_EQ(Expr("1.5D"), "1.5:double");
  EXPECT_EQ(Expr("1.5F"), "1.5:float");
  EXPECT_EQ(Expr("1.5BD"), "1.5:decimal(2,1)");
  EXPECT_EQ(Expr("1E-3BD"), "0.001:decimal(3,3)");
  EXPECT_EQ(Expr("1e3"), "1000:double");
  EXPECT_EQ(Expr("1e400"), "ERROR INVALID_NUMERIC_LITERAL_RANGE");
}

TEST(LiteralParserTest, Decimals) {
  EXPECT_EQ(Expr("1.5"), "1.5:decimal(2,1)");
  EXPECT_EQ(Expr(".5"), "0.5:decimal(1,1)");
  EXPECT_EQ(Expr("1."), "1:decimal(1,0)");
  EXPECT_EQ(Expr("0.0001"), "0.0001:decimal(4,4)");
  EXPECT_EQ(Expr("100.00"), "100.00:decimal(5,2)");
  EXPECT_EQ(Expr(".5e1"), "5:double");
}

TEST(LiteralParserTest, IdentifiersThatStartWithDigits) {
  EXPECT_EQ(Expr("1_000"), "1_000");
  EXPECT_EQ(Expr("1abc"), "1abc");
}

TEST(LiteralParserTest, Strings) {
  EXPECT_EQ(Expr("'it''s'"), "'it's':string");
  EXPECT_EQ(Expr(R"('a\tb\x')"), "'a\tbx':string");
  EXPECT_EQ(Expr(R"("q\"d")"), "'q\"d':string");
  EXPECT_EQ(Expr(R"(r'a\tb')"), "'a\\tb':string");
  EXPECT_EQ(Expr(R"('\u0041\101')"), "'AA':string");
  EXPECT_EQ(Expr(R"('a\%')"), "'a\\%':string");
  EXPECT_EQ(Expr("'a' 'b' \"c\""), "'abc':string");
}

TEST(LiteralParserTest, BooleansAndNull) {
  EXPECT_EQ(Expr("TRUE"), "true:boolean");
  EXPECT_EQ(Expr("false"), "false:boolean");
  EXPECT_EQ(Expr("NULL"), "NULL:void");
}

TEST(LiteralParserTest, TypedLiterals) {
  EXPECT_EQ(Expr("DATE '2024-01-02'"), "2024-01-02:date");
  EXPECT_EQ(Expr("date '2024'"), "2024-01-01:date");
  EXPECT_EQ(Expr("DATE '2024-1-2T12'"), "2024-01-02:date");
  EXPECT_EQ(Expr("DATE '2024-13-01'"), "ERROR INVALID_TYPED_LITERAL");
  EXPECT_EQ(Expr("DATE '2023-02-29'"), "ERROR INVALID_TYPED_LITERAL");
  EXPECT_EQ(Expr("TIMESTAMP '2024-01-02 03:04:05'"),
            "CAST!('2024-01-02 03:04:05':string AS timestamp)");
  EXPECT_EQ(Expr("TIMESTAMP 'abc'"), "ERROR INVALID_TYPED_LITERAL");
  EXPECT_EQ(Expr("TIMESTAMP '2024-01-02T03:04:05+08:00'"),
            "CAST!('2024-01-02T03:04:05+08:00':string AS timestamp)");
  EXPECT_EQ(Expr("TIMESTAMP_NTZ '2024-01-02 03:04:05 UTC'"),
            "2024-01-02 03:04:05.000000:timestamp_ntz");
  EXPECT_EQ(Expr("TIMESTAMP_NTZ '2024-01-02 03:04:05.123456'"),
            "2024-01-02 03:04:05.123456:timestamp_ntz");
  EXPECT_EQ(Expr("X'0AFF'"), "\n\xFF:binary");
  EXPECT_EQ(Expr("X'ABC'"), "\n\xBC:binary");
}

TEST(LiteralParserTest, Intervals) {
  EXPECT_EQ(Expr("INTERVAL '1-2' YEAR TO MONTH"), "14M:interval year to month");
  EXPECT_EQ(Expr("INTERVAL '3' DAY"), "259200000000:interval day");
  EXPECT_EQ(Expr("INTERVAL 3 DAYS"), "259200000000:interval day");
  EXPECT_EQ(Expr("INTERVAL '1 02:03:04.5' DAY TO SECOND"), "93784500000:interval day to second");
  EXPECT_EQ(Expr("INTERVAL 1 DAY 2 HOURS"), "93600000000:interval day to hour");
  EXPECT_EQ(Expr("INTERVAL -'1' MONTH"), "-1M:interval month");
  EXPECT_EQ(Expr("INTERVAL '1' HOUR 2 MONTH"), "ERROR UNSUPPORTED_FEATURE");
  EXPECT_EQ(Expr("INTERVAL '1 day 2 hours'"), "93600000000:interval day to hour");
  EXPECT_EQ(Expr("INTERVAL '3 months'"), "3M:interval month");
  EXPECT_EQ(Expr("INTERVAL '-1 day'"), "-86400000000:interval day");
  EXPECT_EQ(Expr("INTERVAL '1.5 seconds'"), "1500000:interval second");
  EXPECT_EQ(Expr("INTERVAL 1 WEEK"), "604800000000:interval day");
  EXPECT_EQ(Expr("INTERVAL '1 year 2 days'"), "ERROR UNSUPPORTED_FEATURE");
  EXPECT_EQ(Expr("INTERVAL 'abc'"), "ERROR INVALID_TYPED_LITERAL");
}

}  // namespace
}  // namespace sparkling
