#include "iceberg/manifest.h"

#include <arrow/api.h>
#include <arrow/util/decimal.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>

#include "iceberg/avro_file.h"
#include "iceberg/file_io.h"
#include "iceberg/single_value.h"

namespace sparkling::iceberg {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "manifest_test_XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) != nullptr ? pattern : "";
  }
  ~TempDir() {
    if (!path_.empty()) (void)DeleteLocalTree(path_);
  }
  std::string File(const std::string& name) const { return (fs::path(path_) / name).string(); }

 private:
  std::string path_;
};

NestedField Column(int id, const std::string& name, bool required, const std::string& type) {
  NestedField field;
  field.id = id;
  field.name = name;
  field.required = required;
  field.type = IcebergType::Primitive(type);
  return field;
}

IcebergSchema TestSchema() {
  IcebergSchema schema;
  schema.schema_id = 3;
  schema.fields = {Column(1, "id", true, "long"), Column(2, "ts", false, "timestamptz"),
                   Column(3, "category", false, "string"),
                   Column(4, "amount", false, "decimal(10, 2)"),
                   Column(5, "score", false, "double")};
  return schema;
}

// day(ts), identity(category), bucket[16](id), identity(amount), identity(score)
PartitionSpec TestSpec() {
  PartitionSpec spec;
  spec.spec_id = 2;
  spec.fields = {{2, 1000, "ts_day", "day"},
                 {3, 1001, "cat.egory é", "identity"},  // not a valid Avro name
                 {1, 1002, "id_bucket", "bucket[16]"},
                 {4, 1003, "amount", "identity"},
                 {5, 1004, "score", "identity"}};
  return spec;
}

PartitionTuple Tuple(std::optional<int32_t> day, std::optional<std::string> category,
                     int32_t bucket, std::optional<int64_t> amount_unscaled, double score) {
  PartitionTuple tuple;
  tuple.push_back(day ? std::make_shared<arrow::Date32Scalar>(*day)
                      : arrow::MakeNullScalar(arrow::date32()));
  tuple.push_back(category ? std::make_shared<arrow::StringScalar>(*category)
                           : arrow::MakeNullScalar(arrow::utf8()));
  tuple.push_back(std::make_shared<arrow::Int32Scalar>(bucket));
  tuple.push_back(amount_unscaled
                      ? std::make_shared<arrow::Decimal128Scalar>(
                            arrow::Decimal128(*amount_unscaled), arrow::decimal128(10, 2))
                      : arrow::MakeNullScalar(arrow::decimal128(10, 2)));
  tuple.push_back(std::make_shared<arrow::DoubleScalar>(score));
  return tuple;
}

std::string LongBytes(int64_t value) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(static_cast<uint64_t>(value) >> (8 * i));
  return out;
}

DataFile TestDataFile(const std::string& name, PartitionTuple partition, int64_t rows) {
  DataFile file;
  file.file_path = "file:///warehouse/db/t/data/" + name;
  file.partition = std::move(partition);
  file.record_count = rows;
  file.file_size_in_bytes = rows * 100;
  file.column_sizes = {{1, 11}, {2, 22}};
  file.value_counts = {{1, rows}};
  file.null_value_counts = {{1, 0}};
  file.nan_value_counts = {{5, 0}};
  file.lower_bounds = {{1, LongBytes(5)}};
  file.upper_bounds = {{1, LongBytes(9)}};
  file.split_offsets = {4};
  file.sort_order_id = 0;
  return file;
}

constexpr int64_t kSnapshotId = 77;
constexpr int64_t kSequenceNumber = 5;

// Two ADDED entries (inheriting their sequence numbers), one EXISTING, one DELETED.
std::vector<ManifestEntry> TestEntries() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<ManifestEntry> entries(4);
  entries[0].status = EntryStatus::kAdded;
  entries[0].data_file = TestDataFile("a.parquet", Tuple(17486, "books", 3, 1420, 1.5), 10);
  entries[1].status = EntryStatus::kAdded;
  entries[1].data_file = TestDataFile("b.parquet", Tuple(std::nullopt, "toys", 5, -150, nan), 20);
  entries[2].status = EntryStatus::kExisting;
  entries[2].snapshot_id = 66;
  entries[2].sequence_number = 4;
  entries[2].file_sequence_number = 4;
  entries[2].data_file =
      TestDataFile("c.parquet", Tuple(17000, "books", 0, std::nullopt, -0.0), 30);
  entries[3].status = EntryStatus::kDeleted;
  entries[3].sequence_number = 3;
  entries[3].file_sequence_number = 3;
  entries[3].data_file = TestDataFile("d.parquet", Tuple(17500, "art", 1, 0, 0.0), 40);
  return entries;
}

Result<ManifestFile> WriteTestManifest(const TempDir& dir, const std::string& name,
                                       int format_version = 2) {
  static const IcebergSchema schema = TestSchema();
  static const PartitionSpec spec = TestSpec();
  ManifestWriteOptions options;
  options.format_version = format_version;
  options.schema = &schema;
  options.spec = &spec;
  options.snapshot_id = kSnapshotId;
  options.sequence_number = kSequenceNumber;
  std::vector<ManifestEntry> entries = TestEntries();
  if (format_version == 1) {
    for (auto& entry : entries) {
      entry.sequence_number.reset();
      entry.file_sequence_number.reset();
    }
  }
  return WriteManifest(dir.File(name), FileUri(dir.File(name)), options, entries);
}

std::string Decoded(const std::optional<std::string>& bound, const std::string& type) {
  if (!bound) return "none";
  auto value = FromSingleValue(*bound, *IcebergType::Primitive(type));
  return value.ok() ? (*value)->ToString() : value.status().ToString();
}

