#include "iceberg/partition_transform.h"

#include <arrow/api.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>

#include "iceberg/single_value.h"

namespace sparkling::iceberg {
namespace {

using Kind = Transform::Kind;

std::shared_ptr<arrow::Array> ArrayOf(const std::shared_ptr<arrow::DataType>& type,
                                      const std::string& json) {
  auto array = arrow::json::ArrayFromJSONString(type, json);
  EXPECT_TRUE(array.ok()) << array.status().ToString();
  return *array;
}

// Applies a transform and compares with the expected array as JSON.
void ExpectTransform(const std::string& transform, const std::shared_ptr<arrow::DataType>& type,
                     const std::string& input, const std::shared_ptr<arrow::DataType>& out_type,
                     const std::string& expected) {
  auto result = ApplyTransform(ParseTransform(transform), ArrayOf(type, input));
  ASSERT_TRUE(result.ok()) << transform << ": " << result.status().ToString();
  auto expected_array = ArrayOf(out_type, expected);
  EXPECT_TRUE((*result)->Equals(*expected_array))
      << transform << " on " << type->ToString() << " " << input << "\n  got      "
      << (*result)->ToString() << "\n  expected " << expected_array->ToString();
}

std::string LongBytes(int64_t value) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(static_cast<uint64_t>(value) >> (8 * i));
  return out;
}

constexpr int64_t kDay20171116 = 17486;
constexpr int64_t kMicros20171116T223108 = 1510871468000000;

TEST(Murmur3, SpecTestVectors) {
  // Iceberg spec, Appendix B: ints, longs, dates and times hash as 8-byte little-endian longs.
  EXPECT_EQ(Murmur3Hash32(LongBytes(34)), 2017239379);
  EXPECT_EQ(Murmur3Hash32("iceberg"), 1210000089);
  EXPECT_EQ(Murmur3Hash32(LongBytes(kDay20171116)), -653330422);
  EXPECT_EQ(Murmur3Hash32(LongBytes(int64_t{81068000000})), -662762989);  // time 22:31:08
  EXPECT_EQ(Murmur3Hash32(LongBytes(kMicros20171116T223108)), -2047944441);
  EXPECT_EQ(Murmur3Hash32(std::string("\xf7\x9c\x3e\x09\x67\x7c\x4b\xbd\xa4\x79\x3f\x34\x9c\xb7"
                                      "\x85\xe7",
                                      16)),
            1488055340);
  EXPECT_EQ(Murmur3Hash32(std::string("\x05\x8c", 2)), -500754589);  // decimal 14.20
  EXPECT_EQ(Murmur3Hash32(std::string("\x00\x01\x02\x03", 4)), -188683207);
  EXPECT_EQ(Murmur3Hash32(""), 0);
}

int32_t Bucket(int32_t hash, int32_t buckets) { return (hash & 0x7fffffff) % buckets; }

TEST(ApplyTransform, BucketMatchesSpecHashes) {
  const int n = 1000;
  auto bucket = [&](int32_t hash) { return std::to_string(Bucket(hash, n)); };
  ExpectTransform("bucket[1000]", arrow::int32(), "[34, null]", arrow::int32(),
                  "[" + bucket(2017239379) + ", null]");
  ExpectTransform("bucket[1000]", arrow::int64(), "[34]", arrow::int32(),
                  "[" + bucket(2017239379) + "]");
  ExpectTransform("bucket[1000]", arrow::int16(), "[34]", arrow::int32(),
                  "[" + bucket(2017239379) + "]");
  ExpectTransform("bucket[1000]", arrow::utf8(), R"(["iceberg"])", arrow::int32(),
                  "[" + bucket(1210000089) + "]");
  ExpectTransform("bucket[1000]", arrow::large_utf8(), R"(["iceberg"])", arrow::int32(),
                  "[" + bucket(1210000089) + "]");
  ExpectTransform("bucket[1000]", arrow::date32(), "[17486]", arrow::int32(),
                  "[" + bucket(-653330422) + "]");
  ExpectTransform("bucket[1000]", arrow::time64(arrow::TimeUnit::MICRO), "[81068000000]",
                  arrow::int32(), "[" + bucket(-662762989) + "]");
  ExpectTransform("bucket[1000]", arrow::timestamp(arrow::TimeUnit::MICRO), "[1510871468000000]",
                  arrow::int32(), "[" + bucket(-2047944441) + "]");
  // 2017-11-16T14:31:08-08:00 is the same instant.
  ExpectTransform("bucket[1000]", arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"),
                  "[1510871468000000]", arrow::int32(), "[" + bucket(-2047944441) + "]");
  ExpectTransform("bucket[1000]", arrow::timestamp(arrow::TimeUnit::NANO), "[1510871468000000999]",
                  arrow::int32(), "[" + bucket(-2047944441) + "]");
  ExpectTransform("bucket[1000]", arrow::decimal128(4, 2), R"(["14.20"])", arrow::int32(),
                  "[" + bucket(-500754589) + "]");
  ExpectTransform("bucket[1000]", arrow::binary(), R"(["\u0000\u0001\u0002\u0003"])",
                  arrow::int32(), "[" + bucket(-188683207) + "]");
  ExpectTransform("bucket[1000]", arrow::fixed_size_binary(4), R"(["\u0000\u0001\u0002\u0003"])",
                  arrow::int32(), "[" + bucket(-188683207) + "]");
}

TEST(ApplyTransform, BucketOnUuid) {
  arrow::FixedSizeBinaryBuilder builder(arrow::fixed_size_binary(16));
  ASSERT_TRUE(builder
                  .Append(std::string("\xf7\x9c\x3e\x09\x67\x7c\x4b\xbd\xa4\x79\x3f\x34\x9c\xb7"
                                      "\x85\xe7",
                                      16))
                  .ok());
  std::shared_ptr<arrow::Array> uuids;
  ASSERT_TRUE(builder.Finish(&uuids).ok());
  auto result = ApplyTransform(ParseTransform("bucket[16]"), uuids);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(std::static_pointer_cast<arrow::Int32Array>(*result)->Value(0), Bucket(1488055340, 16));
}

TEST(ApplyTransform, Truncate) {
  ExpectTransform("truncate[10]", arrow::int32(), "[0, 1, 9, 10, 11, -1, -10, -11, null]",
                  arrow::int32(), "[0, 0, 0, 10, 10, -10, -10, -20, null]");
  ExpectTransform("truncate[10]", arrow::int8(), "[-1, 12]", arrow::int32(), "[-10, 10]");
  ExpectTransform("truncate[10]", arrow::int64(), "[-1, 12, 9223372036854775807]", arrow::int64(),
                  "[-10, 10, 9223372036854775800]");
  // The spec's example: truncate[50] of 10.65 is 10.50 (on the unscaled value 1065).
  ExpectTransform("truncate[50]", arrow::decimal128(9, 2), R"(["10.65", "-0.05", null])",
                  arrow::decimal128(9, 2), R"(["10.50", "-0.50", null])");
  ExpectTransform("truncate[3]", arrow::utf8(), R"(["iceberg", "ab", "", null])", arrow::utf8(),
                  R"(["ice", "ab", "", null])");
  // Code points, not bytes: é is two bytes, 😀 four.
  ExpectTransform("truncate[2]", arrow::utf8(), R"(["éèê", "😀😀😀", "a😀b"])", arrow::utf8(),
                  R"(["éè", "😀😀", "a😀"])");
  ExpectTransform("truncate[2]", arrow::large_utf8(), R"(["abc"])", arrow::utf8(), R"(["ab"])");
  ExpectTransform("truncate[2]", arrow::binary(), R"(["abc", "a"])", arrow::binary(),
                  R"(["ab", "a"])");
}

TEST(ApplyTransform, TimeTransformsFloorNegatives) {
  // 2017-11-16, 1970-01-01, 1969-12-31, 1900-03-01
  const std::string dates = "[17486, 0, -1, -25508, null]";
  ExpectTransform("year", arrow::date32(), dates, arrow::int32(), "[47, 0, -1, -70, null]");
  ExpectTransform("month", arrow::date32(), dates, arrow::int32(), "[574, 0, -1, -838, null]");
  ExpectTransform("day", arrow::date32(), dates, arrow::date32(), dates);
  // 2017-11-16T22:31:08, epoch, one microsecond before it, 1969-12-31T00:00:00
  const std::string timestamps = "[1510871468000000, 0, -1, -86400000000, null]";
  for (auto type : {arrow::timestamp(arrow::TimeUnit::MICRO),
                    arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")}) {
    ExpectTransform("year", type, timestamps, arrow::int32(), "[47, 0, -1, -1, null]");
    ExpectTransform("month", type, timestamps, arrow::int32(), "[574, 0, -1, -1, null]");
    ExpectTransform("day", type, timestamps, arrow::date32(), "[17486, 0, -1, -1, null]");
    ExpectTransform("hour", type, timestamps, arrow::int32(), "[419686, 0, -1, -24, null]");
  }
  ExpectTransform("day", arrow::timestamp(arrow::TimeUnit::NANO), "[-1, 1510871468000000000]",
                  arrow::date32(), "[-1, 17486]");
  ExpectTransform("hour", arrow::timestamp(arrow::TimeUnit::MILLI), "[-1, 3600000]", arrow::int32(),
                  "[-1, 1]");
}

TEST(ApplyTransform, IdentityAndVoid) {
  ExpectTransform("identity", arrow::int8(), "[1, null, -3]", arrow::int32(), "[1, null, -3]");
  ExpectTransform("identity", arrow::large_utf8(), R"(["a", null])", arrow::utf8(),
                  R"(["a", null])");
  auto doubles = ArrayOf(arrow::float64(), "[1.5, null]");
  auto same = ApplyTransform(ParseTransform("identity"), doubles);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, doubles);
  ExpectTransform("void", arrow::int64(), "[1, 2]", arrow::int64(), "[null, null]");
}

TEST(ApplyTransform, InvalidSourcesAreErrors) {
  auto doubles = ArrayOf(arrow::float64(), "[1.5]");
  auto strings = ArrayOf(arrow::utf8(), R"(["a"])");
  auto dates = ArrayOf(arrow::date32(), "[1]");
  EXPECT_FALSE(ApplyTransform(ParseTransform("bucket[4]"), doubles).ok());
  EXPECT_FALSE(ApplyTransform(ParseTransform("day"), strings).ok());
  EXPECT_FALSE(ApplyTransform(ParseTransform("hour"), dates).ok());
  EXPECT_FALSE(ApplyTransform(ParseTransform("truncate[2]"), doubles).ok());
  EXPECT_FALSE(ApplyTransform(ParseTransform("zorder"), doubles).ok());
}

TEST(Transform, ParseAndPrint) {
  for (const char* text :
       {"identity", "bucket[16]", "truncate[4]", "year", "month", "day", "hour", "void"}) {
    Transform transform = ParseTransform(text);
    EXPECT_NE(transform.kind, Kind::kUnknown) << text;
    EXPECT_EQ(transform.ToString(), text);
  }
  EXPECT_EQ(ParseTransform("bucket[16]").param, 16);
  for (const char* text :
       {"zorder", "bucket[]", "bucket[0]", "bucket[x]", "truncate[4", "days", "bucket[16]x", ""}) {
    Transform transform = ParseTransform(text);
    EXPECT_EQ(transform.kind, Kind::kUnknown) << text;
    EXPECT_EQ(transform.ToString(), text);
  }
  EXPECT_TRUE(ParseTransform("day").PreservesOrder());
  EXPECT_TRUE(ParseTransform("truncate[3]").PreservesOrder());
  EXPECT_FALSE(ParseTransform("bucket[3]").PreservesOrder());
  EXPECT_FALSE(ParseTransform("void").PreservesOrder());
}

std::string ResultTypeOf(const std::string& transform, const std::string& source) {
  auto result = TransformResultType(ParseTransform(transform), *IcebergType::Primitive(source));
  return result.ok() ? (*result)->primitive : "error";
}

TEST(Transform, ResultTypes) {
  EXPECT_EQ(ResultTypeOf("identity", "timestamptz"), "timestamptz");
  EXPECT_EQ(ResultTypeOf("bucket[8]", "string"), "int");
  EXPECT_EQ(ResultTypeOf("bucket[8]", "decimal(10, 2)"), "int");
  EXPECT_EQ(ResultTypeOf("bucket[8]", "float"), "error");
  EXPECT_EQ(ResultTypeOf("bucket[8]", "boolean"), "error");
  EXPECT_EQ(ResultTypeOf("truncate[8]", "string"), "string");
  EXPECT_EQ(ResultTypeOf("truncate[8]", "decimal(10, 2)"), "decimal(10, 2)");
  EXPECT_EQ(ResultTypeOf("truncate[8]", "date"), "error");
  EXPECT_EQ(ResultTypeOf("year", "date"), "int");
  EXPECT_EQ(ResultTypeOf("month", "timestamp"), "int");
  EXPECT_EQ(ResultTypeOf("day", "timestamptz"), "date");
  EXPECT_EQ(ResultTypeOf("day", "date"), "date");
  EXPECT_EQ(ResultTypeOf("day", "string"), "error");
  EXPECT_EQ(ResultTypeOf("hour", "timestamp"), "int");
  EXPECT_EQ(ResultTypeOf("hour", "date"), "error");
  EXPECT_EQ(ResultTypeOf("void", "string"), "string");
  EXPECT_EQ(ResultTypeOf("zorder", "string"), "error");
  auto list = IcebergType::List(2, false, IcebergType::Primitive("int"));
  EXPECT_FALSE(TransformResultType(ParseTransform("identity"), *list).ok());

  EXPECT_TRUE(PartitionArrowType(*IcebergType::Primitive("date"))->Equals(*arrow::date32()));
  EXPECT_TRUE(PartitionArrowType(*IcebergType::Primitive("int"))->Equals(*arrow::int32()));
  EXPECT_TRUE(PartitionArrowType(*IcebergType::Primitive("timestamptz"))
                  ->Equals(*arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")));
  EXPECT_TRUE(PartitionArrowType(*IcebergType::Primitive("decimal(10,2)"))
                  ->Equals(*arrow::decimal128(10, 2)));
}

TEST(PartitionValueToString, HumanForms) {
  auto text = [](const std::string& transform, const arrow::Scalar& value) {
    return PartitionValueToString(ParseTransform(transform), value);
  };
  EXPECT_EQ(text("day", arrow::Date32Scalar(17486)), "2017-11-16");
  EXPECT_EQ(text("day", arrow::Date32Scalar(-1)), "1969-12-31");
  EXPECT_EQ(text("month", arrow::Int32Scalar(574)), "2017-11");
  EXPECT_EQ(text("month", arrow::Int32Scalar(-1)), "1969-12");
  EXPECT_EQ(text("year", arrow::Int32Scalar(47)), "2017");
  EXPECT_EQ(text("hour", arrow::Int32Scalar(419686)), "2017-11-16-22");
  EXPECT_EQ(text("hour", arrow::Int32Scalar(-1)), "1969-12-31-23");
  EXPECT_EQ(text("bucket[16]", arrow::Int32Scalar(7)), "7");
  EXPECT_EQ(text("identity", arrow::StringScalar("books")), "books");
  EXPECT_EQ(text("identity", arrow::Int64Scalar(-5)), "-5");
  EXPECT_EQ(text("identity", arrow::BooleanScalar(true)), "true");
  EXPECT_EQ(text("identity", arrow::DoubleScalar(1.0)), "1.0");
  EXPECT_EQ(text("identity", arrow::DoubleScalar(1e10)), "1.0E10");
  EXPECT_EQ(text("identity", arrow::Date32Scalar(17486)), "2017-11-16");
  EXPECT_EQ(text("identity", arrow::TimestampScalar(kMicros20171116T223108,
                                                    arrow::timestamp(arrow::TimeUnit::MICRO))),
            "2017-11-16T22:31:08");
  EXPECT_EQ(
      text("identity", arrow::TimestampScalar(0, arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"))),
      "1970-01-01T00:00Z");
  EXPECT_EQ(text("identity", arrow::TimestampScalar(-1, arrow::timestamp(arrow::TimeUnit::MICRO))),
            "1969-12-31T23:59:59.999999");
  EXPECT_EQ(
      text("identity", arrow::Decimal128Scalar(arrow::Decimal128(1420), arrow::decimal128(4, 2))),
      "14.20");
  EXPECT_EQ(text("identity", arrow::BinaryScalar(std::string("\x00\x01\x02\x03", 4))), "AAECAw==");
  EXPECT_EQ(text("day", *arrow::MakeNullScalar(arrow::date32())), "null");
}

}  // namespace
}  // namespace sparkling::iceberg
