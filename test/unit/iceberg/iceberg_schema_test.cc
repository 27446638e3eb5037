#include "iceberg/iceberg_schema.h"

#include <arrow/type.h>
#include <arrow/util/key_value_metadata.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sparkling::iceberg {
namespace {

const char* kNestedSchema = R"json({
  "type": "struct", "schema-id": 3, "identifier-field-ids": [1],
  "fields": [
    {"id": 1, "name": "id", "required": true, "type": "long", "doc": "the key"},
    {"id": 2, "name": "price", "required": false, "type": "decimal(10,2)"},
    {"id": 3, "name": "tags", "required": false,
     "type": {"type": "list", "element-id": 5, "element": "string", "element-required": true}},
    {"id": 4, "name": "attrs", "required": false,
     "type": {"type": "map", "key-id": 6, "key": "string", "value-id": 7,
              "value": {"type": "struct", "fields": [
                {"id": 8, "name": "At", "required": false, "type": "timestamptz"}]},
              "value-required": false}},
    {"id": 9, "name": "hash", "required": false, "type": "fixed[16]"},
    {"id": 10, "name": "u", "required": false, "type": "uuid", "initial-default": null}
  ]})json";

IcebergSchema ParseSchema(const char* text) {
  auto schema = IcebergSchemaFromJson(nlohmann::json::parse(text));
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  return schema.ok() ? *schema : IcebergSchema{};
}

TEST(IcebergSchemaTest, JsonRoundTripKeepsEveryDetail) {
  IcebergSchema schema = ParseSchema(kNestedSchema);
  EXPECT_EQ(schema.schema_id, 3);
  EXPECT_EQ(schema.identifier_field_ids, std::vector<int>{1});
  ASSERT_EQ(schema.fields.size(), 6u);
  EXPECT_EQ(schema.fields[0].doc, "the key");
  // Java's spelling of decimals, whatever the input spacing.
  EXPECT_EQ(schema.fields[1].type->primitive, "decimal(10, 2)");
  EXPECT_EQ(schema.fields[1].type->decimal_precision(), 10);
  EXPECT_EQ(schema.fields[1].type->decimal_scale(), 2);
  EXPECT_EQ(schema.fields[4].type->fixed_length(), 16);
  EXPECT_EQ(schema.fields[5].initial_default_json, "null");

  nlohmann::json written = IcebergSchemaToJson(schema);
  EXPECT_EQ(written["fields"][1]["type"], "decimal(10, 2)");
  EXPECT_EQ(written["fields"][2]["type"]["element-id"], 5);
  EXPECT_EQ(written["fields"][3]["type"]["value-required"], false);
  EXPECT_TRUE(written["fields"][5].contains("initial-default"));
  auto again = IcebergSchemaFromJson(written);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->SameStructure(schema));
  EXPECT_EQ(again->schema_id, 3);
}

TEST(IcebergSchemaTest, IdentifierIdsAreOmittedWhenEmpty) {
  IcebergSchema schema = ParseSchema(R"({"type":"struct","fields":[
      {"id":1,"name":"a","required":false,"type":"int"}]})");
  nlohmann::json written = IcebergSchemaToJson(schema);
  EXPECT_FALSE(written.contains("identifier-field-ids"));
  EXPECT_EQ(written["schema-id"], 0);
}

TEST(IcebergSchemaTest, MalformedSchemasAreBadRequests) {
  const char* bad[] = {
      R"("long")",
      R"({"type":"struct","fields":[{"id":1,"name":"a","required":false,"type":"varchar"}]})",
      R"({"type":"struct","fields":[{"name":"a","required":false,"type":"int"}]})",
      R"({"type":"struct","fields":[{"id":"1","name":"a","required":false,"type":"int"}]})",
      R"({"type":"struct","fields":[{"id":1,"name":"a","type":"int"}]})",
      R"({"type":"struct","fields":{}})",
      R"({"type":"struct","fields":[{"id":1,"name":"a","required":false,
          "type":{"type":"list","element-id":2,"element-required":true}}]})",
      R"json({"type":"struct","fields":[{"id":1,"name":"a","required":false,"type":"decimal(99,2)"}]})json",
      R"({"type":"struct","fields":[{"id":99999999999,"name":"a","required":false,"type":"int"}]})",
  };
  for (const char* text : bad) {
    auto schema = IcebergSchemaFromJson(nlohmann::json::parse(text));
    ASSERT_FALSE(schema.ok()) << text;
    EXPECT_EQ(schema.status().error().error_class, "ICEBERG_BAD_REQUEST") << text;
  }
}

