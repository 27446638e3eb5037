#pragma once

// Iceberg table metadata (metadata.json, format versions 1 to 3) as a value type, with the
// spec's JSON form. Unknown top-level fields are kept so that a round trip loses nothing.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "iceberg/iceberg_schema.h"

namespace sparkling::iceberg {

struct PartitionField {
  int source_id = 0;
  int field_id = 0;  // 1000 and up
  std::string name;
  std::string transform;  // "identity", "bucket[16]", "truncate[4]", "year", ..., "void"
};

struct PartitionSpec {
  int spec_id = 0;
  std::vector<PartitionField> fields;
  bool unpartitioned() const { return fields.empty(); }
};

struct SortField {
  std::string transform = "identity";
  int source_id = 0;
  std::string direction = "asc";           // "asc" | "desc"
  std::string null_order = "nulls-first";  // "nulls-first" | "nulls-last"
};

struct SortOrder {
  int order_id = 0;  // 0 = unsorted
  std::vector<SortField> fields;
};

struct Snapshot {
  int64_t snapshot_id = 0;
  std::optional<int64_t> parent_snapshot_id;
  int64_t sequence_number = 0;
  int64_t timestamp_ms = 0;
  std::string manifest_list;
  std::map<std::string, std::string> summary;  // includes "operation"
  std::optional<int> schema_id;
  std::optional<int64_t> first_row_id;  // v3
  std::optional<int64_t> added_rows;    // v3

  const std::string& operation() const;
};

struct SnapshotRef {
  int64_t snapshot_id = 0;
  std::string type = "branch";  // "branch" | "tag"
  std::optional<int64_t> max_ref_age_ms;
  std::optional<int64_t> max_snapshot_age_ms;
  std::optional<int> min_snapshots_to_keep;
};

struct SnapshotLogEntry {
  int64_t timestamp_ms = 0;
  int64_t snapshot_id = 0;
};

struct MetadataLogEntry {
  int64_t timestamp_ms = 0;
  std::string metadata_file;
};

struct TableMetadata {
  int format_version = 2;
  std::string table_uuid;
  std::string location;  // "file:///abs/path" for local tables
  int64_t last_sequence_number = 0;
  int64_t last_updated_ms = 0;
  int last_column_id = 0;
  std::vector<IcebergSchema> schemas;
  int current_schema_id = 0;
  std::vector<PartitionSpec> partition_specs;
  int default_spec_id = 0;
  int last_partition_id = 999;
  std::vector<SortOrder> sort_orders;
  int default_sort_order_id = 0;
  std::map<std::string, std::string> properties;
  std::optional<int64_t> current_snapshot_id;  // none: written as -1
  std::vector<Snapshot> snapshots;
  std::map<std::string, SnapshotRef> refs;
  std::vector<SnapshotLogEntry> snapshot_log;
  std::vector<MetadataLogEntry> metadata_log;
  nlohmann::json statistics = nlohmann::json::array();            // kept verbatim
  nlohmann::json partition_statistics = nlohmann::json::array();  // kept verbatim
  std::optional<int64_t> next_row_id;                             // v3
  nlohmann::json extra = nlohmann::json::object();                // unknown top-level fields, kept

  const IcebergSchema& current_schema() const;  // must exist in a valid metadata
  const IcebergSchema* schema_by_id(int id) const;
  const PartitionSpec& default_spec() const;
  const PartitionSpec* spec_by_id(int id) const;
  const SortOrder* sort_order_by_id(int id) const;
  const Snapshot* snapshot_by_id(int64_t id) const;
  const Snapshot* current_snapshot() const;
  /// The snapshot that was current at `timestamp_ms` (the last snapshot-log entry at or
  /// before it), as Spark's TIMESTAMP AS OF resolves it; nullptr when none.
  const Snapshot* snapshot_as_of(int64_t timestamp_ms) const;
  /// The schema to read a snapshot with: its schema-id's schema, else the current one.
  const IcebergSchema& schema_for(const Snapshot& snapshot) const;
};

/// Parses metadata.json (v1: legacy "schema" / "partition-spec" fields accepted; v2 and v3:
/// the required fields of the spec checked). Errors: ICEBERG_BAD_REQUEST (400
/// BadRequestException) saying what is wrong.
Result<TableMetadata> TableMetadataFromJson(const nlohmann::json& json);
Result<TableMetadata> TableMetadataFromText(const std::string& text);
/// The spec's JSON form as Java 1.10 writes it (refs always written; current-snapshot-id -1
/// when none; v1 also writes the legacy fields).
nlohmann::json TableMetadataToJson(const TableMetadata& metadata);

nlohmann::json PartitionSpecToJson(const PartitionSpec& spec);
Result<PartitionSpec> PartitionSpecFromJson(const nlohmann::json& json);
nlohmann::json SortOrderToJson(const SortOrder& order);
Result<SortOrder> SortOrderFromJson(const nlohmann::json& json);
nlohmann::json SnapshotToJson(const Snapshot& snapshot);
Result<Snapshot> SnapshotFromJson(const nlohmann::json& json);

}  // namespace sparkling::iceberg
