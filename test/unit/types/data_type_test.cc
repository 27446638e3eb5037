#include "types/data_type.h"

#include <arrow/api.h>
#include <gtest/gtest.h>

namespace sparkling {
namespace {

DataTypePtr SampleStruct() {
  return DataType::Struct(
      {StructField{"a", DataType::Integer(), true}, StructField{"b", DataType::String(), false}});
}

TEST(DataType, Names) {
  EXPECT_EQ(DataType::Long()->TypeName(), "long");
  EXPECT_EQ(DataType::Integer()->TypeName(), "integer");
  EXPECT_EQ(DataType::Null()->TypeName(), "void");
  EXPECT_EQ(DataType::Decimal(10, 2)->TypeName(), "decimal(10,2)");
  EXPECT_EQ(DataType::DayTimeInterval()->TypeName(), "interval day to second");
  EXPECT_EQ(DataType::YearMonthInterval(0, 0)->TypeName(), "interval year");
  EXPECT_EQ(DataType::Char(3)->TypeName(), "char(3)");
  EXPECT_EQ(DataType::Long()->SimpleString(), "bigint");
  EXPECT_EQ(DataType::Array(DataType::Integer())->SimpleString(), "array<int>");
  EXPECT_EQ(SampleStruct()->SimpleString(), "struct<a:int,b:string>");
  EXPECT_EQ(DataType::Map(DataType::String(), DataType::Integer())->SimpleString(),
            "map<string,int>");
  EXPECT_EQ(DataType::Long()->Sql(), "BIGINT");
  EXPECT_EQ(DataType::Map(DataType::String(), DataType::Integer())->Sql(), "MAP<STRING, INT>");
  EXPECT_EQ(SampleStruct()->Sql(), "STRUCT<a: INT, b: STRING NOT NULL>");
}

TEST(DataType, JsonRoundTrip) {
  auto type = DataType::Struct(
      {StructField{"x", DataType::Long(), true},
       StructField{"arr", DataType::Array(DataType::Decimal(10, 2), false), true},
       StructField{"m", DataType::Map(DataType::String(), DataType::TimestampNtz()), false,
                   R"({"comment":"hi"})"}});
  std::string json = type->Json();
  EXPECT_EQ(
      json,
      R"j({"type":"struct","fields":[{"name":"x","type":"long","nullable":true,"metadata":{}},)j"
      R"j({"name":"arr","type":{"type":"array","elementType":"decimal(10,2)","containsNull":false},"nullable":true,"metadata":{}},)j"
      R"j({"name":"m","type":{"type":"map","keyType":"string","valueType":"timestamp_ntz","valueContainsNull":true},"nullable":false,"metadata":{"comment":"hi"}}]})j");
  auto parsed = DataTypeFromJson(json);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE((*parsed)->Equals(*type));
  EXPECT_FALSE(DataTypeFromJson("\"nonsense\"").ok());
  auto udt = DataTypeFromJson(R"({"type":"udt","class":"x","pyClass":"y","sqlType":"double"})");
  ASSERT_TRUE(udt.ok());
  EXPECT_EQ((*udt)->id(), TypeId::kDouble);
}

TEST(DataType, SameTypeIgnoresNullability) {
  auto a = DataType::Array(DataType::Integer(), true);
  auto b = DataType::Array(DataType::Integer(), false);
  EXPECT_FALSE(a->Equals(*b));
  EXPECT_TRUE(a->SameType(*b));
  EXPECT_FALSE(a->SameType(*DataType::Array(DataType::Long())));
}

TEST(DataType, ArrowMapping) {
  auto map = DataType::Map(DataType::String(), DataType::Integer(), false);
  auto arrow_map = ToArrowType(*map, "UTC");
  const auto& arrow_map_type = static_cast<const arrow::MapType&>(*arrow_map);
  EXPECT_EQ(arrow_map_type.key_field()->name(), "key");
  EXPECT_FALSE(arrow_map_type.key_field()->nullable());
  EXPECT_FALSE(arrow_map_type.item_field()->nullable());
  EXPECT_EQ(ToArrowType(*DataType::Array(DataType::Long()), "UTC")->ToString(),
            "list<element: int64>");
  EXPECT_EQ(ToArrowType(*DataType::Timestamp(), "Europe/Paris")->ToString(),
            "timestamp[us, tz=Europe/Paris]");
  EXPECT_EQ(ToArrowType(*DataType::TimestampNtz(), "UTC")->ToString(), "timestamp[us]");
  auto back = FromArrowType(*arrow_map);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE((*back)->Equals(*map));
  auto large = FromArrowType(*arrow::large_list(arrow::field("item", arrow::large_utf8(), false)));
  ASSERT_TRUE(large.ok());
  EXPECT_TRUE((*large)->Equals(*DataType::Array(DataType::String(), false)));
  auto ns = FromArrowType(*arrow::timestamp(arrow::TimeUnit::NANO, "UTC"));
  ASSERT_TRUE(ns.ok());
  EXPECT_EQ((*ns)->id(), TypeId::kTimestamp);
}

TEST(DataType, SchemaTreeString) {
  Schema schema = {
      StructField{"a", DataType::Long(), false},
      StructField{"b", DataType::Array(DataType::Integer()), true},
      StructField{"m", DataType::Map(DataType::String(), SampleStruct()), true},
  };
  EXPECT_EQ(SchemaTreeString(schema),
            "root\n"
            " |-- a: long (nullable = false)\n"
            " |-- b: array (nullable = true)\n"
            " |    |-- element: integer (containsNull = true)\n"
            " |-- m: map (nullable = true)\n"
            " |    |-- key: string\n"
            " |    |-- value: struct (valueContainsNull = true)\n"
            " |    |    |-- a: integer (nullable = true)\n"
            " |    |    |-- b: string (nullable = false)\n");
  EXPECT_EQ(SchemaTreeString(schema, 1),
            "root\n"
            " |-- a: long (nullable = false)\n"
            " |-- b: array (nullable = true)\n"
            " |-- m: map (nullable = true)\n");
}

}  // namespace
}  // namespace sparkling