TEST(Manifest, WriteFillsCountsSummariesAndExactLength) {
  TempDir dir;
  auto manifest = WriteTestManifest(dir, "m.avro");
  ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
  EXPECT_EQ(manifest->manifest_path, FileUri(dir.File("m.avro")));
  EXPECT_EQ(manifest->manifest_length, static_cast<int64_t>(fs::file_size(dir.File("m.avro"))));
  EXPECT_EQ(manifest->partition_spec_id, 2);
  EXPECT_EQ(manifest->content, FileContent::kData);
  EXPECT_EQ(manifest->sequence_number, kSequenceNumber);
  EXPECT_EQ(manifest->min_sequence_number, 4);  // the EXISTING entry; DELETED ones do not count
  EXPECT_EQ(manifest->added_snapshot_id, kSnapshotId);
  EXPECT_EQ(manifest->added_files_count, 2);
  EXPECT_EQ(manifest->existing_files_count, 1);
  EXPECT_EQ(manifest->deleted_files_count, 1);
  EXPECT_EQ(manifest->added_rows_count, 30);
  EXPECT_EQ(manifest->existing_rows_count, 30);
  EXPECT_EQ(manifest->deleted_rows_count, 40);

  ASSERT_EQ(manifest->partitions.size(), 5u);
  const auto& day = manifest->partitions[0];
  EXPECT_TRUE(day.contains_null);
  EXPECT_EQ(day.contains_nan, false);
  EXPECT_EQ(Decoded(day.lower_bound, "date"), "2016-07-18");
  EXPECT_EQ(Decoded(day.upper_bound, "date"), "2017-11-30");
  EXPECT_EQ(manifest->partitions[1].lower_bound, "art");
  EXPECT_EQ(manifest->partitions[1].upper_bound, "toys");
  EXPECT_FALSE(manifest->partitions[1].contains_null);
  EXPECT_EQ(Decoded(manifest->partitions[2].lower_bound, "int"), "0");
  EXPECT_EQ(Decoded(manifest->partitions[2].upper_bound, "int"), "5");
  const auto& amount = manifest->partitions[3];
  EXPECT_TRUE(amount.contains_null);
  EXPECT_EQ(amount.lower_bound, std::string("\xff\x6a", 2));  // -1.50: minimal two's complement
  EXPECT_EQ(amount.upper_bound, std::string("\x05\x8c", 2));  // 14.20
  const auto& score = manifest->partitions[4];
  EXPECT_FALSE(score.contains_null);
  EXPECT_EQ(score.contains_nan, true);                    // NaN is never a bound
  EXPECT_EQ(Decoded(score.lower_bound, "double"), "-0");  // -0.0 sorts before +0.0
  EXPECT_EQ(Decoded(score.upper_bound, "double"), "1.5");
}

TEST(Manifest, FileUsesJavaNamesIdsAndMetadata) {
  TempDir dir;
  ASSERT_TRUE(WriteTestManifest(dir, "m.avro").ok());
  auto bytes = ReadLocalFile(dir.File("m.avro"));
  ASSERT_TRUE(bytes.ok());
  auto contents = ReadAvroFile(*bytes);
  ASSERT_TRUE(contents.ok()) << contents.status().ToString();
  std::string schema = AvroSchemaToJson(*contents->schema);
  for (
      const char* expected :
      {R"("name":"manifest_entry")", R"("name":"r2")", R"("name":"r102")", R"("name":"k117_v118")",
       R"("name":"k126_v127")", R"("name":"k138_v139")",
       R"({"name":"ts_day","type":["null",{"type":"int","logicalType":"date"}],"default":null,"field-id":1000})",
       R"({"name":"cat_x2Eegory_x20_xE9","type":["null","string"],"default":null,"field-id":1001,"iceberg-field-name":"cat.egory é"})",
       R"({"type":"fixed","name":"decimal_10_2","size":5,"logicalType":"decimal","precision":10,"scale":2})",
       R"({"type":"array","items":"long","element-id":133})",
       R"({"name":"referenced_data_file","type":["null","string"],"default":null,"field-id":143})"}) {
    EXPECT_NE(schema.find(expected), std::string::npos) << expected << "\n" << schema;
  }
  EXPECT_EQ(schema.find("block_size_in_bytes"), std::string::npos);
  EXPECT_EQ(*contents->FindMetadata("avro.codec"), "deflate");
  EXPECT_EQ(*contents->FindMetadata("schema-id"), "3");
  EXPECT_EQ(*contents->FindMetadata("partition-spec-id"), "2");
  EXPECT_EQ(*contents->FindMetadata("format-version"), "2");
  EXPECT_EQ(*contents->FindMetadata("content"), "data");
  auto spec = nlohmann::json::parse(*contents->FindMetadata("partition-spec"));
  ASSERT_TRUE(spec.is_array());
  ASSERT_EQ(spec.size(), 5u);
  EXPECT_EQ(spec[0]["transform"], "day");
  EXPECT_EQ(spec[0]["field-id"], 1000);
  auto table_schema = nlohmann::json::parse(*contents->FindMetadata("schema"));
  EXPECT_EQ(table_schema["schema-id"], 3);
  EXPECT_EQ(table_schema["fields"].size(), 5u);

  // ADDED entries carry their snapshot id and leave the sequence numbers null (inherited).
  ASSERT_EQ(contents->records.size(), 4u);
  const AvroValue& added = contents->records[0];
  EXPECT_EQ(added.items[0].integer, 1);
  EXPECT_EQ(added.items[1].integer, kSnapshotId);
  EXPECT_TRUE(added.items[2].is_null());
  EXPECT_TRUE(added.items[3].is_null());
  const AvroValue& deleted = contents->records[3];
  EXPECT_EQ(deleted.items[1].integer, kSnapshotId);  // the deleting snapshot
  EXPECT_EQ(deleted.items[2].integer, 3);
}

TEST(Manifest, ReadAppliesInheritance) {
  TempDir dir;
  auto manifest = WriteTestManifest(dir, "m.avro");
  ASSERT_TRUE(manifest.ok());
  auto entries = ReadManifest(dir.File("m.avro"), *manifest);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 4u);
  const std::vector<ManifestEntry> written = TestEntries();
  const int64_t expected_snapshot[] = {77, 77, 66, 77};
  const int64_t expected_sequence[] = {5, 5, 4, 3};
  for (size_t i = 0; i < entries->size(); ++i) {
    const ManifestEntry& entry = (*entries)[i];
    const DataFile& file = entry.data_file;
    const DataFile& original = written[i].data_file;
    SCOPED_TRACE(file.file_path);
    EXPECT_EQ(entry.status, written[i].status);
    EXPECT_EQ(entry.snapshot_id, expected_snapshot[i]);
    EXPECT_EQ(entry.sequence_number, expected_sequence[i]);
    EXPECT_EQ(entry.file_sequence_number, expected_sequence[i]);
    EXPECT_EQ(file.content, FileContent::kData);
    EXPECT_EQ(file.file_path, original.file_path);
    EXPECT_EQ(file.file_format, "PARQUET");
    EXPECT_EQ(file.record_count, original.record_count);
    EXPECT_EQ(file.file_size_in_bytes, original.file_size_in_bytes);
    EXPECT_EQ(file.column_sizes, original.column_sizes);
    EXPECT_EQ(file.value_counts, original.value_counts);
    EXPECT_EQ(file.null_value_counts, original.null_value_counts);
    EXPECT_EQ(file.nan_value_counts, original.nan_value_counts);
    EXPECT_EQ(file.lower_bounds, original.lower_bounds);
    EXPECT_EQ(file.upper_bounds, original.upper_bounds);
    EXPECT_EQ(file.split_offsets, original.split_offsets);
    EXPECT_EQ(file.sort_order_id, 0);
    EXPECT_FALSE(file.key_metadata);
    EXPECT_EQ(file.spec_id, 2);
    ASSERT_EQ(file.partition.size(), 5u);
    for (size_t j = 0; j < 5; ++j) {
      // NaN never equals itself; compare its text instead.
      EXPECT_EQ(file.partition[j]->ToString(), original.partition[j]->ToString()) << j;
      EXPECT_TRUE(file.partition[j]->type->Equals(*original.partition[j]->type)) << j;
    }
  }
}

