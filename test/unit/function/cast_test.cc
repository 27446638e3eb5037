#include "function/cast.h"

#include <gtest/gtest.h>

#include "function_test_support.h"

namespace sparkling::testing {
namespace {

// Casts one literal and renders the result as a string.
std::string CastText(const ExprPtr& literal, const DataTypePtr& to, CastMode mode,
                     const std::string& zone = "UTC") {
  EvalOptions options;
  options.session_time_zone = zone;
  auto value =
      CastDatum(arrow::Datum(literal->As<Literal>().value), *literal->type, *to, mode, options);
  if (!value.ok()) return "ERROR " + value.status().error().error_class;
  auto text = CastDatum(*value, *to, *DataType::String(), CastMode::kAnsi, options);
  if (!text.ok()) return "ERROR " + text.status().error().error_class;
  const auto& scalar = static_cast<const arrow::StringScalar&>(*text->scalar());
  return scalar.is_valid ? scalar.value->ToString() : "NULL";
}

TEST(Cast, StringToNumbers) {
  EXPECT_EQ(CastText(StringLiteral(" 12 "), DataType::Integer(), CastMode::kAnsi), "12");
  EXPECT_EQ(CastText(StringLiteral("1.5"), DataType::Integer(), CastMode::kAnsi),
            "ERROR CAST_INVALID_INPUT");
  EXPECT_EQ(CastText(StringLiteral("1.5"), DataType::Integer(), CastMode::kLegacy), "1");
  EXPECT_EQ(CastText(StringLiteral("abc"), DataType::Integer(), CastMode::kLegacy), "NULL");
  EXPECT_EQ(CastText(StringLiteral("abc"), DataType::Integer(), CastMode::kTry), "NULL");
  EXPECT_EQ(CastText(StringLiteral("Infinity"), DataType::Double(), CastMode::kAnsi), "Infinity");
  EXPECT_EQ(CastText(StringLiteral("123.456"), DataType::Decimal(4, 1), CastMode::kAnsi), "123.5");
  EXPECT_EQ(CastText(StringLiteral("yes"), DataType::Boolean(), CastMode::kAnsi), "true");
}

TEST(Cast, NumericOverflow) {
  EXPECT_EQ(CastText(LongLiteral(3000000000LL), DataType::Integer(), CastMode::kAnsi),
            "ERROR CAST_OVERFLOW");
  EXPECT_EQ(CastText(LongLiteral(3000000000LL), DataType::Integer(), CastMode::kLegacy),
            "-1294967296");
  EXPECT_EQ(CastText(DoubleLiteral(1e20), DataType::Long(), CastMode::kLegacy),
            "9223372036854775807");
  EXPECT_EQ(CastText(DoubleLiteral(-1.5), DataType::Integer(), CastMode::kAnsi), "-1");
  EXPECT_EQ(CastText(DecimalLiteral("12345.6", 6, 1), DataType::Decimal(4, 1), CastMode::kAnsi),
            "ERROR NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
  EXPECT_EQ(CastText(DecimalLiteral("12345.6", 6, 1), DataType::Decimal(4, 1), CastMode::kLegacy),
            "NULL");
  auto overflow = CastDatum(arrow::Datum(LongLiteral(3000000000LL)->As<Literal>().value),
                            *DataType::Long(), *DataType::Integer(), CastMode::kAnsi, {});
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.status().message(),
            "[CAST_OVERFLOW] The value 3000000000L of the type \"BIGINT\" cannot be cast to "
            "\"INT\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL "
            "instead. SQLSTATE: 22003");
}

TEST(Cast, NumbersToStrings) {
  EXPECT_EQ(CastText(DoubleLiteral(1e10), DataType::String(), CastMode::kAnsi), "1.0E10");
  EXPECT_EQ(CastText(DoubleLiteral(1234567.0), DataType::String(), CastMode::kAnsi), "1234567.0");
  EXPECT_EQ(CastText(DoubleLiteral(0.001), DataType::String(), CastMode::kAnsi), "0.001");
  EXPECT_EQ(CastText(DoubleLiteral(1e-4), DataType::String(), CastMode::kAnsi), "1.0E-4");
  EXPECT_EQ(CastText(DecimalLiteral("-0.05", 3, 2), DataType::String(), CastMode::kAnsi), "-0.05");
}

TEST(Cast, DatesAndTimestamps) {
  EXPECT_EQ(CastText(StringLiteral("2020-1-1"), DataType::Date(), CastMode::kAnsi), "2020-01-01");
  EXPECT_EQ(
      CastText(StringLiteral("2020-01-01T10:00:00.5"), DataType::Timestamp(), CastMode::kAnsi),
      "2020-01-01 10:00:00.5");
  EXPECT_EQ(CastText(StringLiteral("2020-01-01 10:00:00"), DataType::Timestamp(), CastMode::kAnsi,
                     "America/Los_Angeles"),
            "2020-01-01 10:00:00");
  // The instant is fixed; its text follows the session zone.
  EvalOptions la;
  la.session_time_zone = "America/Los_Angeles";
  auto instant = CastDatum(arrow::Datum(StringLiteral("2020-01-01 10:00:00Z")->As<Literal>().value),
                           *DataType::String(), *DataType::Timestamp(), CastMode::kAnsi, la);
  ASSERT_TRUE(instant.ok());
  auto text = CastDatum(*instant, *DataType::Timestamp(), *DataType::String(), CastMode::kAnsi, la);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->scalar()->ToString(), "2020-01-01 02:00:00");
  EXPECT_EQ(CastText(StringLiteral("2020-02-30"), DataType::Date(), CastMode::kLegacy), "NULL");
}

TEST(Cast, NestedToString) {
  auto array = Call("array", {IntLiteral(1), IntLiteral(2)});
  ASSERT_TRUE(array.ok());
  auto value = Evaluate(*array, {});
  ASSERT_TRUE(value.ok()) << value.status().ToString();
  auto text = CastDatum(*value, *(*array)->type, *DataType::String(), CastMode::kAnsi, {});
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(text->scalar()->ToString(), "[1, 2]");
  auto map = Call("map", {StringLiteral("a"), IntLiteral(1)});
  ASSERT_TRUE(map.ok());
  auto map_text =
      CastDatum(*Evaluate(*map, {}), *(*map)->type, *DataType::String(), CastMode::kAnsi, {});
  ASSERT_TRUE(map_text.ok()) << map_text.status().ToString();
  EXPECT_EQ(map_text->scalar()->ToString(), "{a -> 1}");
  auto row = Call("named_struct",
                  {StringLiteral("a"), IntLiteral(1), StringLiteral("b"), StringLiteral("x")});
  ASSERT_TRUE(row.ok());
  EXPECT_EQ((*row)->type->SimpleString(), "struct<a:int,b:string>");
  auto row_text =
      CastDatum(*Evaluate(*row, {}), *(*row)->type, *DataType::String(), CastMode::kAnsi, {});
  ASSERT_TRUE(row_text.ok()) << row_text.status().ToString();
  EXPECT_EQ(row_text->scalar()->ToString(), "{1, x}");
}

}  // namespace
}  // namespace sparkling::testing
