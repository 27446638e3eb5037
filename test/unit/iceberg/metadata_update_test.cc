#include "iceberg/metadata_update.h"

#include <gtest/gtest.h>

#include <string>

namespace sparkling::iceberg {
namespace {

IcebergSchema TwoColumns() {
  auto schema = IcebergSchemaFromJson(nlohmann::json::parse(R"({"type":"struct","fields":[
      {"id":7,"name":"id","required":true,"type":"long"},
      {"id":9,"name":"s","required":false,"type":{"type":"struct","fields":[
         {"id":11,"name":"day","required":false,"type":"date"}]}}]})"));
  return *schema;
}

TableMetadata NewTable(std::map<std::string, std::string> properties = {}) {
  CreateTableRequest request;
  request.name = "t";
  request.schema = TwoColumns();
  request.properties = std::move(properties);
  auto metadata = NewTableMetadata(request, "file:///wh/db/t/", 1000);
  EXPECT_TRUE(metadata.ok()) << metadata.status().ToString();
  return *metadata;
}

std::vector<TableUpdate> Updates(const std::string& text) {
  auto updates = ParseUpdates(nlohmann::json::parse(text));
  EXPECT_TRUE(updates.ok()) << updates.status().ToString();
  return updates.ok() ? *updates : std::vector<TableUpdate>{};
}

std::vector<TableRequirement> Requirements(const std::string& text) {
  auto requirements = ParseRequirements(nlohmann::json::parse(text));
  EXPECT_TRUE(requirements.ok()) << requirements.status().ToString();
  return requirements.ok() ? *requirements : std::vector<TableRequirement>{};
}

std::string Snapshot(int64_t id, std::optional<int64_t> parent, int64_t sequence, int64_t timestamp,
                     const std::string& operation = "append") {
  nlohmann::json snapshot = {{"snapshot-id", id},
                             {"sequence-number", sequence},
                             {"timestamp-ms", timestamp},
                             {"manifest-list", "file:///wh/db/t/metadata/snap.avro"},
                             {"summary", {{"operation", operation}}},
                             {"schema-id", 0}};
  if (parent) snapshot["parent-snapshot-id"] = *parent;
  return snapshot.dump();
}

std::string Append(int64_t id, std::optional<int64_t> parent, int64_t sequence, int64_t timestamp) {
  return R"([{"action":"add-snapshot","snapshot":)" + Snapshot(id, parent, sequence, timestamp) +
         R"(},{"action":"set-snapshot-ref","ref-name":"main","type":"branch","snapshot-id":)" +
         std::to_string(id) + "}]";
}

TableMetadata Apply(const TableMetadata& base, const std::string& updates,
                    const std::string& location = "file:///wh/db/t/metadata/00000-a.metadata.json",
                    int64_t now = 5000) {
  auto result = ApplyUpdates(&base, location, Updates(updates), now);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? result->metadata : base;
}

Status ApplyError(const TableMetadata& base, const std::string& updates) {
  auto result = ApplyUpdates(&base, "loc", Updates(updates), 5000);
  EXPECT_FALSE(result.ok());
  return result.status();
}

TEST(NewTableMetadataTest, AssignsFreshIdsLikeJava) {
  CreateTableRequest request;
  request.schema = TwoColumns();
  request.schema.identifier_field_ids = {7};
  request.partition_spec =
      PartitionSpec{5, {{11, 17, "day_day", "day"}, {7, 3, "id_b", "bucket[8]"}}};
  request.write_order = SortOrder{4, {{"identity", 7, "desc", "nulls-last"}}};
  request.properties = {{"format-version", "1"}, {"owner", "me"}, {"uuid", "x"}};
  auto metadata = NewTableMetadata(request, "file:///wh/db/t", 1000);
  ASSERT_TRUE(metadata.ok()) << metadata.status().ToString();
  EXPECT_EQ(metadata->format_version, 1);
  const IcebergSchema& schema = metadata->current_schema();
  EXPECT_EQ(schema.fields[0].id, 1);
  EXPECT_EQ(schema.fields[1].id, 2);
  EXPECT_EQ(schema.fields[1].type->fields[0].id, 3);
  EXPECT_EQ(schema.identifier_field_ids, std::vector<int>{1});
  EXPECT_EQ(metadata->last_column_id, 3);
  const PartitionSpec& spec = metadata->default_spec();
  EXPECT_EQ(spec.spec_id, 0);
  EXPECT_EQ(spec.fields[0].source_id, 3);
  EXPECT_EQ(spec.fields[0].field_id, 1000);
  EXPECT_EQ(spec.fields[1].source_id, 1);
  EXPECT_EQ(spec.fields[1].field_id, 1001);
  EXPECT_EQ(metadata->last_partition_id, 1001);
  EXPECT_EQ(metadata->default_sort_order_id, 1);
  EXPECT_EQ(metadata->sort_orders[0].fields[0].source_id, 1);
  EXPECT_EQ(metadata->properties.count("format-version"), 0u);
  EXPECT_EQ(metadata->properties.count("uuid"), 0u);
  EXPECT_EQ(metadata->properties.at("owner"), "me");
  EXPECT_EQ(metadata->properties.at("write.parquet.compression-codec"), "zstd");
  EXPECT_EQ(metadata->location, "file:///wh/db/t");
  EXPECT_EQ(metadata->table_uuid.size(), 36u);
}

TEST(NewTableMetadataTest, UnpartitionedUnsortedDefaults) {
  TableMetadata metadata = NewTable({{"format-version", "3"}});
  EXPECT_EQ(metadata.last_partition_id, 999);
  EXPECT_TRUE(metadata.default_spec().unpartitioned());
  EXPECT_EQ(metadata.default_sort_order_id, 0);
  EXPECT_EQ(metadata.next_row_id, 0);
  CreateTableRequest bad;
  bad.schema = TwoColumns();
  bad.properties = {{"format-version", "7"}};
  EXPECT_FALSE(NewTableMetadata(bad, "file:///x", 1).ok());
  bad.properties = {};
  bad.partition_spec = PartitionSpec{0, {{99, 0, "nope", "identity"}}};
  EXPECT_FALSE(NewTableMetadata(bad, "file:///x", 1).ok());
}

TEST(ParseUpdatesTest, UnknownOrMalformedEntriesAreBadRequests) {
  const char* bad_updates[] = {
      R"([{"action":"drop-everything"}])",
      R"([{"no-action":1}])",
      R"([{"action":"add-snapshot"}])",
      R"([{"action":"set-snapshot-ref","ref-name":"main","type":"pointer","snapshot-id":1}])",
      R"([{"action":"set-current-schema","schema-id":"one"}])",
      R"({"action":"assign-uuid"})",
      R"([1])",
  };
  for (const char* text : bad_updates) {
    auto updates = ParseUpdates(nlohmann::json::parse(text));
    ASSERT_FALSE(updates.ok()) << text;
    EXPECT_EQ(updates.status().error().error_class, "ICEBERG_BAD_REQUEST") << text;
  }
  auto requirement = ParseRequirements(nlohmann::json::parse(R"([{"type":"assert-magic"}])"));
  ASSERT_FALSE(requirement.ok());
  EXPECT_EQ(requirement.status().error().error_class, "ICEBERG_BAD_REQUEST");
  // Java's legacy spellings of the property updates are accepted.
  auto legacy = ParseUpdates(nlohmann::json::parse(
      R"([{"action":"set-properties","updated":{"a":"1"}},
          {"action":"remove-properties","removed":["b"]},
          {"action":"SET-LOCATION","location":"file:///x"}])"));
  ASSERT_TRUE(legacy.ok());
  EXPECT_EQ((*legacy)[0].properties.at("a"), "1");
  EXPECT_EQ((*legacy)[1].removals, std::vector<std::string>{"b"});
}

TEST(RequirementsTest, FailuresUseJavaWording) {
  TableMetadata base = Apply(NewTable(), Append(10, std::nullopt, 1, 2000));
  struct Case {
    std::string requirement;
    std::string message;
  } cases[] = {
      {R"({"type":"assert-table-uuid","uuid":"00000000-0000-0000-0000-000000000000"})",
       "Requirement failed: UUID does not match: expected " + base.table_uuid +
           " != 00000000-0000-0000-0000-000000000000"},
      {R"({"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":9})",
       "Requirement failed: branch main has changed: expected id 9 != 10"},
      {R"({"type":"assert-ref-snapshot-id","ref":"main"})",
       "Requirement failed: branch main was created concurrently"},
      {R"({"type":"assert-ref-snapshot-id","ref":"dev","snapshot-id":10})",
       "Requirement failed: branch or tag dev is missing, expected 10"},
      {R"({"type":"assert-last-assigned-field-id","last-assigned-field-id":2})",
       "Requirement failed: last assigned field id changed: expected id 2 != 3"},
      {R"({"type":"assert-current-schema-id","current-schema-id":1})",
       "Requirement failed: current schema changed: expected id 1 != 0"},
      {R"({"type":"assert-last-assigned-partition-id","last-assigned-partition-id":1000})",
       "Requirement failed: last assigned partition id changed: expected id 1000 != 999"},
      {R"({"type":"assert-default-spec-id","default-spec-id":1})",
       "Requirement failed: default partition spec changed: expected id 1 != 0"},
      {R"({"type":"assert-default-sort-order-id","default-sort-order-id":1})",
       "Requirement failed: default sort order changed: expected id 1 != 0"},
      {R"({"type":"assert-create"})", "Requirement failed: table already exists"},
  };
  for (const auto& c : cases) {
    Status status = CheckRequirements(Requirements("[" + c.requirement + "]"), &base);
    ASSERT_FALSE(status.ok()) << c.requirement;
    EXPECT_EQ(status.error().error_class, "ICEBERG_COMMIT_FAILED");
    EXPECT_EQ(status.message(), c.message);
  }
  EXPECT_TRUE(
      CheckRequirements(
          Requirements(R"([{"type":"assert-table-uuid","uuid":")" + base.table_uuid +
                       R"("},{"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":10},
                                   {"type":"assert-ref-snapshot-id","ref":"new-branch"}])"),
          &base)
          .ok());
  EXPECT_TRUE(CheckRequirements(Requirements(R"([{"type":"assert-create"}])"), nullptr).ok());
  auto mixed = IsCreateCommit(Requirements(
      R"([{"type":"assert-create"},{"type":"assert-current-schema-id","current-schema-id":0}])"));
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.status().error().error_class, "ICEBERG_BAD_REQUEST");
}

