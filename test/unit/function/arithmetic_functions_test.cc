#include <gtest/gtest.h>

#include "function_test_support.h"

namespace sparkling::testing {
namespace {

using Strings = std::vector<std::string>;

TEST(ArithmeticFunctions, AddResolvesTypeNameAndValues) {
  auto a = Column("a", DataType::Integer(), false);
  auto call = Call("+", {a, IntLiteral(1)});
  ASSERT_TRUE(call.ok()) << call.status().ToString();
  EXPECT_EQ((*call)->type->Sql(), "INT");
  EXPECT_FALSE((*call)->nullable);
  EXPECT_EQ((*call)->ToSql(), "(a + 1)");
  TestBatch batch{{{"a", Int32Array({1, 2, std::nullopt})}}, 3};
  auto out = EvaluateToStrings("+", {Column("a", DataType::Integer()), IntLiteral(1)}, batch);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, (Strings{"2", "3", "NULL"}));
}

TEST(ArithmeticFunctions, IntegerOverflowAnsiAndLegacy) {
  auto ansi = EvaluateToStrings("+", {IntLiteral(2147483647), IntLiteral(1)});
  ASSERT_FALSE(ansi.ok());
  EXPECT_EQ(ansi.status().error().error_class, "ARITHMETIC_OVERFLOW");
  EXPECT_EQ(ansi.status().message(),
            "[ARITHMETIC_OVERFLOW] integer overflow. Use 'try_add' to tolerate overflow and return "
            "NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this "
            "error. SQLSTATE: 22003");
  auto legacy = EvaluateToStrings("+", {IntLiteral(2147483647), IntLiteral(1)}, {}, false);
  ASSERT_TRUE(legacy.ok());
  EXPECT_EQ(*legacy, (Strings{"-2147483648"}));
  auto tried = EvaluateToStrings("try_add", {LongLiteral(INT64_MAX), LongLiteral(1)});
  ASSERT_TRUE(tried.ok());
  EXPECT_EQ(*tried, (Strings{"NULL"}));
}

TEST(ArithmeticFunctions, DivisionSemantics) {
  auto call = Call("/", {IntLiteral(1), IntLiteral(2)});
  ASSERT_TRUE(call.ok());
  EXPECT_EQ((*call)->type->Sql(), "DOUBLE");
  EXPECT_EQ(*EvaluateToStrings("/", {IntLiteral(1), IntLiteral(2)}), (Strings{"0.5"}));
  auto zero = EvaluateToStrings("/", {IntLiteral(1), IntLiteral(0)});
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().error().error_class, "DIVIDE_BY_ZERO");
  EXPECT_EQ(*EvaluateToStrings("/", {IntLiteral(1), IntLiteral(0)}, {}, false), (Strings{"NULL"}));
  EXPECT_EQ(*EvaluateToStrings("div", {IntLiteral(7), IntLiteral(2)}), (Strings{"3"}));
  EXPECT_EQ(*EvaluateToStrings("%", {IntLiteral(-5), IntLiteral(3)}), (Strings{"-2"}));
  EXPECT_EQ(*EvaluateToStrings("pmod", {IntLiteral(-5), IntLiteral(3)}), (Strings{"1"}));
  auto remainder = EvaluateToStrings("%", {IntLiteral(1), IntLiteral(0)});
  ASSERT_FALSE(remainder.ok());
  EXPECT_EQ(remainder.status().error().error_class, "REMAINDER_BY_ZERO");
}

TEST(ArithmeticFunctions, DecimalResultTypes) {
  auto product = Call("*", {DecimalLiteral("1", 10, 2), DecimalLiteral("2", 10, 3)});
  ASSERT_TRUE(product.ok());
  EXPECT_EQ((*product)->type->SimpleString(), "decimal(21,5)");
  auto quotient = Call("/", {DecimalLiteral("1.0", 2, 1), IntLiteral(3)});
  ASSERT_TRUE(quotient.ok());
  EXPECT_EQ((*quotient)->type->SimpleString(), "decimal(7,6)");  // 3 is decimal(1,0)
  auto column_quotient = Call("/", {DecimalLiteral("1.0", 2, 1), Column("i", DataType::Integer())});
  ASSERT_TRUE(column_quotient.ok());
  EXPECT_EQ((*column_quotient)->type->SimpleString(), "decimal(13,12)");
  auto product2 = Call("*", {IntLiteral(2), DecimalLiteral("1.5", 2, 1)});
  ASSERT_TRUE(product2.ok());
  EXPECT_EQ((*product2)->type->SimpleString(), "decimal(4,1)");
  EXPECT_EQ(*EvaluateToStrings("/", {DecimalLiteral("1", 38, 10), DecimalLiteral("3", 38, 10)}),
            (Strings{"0.333333"}));
  auto mixed = Call("+", {Column("i", DataType::Integer()), DecimalLiteral("1.5", 2, 1)});
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ((*mixed)->type->SimpleString(), "decimal(12,1)");
  EXPECT_EQ(*EvaluateToStrings("+", {IntLiteral(1), DecimalLiteral("1.5", 2, 1)}),
            (Strings{"2.5"}));
}

TEST(ArithmeticFunctions, StringOperands) {
  auto ansi = Call("+", {StringLiteral("1"), IntLiteral(1)});
  ASSERT_TRUE(ansi.ok());
  EXPECT_EQ((*ansi)->type->Sql(), "BIGINT");
  auto legacy = Call("+", {StringLiteral("a"), IntLiteral(1)}, false);
  ASSERT_TRUE(legacy.ok());
  EXPECT_EQ((*legacy)->type->Sql(), "DOUBLE");
  auto bad = EvaluateToStrings("+", {StringLiteral("a"), IntLiteral(1)});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().error().error_class, "CAST_INVALID_INPUT");
}

TEST(ArithmeticFunctions, UnaryAndAbs) {
  auto neg = Call("-", {Column("a", DataType::Integer())});
  ASSERT_TRUE(neg.ok());
  EXPECT_EQ((*neg)->ToSql(), "(- a)");
  auto negative = Call("negative", {Column("a", DataType::Integer())});
  ASSERT_TRUE(negative.ok());
  EXPECT_EQ((*negative)->ToSql(), "negative(a)");
  auto overflow = EvaluateToStrings("abs", {IntLiteral(INT32_MIN)});
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.status().message(),
            "[ARITHMETIC_OVERFLOW] integer overflow. If necessary set \"spark.sql.ansi.enabled\" "
            "to \"false\" to bypass this error. SQLSTATE: 22003");
  EXPECT_EQ(*EvaluateToStrings("abs", {IntLiteral(INT32_MIN)}, {}, false),
            (Strings{"-2147483648"}));
}

TEST(ArithmeticFunctions, ErrorsAtResolution) {
  auto unknown = Call("no_such_function", {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(),
            "[UNRESOLVED_ROUTINE] Cannot resolve routine `no_such_function` on search path "
            "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]. SQLSTATE: "
            "42883");
  auto arity = Call("abs", {IntLiteral(1), IntLiteral(2)});
  ASSERT_FALSE(arity.ok());
  EXPECT_EQ(arity.status().error().error_class, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
  auto mismatch = Call("+", {BoolLiteral(true), IntLiteral(1)});
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.status().error().error_class, "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES");
}

}  // namespace
}  // namespace sparkling::testing
