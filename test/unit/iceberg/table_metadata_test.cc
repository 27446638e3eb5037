#include "iceberg/table_metadata.h"

#include <gtest/gtest.h>

#include <string>

namespace sparkling::iceberg {
namespace {

// The shape Java 1.10 writes for a v2 table with two snapshots.
const char* kV2Metadata = R"({
  "format-version": 2,
  "table-uuid": "9c12d441-03fe-4693-9a96-a0705ddf69c1",
  "location": "file:///tmp/wh/db/t",
  "last-sequence-number": 2,
  "last-updated-ms": 1700000002000,
  "last-column-id": 2,
  "current-schema-id": 0,
  "schemas": [{"type": "struct", "schema-id": 0, "fields": [
    {"id": 1, "name": "id", "required": true, "type": "long"},
    {"id": 2, "name": "ts", "required": false, "type": "timestamptz"}]}],
  "default-spec-id": 0,
  "partition-specs": [{"spec-id": 0, "fields": [
    {"name": "ts_day", "transform": "day", "source-id": 2, "field-id": 1000}]}],
  "last-partition-id": 1000,
  "default-sort-order-id": 0,
  "sort-orders": [{"order-id": 0, "fields": []}],
  "properties": {"write.parquet.compression-codec": "zstd"},
  "current-snapshot-id": 222,
  "refs": {"main": {"snapshot-id": 222, "type": "branch"},
           "v1": {"snapshot-id": 111, "type": "tag", "max-ref-age-ms": 5000}},
  "snapshots": [
    {"snapshot-id": 111, "sequence-number": 1, "timestamp-ms": 1700000001000,
     "summary": {"operation": "append", "added-records": "3"},
     "manifest-list": "file:///tmp/wh/db/t/metadata/snap-111.avro", "schema-id": 0},
    {"snapshot-id": 222, "parent-snapshot-id": 111, "sequence-number": 2,
     "timestamp-ms": 1700000002000, "summary": {"operation": "overwrite"},
     "manifest-list": "file:///tmp/wh/db/t/metadata/snap-222.avro", "schema-id": 0}],
  "statistics": [],
  "partition-statistics": [],
  "snapshot-log": [{"timestamp-ms": 1700000001000, "snapshot-id": 111},
                   {"timestamp-ms": 1700000002000, "snapshot-id": 222}],
  "metadata-log": [{"timestamp-ms": 1700000000000,
                    "metadata-file": "file:///tmp/wh/db/t/metadata/00000-a.metadata.json"}],
  "some-future-field": {"kept": true}
})";

TableMetadata Parse(const std::string& text) {
  auto metadata = TableMetadataFromText(text);
  EXPECT_TRUE(metadata.ok()) << metadata.status().ToString();
  return metadata.ok() ? *metadata : TableMetadata{};
}

TEST(TableMetadataTest, ParsesJavaWrittenV2Metadata) {
  TableMetadata metadata = Parse(kV2Metadata);
  EXPECT_EQ(metadata.format_version, 2);
  EXPECT_EQ(metadata.last_sequence_number, 2);
  EXPECT_EQ(metadata.current_schema().fields.size(), 2u);
  EXPECT_EQ(metadata.default_spec().fields[0].transform, "day");
  EXPECT_EQ(metadata.last_partition_id, 1000);
  ASSERT_NE(metadata.current_snapshot(), nullptr);
  EXPECT_EQ(metadata.current_snapshot()->operation(), "overwrite");
  EXPECT_EQ(metadata.current_snapshot()->parent_snapshot_id, 111);
  EXPECT_EQ(metadata.refs.at("v1").type, "tag");
  EXPECT_EQ(metadata.refs.at("v1").max_ref_age_ms, 5000);
  EXPECT_EQ(metadata.metadata_log.size(), 1u);
  EXPECT_TRUE(metadata.extra.contains("some-future-field"));
  EXPECT_EQ(&metadata.schema_for(*metadata.snapshot_by_id(111)), &metadata.schemas[0]);
}

TEST(TableMetadataTest, RoundTripLosesNothing) {
  TableMetadata metadata = Parse(kV2Metadata);
  nlohmann::json written = TableMetadataToJson(metadata);
  EXPECT_EQ(written["current-snapshot-id"], 222);
  EXPECT_EQ(written["some-future-field"]["kept"], true);
  EXPECT_FALSE(written.contains("schema"));  // legacy fields are v1 only
  EXPECT_FALSE(written.contains("next-row-id"));
  EXPECT_EQ(written, nlohmann::json::parse(kV2Metadata));
  TableMetadata again = Parse(written.dump());
  EXPECT_EQ(TableMetadataToJson(again), written);
}

TEST(TableMetadataTest, SnapshotAsOfFollowsTheSnapshotLog) {
  TableMetadata metadata = Parse(kV2Metadata);
  EXPECT_EQ(metadata.snapshot_as_of(1699999999999), nullptr);
  ASSERT_NE(metadata.snapshot_as_of(1700000001000), nullptr);
  EXPECT_EQ(metadata.snapshot_as_of(1700000001000)->snapshot_id, 111);
  EXPECT_EQ(metadata.snapshot_as_of(1700000001999)->snapshot_id, 111);
  EXPECT_EQ(metadata.snapshot_as_of(1800000000000)->snapshot_id, 222);
}