TEST(ManifestList, RoundTripAssignsUnassignedSequenceNumbers) {
  TempDir dir;
  auto written = WriteTestManifest(dir, "m.avro");
  ASSERT_TRUE(written.ok());
  ManifestFile fresh = *written;
  fresh.sequence_number = kUnassignedSequenceNumber;
  fresh.min_sequence_number = kUnassignedSequenceNumber;
  ManifestFile old;
  old.manifest_path = "file:///warehouse/db/t/metadata/old.avro";
  old.manifest_length = 1234;
  old.partition_spec_id = 1;
  old.content = FileContent::kPositionDeletes;
  old.sequence_number = 2;
  old.min_sequence_number = 1;
  old.added_snapshot_id = 55;
  old.existing_files_count = 3;
  old.existing_rows_count = 300;
  old.partitions = {FieldSummary{false, std::nullopt, std::nullopt, std::nullopt}};
  old.key_metadata = std::string("\x01\x02", 2);

  ManifestListWriteOptions options;
  options.snapshot_id = kSnapshotId;
  options.parent_snapshot_id = 66;
  options.sequence_number = 6;
  auto length = WriteManifestList(dir.File("snap.avro"), options, {fresh, old});
  ASSERT_TRUE(length.ok()) << length.status().ToString();
  EXPECT_EQ(*length, static_cast<int64_t>(fs::file_size(dir.File("snap.avro"))));

  auto manifests = ReadManifestList(FileUri(dir.File("snap.avro")));
  ASSERT_TRUE(manifests.ok()) << manifests.status().ToString();
  ASSERT_EQ(manifests->size(), 2u);
  const ManifestFile& first = (*manifests)[0];
  EXPECT_EQ(first.manifest_path, written->manifest_path);
  EXPECT_EQ(first.manifest_length, written->manifest_length);
  EXPECT_EQ(first.sequence_number, 6);
  EXPECT_EQ(first.min_sequence_number, 6);
  EXPECT_EQ(first.added_files_count, 2);
  EXPECT_EQ(first.deleted_rows_count, 40);
  ASSERT_EQ(first.partitions.size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(first.partitions[i].contains_null, written->partitions[i].contains_null);
    EXPECT_EQ(first.partitions[i].contains_nan, written->partitions[i].contains_nan);
    EXPECT_EQ(first.partitions[i].lower_bound, written->partitions[i].lower_bound);
    EXPECT_EQ(first.partitions[i].upper_bound, written->partitions[i].upper_bound);
  }
  const ManifestFile& second = (*manifests)[1];
  EXPECT_EQ(second.manifest_path, old.manifest_path);
  EXPECT_EQ(second.manifest_length, 1234);
  EXPECT_EQ(second.partition_spec_id, 1);
  EXPECT_EQ(second.content, FileContent::kPositionDeletes);
  EXPECT_EQ(second.sequence_number, 2);
  EXPECT_EQ(second.min_sequence_number, 1);
  EXPECT_EQ(second.added_snapshot_id, 55);
  EXPECT_EQ(second.existing_files_count, 3);
  EXPECT_EQ(second.existing_rows_count, 300);
  ASSERT_EQ(second.partitions.size(), 1u);
  EXPECT_FALSE(second.partitions[0].contains_nan);
  EXPECT_EQ(second.key_metadata, old.key_metadata);

  auto raw = ReadAvroFile(*ReadLocalFile(dir.File("snap.avro")));
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(*raw->FindMetadata("snapshot-id"), "77");
  EXPECT_EQ(*raw->FindMetadata("parent-snapshot-id"), "66");
  EXPECT_EQ(*raw->FindMetadata("sequence-number"), "6");
  EXPECT_EQ(*raw->FindMetadata("format-version"), "2");
  std::string schema = AvroSchemaToJson(*raw->schema);
  EXPECT_NE(schema.find(R"("name":"manifest_file")"), std::string::npos);
  EXPECT_NE(schema.find(R"("name":"r508")"), std::string::npos);
  EXPECT_NE(schema.find(R"("element-id":508)"), std::string::npos);

  // A manifest written without a sequence number: its min stays open if only ADDED entries
  // decide it, and is the EXISTING entry's otherwise.
  const IcebergSchema table_schema = TestSchema();
  const PartitionSpec spec = TestSpec();
  ManifestWriteOptions unassigned;
  unassigned.schema = &table_schema;
  unassigned.spec = &spec;
  unassigned.snapshot_id = kSnapshotId;
  unassigned.sequence_number = kUnassignedSequenceNumber;
  auto only_added = WriteManifest(dir.File("retry1.avro"), "retry1", unassigned,
                                  {TestEntries()[0], TestEntries()[3]});
  ASSERT_TRUE(only_added.ok()) << only_added.status().ToString();
  EXPECT_EQ(only_added->sequence_number, kUnassignedSequenceNumber);
  EXPECT_EQ(only_added->min_sequence_number, kUnassignedSequenceNumber);
  auto with_existing = WriteManifest(dir.File("retry2.avro"), "retry2", unassigned,
                                     {TestEntries()[0], TestEntries()[2]});
  ASSERT_TRUE(with_existing.ok());
  EXPECT_EQ(with_existing->min_sequence_number, 4);
  ASSERT_TRUE(
      WriteManifestList(dir.File("retry.avro"), options, {*only_added, *with_existing}).ok());
  auto retried = ReadManifestList(dir.File("retry.avro"));
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ((*retried)[0].sequence_number, 6);
  EXPECT_EQ((*retried)[0].min_sequence_number, 6);
  EXPECT_EQ((*retried)[1].sequence_number, 6);
  EXPECT_EQ((*retried)[1].min_sequence_number, 4);

  // Only the committing snapshot's own manifests may be unassigned.
  ManifestFile foreign = fresh;
  foreign.added_snapshot_id = 1;
  auto rejected = WriteManifestList(dir.File("bad.avro"), options, {foreign});
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.status().error().error_class, "ICEBERG_VALIDATION");
  ManifestListWriteOptions no_parent = options;
  no_parent.parent_snapshot_id.reset();
  ASSERT_TRUE(WriteManifestList(dir.File("first.avro"), no_parent, {}).ok());
  auto first_list = ReadAvroFile(*ReadLocalFile(dir.File("first.avro")));
  ASSERT_TRUE(first_list.ok());
  EXPECT_EQ(*first_list->FindMetadata("parent-snapshot-id"), "null");
}