TEST(ApplyUpdatesTest, AppendMovesMainAndRecordsHistory) {
  TableMetadata base = NewTable();
  TableMetadata first = Apply(base, Append(10, std::nullopt, 1, 2000));
  EXPECT_EQ(first.current_snapshot_id, 10);
  EXPECT_EQ(first.last_sequence_number, 1);
  EXPECT_EQ(first.last_updated_ms, 2000);  // the snapshot's timestamp
  ASSERT_EQ(first.snapshot_log.size(), 1u);
  EXPECT_EQ(first.snapshot_log[0].timestamp_ms, 2000);
  ASSERT_EQ(first.metadata_log.size(), 1u);
  EXPECT_EQ(first.metadata_log[0].timestamp_ms, 1000);  // the base's last-updated-ms
  EXPECT_EQ(first.refs.at("main").snapshot_id, 10);

  // A stale sequence number means a concurrent commit won: retryable.
  auto stale = ApplyUpdates(&first, "loc", Updates(Append(11, 10, 1, 3000)), 5000);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().error().error_class, "ICEBERG_COMMIT_FAILED");
  Status duplicate = ApplyError(first, Append(10, 10, 2, 3000));
  EXPECT_EQ(duplicate.message(), "Snapshot already exists for id: 10");
  Status unknown = ApplyError(
      first,
      R"([{"action":"set-snapshot-ref","ref-name":"main","type":"branch","snapshot-id":77}])");
  EXPECT_EQ(unknown.message(), "Cannot set main to unknown snapshot: 77");
}

