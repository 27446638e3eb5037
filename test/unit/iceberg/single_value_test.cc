#include "iceberg/single_value.h"

#include <arrow/api.h>
#include <arrow/util/decimal.h>
#include <gtest/gtest.h>

#include <cmath>

namespace sparkling::iceberg {
namespace {

std::string Encode(const arrow::Scalar& value, const std::string& type) {
  auto bytes = ToSingleValue(value, *IcebergType::Primitive(type));
  EXPECT_TRUE(bytes.ok()) << type << ": " << bytes.status().ToString();
  return bytes.ok() ? *bytes : "<error>";
}

std::shared_ptr<arrow::Scalar> Decode(const std::string& bytes, const std::string& type) {
  auto value = FromSingleValue(bytes, *IcebergType::Primitive(type));
  EXPECT_TRUE(value.ok()) << type << ": " << value.status().ToString();
  return value.ok() ? *value : nullptr;
}

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int byte : bytes) out.push_back(static_cast<char>(byte));
  return out;
}

arrow::Decimal128Scalar DecimalScalar(int64_t unscaled, int precision, int scale) {
  return arrow::Decimal128Scalar(arrow::Decimal128(unscaled), arrow::decimal128(precision, scale));
}

TEST(SingleValue, EncodesPerAppendixD) {
  EXPECT_EQ(Encode(arrow::BooleanScalar(true), "boolean"), Bytes({1}));
  EXPECT_EQ(Encode(arrow::BooleanScalar(false), "boolean"), Bytes({0}));
  EXPECT_EQ(Encode(arrow::Int32Scalar(1), "int"), Bytes({1, 0, 0, 0}));
  EXPECT_EQ(Encode(arrow::Int32Scalar(-2), "int"), Bytes({0xfe, 0xff, 0xff, 0xff}));
  EXPECT_EQ(Encode(arrow::Int8Scalar(-2), "int"), Bytes({0xfe, 0xff, 0xff, 0xff}));
  EXPECT_EQ(Encode(arrow::Int16Scalar(258), "int"), Bytes({2, 1, 0, 0}));
  EXPECT_EQ(Encode(arrow::Int64Scalar(1), "long"), Bytes({1, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(Encode(arrow::Int32Scalar(1), "long"), Bytes({1, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(Encode(arrow::Date32Scalar(17486), "date"), Bytes({0x4e, 0x44, 0, 0}));
  EXPECT_EQ(Encode(arrow::FloatScalar(1.0f), "float"), Bytes({0, 0, 0x80, 0x3f}));
  EXPECT_EQ(Encode(arrow::FloatScalar(-0.0f), "float"), Bytes({0, 0, 0, 0x80}));
  EXPECT_EQ(Encode(arrow::DoubleScalar(1.0), "double"), Bytes({0, 0, 0, 0, 0, 0, 0xf0, 0x3f}));
  EXPECT_EQ(Encode(arrow::StringScalar("iceberg"), "string"), "iceberg");
  EXPECT_EQ(Encode(arrow::BinaryScalar(Bytes({0, 1, 2})), "binary"), Bytes({0, 1, 2}));
  EXPECT_EQ(Encode(arrow::Time64Scalar(81068000000, arrow::time64(arrow::TimeUnit::MICRO)), "time"),
            Encode(arrow::Int64Scalar(81068000000), "long"));
  // Timestamps are microseconds whatever unit the engine holds.
  EXPECT_EQ(
      Encode(arrow::TimestampScalar(1, arrow::timestamp(arrow::TimeUnit::MILLI)), "timestamp"),
      Encode(arrow::Int64Scalar(1000), "long"));
  EXPECT_EQ(Encode(arrow::TimestampScalar(-1, arrow::timestamp(arrow::TimeUnit::NANO, "UTC")),
                   "timestamptz"),
            Encode(arrow::Int64Scalar(-1), "long"));
  EXPECT_EQ(
      Encode(arrow::TimestampScalar(1, arrow::timestamp(arrow::TimeUnit::MICRO)), "timestamp_ns"),
      Encode(arrow::Int64Scalar(1000), "long"));
}

TEST(SingleValue, UuidIsSixteenBigEndianBytes) {
  const std::string uuid = Bytes({0xf7, 0x9c, 0x3e, 0x09, 0x67, 0x7c, 0x4b, 0xbd, 0xa4, 0x79, 0x3f,
                                  0x34, 0x9c, 0xb7, 0x85, 0xe7});
  EXPECT_EQ(Encode(arrow::FixedSizeBinaryScalar(arrow::Buffer::FromString(uuid),
                                                arrow::fixed_size_binary(16)),
                   "uuid"),
            uuid);
  EXPECT_EQ(Encode(arrow::StringScalar("f79c3e09-677c-4bbd-a479-3f349cb785e7"), "uuid"), uuid);
  EXPECT_FALSE(
      ToSingleValue(arrow::StringScalar("not-a-uuid"), *IcebergType::Primitive("uuid")).ok());
}

TEST(SingleValue, DecimalsAreMinimalTwosComplement) {
  EXPECT_EQ(Encode(DecimalScalar(1420, 4, 2), "decimal(4, 2)"), Bytes({0x05, 0x8c}));
  EXPECT_EQ(Encode(DecimalScalar(-150, 9, 2), "decimal(9, 2)"), Bytes({0xff, 0x6a}));
  EXPECT_EQ(Encode(DecimalScalar(0, 9, 2), "decimal(9, 2)"), Bytes({0x00}));
  EXPECT_EQ(Encode(DecimalScalar(127, 9, 0), "decimal(9, 0)"), Bytes({0x7f}));
  EXPECT_EQ(Encode(DecimalScalar(128, 9, 0), "decimal(9, 0)"), Bytes({0x00, 0x80}));
  EXPECT_EQ(Encode(DecimalScalar(-128, 9, 0), "decimal(9, 0)"), Bytes({0x80}));
  EXPECT_EQ(Encode(DecimalScalar(-129, 9, 0), "decimal(9, 0)"), Bytes({0xff, 0x7f}));
  EXPECT_EQ(Encode(DecimalScalar(-1, 9, 0), "decimal(9, 0)"), Bytes({0xff}));
  // A value held at another scale is rescaled to the column's: 1.5 → 1.50.
  EXPECT_EQ(Encode(DecimalScalar(15, 9, 1), "decimal(9, 2)"), Bytes({0x00, 0x96}));
  EXPECT_EQ(DecimalToMinimalBytes(arrow::Decimal128("-170141183460469231731687303715884105728")),
            Bytes({0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  auto back = DecimalFromBigEndian(Bytes({0xff, 0x6a}));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, arrow::Decimal128(-150));
  EXPECT_FALSE(DecimalFromBigEndian("").ok());
  EXPECT_FALSE(DecimalFromBigEndian(std::string(17, '\0')).ok());
}

TEST(SingleValue, RoundTripsToToArrowSchemaTypes) {
  struct Case {
    std::shared_ptr<arrow::Scalar> value;
    std::string type;
  };
  const std::vector<Case> cases = {
      {std::make_shared<arrow::BooleanScalar>(true), "boolean"},
      {std::make_shared<arrow::Int32Scalar>(-7), "int"},
      {std::make_shared<arrow::Int64Scalar>(INT64_MIN), "long"},
      {std::make_shared<arrow::FloatScalar>(-0.0f), "float"},
      {std::make_shared<arrow::DoubleScalar>(3.25), "double"},
      {std::make_shared<arrow::Date32Scalar>(-1), "date"},
      {std::make_shared<arrow::Time64Scalar>(5, arrow::time64(arrow::TimeUnit::MICRO)), "time"},
      {std::make_shared<arrow::TimestampScalar>(-5, arrow::timestamp(arrow::TimeUnit::MICRO)),
       "timestamp"},
      {std::make_shared<arrow::TimestampScalar>(5, arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")),
       "timestamptz"},
      {std::make_shared<arrow::TimestampScalar>(5, arrow::timestamp(arrow::TimeUnit::NANO)),
       "timestamp_ns"},
      {std::make_shared<arrow::StringScalar>("héllo"), "string"},
      {std::make_shared<arrow::BinaryScalar>(Bytes({0, 255})), "binary"},
      {std::make_shared<arrow::FixedSizeBinaryScalar>(arrow::Buffer::FromString("abc"),
                                                      arrow::fixed_size_binary(3)),
       "fixed[3]"},
      {std::make_shared<arrow::FixedSizeBinaryScalar>(
           arrow::Buffer::FromString(std::string(16, '\x7f')), arrow::fixed_size_binary(16)),
       "uuid"},
      {std::make_shared<arrow::Decimal128Scalar>(arrow::Decimal128(-123456789),
                                                 arrow::decimal128(38, 10)),
       "decimal(38, 10)"},
  };
  for (const auto& c : cases) {
    std::string bytes = Encode(*c.value, c.type);
    auto decoded = Decode(bytes, c.type);
    ASSERT_NE(decoded, nullptr) << c.type;
    EXPECT_TRUE(decoded->Equals(*c.value))
        << c.type << ": " << decoded->ToString() << " vs " << c.value->ToString();
    EXPECT_TRUE(decoded->type->Equals(*c.value->type)) << c.type;
  }
}

TEST(SingleValue, ReadsBoundsWrittenBeforeTypePromotion) {
  auto as_long = Decode(Bytes({0xfe, 0xff, 0xff, 0xff}), "long");
  ASSERT_NE(as_long, nullptr);
  EXPECT_TRUE(as_long->Equals(arrow::Int64Scalar(-2)));
  auto as_double = Decode(Bytes({0, 0, 0x80, 0x3f}), "double");
  ASSERT_NE(as_double, nullptr);
  EXPECT_TRUE(as_double->Equals(arrow::DoubleScalar(1.0)));
  auto wider_decimal = Decode(Bytes({0x05, 0x8c}), "decimal(20, 2)");
  ASSERT_NE(wider_decimal, nullptr);
  EXPECT_TRUE(wider_decimal->Equals(DecimalScalar(1420, 20, 2)));
}

TEST(SingleValue, RejectsWhatCannotBeEncoded) {
  auto fails = [](const arrow::Scalar& value, const std::string& type) {
    return !ToSingleValue(value, *IcebergType::Primitive(type)).ok();
  };
  EXPECT_TRUE(fails(*arrow::MakeNullScalar(arrow::int32()), "int"));
  EXPECT_TRUE(fails(arrow::StringScalar("1"), "int"));
  EXPECT_TRUE(fails(arrow::Int64Scalar(int64_t{1} << 40), "int"));
  EXPECT_TRUE(fails(arrow::Int32Scalar(1), "string"));
  EXPECT_TRUE(fails(arrow::BinaryScalar("abc"), "fixed[4]"));
  EXPECT_TRUE(fails(arrow::Int32Scalar(1), "boolean"));
  auto nested = IcebergType::List(2, false, IcebergType::Primitive("int"));
  EXPECT_FALSE(ToSingleValue(arrow::Int32Scalar(1), *nested).ok());
}

TEST(SingleValue, RejectsMalformedBounds) {
  auto fails = [](const std::string& bytes, const std::string& type) {
    auto value = FromSingleValue(bytes, *IcebergType::Primitive(type));
    if (value.ok()) return false;
    EXPECT_EQ(value.status().error().error_class, "ICEBERG_VALIDATION");
    return true;
  };
  EXPECT_TRUE(fails("", "int"));
  EXPECT_TRUE(fails("12345", "int"));
  EXPECT_TRUE(fails("123", "long"));
  EXPECT_TRUE(fails("", "boolean"));
  EXPECT_TRUE(fails("1234567", "timestamp"));
  EXPECT_TRUE(fails(std::string(15, 'x'), "uuid"));
  EXPECT_TRUE(fails("ab", "fixed[3]"));
  EXPECT_TRUE(fails("", "decimal(9, 2)"));
  EXPECT_TRUE(fails("12", "float"));
}

}  // namespace
}  // namespace sparkling::iceberg