TEST(IcebergSchemaTest, DuplicateIdsOrSiblingNamesAreInvalid) {
  const char* bad[] = {
      R"({"type":"struct","fields":[{"id":1,"name":"a","required":false,"type":"int"},
          {"id":1,"name":"b","required":false,"type":"int"}]})",
      R"({"type":"struct","fields":[{"id":1,"name":"a","required":false,"type":"int"},
          {"id":2,"name":"a","required":false,"type":"int"}]})",
      R"({"type":"struct","fields":[{"id":1,"name":"a","required":false,
          "type":{"type":"list","element-id":1,"element-required":true,"element":"int"}}]})",
      R"({"type":"struct","fields":[{"id":1,"name":"s","required":false,
          "type":{"type":"struct","fields":[{"id":2,"name":"x","required":false,"type":"int"},
          {"id":3,"name":"x","required":false,"type":"int"}]}}]})",
  };
  for (const char* text : bad) {
    auto schema = IcebergSchemaFromJson(nlohmann::json::parse(text));
    ASSERT_FALSE(schema.ok()) << text;
    EXPECT_EQ(schema.status().error().error_class, "ICEBERG_VALIDATION") << text;
  }
  // The same name in different structs is fine.
  auto ok = IcebergSchemaFromJson(nlohmann::json::parse(
      R"({"type":"struct","fields":[{"id":1,"name":"x","required":false,
          "type":{"type":"struct","fields":[{"id":2,"name":"x","required":false,"type":"int"}]}}]})"));
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
}

TEST(IcebergSchemaTest, FindsFieldsByIdAndByNameCaseInsensitively) {
  IcebergSchema schema = ParseSchema(kNestedSchema);
  EXPECT_EQ(schema.HighestFieldId(), 10);
  ASSERT_NE(schema.FindField(8), nullptr);
  EXPECT_EQ(schema.FindField(8)->name, "At");
  EXPECT_EQ(schema.FindField(42), nullptr);
  ASSERT_NE(schema.FindFieldByName("ID"), nullptr);
  EXPECT_EQ(schema.FindFieldByName("ID")->id, 1);
  ASSERT_NE(schema.FindFieldByName("attrs.at"), nullptr);
  EXPECT_EQ(schema.FindFieldByName("attrs.at")->id, 8);
  EXPECT_EQ(schema.FindFieldByName("attrs.missing"), nullptr);
  EXPECT_EQ(schema.FindFieldByName("id.x"), nullptr);
}

TEST(IcebergSchemaTest, SameStructureComparesIdsNamesTypesAndIdentifiers) {
  IcebergSchema a = ParseSchema(kNestedSchema);
  IcebergSchema b = a;
  b.schema_id = 7;
  EXPECT_TRUE(a.SameStructure(b));
  b.fields[0].name = "key";
  EXPECT_FALSE(a.SameStructure(b));
  IcebergSchema c = a;
  c.identifier_field_ids.clear();
  EXPECT_FALSE(a.SameStructure(c));
}

TEST(IcebergSchemaTest, FreshIdsGoBreadthFirstPerStructAsJavaAssignsThem) {
  Schema spark = {
      {"a", DataType::Integer(), false, "{\"comment\":\"first\"}"},
      {"b",
       DataType::Struct(
           {{"c", DataType::Short(), true, "{}"},
            {"d", DataType::Array(DataType::Struct({{"e", DataType::String(), true, "{}"}}), false),
             true, "{}"}}),
       true, "{}"},
      {"f", DataType::Map(DataType::String(), DataType::Long(), true), true, "{}"},
  };
  auto schema = FromSparkSchema(spark);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  const auto& fields = schema->fields;
  EXPECT_EQ(fields[0].id, 1);
  EXPECT_EQ(fields[1].id, 2);
  EXPECT_EQ(fields[2].id, 3);
  EXPECT_TRUE(fields[0].required);
  EXPECT_EQ(fields[0].doc, "first");
  const IcebergType& b = *fields[1].type;
  EXPECT_EQ(b.fields[0].id, 4);
  EXPECT_EQ(b.fields[0].type->primitive, "int");  // short widens
  EXPECT_EQ(b.fields[1].id, 5);
  const IcebergType& d = *b.fields[1].type;
  EXPECT_EQ(d.element.id, 6);
  EXPECT_TRUE(d.element.required);
  EXPECT_EQ(d.element.type->fields[0].id, 7);
  const IcebergType& f = *fields[2].type;
  EXPECT_EQ(f.key.id, 8);
  EXPECT_EQ(f.value.id, 9);
  EXPECT_FALSE(f.value.required);
  EXPECT_EQ(schema->HighestFieldId(), 9);

  auto shifted = FromSparkSchema({{"x", DataType::Long(), true, "{}"}}, 41);
  ASSERT_TRUE(shifted.ok());
  EXPECT_EQ(shifted->fields[0].id, 42);
}