TEST(Manifest, V1FilesReadWithDefaults) {
  TempDir dir;
  auto manifest = WriteTestManifest(dir, "v1.avro", /*format_version=*/1);
  ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
  auto raw = ReadAvroFile(*ReadLocalFile(dir.File("v1.avro")));
  ASSERT_TRUE(raw.ok());
  std::string schema = AvroSchemaToJson(*raw->schema);
  EXPECT_NE(schema.find(R"({"name":"snapshot_id","type":"long","field-id":1})"), std::string::npos)
      << schema;
  EXPECT_NE(schema.find("block_size_in_bytes"), std::string::npos);
  EXPECT_EQ(schema.find("sequence_number"), std::string::npos);
  EXPECT_EQ(schema.find(R"("name":"content")"), std::string::npos);
  EXPECT_EQ(raw->FindMetadata("content"), nullptr);

  ManifestListWriteOptions options;
  options.format_version = 1;
  options.snapshot_id = kSnapshotId;
  ASSERT_TRUE(WriteManifestList(dir.File("v1-snap.avro"), options, {*manifest}).ok());
  auto raw_list = ReadAvroFile(*ReadLocalFile(dir.File("v1-snap.avro")));
  ASSERT_TRUE(raw_list.ok());
  EXPECT_EQ(raw_list->FindMetadata("sequence-number"), nullptr);
  EXPECT_EQ(AvroSchemaToJson(*raw_list->schema).find("min_sequence_number"), std::string::npos);

  auto manifests = ReadManifestList(dir.File("v1-snap.avro"));
  ASSERT_TRUE(manifests.ok()) << manifests.status().ToString();
  ASSERT_EQ(manifests->size(), 1u);
  const ManifestFile& listed = (*manifests)[0];
  EXPECT_EQ(listed.sequence_number, 0);
  EXPECT_EQ(listed.min_sequence_number, 0);
  EXPECT_EQ(listed.content, FileContent::kData);
  EXPECT_EQ(listed.added_files_count, 2);

  auto entries = ReadManifest(dir.File("v1.avro"), listed);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 4u);
  for (const auto& entry : *entries) {
    // v1: every entry, whatever its status, has sequence number 0.
    EXPECT_EQ(entry.sequence_number, 0);
    EXPECT_EQ(entry.file_sequence_number, 0);
    EXPECT_EQ(entry.data_file.content, FileContent::kData);
  }
  EXPECT_EQ((*entries)[2].snapshot_id, 66);
  EXPECT_EQ((*entries)[0].snapshot_id, kSnapshotId);
}

TEST(Manifest, DeleteManifestsAndV3RowLineage) {
  TempDir dir;
  const IcebergSchema schema = TestSchema();
  PartitionSpec unpartitioned;
  ManifestWriteOptions options;
  options.format_version = 3;
  options.schema = &schema;
  options.spec = &unpartitioned;
  options.snapshot_id = 9;
  options.sequence_number = 2;
  std::vector<ManifestEntry> data(2);
  data[0].data_file.file_path = "file:///t/data/1.parquet";
  data[0].data_file.record_count = 10;
  data[1].data_file.file_path = "file:///t/data/2.parquet";
  data[1].data_file.record_count = 7;
  auto data_manifest = WriteManifest(dir.File("data.avro"), dir.File("data.avro"), options, data);
  ASSERT_TRUE(data_manifest.ok()) << data_manifest.status().ToString();
  EXPECT_TRUE(data_manifest->partitions.empty());

  options.content = FileContent::kPositionDeletes;
  std::vector<ManifestEntry> deletes(1);
  deletes[0].data_file.content = FileContent::kPositionDeletes;
  deletes[0].data_file.file_path = "file:///t/data/1-deletes.puffin";
  deletes[0].data_file.file_format = "PUFFIN";
  deletes[0].data_file.record_count = 2;
  deletes[0].data_file.referenced_data_file = "file:///t/data/1.parquet";
  deletes[0].data_file.content_offset = 4;
  deletes[0].data_file.content_size_in_bytes = 40;
  auto delete_manifest =
      WriteManifest(dir.File("deletes.avro"), dir.File("deletes.avro"), options, deletes);
  ASSERT_TRUE(delete_manifest.ok()) << delete_manifest.status().ToString();
  EXPECT_EQ(delete_manifest->content, FileContent::kPositionDeletes);
  auto raw = ReadAvroFile(*ReadLocalFile(dir.File("deletes.avro")));
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(*raw->FindMetadata("content"), "deletes");
  EXPECT_EQ(*raw->FindMetadata("format-version"), "3");

  ManifestListWriteOptions list_options;
  list_options.format_version = 3;
  list_options.snapshot_id = 9;
  list_options.sequence_number = 2;
  list_options.first_row_id = 100;
  ASSERT_TRUE(
      WriteManifestList(dir.File("snap.avro"), list_options, {*data_manifest, *delete_manifest})
          .ok());
  auto manifests = ReadManifestList(dir.File("snap.avro"));
  ASSERT_TRUE(manifests.ok()) << manifests.status().ToString();
  ASSERT_EQ(manifests->size(), 2u);
  EXPECT_EQ((*manifests)[0].first_row_id, 100);
  EXPECT_FALSE((*manifests)[1].first_row_id);  // delete manifests take no row ids
  EXPECT_EQ((*manifests)[1].content, FileContent::kPositionDeletes);

  auto data_entries = ReadManifest(dir.File("data.avro"), (*manifests)[0]);
  ASSERT_TRUE(data_entries.ok()) << data_entries.status().ToString();
  EXPECT_EQ((*data_entries)[0].data_file.first_row_id, 100);
  EXPECT_EQ((*data_entries)[1].data_file.first_row_id, 110);
  EXPECT_TRUE((*data_entries)[0].data_file.partition.empty());
  auto delete_entries = ReadManifest(dir.File("deletes.avro"), (*manifests)[1]);
  ASSERT_TRUE(delete_entries.ok()) << delete_entries.status().ToString();
  const DataFile& dv = (*delete_entries)[0].data_file;
  EXPECT_EQ(dv.content, FileContent::kPositionDeletes);
  EXPECT_EQ(dv.file_format, "PUFFIN");
  EXPECT_EQ(dv.referenced_data_file, "file:///t/data/1.parquet");
  EXPECT_EQ(dv.content_offset, 4);
  EXPECT_EQ(dv.content_size_in_bytes, 40);
  EXPECT_FALSE(dv.first_row_id);
}

