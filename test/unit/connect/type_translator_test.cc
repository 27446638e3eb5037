#include "connect/type_translator.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "spark/connect/types.pb.h"

namespace sparkling::connect {
namespace {

spark::connect::DataType Parse(const std::string& text) {
  spark::connect::DataType proto;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &proto)) << text;
  return proto;
}

TEST(TypeTranslatorTest, PrimitiveAndParameterizedTypes) {
  EXPECT_EQ((*DataTypeFromProto(Parse("long {}")))->SimpleString(), "bigint");
  EXPECT_EQ((*DataTypeFromProto(Parse("string {}")))->SimpleString(), "string");
  EXPECT_EQ((*DataTypeFromProto(Parse("decimal { precision: 12 scale: 3 }")))->SimpleString(),
            "decimal(12,3)");
  // Spark's converter defaults an unparameterized decimal to DECIMAL(10, 0).
  EXPECT_EQ((*DataTypeFromProto(Parse("decimal {}")))->SimpleString(), "decimal(10,0)");
  EXPECT_EQ((*DataTypeFromProto(Parse("year_month_interval {}")))->SimpleString(),
            "interval year to month");
  EXPECT_EQ((*DataTypeFromProto(Parse("day_time_interval { start_field: 1 end_field: 2 }")))
                ->SimpleString(),
            "interval hour to minute");
  EXPECT_EQ((*DataTypeFromProto(Parse("char { length: 3 }")))->SimpleString(), "char(3)");
}

TEST(TypeTranslatorTest, NestedTypesKeepNullability) {
  auto type = DataTypeFromProto(Parse(R"pb(
    struct {
      fields {
        name: "a"
        data_type { integer {} }
        nullable: false
      }
      fields {
        name: "b"
        data_type {
          array {
            element_type { string {} }
            contains_null: false
          }
        }
        nullable: true
        metadata: "{\"comment\":\"hi\"}"
      }
      fields {
        name: "m"
        data_type {
          map {
            key_type { string {} }
            value_type { double {} }
            value_contains_null: true
          }
        }
        nullable: true
      }
    })pb"));
  ASSERT_TRUE(type.ok()) << type.status().ToString();
  EXPECT_EQ((*type)->SimpleString(), "struct<a:int,b:array<string>,m:map<string,double>>");
  EXPECT_FALSE((*type)->fields()[0].nullable);
  EXPECT_FALSE((*type)->fields()[1].type->contains_null());
  EXPECT_EQ((*type)->fields()[1].metadata_json, "{\"comment\":\"hi\"}");
}

TEST(TypeTranslatorTest, RoundTrip) {
  auto original = DataType::Struct(
      {{"id", DataType::Long(), false},
       {"tags", DataType::Map(DataType::String(), DataType::Array(DataType::Date()), false), true},
       {"amount", DataType::Decimal(38, 18), true},
       {"at", DataType::Timestamp(), true}});
  spark::connect::DataType proto;
  DataTypeToProto(*original, &proto);
  auto back = DataTypeFromProto(proto);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE((*back)->Equals(*original)) << (*back)->SimpleString();
}

TEST(TypeTranslatorTest, MalformedAndUnsupported) {
  auto unset = DataTypeFromProto(spark::connect::DataType());
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.status().error().kind, ErrorKind::kInvalidPlanInput);
  auto variant = DataTypeFromProto(Parse("variant {}"));
  ASSERT_FALSE(variant.ok());
  EXPECT_EQ(variant.status().error().error_class, "UNSUPPORTED_CONNECT_FEATURE");
  EXPECT_FALSE(DataTypeFromProto(Parse("array {}")).ok());
  EXPECT_FALSE(DataTypeFromProto(Parse("decimal { precision: 40 }")).ok());
}

TEST(TypeTranslatorTest, UnparsedUsesDdl) {
  auto type = DataTypeFromProto(Parse(R"pb(unparsed { data_type_string: "array<int>" })pb"));
  ASSERT_TRUE(type.ok()) << type.status().ToString();
  EXPECT_EQ((*type)->SimpleString(), "array<int>");
}

}  // namespace
}  // namespace sparkling::connect
