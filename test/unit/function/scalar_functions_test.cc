// Comparison, logical, conditional, string, math and datetime functions: Spark's column names,
// result types and values (expected values checked against Spark 4.1).

#include <gtest/gtest.h>

#include <cmath>

#include "function_test_support.h"

namespace sparkling::testing {
namespace {

using Strings = std::vector<std::string>;

ExprPtr A() { return Column("a", DataType::Integer(), false); }
ExprPtr B() { return Column("b", DataType::Integer(), false); }
ExprPtr S() { return Column("s", DataType::String(), false); }

std::string SqlOf(const std::string& name, std::vector<ExprPtr> args) {
  auto call = Call(name, std::move(args));
  return call.ok() ? (*call)->ToSql() : call.status().ToString();
}

std::string Eval(const std::string& name, std::vector<ExprPtr> args, bool ansi = true,
                 EvalOptions options = {}) {
  options.ansi = ansi;
  auto out = EvaluateToStrings(name, std::move(args), {}, ansi, options);
  if (!out.ok()) return "ERROR " + out.status().error().error_class;
  return out->front();
}

TEST(ScalarFunctions, ColumnNamesFollowSpark) {
  EXPECT_EQ(SqlOf("==", {A(), B()}), "(a = b)");
  EXPECT_EQ(SqlOf("!=", {A(), B()}), "(NOT (a = b))");
  EXPECT_EQ(SqlOf("<=>", {A(), B()}), "(a <=> b)");
  EXPECT_EQ(SqlOf("in", {A(), IntLiteral(1), IntLiteral(2)}), "(a IN (1, 2))");
  EXPECT_EQ(SqlOf("between", {A(), IntLiteral(1), IntLiteral(3)}), "between(a, 1, 3)");
  EXPECT_EQ(SqlOf("isnull", {A()}), "(a IS NULL)");
  EXPECT_EQ(SqlOf("isnotnull", {A()}), "(a IS NOT NULL)");
  EXPECT_EQ(SqlOf("like", {S(), StringLiteral("x%")}), "s LIKE x%");
  EXPECT_EQ(SqlOf("ilike", {S(), StringLiteral("x%")}), "ilike(s, x%)");
  EXPECT_EQ(SqlOf("rlike", {S(), StringLiteral("x")}), "RLIKE(s, x)");
  EXPECT_EQ(SqlOf("if", {BoolLiteral(true), IntLiteral(1), IntLiteral(0)}), "(IF(true, 1, 0))");
  EXPECT_EQ(SqlOf("when", {BoolLiteral(true), IntLiteral(1), IntLiteral(0)}),
            "CASE WHEN true THEN 1 ELSE 0 END");
  EXPECT_EQ(SqlOf("not", {BoolLiteral(true)}), "(NOT true)");
  EXPECT_EQ(SqlOf("and", {BoolLiteral(true), BoolLiteral(false)}), "(true AND false)");
  EXPECT_EQ(SqlOf("substring", {S(), IntLiteral(1)}), "substring(s, 1, 2147483647)");
  EXPECT_EQ(SqlOf("position", {StringLiteral("x"), S()}), "locate(x, s, 1)");
  EXPECT_EQ(SqlOf("split", {S(), StringLiteral(",")}), "split(s, ,, -1)");
  EXPECT_EQ(SqlOf("round", {A()}), "round(a, 0)");
  EXPECT_EQ(SqlOf("ceil", {DoubleLiteral(1.5)}), "CEIL(1.5)");
  EXPECT_EQ(SqlOf("ceiling", {DoubleLiteral(1.5)}), "ceiling(1.5)");
  EXPECT_EQ(SqlOf("power", {IntLiteral(2), IntLiteral(3)}), "POWER(2, 3)");
  EXPECT_EQ(SqlOf("log", {IntLiteral(0)}), "LOG(E(), 0)");
  EXPECT_EQ(SqlOf("pi", {}), "PI()");
  EXPECT_EQ(SqlOf("from_unixtime", {IntLiteral(0)}), "from_unixtime(0, yyyy-MM-dd HH:mm:ss)");
  EXPECT_EQ(SqlOf("current_date", {}), "current_date()");
  EXPECT_EQ(SqlOf("~", {A()}), "~a");
}

TEST(ScalarFunctions, ComparisonsAndLogic) {
  EXPECT_EQ(Eval("==", {IntLiteral(1), StringLiteral("1")}), "true");
  EXPECT_EQ(Eval("==", {IntLiteral(1), StringLiteral("1.5")}), "ERROR CAST_INVALID_INPUT");
  EXPECT_EQ(Eval("==", {IntLiteral(1), StringLiteral("1.5")}, false), "true");
  EXPECT_EQ(Eval("==", {DoubleLiteral(NAN), DoubleLiteral(NAN)}), "true");
  EXPECT_EQ(Eval(">", {DoubleLiteral(NAN), DoubleLiteral(1e300)}), "true");
  EXPECT_EQ(
      Eval("<=>", {MakeNullLiteral(DataType::Integer()), MakeNullLiteral(DataType::Integer())}),
      "true");
  EXPECT_EQ(Eval("in", {IntLiteral(1), DecimalLiteral("1.5", 2, 1), IntLiteral(2)}), "false");
  EXPECT_EQ(Eval("in", {IntLiteral(3), IntLiteral(1), MakeNullLiteral(DataType::Integer())}),
            "NULL");
  EXPECT_EQ(Eval("between", {IntLiteral(2), IntLiteral(1), IntLiteral(3)}), "true");
  EXPECT_EQ(Eval("and", {BoolLiteral(false), MakeNullLiteral(DataType::Boolean())}), "false");
  EXPECT_EQ(Eval("or", {BoolLiteral(true), MakeNullLiteral(DataType::Boolean())}), "true");
  EXPECT_EQ(Eval("and", {BoolLiteral(true), MakeNullLiteral(DataType::Boolean())}), "NULL");
  auto mismatch = Call("and", {BoolLiteral(true), IntLiteral(1)});
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.status().message(),
            "[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve \"(true AND 1)\" due to "
            "data type mismatch: the left and right operands of the binary operator have "
            "incompatible types (\"BOOLEAN\" and \"INT\"). SQLSTATE: 42K09");
  auto not_int = Call("not", {IntLiteral(1)});
  ASSERT_FALSE(not_int.ok());
  EXPECT_EQ(not_int.status().error().error_class, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
  EXPECT_EQ(Eval("like", {StringLiteral("abc"), StringLiteral("a%")}), "true");
  EXPECT_EQ(Eval("like", {StringLiteral("a_c"), StringLiteral("a\\_c")}), "true");
  EXPECT_EQ(Eval("ilike", {StringLiteral("ABC"), StringLiteral("a%")}), "true");
  EXPECT_EQ(Eval("rlike", {StringLiteral("abc"), StringLiteral("b.")}), "true");
}

TEST(ScalarFunctions, Conditionals) {
  EXPECT_EQ(Eval("when", {BoolLiteral(false), IntLiteral(1), BoolLiteral(true), IntLiteral(2)}),
            "2");
  EXPECT_EQ(Eval("when", {BoolLiteral(false), IntLiteral(1)}), "NULL");
  auto case_type = Call("when", {BoolLiteral(true), IntLiteral(1), StringLiteral("a")});
  ASSERT_TRUE(case_type.ok());
  EXPECT_EQ((*case_type)->type->Sql(), "BIGINT");
  auto legacy_type = Call("coalesce", {IntLiteral(1), StringLiteral("a")}, false);
  ASSERT_TRUE(legacy_type.ok());
  EXPECT_EQ((*legacy_type)->type->Sql(), "STRING");
  EXPECT_EQ(Eval("coalesce", {MakeNullLiteral(DataType::Integer()), IntLiteral(3)}), "3");
  EXPECT_EQ(Eval("if", {MakeNullLiteral(DataType::Boolean()), IntLiteral(1), IntLiteral(2)}), "2");
  EXPECT_EQ(Eval("nullif", {IntLiteral(1), IntLiteral(1)}), "NULL");
  EXPECT_EQ(Eval("nvl2", {MakeNullLiteral(DataType::Integer()), IntLiteral(1), IntLiteral(2)}),
            "2");
  EXPECT_EQ(Eval("nanvl", {DoubleLiteral(NAN), DoubleLiteral(2)}), "2.0");
  auto lazy = Call("when", {BoolLiteral(true), IntLiteral(1)});
  ASSERT_TRUE(lazy.ok());
  EXPECT_EQ((*lazy)->As<ScalarFunctionCall>().function->conditional_kind(),
            ConditionalKind::kCaseWhen);
}

TEST(ScalarFunctions, Strings) {
  EXPECT_EQ(Eval("upper", {IntLiteral(1)}), "1");
  EXPECT_EQ(Eval("length", {StringLiteral("héllo")}), "5");
  EXPECT_EQ(Eval("substring", {StringLiteral("hello"), IntLiteral(-3), IntLiteral(2)}), "ll");
  EXPECT_EQ(Eval("substring", {StringLiteral("hello"), IntLiteral(0), IntLiteral(2)}), "he");
  EXPECT_EQ(Eval("concat", {StringLiteral("a"), MakeNullLiteral(DataType::String())}), "NULL");
  EXPECT_EQ(Eval("concat_ws", {StringLiteral(","), StringLiteral("a"),
                               MakeNullLiteral(DataType::String()), StringLiteral("b")}),
            "a,b");
  EXPECT_EQ(Eval("trim", {StringLiteral("  x  ")}), "x");
  EXPECT_EQ(Eval("trim", {StringLiteral("x"), StringLiteral("xxaxx")}), "a");
  EXPECT_EQ(Eval("lpad", {StringLiteral("7"), IntLiteral(3), StringLiteral("0")}), "007");
  EXPECT_EQ(Eval("rpad", {StringLiteral("hello"), IntLiteral(2)}), "he");
  EXPECT_EQ(Eval("instr", {StringLiteral("hello"), StringLiteral("l")}), "3");
  EXPECT_EQ(Eval("locate", {StringLiteral("l"), StringLiteral("hello"), IntLiteral(4)}), "4");
  EXPECT_EQ(Eval("replace", {StringLiteral("aXbX"), StringLiteral("X"), StringLiteral("-")}),
            "a-b-");
  EXPECT_EQ(Eval("initcap", {StringLiteral("hello wORLD")}), "Hello World");
  EXPECT_EQ(Eval("reverse", {StringLiteral("abc")}), "cba");
  EXPECT_EQ(Eval("split", {StringLiteral("a,b,,c"), StringLiteral(",")}), "[a, b, , c]");
  EXPECT_EQ(Eval("regexp_replace",
                 {StringLiteral("a1b22"), StringLiteral("(\\d+)"), StringLiteral("<$1>")}),
            "a<1>b<22>");
  EXPECT_EQ(Eval("regexp_extract", {StringLiteral("id=42"), StringLiteral("id=(\\d+)")}), "42");
  EXPECT_EQ(Eval("translate", {StringLiteral("abc"), StringLiteral("ab"), StringLiteral("x")}),
            "xc");
  EXPECT_EQ(Eval("ascii", {StringLiteral("A")}), "65");
}

TEST(ScalarFunctions, Math) {
  EXPECT_EQ(Eval("round", {DecimalLiteral("2.5", 2, 1)}), "3");
  EXPECT_EQ(Eval("round", {DecimalLiteral("-2.5", 2, 1)}), "-3");
  EXPECT_EQ(Eval("bround", {DecimalLiteral("2.5", 2, 1)}), "2");
  EXPECT_EQ(Eval("round", {DoubleLiteral(2.675), IntLiteral(2)}), "2.68");
  EXPECT_EQ(Eval("round", {IntLiteral(125), IntLiteral(-1)}), "130");
  EXPECT_EQ(Eval("floor", {DecimalLiteral("-1.5", 2, 1)}), "-2");
  EXPECT_EQ(Eval("ceil", {DoubleLiteral(-1.5)}), "-1");
  EXPECT_EQ(Eval("sqrt", {IntLiteral(-1)}), "NaN");
  EXPECT_EQ(Eval("ln", {IntLiteral(0)}), "NULL");
  EXPECT_EQ(Eval("log", {IntLiteral(2), IntLiteral(8)}), "3.0");
  EXPECT_EQ(Eval("greatest", {IntLiteral(1), DecimalLiteral("2.5", 2, 1),
                              MakeNullLiteral(DataType::Integer())}),
            "2.5");
  auto greatest = Call("greatest", {IntLiteral(1), DecimalLiteral("2.5", 2, 1)});
  ASSERT_TRUE(greatest.ok());
  EXPECT_EQ((*greatest)->type->SimpleString(), "decimal(11,1)");
  auto least = Call("least", {IntLiteral(1), StringLiteral("a")});
  ASSERT_FALSE(least.ok());
  EXPECT_EQ(least.status().error().error_class, "DATATYPE_MISMATCH.DATA_DIFF_TYPES");
  EXPECT_EQ(Eval("sign", {IntLiteral(-7)}), "-1.0");
  auto rand = Call("rand", {IntLiteral(42)});
  ASSERT_TRUE(rand.ok());
  EXPECT_FALSE((*rand)->As<ScalarFunctionCall>().function->deterministic());
}

TEST(ScalarFunctions, Datetime) {
  EvalOptions options;
  options.query_start_micros = 1577880000LL * 1000000;  // 2020-01-01 12:00:00 UTC
  options.session_time_zone = "Asia/Tokyo";
  EXPECT_EQ(Eval("current_date", {}, true, options), "2020-01-01");
  EXPECT_EQ(Eval("current_timestamp", {}, true, options), "2020-01-01 21:00:00");
  EXPECT_EQ(Eval("date_add", {StringLiteral("2020-01-01"), IntLiteral(1)}), "2020-01-02");
  EXPECT_EQ(Eval("datediff", {StringLiteral("2020-01-10"), StringLiteral("2020-01-01")}), "9");
  EXPECT_EQ(Eval("add_months", {StringLiteral("2020-01-31"), IntLiteral(1)}), "2020-02-29");
  EXPECT_EQ(Eval("last_day", {StringLiteral("2021-02-03")}), "2021-02-28");
  EXPECT_EQ(Eval("dayofweek", {StringLiteral("2020-01-01")}), "4");
  EXPECT_EQ(Eval("year", {StringLiteral("2020-05-17")}), "2020");
  EXPECT_EQ(Eval("hour", {StringLiteral("2020-05-17 13:14:15")}), "13");
  EXPECT_EQ(Eval("date_format",
                 {StringLiteral("2020-05-17 13:14:15"), StringLiteral("yyyy/MM/dd HH:mm EEE")}),
            "2020/05/17 13:14 Sun");
  EXPECT_EQ(Eval("to_date", {StringLiteral("17/05/2020"), StringLiteral("dd/MM/yyyy")}),
            "2020-05-17");
  EXPECT_EQ(Eval("to_date", {StringLiteral("bad"), StringLiteral("dd/MM/yyyy")}),
            "ERROR CANNOT_PARSE_TIMESTAMP");
  EXPECT_EQ(Eval("to_date", {StringLiteral("bad"), StringLiteral("dd/MM/yyyy")}, false), "NULL");
  EXPECT_EQ(Eval("from_unixtime", {IntLiteral(0)}), "1970-01-01 00:00:00");
  EXPECT_EQ(Eval("unix_timestamp", {StringLiteral("1970-01-02 00:00:00")}), "86400");
  EXPECT_EQ(Eval("date_trunc", {StringLiteral("month"), StringLiteral("2020-05-17 13:14:15")}),
            "2020-05-01 00:00:00");
  EXPECT_EQ(Eval("make_date", {IntLiteral(2020), IntLiteral(2), IntLiteral(30)}),
            "ERROR DATETIME_FIELD_OUT_OF_BOUNDS");
}

TEST(ScalarFunctions, Collections) {
  EXPECT_EQ(Eval("size", {MakeNullLiteral(DataType::Array(DataType::Integer()))}), "NULL");
  EXPECT_EQ(Eval("size", {MakeNullLiteral(DataType::Array(DataType::Integer()))}, false), "-1");
  auto array = Call("array", {IntLiteral(1), IntLiteral(2)});
  ASSERT_TRUE(array.ok());
  EXPECT_EQ(Eval("element_at", {*array, IntLiteral(-1)}), "2");
  EXPECT_EQ(Eval("element_at", {*array, IntLiteral(5)}), "ERROR INVALID_ARRAY_INDEX_IN_ELEMENT_AT");
  EXPECT_EQ(Eval("element_at", {*array, IntLiteral(5)}, false), "NULL");
  EXPECT_EQ(Eval("array_contains", {*array, IntLiteral(2)}), "true");
  auto map = Call("map", {StringLiteral("a"), IntLiteral(1)});
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(Eval("element_at", {*map, StringLiteral("a")}), "1");
  EXPECT_EQ(Eval("map", {StringLiteral("a"), IntLiteral(1), StringLiteral("a"), IntLiteral(2)}),
            "ERROR DUPLICATED_MAP_KEY");
  auto row = Call("struct", {A(), B()});
  ASSERT_TRUE(row.ok());
  EXPECT_EQ((*row)->type->SimpleString(), "struct<a:int,b:int>");
  EXPECT_EQ((*row)->ToSql(), "struct(a, b)");
}

}  // namespace
}  // namespace sparkling::testing