TEST(Manifest, WriterRejectsInvalidEntries) {
  TempDir dir;
  const IcebergSchema schema = TestSchema();
  const PartitionSpec spec = TestSpec();
  ManifestWriteOptions options;
  options.schema = &schema;
  options.spec = &spec;
  options.snapshot_id = 1;
  options.sequence_number = 1;
  auto rejects = [&](std::vector<ManifestEntry> entries, const std::string& words) {
    static int counter = 0;
    std::string path = dir.File("bad" + std::to_string(counter++) + ".avro");
    auto result = WriteManifest(path, path, options, entries);
    ASSERT_FALSE(result.ok()) << words;
    EXPECT_NE(result.status().message().find(words), std::string::npos)
        << result.status().message();
    EXPECT_FALSE(fs::exists(path));
  };
  std::vector<ManifestEntry> existing = {TestEntries()[2]};
  existing[0].snapshot_id.reset();
  rejects(existing, "without a snapshot id");
  existing = {TestEntries()[2]};
  existing[0].sequence_number.reset();
  rejects(existing, "sequence number");
  std::vector<ManifestEntry> short_tuple = {TestEntries()[0]};
  short_tuple[0].data_file.partition.pop_back();
  rejects(short_tuple, "partition values");
  std::vector<ManifestEntry> delete_file = {TestEntries()[0]};
  delete_file[0].data_file.content = FileContent::kPositionDeletes;
  rejects(delete_file, "cannot share a manifest");
  std::vector<ManifestEntry> wrong_type = {TestEntries()[0]};
  wrong_type[0].data_file.partition[1] = std::make_shared<arrow::Int32Scalar>(1);
  rejects(wrong_type, "Cannot encode");

  PartitionSpec bad_spec;
  bad_spec.fields = {{42, 1000, "nope", "identity"}};
  options.spec = &bad_spec;
  rejects({}, "Cannot find source column");
  bad_spec.fields = {{3, 1000, "cat_day", "day"}};
  rejects({}, "day");
  options.spec = &spec;
  options.format_version = 1;
  options.content = FileContent::kPositionDeletes;
  rejects({}, "v1");

  // Files are never replaced.
  options.format_version = 2;
  options.content = FileContent::kData;
  ASSERT_TRUE(WriteManifest(dir.File("once.avro"), "x", options, {}).ok());
  auto again = WriteManifest(dir.File("once.avro"), "x", options, {});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().error().error_class, "ICEBERG_ALREADY_EXISTS");
}

TEST(Manifest, CorruptFilesGiveClearErrors) {
  TempDir dir;
  auto manifest = WriteTestManifest(dir, "m.avro");
  ASSERT_TRUE(manifest.ok());
  std::string bytes = *ReadLocalFile(dir.File("m.avro"));
  ASSERT_TRUE(WriteLocalFileDurably(dir.File("cut.avro"), bytes.substr(0, bytes.size() - 20)).ok());
  auto cut = ReadManifest(dir.File("cut.avro"), *manifest);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().error().error_class, "ICEBERG_VALIDATION");
  EXPECT_NE(cut.status().message().find("cut.avro"), std::string::npos);
  EXPECT_NE(cut.status().message().find("Invalid Avro file"), std::string::npos);

  ASSERT_TRUE(WriteLocalFileDurably(dir.File("text.avro"), "hello").ok());
  EXPECT_FALSE(ReadManifestList(dir.File("text.avro")).ok());
  EXPECT_FALSE(ReadManifest(dir.File("missing.avro"), *manifest).ok());
  EXPECT_FALSE(ReadManifestList("s3://bucket/snap.avro").ok());

  // A valid Avro file that is not a manifest: required fields are missing.
  auto schema = AvroNode::Record(
      "manifest_entry",
      {AvroField{"status", AvroNode::Primitive(AvroNode::Type::kInt), 0, false, ""}});
  auto not_manifest = WriteAvroFile(*schema, {}, {AvroValue::Record({AvroValue::Int(1)})});
  ASSERT_TRUE(not_manifest.ok());
  ASSERT_TRUE(WriteLocalFileDurably(dir.File("other.avro"), *not_manifest).ok());
  auto other = ReadManifest(dir.File("other.avro"), *manifest);
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("missing required field data_file"), std::string::npos)
      << other.status().message();
  auto other_list = ReadManifestList(dir.File("other.avro"));
  ASSERT_FALSE(other_list.ok());
  EXPECT_NE(other_list.status().message().find("manifest_path"), std::string::npos);

  // A status outside 0..2.
  auto bad_status = WriteAvroFile(*schema, {}, {AvroValue::Record({AvroValue::Int(7)})});
  ASSERT_TRUE(WriteLocalFileDurably(dir.File("status.avro"), *bad_status).ok());
  auto status = ReadManifest(dir.File("status.avro"), *manifest);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.status().message().find("status 7"), std::string::npos);
}

// ---------------------------------------------------------------------------------------
// Interoperability with pyiceberg (the project's .venv): it reads what we write, and we read
// what it writes.

std::string PythonPath() { return std::string(SPARKLING_SOURCE_DIR) + "/.venv/bin/python"; }

// Runs a shell command; returns its stdout (and stderr on failure) and exit status.
std::pair<std::string, int> RunCommand(const std::string& command, const std::string& errors) {
  FILE* pipe = ::popen((command + " 2>" + errors).c_str(), "r");
  if (pipe == nullptr) return {"", -1};
  std::string out;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) out.append(buffer, n);
  int status = ::pclose(pipe);
  if (status != 0) out += ReadLocalFile(errors).ValueOrDie();
  return {out, status};
}

// Runs a Python script from the virtual environment.
std::pair<std::string, int> RunPython(const TempDir& dir, const std::string& name,
                                      const std::string& script, const std::string& args) {
  std::ofstream(dir.File(name)) << script;
  return RunCommand(PythonPath() + " " + dir.File(name) + " " + args, dir.File(name + ".err"));
}

bool PyicebergAvailable() {
  if (!fs::exists(PythonPath())) return false;
  std::string command = PythonPath() + " -c 'import pyiceberg.manifest' 2>/dev/null";
  return std::system(command.c_str()) == 0;
}

// Reads a manifest list and its manifests with pyiceberg; prints what it sees as JSON.
// Bounds and partition values are decoded with the types pyiceberg derives from the
// manifest's own "schema" and "partition-spec" metadata.
constexpr const char* kPyicebergReader = R"py(
import json, math, sys
from pydantic import TypeAdapter
from pyiceberg.avro.file import AvroFile
from pyiceberg.conversions import from_bytes
from pyiceberg.io.pyarrow import PyArrowFileIO
from pyiceberg.manifest import read_manifest_list
from pyiceberg.partitioning import PartitionField, PartitionSpec
from pyiceberg.schema import Schema

def plain(value):
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)
    if isinstance(value, bytes):
        return value.hex()
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)