TEST(TableMetadataTest, NoCurrentSnapshotIsWrittenAsMinusOneWithRefs) {
  nlohmann::json json = nlohmann::json::parse(kV2Metadata);
  json["current-snapshot-id"] = -1;
  json["refs"] = nlohmann::json::object();
  json["snapshots"] = nlohmann::json::array();
  json["snapshot-log"] = nlohmann::json::array();
  TableMetadata metadata = Parse(json.dump());
  EXPECT_FALSE(metadata.current_snapshot_id.has_value());
  nlohmann::json written = TableMetadataToJson(metadata);
  EXPECT_EQ(written["current-snapshot-id"], -1);
  EXPECT_TRUE(written["refs"].is_object());
}

TEST(TableMetadataTest, MissingRefsGetAMainBranch) {
  nlohmann::json json = nlohmann::json::parse(kV2Metadata);
  json.erase("refs");
  TableMetadata metadata = Parse(json.dump());
  ASSERT_EQ(metadata.refs.size(), 1u);
  EXPECT_EQ(metadata.refs.at("main").snapshot_id, 222);
}

TEST(TableMetadataTest, ReadsV1LegacyFieldsAndWritesThem) {
  const char* v1 = R"({
    "format-version": 1, "location": "/tmp/wh/t", "last-updated-ms": 1,
    "last-column-id": 1,
    "schema": {"type": "struct", "fields": [{"id": 1, "name": "a", "required": false,
                                              "type": "int"}]},
    "partition-spec": [{"name": "a", "transform": "identity", "source-id": 1}],
    "properties": {}, "current-snapshot-id": -1, "snapshots": []})";
  TableMetadata metadata = Parse(v1);
  EXPECT_EQ(metadata.format_version, 1);
  EXPECT_EQ(metadata.default_spec().fields[0].field_id, 1000);
  EXPECT_EQ(metadata.last_partition_id, 1000);
  EXPECT_EQ(metadata.sort_orders.size(), 1u);
  nlohmann::json written = TableMetadataToJson(metadata);
  EXPECT_TRUE(written.contains("schema"));
  EXPECT_EQ(written["partition-spec"][0]["field-id"], 1000);
  EXPECT_FALSE(written.contains("last-sequence-number"));
}

TEST(TableMetadataTest, V3NeedsNextRowId) {
  nlohmann::json json = nlohmann::json::parse(kV2Metadata);
  json["format-version"] = 3;
  auto missing = TableMetadataFromJson(json);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("next-row-id"), std::string::npos);
  json["next-row-id"] = 42;
  TableMetadata metadata = Parse(json.dump());
  EXPECT_EQ(metadata.next_row_id, 42);
  EXPECT_EQ(TableMetadataToJson(metadata)["next-row-id"], 42);
}

TEST(TableMetadataTest, InvalidMetadataIsABadRequestNeverACrash) {
  const std::string cases[] = {
      "",
      "[]",
      "{",
      std::string(100000, '['),
      R"({"format-version": 9})",
      R"({"format-version": "2"})",
  };
  for (const auto& text : cases) {
    auto metadata = TableMetadataFromText(text);
    ASSERT_FALSE(metadata.ok()) << text.substr(0, 40);
    EXPECT_EQ(metadata.status().error().error_class, "ICEBERG_BAD_REQUEST");
  }
  // Each required v2 field, removed in turn.
  for (const char* field :
       {"table-uuid", "last-sequence-number", "last-updated-ms", "last-column-id", "schemas",
        "partition-specs", "last-partition-id", "sort-orders", "location"}) {
    nlohmann::json json = nlohmann::json::parse(kV2Metadata);
    json.erase(field);
    auto metadata = TableMetadataFromJson(json);
    EXPECT_FALSE(metadata.ok()) << field;
  }
  // Inconsistent pointers.
  nlohmann::json dangling = nlohmann::json::parse(kV2Metadata);
  dangling["refs"]["main"]["snapshot-id"] = 999;
  EXPECT_FALSE(TableMetadataFromJson(dangling).ok());
  nlohmann::json wrong_schema = nlohmann::json::parse(kV2Metadata);
  wrong_schema["current-schema-id"] = 5;
  EXPECT_FALSE(TableMetadataFromJson(wrong_schema).ok());
}

TEST(TableMetadataTest, SpecAndSortOrderJson) {
  auto spec = PartitionSpecFromJson(nlohmann::json::parse(
      R"({"spec-id": 2, "fields": [{"name": "b", "transform": "bucket[16]", "source-id": 1,
                                     "field-id": 1003}]})"));
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->spec_id, 2);
  EXPECT_EQ(PartitionSpecToJson(*spec)["fields"][0]["field-id"], 1003);
  auto order = SortOrderFromJson(nlohmann::json::parse(
      R"({"order-id": 1, "fields": [{"transform": "identity", "source-id": 1,
                                      "direction": "DESC", "null-order": "nulls-last"}]})"));
  ASSERT_TRUE(order.ok());
  EXPECT_EQ(order->fields[0].direction, "desc");
  auto bad = SortOrderFromJson(nlohmann::json::parse(
      R"({"order-id": 1, "fields": [{"transform": "identity", "source-id": 1,
                                      "direction": "up", "null-order": "nulls-last"}]})"));
  EXPECT_FALSE(bad.ok());
}

}  // namespace
}  // namespace sparkling::iceberg