namespace sparkling::testing {
namespace {

TEST(ScalarFunctions, ExtractAndArrays) {
  EXPECT_EQ(SqlOf("extract", {StringLiteral("year"), Column("ts", DataType::Timestamp())}),
            "extract(year FROM ts)");
  EXPECT_EQ(Eval("extract", {StringLiteral("MONTH"), StringLiteral("2020-05-17")}), "5");
  EXPECT_EQ(Eval("date_part", {StringLiteral("doy"), StringLiteral("2020-02-01")}), "32");
  auto bad = Call("extract", {StringLiteral("eon"), StringLiteral("2020-05-17")});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().error().error_class, "INVALID_EXTRACT_FIELD");
  auto array = Call(
      "array", {IntLiteral(3), MakeNullLiteral(DataType::Integer()), IntLiteral(1), IntLiteral(3)});
  ASSERT_TRUE(array.ok());
  EXPECT_EQ(SqlOf("sort_array", {*array}), "sort_array(array(3, NULL, 1, 3), true)");
  EXPECT_EQ(Eval("sort_array", {*array}), "[null, 1, 3, 3]");
  EXPECT_EQ(Eval("sort_array", {*array, BoolLiteral(false)}), "[3, 3, 1, null]");
  EXPECT_EQ(Eval("array_distinct", {*array}), "[3, null, 1]");
  EXPECT_EQ(Eval("array_max", {*array}), "3");
  EXPECT_EQ(Eval("array_join", {*array, StringLiteral("-")}), "3-1-3");
  EXPECT_EQ(Eval("array_join", {*array, StringLiteral("-"), StringLiteral("?")}), "3-?-1-3");
  auto map = Call("map", {StringLiteral("a"), IntLiteral(1), StringLiteral("b"), IntLiteral(2)});
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(Eval("map_keys", {*map}), "[a, b]");
  EXPECT_EQ(Eval("map_values", {*map}), "[1, 2]");
  EXPECT_EQ(Eval("typeof", {*map}), "map<string,int>");
}

TEST(ScalarFunctions, FirstIgnoresNullsFlagInName) {
  auto first = Call("first", {A(), BoolLiteral(true)});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ((*first)->ToSql(), "first(a)");
}

}  // namespace
}  // namespace sparkling::testing