TEST(ApplyUpdatesTest, IntermediateSnapshotsLeaveTheSnapshotLog) {
  // pyiceberg's overwrite: a delete snapshot and an append snapshot in one commit.
  TableMetadata base = Apply(NewTable(), Append(10, std::nullopt, 1, 2000));
  std::string two = Append(11, 10, 2, 3000);
  std::string three = Append(12, 11, 3, 3001);
  two.pop_back();
  TableMetadata next = Apply(base, two + "," + three.substr(1));
  EXPECT_EQ(next.current_snapshot_id, 12);
  EXPECT_EQ(next.snapshots.size(), 3u);
  ASSERT_EQ(next.snapshot_log.size(), 2u);
  EXPECT_EQ(next.snapshot_log[1].snapshot_id, 12);
}

TEST(ApplyUpdatesTest, RollbackAndRemovalsKeepRefsAndLogConsistent) {
  TableMetadata metadata = Apply(NewTable(), Append(10, std::nullopt, 1, 2000));
  metadata = Apply(metadata, Append(11, 10, 2, 3000));
  TableMetadata rolled =
      Apply(metadata,
            R"([{"action":"set-snapshot-ref","ref-name":"main","type":"branch","snapshot-id":10},
          {"action":"set-snapshot-ref","ref-name":"t1","type":"tag","snapshot-id":11}])",
            "loc", 9000);
  EXPECT_EQ(rolled.current_snapshot_id, 10);
  EXPECT_EQ(rolled.snapshot_log.back().timestamp_ms, 9000);  // not added now: the clock
  EXPECT_EQ(rolled.refs.at("t1").type, "tag");
  TableMetadata removed = Apply(rolled, R"([{"action":"remove-snapshots","snapshot-ids":[11]}])");
  EXPECT_EQ(removed.refs.count("t1"), 0u);
  EXPECT_EQ(removed.snapshots.size(), 1u);
  // History before a removed snapshot is cut: [10, 11, 10] becomes [10].
  ASSERT_EQ(removed.snapshot_log.size(), 1u);
  EXPECT_EQ(removed.snapshot_log[0].snapshot_id, 10);
  TableMetadata unset = Apply(removed, R"([{"action":"remove-snapshot-ref","ref-name":"main"}])");
  EXPECT_FALSE(unset.current_snapshot_id.has_value());
  EXPECT_TRUE(unset.refs.empty());
}