io = PyArrowFileIO()
out = []
for manifest in read_manifest_list(io.new_input(sys.argv[1])):
    with AvroFile(io.new_input(manifest.manifest_path)) as avro:
        meta = avro.header.meta
    schema = Schema.model_validate_json(meta["schema"])
    fields = TypeAdapter(list[PartitionField]).validate_json(meta["partition-spec"])
    spec = PartitionSpec(*fields, spec_id=int(meta["partition-spec-id"]))
    partition_type = spec.partition_type(schema)
    summaries = []
    for field, summary in zip(partition_type.fields, manifest.partitions or []):
        bound = lambda b: None if b is None else plain(from_bytes(field.field_type, b))
        summaries.append([summary.contains_null, summary.contains_nan,
                          bound(summary.lower_bound), bound(summary.upper_bound)])
    entries = []
    for entry in manifest.fetch_manifest_entry(io, discard_deleted=False):
        f = entry.data_file
        entries.append({
            "status": int(entry.status), "snapshot_id": entry.snapshot_id,
            "sequence_number": entry.sequence_number,
            "file_sequence_number": entry.file_sequence_number,
            "content": int(f.content), "file_path": f.file_path, "file_format": f.file_format.name,
            "partition": [plain(f.partition[i]) for i in range(len(partition_type.fields))],
            "record_count": f.record_count, "file_size_in_bytes": f.file_size_in_bytes,
            "column_sizes": {str(k): v for k, v in (f.column_sizes or {}).items()},
            "null_value_counts": {str(k): v for k, v in (f.null_value_counts or {}).items()},
            "lower_bounds": {str(k): v.hex() for k, v in (f.lower_bounds or {}).items()},
            "split_offsets": f.split_offsets, "sort_order_id": f.sort_order_id,
            "spec_id": f.spec_id})
    out.append({
        "manifest_path": manifest.manifest_path, "manifest_length": manifest.manifest_length,
        "partition_spec_id": manifest.partition_spec_id, "content": int(manifest.content),
        "sequence_number": manifest.sequence_number,
        "min_sequence_number": manifest.min_sequence_number,
        "added_snapshot_id": manifest.added_snapshot_id,
        "counts": [manifest.added_files_count, manifest.existing_files_count,
                   manifest.deleted_files_count, manifest.added_rows_count,
                   manifest.existing_rows_count, manifest.deleted_rows_count],
        "schema_id": meta.get("schema-id"), "format_version": meta.get("format-version"),
        "manifest_content": meta.get("content"), "summaries": summaries, "entries": entries})
print(json.dumps(out))
)py";

TEST(ManifestInterop, PyicebergReadsOurFiles) {
  if (!PyicebergAvailable()) GTEST_SKIP() << "no pyiceberg at " << PythonPath();
  for (int version : {2, 1}) {
    SCOPED_TRACE("format version " + std::to_string(version));
    TempDir dir;
    auto manifest = WriteTestManifest(dir, "m.avro", version);
    ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
    ManifestListWriteOptions options;
    options.format_version = version;
    options.snapshot_id = kSnapshotId;
    options.parent_snapshot_id = 66;
    options.sequence_number = kSequenceNumber;
    ASSERT_TRUE(WriteManifestList(dir.File("snap.avro"), options, {*manifest}).ok());
    auto [out, status] = RunPython(dir, "read.py", kPyicebergReader, dir.File("snap.avro"));
    ASSERT_EQ(status, 0) << out;
    auto parsed = nlohmann::json::parse(out, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << out;
    ASSERT_EQ(parsed.size(), 1u);
    const auto& m = parsed[0];
    const bool v2 = version == 2;
    EXPECT_EQ(m["manifest_path"], manifest->manifest_path);
    EXPECT_EQ(m["manifest_length"], manifest->manifest_length);
    EXPECT_EQ(m["partition_spec_id"], 2);
    EXPECT_EQ(m["content"], 0);
    EXPECT_EQ(m["sequence_number"], v2 ? kSequenceNumber : 0);
    EXPECT_EQ(m["min_sequence_number"], v2 ? 4 : 0);
    EXPECT_EQ(m["added_snapshot_id"], kSnapshotId);
    EXPECT_EQ(m["counts"], nlohmann::json::parse("[2, 1, 1, 30, 30, 40]"));
    EXPECT_EQ(m["schema_id"], "3");
    EXPECT_EQ(m["format_version"], std::to_string(version));
    EXPECT_EQ(m["manifest_content"], v2 ? nlohmann::json("data") : nlohmann::json());
    EXPECT_EQ(m["summaries"], nlohmann::json::parse(R"([
        [true, false, 17000, 17500],
        [false, false, "art", "toys"],
        [false, false, 0, 5],
        [true, false, "-1.50", "14.20"],
        [false, true, "-0.0", "1.5"]])"));
    ASSERT_EQ(m["entries"].size(), 4u);
    const auto& added = m["entries"][0];
    EXPECT_EQ(added["status"], 1);
    EXPECT_EQ(added["snapshot_id"], kSnapshotId);
    EXPECT_EQ(added["sequence_number"], v2 ? kSequenceNumber : 0);
    EXPECT_EQ(added["file_sequence_number"], v2 ? kSequenceNumber : 0);
    EXPECT_EQ(added["content"], 0);
    EXPECT_EQ(added["file_path"], "file:///warehouse/db/t/data/a.parquet");
    EXPECT_EQ(added["file_format"], "PARQUET");
    EXPECT_EQ(added["partition"], nlohmann::json::parse(R"([17486, "books", 3, "14.20", "1.5"])"));
    EXPECT_EQ(added["record_count"], 10);
    EXPECT_EQ(added["file_size_in_bytes"], 1000);
    EXPECT_EQ(added["column_sizes"], nlohmann::json::parse(R"({"1": 11, "2": 22})"));
    EXPECT_EQ(added["null_value_counts"], nlohmann::json::parse(R"({"1": 0})"));
    EXPECT_EQ(added["lower_bounds"], nlohmann::json::parse(R"({"1": "0500000000000000"})"));
    EXPECT_EQ(added["split_offsets"], nlohmann::json::parse("[4]"));
    EXPECT_EQ(added["sort_order_id"], 0);
    EXPECT_EQ(added["spec_id"], 2);
    EXPECT_EQ(m["entries"][1]["partition"],
              nlohmann::json::parse(R"([null, "toys", 5, "-1.50", "nan"])"));
    const auto& existing = m["entries"][2];
    EXPECT_EQ(existing["status"], 0);
    EXPECT_EQ(existing["snapshot_id"], 66);
    EXPECT_EQ(existing["sequence_number"], v2 ? 4 : 0);
    const auto& deleted = m["entries"][3];
    EXPECT_EQ(deleted["status"], 2);
    EXPECT_EQ(deleted["snapshot_id"], kSnapshotId);
    EXPECT_EQ(deleted["sequence_number"], v2 ? 3 : 0);
    EXPECT_EQ(deleted["partition"], nlohmann::json::parse(R"([17500, "art", 1, "0.00", "0.0"])"));
  }
}

// Writes with pyiceberg's own writers: a v2 manifest (deflate) with ADDED and EXISTING
// entries, and a v1 manifest (no compression), each with its manifest list.
constexpr const char* kPyicebergWriter = R"py(
import os, sys
from decimal import Decimal
from pyiceberg.io.pyarrow import PyArrowFileIO
from pyiceberg.manifest import (DataFile, DataFileContent, FileFormat, ManifestEntry,
                                ManifestEntryStatus, write_manifest, write_manifest_list)
from pyiceberg.partitioning import PartitionField, PartitionSpec
from pyiceberg.schema import Schema
from pyiceberg.transforms import BucketTransform, DayTransform, IdentityTransform
from pyiceberg.typedef import Record
from pyiceberg.types import DecimalType, LongType, NestedField, StringType, TimestamptzType

out = sys.argv[1]
io = PyArrowFileIO()
schema = Schema(NestedField(1, "id", LongType(), required=True),
                NestedField(2, "ts", TimestamptzType()), NestedField(3, "category", StringType()),
                NestedField(4, "amount", DecimalType(10, 2)), schema_id=3)
spec = PartitionSpec(PartitionField(2, 1000, DayTransform(), "ts_day"),
                     PartitionField(3, 1001, IdentityTransform(), "category"),
                     PartitionField(1, 1002, BucketTransform(16), "id_bucket"),
                     PartitionField(4, 1003, IdentityTransform(), "amount"), spec_id=2)

def data_file(path, partition, rows):
    return DataFile.from_args(
        content=DataFileContent.DATA, file_path=path, file_format=FileFormat.PARQUET,
        partition=Record(*partition), record_count=rows, file_size_in_bytes=rows * 100,
        column_sizes={1: 11, 2: 22}, value_counts={1: rows}, null_value_counts={1: 0},
        nan_value_counts={}, lower_bounds={1: (5).to_bytes(8, "little")},
        upper_bounds={1: (9).to_bytes(8, "little")}, split_offsets=[4], sort_order_id=0)

path = os.path.join(out, "py-m.avro")
with write_manifest(format_version=2, spec=spec, schema=schema, output_file=io.new_output(path),
                    snapshot_id=77, avro_compression="deflate") as writer:
    writer.add(ManifestEntry.from_args(status=ManifestEntryStatus.ADDED, snapshot_id=77,
        data_file=data_file("file:///d/a.parquet", (17486, "books", 3, Decimal("14.20")), 10)))
    writer.add(ManifestEntry.from_args(status=ManifestEntryStatus.ADDED, snapshot_id=77,
        data_file=data_file("file:///d/b.parquet", (None, "toys", 5, Decimal("-1.50")), 20)))
    writer.existing(ManifestEntry.from_args(status=ManifestEntryStatus.EXISTING, snapshot_id=66,
        sequence_number=4, file_sequence_number=4,
        data_file=data_file("file:///d/c.parquet", (17000, "books", 0, None), 30)))
manifest = writer.to_manifest_file()
with write_manifest_list(format_version=2, output_file=io.new_output(os.path.join(out, "py-snap.avro")),
                         snapshot_id=77, parent_snapshot_id=66, sequence_number=5,
                         avro_compression="deflate") as list_writer:
    list_writer.add_manifests([manifest])

v1_spec = PartitionSpec(PartitionField(3, 1000, IdentityTransform(), "category"), spec_id=0)
path = os.path.join(out, "py-v1-m.avro")
with write_manifest(format_version=1, spec=v1_spec, schema=schema, output_file=io.new_output(path),
                    snapshot_id=11, avro_compression="null") as writer:
    writer.add(ManifestEntry.from_args(status=ManifestEntryStatus.ADDED, snapshot_id=11,
        data_file=DataFile.from_args(content=DataFileContent.DATA, file_path="file:///d/v1.parquet",
            file_format=FileFormat.PARQUET, partition=Record("a"), record_count=3,
            file_size_in_bytes=300)))
manifest = writer.to_manifest_file()
with write_manifest_list(format_version=1, output_file=io.new_output(os.path.join(out, "py-v1-snap.avro")),
                         snapshot_id=11, parent_snapshot_id=None, sequence_number=None,
                         avro_compression="null") as list_writer:
    list_writer.add_manifests([manifest])
print("ok")
)py";

