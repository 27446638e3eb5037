#include "connect/literal_translator.h"

#include <arrow/api.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "spark/connect/expressions.pb.h"

namespace sparkling::connect {
namespace {

using LiteralProto = spark::connect::Expression_Literal;

LiteralProto Parse(const std::string& text) {
  LiteralProto proto;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &proto)) << text;
  return proto;
}

TranslatedLiteral Translate(const std::string& text) {
  auto result = TranslateLiteral(Parse(text));
  EXPECT_TRUE(result.ok()) << text << ": " << result.status().ToString();
  return result.ok() ? *result : TranslatedLiteral{};
}

TEST(LiteralTranslatorTest, Scalars) {
  auto i = Translate("integer: 42");
  EXPECT_EQ(i.type->SimpleString(), "int");
  EXPECT_EQ(i.value->ToString(), "42");
  EXPECT_EQ(Translate("long: -7").type->SimpleString(), "bigint");
  EXPECT_EQ(Translate("byte: 3").value->type->id(), arrow::Type::INT8);
  EXPECT_EQ(Translate("double: 1.5").value->ToString(), "1.5");
  EXPECT_EQ(Translate("string: \"héllo\"").value->ToString(), "héllo");
  EXPECT_EQ(Translate("boolean: true").type->SimpleString(), "boolean");
  EXPECT_EQ(Translate("date: 18262").value->ToString(), "2020-01-01");
  auto ts = Translate("timestamp: 1000000");
  EXPECT_EQ(ts.type->SimpleString(), "timestamp");
  EXPECT_EQ(static_cast<const arrow::TimestampScalar&>(*ts.value).value, 1000000);
  EXPECT_EQ(Translate("timestamp_ntz: 5").type->SimpleString(), "timestamp_ntz");
  EXPECT_EQ(Translate("day_time_interval: 1000").type->SimpleString(), "interval day to second");
  EXPECT_EQ(Translate("year_month_interval: 14").type->SimpleString(), "interval year to month");
  auto interval = Translate("calendar_interval { months: 1 days: 2 microseconds: 3 }");
  EXPECT_EQ(interval.type->SimpleString(), "interval");
}

TEST(LiteralTranslatorTest, Decimals) {
  auto typed = Translate(R"pb(decimal { value: "12.3" precision: 10 scale: 2 })pb");
  EXPECT_EQ(typed.type->SimpleString(), "decimal(10,2)");
  EXPECT_EQ(typed.value->ToString(), "12.30");
  auto inferred = Translate(R"pb(decimal { value: "-123.456" })pb");
  EXPECT_EQ(inferred.type->SimpleString(), "decimal(6,3)");
  EXPECT_FALSE(TranslateLiteral(Parse(R"pb(decimal { value: "abc" })pb")).ok());
  EXPECT_FALSE(
      TranslateLiteral(Parse(R"pb(decimal { value: "12345" precision: 3 scale: 0 })pb")).ok());
}

TEST(LiteralTranslatorTest, TypedNulls) {
  auto null = Translate("null { string {} }");
  EXPECT_EQ(null.type->SimpleString(), "string");
  EXPECT_FALSE(null.value->is_valid);
  auto void_null = Translate("null { null {} }");
  EXPECT_EQ(void_null.type->id(), TypeId::kNull);
}

TEST(LiteralTranslatorTest, ArrayWithElementType) {
  // The pyspark 4.1 client's form: element_type plus per-element literals.
  auto array = Translate(R"pb(
    array {
      element_type { integer {} }
      elements { integer: 1 }
      elements { null { integer {} } }
      elements { integer: 3 }
    })pb");
  EXPECT_EQ(array.type->SimpleString(), "array<int>");
  EXPECT_EQ(array.value->ToString(), "list<element: int32>[1, null, 3]");
}

TEST(LiteralTranslatorTest, RootDataTypeOnly) {
  // The 4.1 form: the type lives in the root data_type only.
  auto map = Translate(R"pb(
    data_type {
      map {
        key_type { string {} }
        value_type { long {} }
        value_contains_null: true
      }
    }
    map {
      keys { string: "a" }
      keys { string: "b" }
      values { long: 1 }
      values { long: 2 }
    })pb");
  EXPECT_EQ(map.type->SimpleString(), "map<string,bigint>");
  EXPECT_EQ(map.value->type->id(), arrow::Type::MAP);
  auto st = Translate(R"pb(
    data_type {
      struct {
        fields {
          name: "x"
          data_type { integer {} }
          nullable: true
        }
        fields {
          name: "y"
          data_type { string {} }
          nullable: true
        }
      }
    }
    struct {
      elements { integer: 1 }
      elements { string: "z" }
    })pb");
  EXPECT_EQ(st.type->SimpleString(), "struct<x:int,y:string>");
  EXPECT_EQ(st.value->type->id(), arrow::Type::STRUCT);
}

TEST(LiteralTranslatorTest, InferredNestedTypes) {
  auto nested = Translate(R"pb(
    array { elements { array { elements { double: 1.5 } } } })pb");
  EXPECT_EQ(nested.type->SimpleString(), "array<array<double>>");
  auto specialized = Translate(R"pb(specialized_array { longs { values: 1 values: 2 } })pb");
  EXPECT_EQ(specialized.type->SimpleString(), "array<bigint>");
  EXPECT_EQ(specialized.value->ToString(), "list<element: int64 not null>[1, 2]");
}

TEST(LiteralTranslatorTest, MalformedLiterals) {
  auto unset = TranslateLiteral(LiteralProto());
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.status().error().kind, ErrorKind::kInvalidPlanInput);
  // Value of another kind than the declared type.
  EXPECT_FALSE(TranslateLiteral(Parse("data_type { integer {} } string: \"x\"")).ok());
  EXPECT_FALSE(TranslateLiteral(Parse("map { keys { string: \"a\" } }")).ok());
  auto null_key = TranslateLiteral(Parse(R"pb(
    map {
      key_type { string {} }
      value_type { integer {} }
      keys { null { string {} } }
      values { integer: 1 }
    })pb"));
  ASSERT_FALSE(null_key.ok());
  EXPECT_EQ(null_key.status().error().error_class, "NULL_MAP_KEY");
}

TEST(LiteralTranslatorTest, RoundTripThroughProto) {
  for (const char* text :
       {"integer: 5", "string: \"x\"", "null { long {} }",
        R"pb(decimal { value: "1.25" precision: 5 scale: 2 })pb", R"pb(array {
                                                                         element_type { string {} }
                                                                         elements { string: "a" }
                                                                       })pb",
        "timestamp: 123", "date: 1"}) {
    auto literal = Translate(text);
    LiteralProto proto;
    ASSERT_TRUE(LiteralToProto(*literal.value, *literal.type, &proto).ok()) << text;
    auto back = Translate(proto.ShortDebugString());
    EXPECT_TRUE(back.type->Equals(*literal.type)) << text;
    EXPECT_TRUE(back.value->Equals(*literal.value)) << text;
  }
}

}  // namespace
}  // namespace sparkling::connect