TEST(ApplyUpdatesTest, SchemaSpecAndOrderUpdatesReuseIds) {
  TableMetadata base = NewTable();
  const char* evolve = R"([
    {"action":"add-schema","schema":{"type":"struct","schema-id":0,"fields":[
      {"id":1,"name":"id","required":true,"type":"long"},
      {"id":2,"name":"s","required":false,"type":{"type":"struct","fields":[
         {"id":3,"name":"day","required":false,"type":"date"}]}},
      {"id":4,"name":"extra","required":false,"type":"string"}]},"last-column-id":4},
    {"action":"set-current-schema","schema-id":-1},
    {"action":"add-spec","spec":{"fields":[{"name":"day","transform":"day","source-id":3}]}},
    {"action":"set-default-spec","spec-id":-1},
    {"action":"add-sort-order","sort-order":{"order-id":9,"fields":[
      {"transform":"identity","source-id":4,"direction":"asc","null-order":"nulls-first"}]}},
    {"action":"set-default-sort-order","sort-order-id":-1}])";
  TableMetadata evolved = Apply(base, evolve);
  EXPECT_EQ(evolved.current_schema_id, 1);
  EXPECT_EQ(evolved.last_column_id, 4);
  EXPECT_EQ(evolved.default_spec_id, 1);
  EXPECT_EQ(evolved.default_spec().fields[0].field_id, 1000);
  EXPECT_EQ(evolved.last_partition_id, 1000);
  EXPECT_EQ(evolved.default_sort_order_id, 1);

  // Sending the same changes again changes nothing (Spark repeats them in create
  // transactions): same ids, no new entries.
  auto again = ApplyUpdates(&evolved, "loc", Updates(evolve), 6000);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->changed);
  EXPECT_EQ(again->metadata.schemas.size(), 2u);
  EXPECT_EQ(again->metadata.partition_specs.size(), 2u);
  EXPECT_EQ(again->metadata.sort_orders.size(), 2u);

  Status no_schema = ApplyError(base, R"([{"action":"set-current-schema","schema-id":-1}])");
  EXPECT_EQ(no_schema.message(), "Cannot set last added schema: no schema has been added");
  Status no_spec = ApplyError(base, R"([{"action":"set-default-spec","spec-id":4}])");
  EXPECT_EQ(no_spec.message(), "Cannot set default partition spec to unknown spec: 4");
  Status bad_source = ApplyError(base, R"([{"action":"add-spec","spec":{"fields":[
                {"name":"x","transform":"identity","source-id":42}]}}])");
  EXPECT_EQ(bad_source.error().error_class, "ICEBERG_VALIDATION");
  Status current = ApplyError(evolved, R"([{"action":"remove-schemas","schema-ids":[1]}])");
  EXPECT_EQ(current.message(), "Cannot remove the current schema");
}