namespace sparkling::testing {
namespace {

TEST(ScalarFunctions, ConcatArrays) {
  auto left = Call("array", {IntLiteral(1), IntLiteral(2)});
  auto right = Call("array", {LongLiteral(3)});
  ASSERT_TRUE(left.ok() && right.ok());
  auto call = Call("concat", {*left, *right});
  ASSERT_TRUE(call.ok()) << call.status().ToString();
  EXPECT_EQ((*call)->type->SimpleString(), "array<bigint>");
  EXPECT_EQ(Eval("concat", {*left, *right}), "[1, 2, 3]");
}

}  // namespace
}  // namespace sparkling::testing

namespace sparkling::testing {
namespace {

TEST(ScalarFunctions, ToDateWithoutPatternKeepsItsName) {
  EXPECT_EQ(SqlOf("to_date", {StringLiteral("2024-07-15")}), "to_date(2024-07-15)");
  EXPECT_EQ(Eval("to_date", {StringLiteral("2024-07-15")}), "2024-07-15");
  EXPECT_EQ(Eval("to_timestamp", {StringLiteral("2024-07-15 01:02:03")}), "2024-07-15 01:02:03");
  EXPECT_EQ(Eval("to_date", {StringLiteral("bad")}), "ERROR CAST_INVALID_INPUT");
}

}  // namespace
}  // namespace sparkling::testing