TEST(IcebergSchemaTest, SparkTypesMapToIcebergTypes) {
  Schema spark = {
      {"ts", DataType::Timestamp(), true, "{}"}, {"ntz", DataType::TimestampNtz(), true, "{}"},
      {"v", DataType::Varchar(10), true, "{}"},  {"d", DataType::Decimal(38, 6), true, "{}"},
      {"bin", DataType::Binary(), true, "{}"},   {"day", DataType::Date(), true, "{}"}};
  auto schema = FromSparkSchema(spark);
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(schema->fields[0].type->primitive, "timestamptz");
  EXPECT_EQ(schema->fields[1].type->primitive, "timestamp");
  EXPECT_EQ(schema->fields[2].type->primitive, "string");
  EXPECT_EQ(schema->fields[3].type->primitive, "decimal(38, 6)");
  EXPECT_EQ(schema->fields[4].type->primitive, "binary");
  EXPECT_EQ(schema->fields[5].type->primitive, "date");

  auto interval = FromSparkSchema({{"i", DataType::DayTimeInterval(), true, "{}"}});
  ASSERT_FALSE(interval.ok());
  EXPECT_EQ(interval.status().error().error_class, "UNSUPPORTED_DATATYPE");
}

TEST(IcebergSchemaTest, ToSparkSchemaMapsTypesNullabilityAndComments) {
  Schema spark = ToSparkSchema(ParseSchema(kNestedSchema));
  ASSERT_EQ(spark.size(), 6u);
  EXPECT_EQ(spark[0].type->SimpleString(), "bigint");
  EXPECT_FALSE(spark[0].nullable);
  EXPECT_EQ(nlohmann::json::parse(spark[0].metadata_json)["comment"], "the key");
  EXPECT_EQ(spark[1].type->SimpleString(), "decimal(10,2)");
  EXPECT_EQ(spark[2].type->SimpleString(), "array<string>");
  EXPECT_FALSE(spark[2].type->contains_null());
  EXPECT_EQ(spark[3].type->SimpleString(), "map<string,struct<At:timestamp>>");
  EXPECT_EQ(spark[4].type->SimpleString(), "binary");
  EXPECT_EQ(spark[5].type->SimpleString(), "string");  // uuid
  auto time = IcebergType::Primitive("time");
  EXPECT_EQ(ToSparkType(*time)->SimpleString(), "bigint");
  auto ntz = IcebergType::Primitive("timestamp");
  EXPECT_EQ(ToSparkType(*ntz)->SimpleString(), "timestamp_ntz");
}

std::string FieldId(const arrow::Field& field) {
  auto metadata = field.metadata();
  if (!metadata) return "";
  auto value = metadata->Get("PARQUET:field_id");
  return value.ok() ? *value : "";
}

TEST(IcebergSchemaTest, ArrowSchemaCarriesFieldIdsEverywhere) {
  auto arrow_schema = ToArrowSchema(ParseSchema(kNestedSchema));
  ASSERT_EQ(arrow_schema->num_fields(), 6);
  EXPECT_EQ(FieldId(*arrow_schema->field(0)), "1");
  EXPECT_FALSE(arrow_schema->field(0)->nullable());
  EXPECT_TRUE(arrow_schema->field(1)->type()->Equals(arrow::decimal128(10, 2)));
  auto list = std::static_pointer_cast<arrow::ListType>(arrow_schema->field(2)->type());
  EXPECT_EQ(FieldId(*list->value_field()), "5");
  EXPECT_EQ(list->value_field()->name(), "element");
  auto map = std::static_pointer_cast<arrow::MapType>(arrow_schema->field(3)->type());
  EXPECT_EQ(FieldId(*map->key_field()), "6");
  EXPECT_EQ(FieldId(*map->item_field()), "7");
  auto value = std::static_pointer_cast<arrow::StructType>(map->item_type());
  EXPECT_EQ(FieldId(*value->field(0)), "8");
  EXPECT_TRUE(value->field(0)->type()->Equals(arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")));
  EXPECT_TRUE(arrow_schema->field(4)->type()->Equals(arrow::fixed_size_binary(16)));
  EXPECT_TRUE(arrow_schema->field(5)->type()->Equals(arrow::fixed_size_binary(16)));
}

}  // namespace
}  // namespace sparkling::iceberg