TEST(ApplyUpdatesTest, PropertiesLocationAndFormatVersion) {
  TableMetadata base = NewTable();
  TableMetadata updated =
      Apply(base, R"([{"action":"set-properties","updates":{"a":"1","current-snapshot-id":"5"}},
                      {"action":"remove-properties","removals":["write.parquet.compression-codec"]},
                      {"action":"set-location","location":"file:///elsewhere/"}])");
  EXPECT_EQ(updated.properties.size(), 1u);
  EXPECT_EQ(updated.properties.at("a"), "1");
  EXPECT_EQ(updated.location, "file:///elsewhere");
  auto noop = ApplyUpdates(&updated, "loc", Updates(R"([{"action":"set-properties",
                                                         "updates":{"a":"1"}}])"),
                           1);
  ASSERT_TRUE(noop.ok());
  EXPECT_FALSE(noop->changed);

  TableMetadata v3 = Apply(base, R"([{"action":"upgrade-format-version","format-version":3}])");
  EXPECT_EQ(v3.format_version, 3);
  EXPECT_EQ(v3.next_row_id, 0);
  Status downgrade = ApplyError(v3, R"([{"action":"upgrade-format-version","format-version":2}])");
  EXPECT_EQ(downgrade.message(), "Cannot downgrade v3 table to v2");
  Status reassign = ApplyError(base, R"([{"action":"assign-uuid","uuid":"other"}])");
  EXPECT_EQ(reassign.error().error_class, "ICEBERG_BAD_REQUEST");
  EXPECT_EQ(
      ApplyError(base, R"([{"action":"add-view-version","view-version":{}}])").error().error_class,
      "ICEBERG_BAD_REQUEST");
}

TEST(ApplyUpdatesTest, V3RowLineage) {
  TableMetadata base = NewTable({{"format-version", "3"}});
  nlohmann::json snapshot = nlohmann::json::parse(Snapshot(10, std::nullopt, 1, 2000));
  snapshot["first-row-id"] = 0;
  snapshot["added-rows"] = 25;
  std::string updates = R"([{"action":"add-snapshot","snapshot":)" + snapshot.dump() + "}]";
  TableMetadata next = Apply(base, updates);
  EXPECT_EQ(next.next_row_id, 25);
  snapshot["snapshot-id"] = 11;
  snapshot["parent-snapshot-id"] = 10;
  snapshot["sequence-number"] = 2;
  snapshot["first-row-id"] = 3;  // behind next-row-id
  Status behind =
      ApplyError(next, R"([{"action":"add-snapshot","snapshot":)" + snapshot.dump() + "}]");
  EXPECT_NE(behind.message().find("first-row-id is behind table next-row-id: 3 < 25"),
            std::string::npos);
}

