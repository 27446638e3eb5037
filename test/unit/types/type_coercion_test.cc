#include "types/type_coercion.h"

#include <gtest/gtest.h>

namespace sparkling {
namespace {

std::string Sql(const std::optional<DataTypePtr>& type) {
  return type ? (*type)->SimpleString() : "none";
}

TEST(TypeCoercion, TightestCommonType) {
  EXPECT_EQ(Sql(FindTightestCommonType(*DataType::Integer(), *DataType::Long(), true)), "bigint");
  EXPECT_EQ(Sql(FindTightestCommonType(*DataType::Null(), *DataType::String(), true)), "string");
  // ANSI widens int/bigint + float to double; legacy keeps float.
  EXPECT_EQ(Sql(FindTightestCommonType(*DataType::Integer(), *DataType::Float(), true)), "double");
  EXPECT_EQ(Sql(FindTightestCommonType(*DataType::Integer(), *DataType::Float(), false)), "float");
  EXPECT_EQ(Sql(FindTightestCommonType(*DataType::Date(), *DataType::Timestamp(), true)),
            "timestamp");
  EXPECT_EQ(Sql(FindTightestCommonType(*DataType::Integer(), *DataType::String(), true)), "none");
  EXPECT_EQ(Sql(FindTightestCommonType(*DataType::Integer(), *DataType::Decimal(5, 2), true)),
            "none");
  EXPECT_EQ(Sql(FindTightestCommonType(*DataType::Integer(), *DataType::Decimal(12, 2), true)),
            "decimal(12,2)");
}

TEST(TypeCoercion, WiderTypeAnsiAndLegacy) {
  EXPECT_EQ(Sql(FindWiderType(*DataType::Integer(), *DataType::Decimal(2, 1), true)),
            "decimal(11,1)");
  EXPECT_EQ(Sql(FindWiderType(*DataType::Decimal(10, 2), *DataType::Double(), true)), "double");
  EXPECT_EQ(Sql(FindWiderType(*DataType::Integer(), *DataType::String(), true)), "bigint");
  EXPECT_EQ(Sql(FindWiderType(*DataType::Integer(), *DataType::String(), false)), "string");
  EXPECT_EQ(Sql(FindWiderType(*DataType::Boolean(), *DataType::String(), false)), "none");
  EXPECT_EQ(Sql(FindWiderType(*DataType::Array(DataType::Integer()),
                              *DataType::Array(DataType::Long()), true)),
            "array<bigint>");
  EXPECT_EQ(Sql(FindWiderCommonType(
                {DataType::Timestamp(), DataType::Integer(), DataType::String()}, false)),
            "string");
  EXPECT_EQ(Sql(FindWiderCommonType({DataType::Integer(), DataType::Boolean()}, true)), "none");
}

TEST(TypeCoercion, BinaryComparison) {
  EXPECT_EQ(Sql(FindBinaryComparisonType(*DataType::Integer(), *DataType::String(), true)),
            "bigint");
  EXPECT_EQ(Sql(FindBinaryComparisonType(*DataType::Integer(), *DataType::String(), false)), "int");
  EXPECT_EQ(Sql(FindBinaryComparisonType(*DataType::Decimal(3, 1), *DataType::String(), false)),
            "double");
  EXPECT_EQ(Sql(FindBinaryComparisonType(*DataType::Date(), *DataType::String(), true)), "date");
}

TEST(TypeCoercion, DecimalArithmetic) {
  auto d10_2 = DataType::Decimal(10, 2);
  auto d10_3 = DataType::Decimal(10, 3);
  EXPECT_EQ(DecimalArithmeticResultType(DecimalArithmetic::kAdd, *d10_2, *d10_3)->SimpleString(),
            "decimal(12,3)");
  EXPECT_EQ(
      DecimalArithmeticResultType(DecimalArithmetic::kMultiply, *d10_2, *d10_3)->SimpleString(),
      "decimal(21,5)");
  auto d38_10 = DataType::Decimal(38, 10);
  EXPECT_EQ(
      DecimalArithmeticResultType(DecimalArithmetic::kDivide, *d38_10, *d38_10)->SimpleString(),
      "decimal(38,6)");
  EXPECT_EQ(DecimalArithmeticResultType(DecimalArithmetic::kDivide, *DataType::Decimal(2, 1),
                                        *DataType::Decimal(10, 0))
                ->SimpleString(),
            "decimal(13,12)");
  EXPECT_EQ(
      DecimalArithmeticResultType(DecimalArithmetic::kRemainder, *d10_2, *d10_3)->SimpleString(),
      "decimal(10,3)");
}

TEST(TypeCoercion, ImplicitCastsAndCastMatrix) {
  ExpectedType numeric = ExpectedType::Of(ExpectedType::Kind::kNumeric);
  EXPECT_EQ(Sql(ImplicitCastTarget(*DataType::String(), numeric, true)), "double");
  EXPECT_EQ(
      Sql(ImplicitCastTarget(*DataType::Integer(), ExpectedType::Exact(DataType::String()), true)),
      "string");
  EXPECT_EQ(Sql(ImplicitCastTarget(*DataType::Double(),
                                   ExpectedType::Of(ExpectedType::Kind::kIntegral), true)),
            "none");
  EXPECT_EQ(Sql(ImplicitCastTarget(*DataType::Null(), ExpectedType::Exact(DataType::Date()), true)),
            "date");
  EXPECT_TRUE(CanCast(*DataType::String(), *DataType::Integer(), true));
  EXPECT_TRUE(CanCast(*DataType::Integer(), *DataType::String(), true));
  EXPECT_FALSE(CanCast(*DataType::Date(), *DataType::Integer(), true));
  EXPECT_TRUE(CanCast(*DataType::Date(), *DataType::Integer(), false));
  EXPECT_FALSE(CanCast(*DataType::Array(DataType::Integer()), *DataType::Integer(), false));
  EXPECT_TRUE(CanCast(*DataType::Array(DataType::Integer()), *DataType::String(), true));
  EXPECT_TRUE(CanUpCast(*DataType::Integer(), *DataType::Long()));
  EXPECT_FALSE(CanUpCast(*DataType::Long(), *DataType::Integer()));
}

}  // namespace
}  // namespace sparkling