TEST(ManifestInterop, WeReadPyicebergFiles) {
  if (!PyicebergAvailable()) GTEST_SKIP() << "no pyiceberg at " << PythonPath();
  TempDir dir;
  auto [out, status] = RunPython(dir, "write.py", kPyicebergWriter, dir.File(""));
  ASSERT_EQ(status, 0) << out;

  auto manifests = ReadManifestList(dir.File("py-snap.avro"));
  ASSERT_TRUE(manifests.ok()) << manifests.status().ToString();
  ASSERT_EQ(manifests->size(), 1u);
  const ManifestFile& manifest = (*manifests)[0];
  EXPECT_EQ(manifest.manifest_path, dir.File("py-m.avro"));
  EXPECT_EQ(manifest.manifest_length, static_cast<int64_t>(fs::file_size(dir.File("py-m.avro"))));
  EXPECT_EQ(manifest.partition_spec_id, 2);
  EXPECT_EQ(manifest.content, FileContent::kData);
  EXPECT_EQ(manifest.sequence_number, 5);
  EXPECT_EQ(manifest.min_sequence_number, 4);
  EXPECT_EQ(manifest.added_snapshot_id, 77);
  EXPECT_EQ(manifest.added_files_count, 2);
  EXPECT_EQ(manifest.existing_files_count, 1);
  EXPECT_EQ(manifest.added_rows_count, 30);
  EXPECT_EQ(manifest.existing_rows_count, 30);
  ASSERT_EQ(manifest.partitions.size(), 4u);
  EXPECT_TRUE(manifest.partitions[0].contains_null);
  EXPECT_EQ(Decoded(manifest.partitions[0].lower_bound, "date"), "2016-07-18");
  EXPECT_EQ(Decoded(manifest.partitions[0].upper_bound, "date"), "2017-11-16");
  EXPECT_EQ(manifest.partitions[1].lower_bound, "books");
  EXPECT_EQ(manifest.partitions[3].lower_bound, std::string("\xff\x6a", 2));
  EXPECT_EQ(manifest.partitions[3].upper_bound, std::string("\x05\x8c", 2));

  auto entries = ReadManifest(manifest.manifest_path, manifest);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 3u);
  const ManifestEntry& added = (*entries)[0];
  EXPECT_EQ(added.status, EntryStatus::kAdded);
  EXPECT_EQ(added.snapshot_id, 77);
  EXPECT_EQ(added.sequence_number, 5);  // inherited: pyiceberg leaves it null
  EXPECT_EQ(added.file_sequence_number, 5);
  const DataFile& file = added.data_file;
  EXPECT_EQ(file.file_path, "file:///d/a.parquet");
  EXPECT_EQ(file.file_format, "PARQUET");
  EXPECT_EQ(file.record_count, 10);
  EXPECT_EQ(file.file_size_in_bytes, 1000);
  EXPECT_EQ(file.column_sizes, (std::map<int, int64_t>{{1, 11}, {2, 22}}));
  EXPECT_EQ(file.value_counts, (std::map<int, int64_t>{{1, 10}}));
  EXPECT_EQ(file.lower_bounds, (std::map<int, std::string>{{1, LongBytes(5)}}));
  EXPECT_EQ(file.upper_bounds, (std::map<int, std::string>{{1, LongBytes(9)}}));
  EXPECT_EQ(file.split_offsets, std::vector<int64_t>{4});
  EXPECT_EQ(file.sort_order_id, 0);
  EXPECT_EQ(file.spec_id, 2);
  ASSERT_EQ(file.partition.size(), 4u);
  EXPECT_TRUE(file.partition[0]->Equals(arrow::Date32Scalar(17486)));
  EXPECT_TRUE(file.partition[1]->Equals(arrow::StringScalar("books")));
  EXPECT_TRUE(file.partition[2]->Equals(arrow::Int32Scalar(3)));
  EXPECT_TRUE(file.partition[3]->Equals(
      arrow::Decimal128Scalar(arrow::Decimal128(1420), arrow::decimal128(10, 2))));
  EXPECT_FALSE((*entries)[1].data_file.partition[0]->is_valid);
  const ManifestEntry& existing = (*entries)[2];
  EXPECT_EQ(existing.status, EntryStatus::kExisting);
  EXPECT_EQ(existing.snapshot_id, 66);
  EXPECT_EQ(existing.sequence_number, 4);
  EXPECT_FALSE(existing.data_file.partition[3]->is_valid);

  auto v1_manifests = ReadManifestList(dir.File("py-v1-snap.avro"));
  ASSERT_TRUE(v1_manifests.ok()) << v1_manifests.status().ToString();
  ASSERT_EQ(v1_manifests->size(), 1u);
  EXPECT_EQ((*v1_manifests)[0].sequence_number, 0);
  EXPECT_EQ((*v1_manifests)[0].content, FileContent::kData);
  auto v1_entries = ReadManifest((*v1_manifests)[0].manifest_path, (*v1_manifests)[0]);
  ASSERT_TRUE(v1_entries.ok()) << v1_entries.status().ToString();
  ASSERT_EQ(v1_entries->size(), 1u);
  EXPECT_EQ((*v1_entries)[0].snapshot_id, 11);
  EXPECT_EQ((*v1_entries)[0].sequence_number, 0);
  EXPECT_EQ((*v1_entries)[0].data_file.content, FileContent::kData);
  EXPECT_EQ((*v1_entries)[0].data_file.record_count, 3);
  EXPECT_TRUE((*v1_entries)[0].data_file.partition[0]->Equals(arrow::StringScalar("a")));
}