TEST(ApplyUpdatesTest, MetadataLogIsCapped) {
  TableMetadata metadata = NewTable({{"write.metadata.previous-versions-max", "2"}});
  for (int i = 0; i < 5; ++i) {
    metadata = Apply(
        metadata, R"([{"action":"set-properties","updates":{"n":")" + std::to_string(i) + "\"}}]",
        "file:///wh/db/t/metadata/0000" + std::to_string(i) + "-x.metadata.json", 2000 + i);
  }
  ASSERT_EQ(metadata.metadata_log.size(), 2u);
  EXPECT_EQ(metadata.metadata_log[1].metadata_file,
            "file:///wh/db/t/metadata/00004-x.metadata.json");
  EXPECT_EQ(metadata.last_updated_ms, 2004);
}

TEST(ApplyUpdatesTest, CreateTransactionFromEmptyMetadata) {
  // Spark's CTAS commit: create changes followed by the same changes again.
  std::string schema = IcebergSchemaToJson(TwoColumns()).dump();
  std::string create = R"({"action":"assign-uuid","uuid":"11111111-2222-4333-8444-555555555555"},
    {"action":"upgrade-format-version","format-version":2},
    {"action":"add-schema","schema":)" +
                       schema + R"(},
    {"action":"set-current-schema","schema-id":-1},
    {"action":"add-spec","spec":{"spec-id":0,"fields":[]}},
    {"action":"set-default-spec","spec-id":-1},
    {"action":"add-sort-order","sort-order":{"order-id":0,"fields":[]}},
    {"action":"set-default-sort-order","sort-order-id":-1},
    {"action":"set-location","location":"file:///wh/db/ctas"},
    {"action":"set-properties","updates":{"owner":"spark"}})";
  std::string updates =
      "[" + create + "," + create + "," + Append(10, std::nullopt, 1, 2000).substr(1);
  auto result = ApplyUpdates(nullptr, "", Updates(updates), 3000);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const TableMetadata& metadata = result->metadata;
  EXPECT_EQ(metadata.table_uuid, "11111111-2222-4333-8444-555555555555");
  EXPECT_EQ(metadata.schemas.size(), 1u);
  EXPECT_EQ(metadata.partition_specs.size(), 1u);
  EXPECT_EQ(metadata.sort_orders.size(), 1u);
  EXPECT_EQ(metadata.last_partition_id, 999);
  EXPECT_EQ(metadata.current_snapshot_id, 10);
  EXPECT_TRUE(metadata.metadata_log.empty());
  EXPECT_EQ(metadata.location, "file:///wh/db/ctas");
}

TEST(ViewMetadataTest, CreateAndReplaceViews) {
  CreateViewRequest request;
  request.name = "v";
  request.schema = TwoColumns();
  request.view_version = nlohmann::json::parse(R"({"version-id":1,"timestamp-ms":100,
      "schema-id":0,"summary":{"engine-name":"spark"},"default-namespace":["db"],
      "representations":[{"type":"sql","sql":"select 1","dialect":"spark"}]})");
  auto view = NewViewMetadata(request, "file:///wh/db/v", 100);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_EQ((*view)["format-version"], 1);
  EXPECT_EQ((*view)["current-version-id"], 1);
  EXPECT_TRUE(ValidateViewMetadata(*view).ok());
  std::string uuid = (*view)["view-uuid"];

  auto replaced = ApplyViewUpdates(
      *view, Requirements(R"([{"type":"assert-view-uuid","uuid":")" + uuid + R"("}])"),
      Updates(R"([{"action":"add-view-version","view-version":{"version-id":5,"timestamp-ms":200,
                   "schema-id":0,"summary":{},"default-namespace":["db"],
                   "representations":[{"type":"sql","sql":"select 2","dialect":"spark"}]}},
                  {"action":"set-current-view-version","view-version-id":-1}])"),
      200);
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ((*replaced)["current-version-id"], 2);
  EXPECT_EQ((*replaced)["version-log"].size(), 2u);

  auto wrong = ApplyViewUpdates(
      *view, Requirements(R"([{"type":"assert-view-uuid","uuid":"nope"}])"), {}, 1);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().error().error_class, "ICEBERG_COMMIT_FAILED");
  auto hostile =
      ApplyViewUpdates(nlohmann::json::parse(R"({"current-version-id":"x"})"), {}, {}, 1);
  EXPECT_FALSE(hostile.ok());
}

}  // namespace
}  // namespace sparkling::iceberg