// Java's Avro library (the jars pyspark ships: Spark's Avro, the one under Iceberg Java)
// reads our files: its schema parser is stricter than pyiceberg's about names and defaults.
constexpr const char* kJavaAvroReader = R"java(
import java.io.File;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

public class ReadAvro {
  public static void main(String[] args) throws Exception {
    for (String path : args) {
      try (DataFileReader<GenericRecord> reader =
          new DataFileReader<>(new File(path), new GenericDatumReader<>())) {
        System.out.println("file " + new File(path).getName() + " record "
            + reader.getSchema().getName() + " codec " + reader.getMetaString("avro.codec"));
        for (GenericRecord record : reader) System.out.println(record);
      }
    }
  }
}
)java";

// The class path of Avro and its dependencies from pyspark's jars; "" when absent.
std::string JavaAvroClassPath() {
  fs::path jars =
      fs::path(SPARKLING_SOURCE_DIR) / ".venv/lib/python3.11/site-packages/pyspark/jars";
  std::error_code error;
  if (!fs::exists("/usr/bin/java") || !fs::is_directory(jars, error)) return "";
  std::string class_path;
  bool has_avro = false;
  for (const auto& entry : fs::directory_iterator(jars, error)) {
    std::string name = entry.path().filename().string();
    for (const char* prefix : {"avro-1", "jackson-core-", "jackson-databind-",
                               "jackson-annotations-", "slf4j-api-", "commons-compress-"}) {
      if (name.rfind(prefix, 0) == 0) {
        class_path += (class_path.empty() ? "" : ":") + entry.path().string();
        has_avro = has_avro || name.rfind("avro-1", 0) == 0;
      }
    }
  }
  return has_avro ? class_path : "";
}

TEST(ManifestInterop, JavaAvroReadsOurFiles) {
  std::string class_path = JavaAvroClassPath();
  if (class_path.empty()) GTEST_SKIP() << "no java or no Avro jars";
  TempDir dir;
  auto manifest = WriteTestManifest(dir, "m.avro");
  ASSERT_TRUE(manifest.ok());
  ManifestListWriteOptions options;
  options.snapshot_id = kSnapshotId;
  options.sequence_number = kSequenceNumber;
  ASSERT_TRUE(WriteManifestList(dir.File("snap.avro"), options, {*manifest}).ok());
  auto v1_manifest = WriteTestManifest(dir, "v1.avro", /*format_version=*/1);
  ASSERT_TRUE(v1_manifest.ok());
  std::ofstream(dir.File("ReadAvro.java")) << kJavaAvroReader;
  auto [out, status] =
      RunCommand("java -cp " + class_path + " " + dir.File("ReadAvro.java") + " " +
                     dir.File("m.avro") + " " + dir.File("snap.avro") + " " + dir.File("v1.avro"),
                 dir.File("java.err"));
  ASSERT_EQ(status, 0) << out;
  for (const std::string& expected :
       {std::string("file m.avro record manifest_entry codec deflate"),
        std::string(R"({"status": 1, "snapshot_id": 77, "sequence_number": null, )"
                    R"("file_sequence_number": null, "data_file": {"content": 0, )"
                    R"("file_path": "file:///warehouse/db/t/data/a.parquet", )"
                    R"("file_format": "PARQUET", "partition": {"ts_day": 17486, )"
                    R"("cat_x2Eegory_x20_xE9": "books", "id_bucket": 3, )"
                    R"("amount": [0, 0, 0, 5, -116], "score": 1.5}, "record_count": 10, )"
                    R"("file_size_in_bytes": 1000, "column_sizes": [{"key": 1, "value": 11}, )"
                    R"({"key": 2, "value": 22}])"),
        std::string(R"("partition": {"ts_day": null, "cat_x2Eegory_x20_xE9": "toys", )"
                    R"("id_bucket": 5, "amount": [-1, -1, -1, -1, 106], "score": "NaN"})"),
        std::string(R"({"status": 2, "snapshot_id": 77, "sequence_number": 3, )"),
        std::string("file snap.avro record manifest_file codec deflate"),
        R"({"manifest_path": ")" + manifest->manifest_path + R"(", "manifest_length": )" +
            std::to_string(manifest->manifest_length) +
            R"(, "partition_spec_id": 2, "content": 0, "sequence_number": 5, )"
            R"("min_sequence_number": 4, "added_snapshot_id": 77, "added_files_count": 2, )"
            R"("existing_files_count": 1, "deleted_files_count": 1, "added_rows_count": 30, )"
            R"("existing_rows_count": 30, "deleted_rows_count": 40, "partitions": [)"
            R"({"contains_null": true, "contains_nan": false, )",
        std::string("file v1.avro record manifest_entry codec deflate"),
        std::string(R"({"status": 0, "snapshot_id": 66, "data_file": {"file_path": )")}) {
    EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n--- output:\n" << out;
  }
}

}  // namespace
}  // namespace sparkling::iceberg
