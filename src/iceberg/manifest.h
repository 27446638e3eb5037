#pragma once

// Manifests and manifest lists (Avro object container files) as the table spec defines them:
// Java's record names and every field id, so that Java (any version), pyiceberg and DuckDB
// read what we write, and we read what they write (v1 and v2; v3 fields where present).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "iceberg/iceberg_schema.h"
#include "iceberg/table_metadata.h"

namespace arrow {
class Scalar;
}

namespace sparkling::iceberg {

enum class FileContent { kData = 0, kPositionDeletes = 1, kEqualityDeletes = 2 };
enum class EntryStatus { kExisting = 0, kAdded = 1, kDeleted = 2 };

/// One value per partition field, in spec order, typed by the transform's result type
/// (identity: the source type; bucket / year / month / hour: int32; day: date32; truncate:
/// the source type). A null scalar (is_valid = false) is a null partition value.
using PartitionTuple = std::vector<std::shared_ptr<arrow::Scalar>>;

struct DataFile {
  FileContent content = FileContent::kData;
  std::string file_path;  // full URI, "file:///..."
  std::string file_format = "PARQUET";
  PartitionTuple partition;
  int64_t record_count = 0;
  int64_t file_size_in_bytes = 0;  // exact
  std::map<int, int64_t> column_sizes;
  std::map<int, int64_t> value_counts;
  std::map<int, int64_t> null_value_counts;
  std::map<int, int64_t> nan_value_counts;
  std::map<int, std::string> lower_bounds;  // single-value binary (single_value.h)
  std::map<int, std::string> upper_bounds;
  std::optional<std::string> key_metadata;
  std::vector<int64_t> split_offsets;
  std::vector<int> equality_ids;
  std::optional<int> sort_order_id;
  std::optional<std::string> referenced_data_file;
  std::optional<int64_t> first_row_id;           // v3
  std::optional<int64_t> content_offset;         // v3 deletion vectors
  std::optional<int64_t> content_size_in_bytes;  // v3 deletion vectors
  /// The partition spec the file was written with (from its manifest; not in the record).
  int spec_id = 0;
};

struct ManifestEntry {
  EntryStatus status = EntryStatus::kAdded;
  std::optional<int64_t> snapshot_id;
  std::optional<int64_t> sequence_number;  // data sequence number
  std::optional<int64_t> file_sequence_number;
  DataFile data_file;
};

struct FieldSummary {
  bool contains_null = false;
  std::optional<bool> contains_nan;
  std::optional<std::string> lower_bound;  // single-value binary of the partition value
  std::optional<std::string> upper_bound;
};

/// A manifest's sequence_number / min_sequence_number not known yet: WriteManifestList
/// assigns the list's sequence number (only to manifests the committing snapshot added), so
/// a manifest written once can be listed by every retry of a commit (Java's UNASSIGNED_SEQ).
inline constexpr int64_t kUnassignedSequenceNumber = -1;

struct ManifestFile {
  std::string manifest_path;
  int64_t manifest_length = 0;  // exact
  int partition_spec_id = 0;
  FileContent content = FileContent::kData;  // data or deletes (any delete kind)
  int64_t sequence_number = 0;
  int64_t min_sequence_number = 0;
  int64_t added_snapshot_id = 0;
  int added_files_count = 0;
  int existing_files_count = 0;
  int deleted_files_count = 0;
  int64_t added_rows_count = 0;
  int64_t existing_rows_count = 0;
  int64_t deleted_rows_count = 0;
  std::vector<FieldSummary> partitions;
  std::optional<std::string> key_metadata;
  std::optional<int64_t> first_row_id;  // v3
};

/// What a manifest is written for.
struct ManifestWriteOptions {
  int format_version = 2;
  const IcebergSchema* schema = nullptr;  // the table schema (its JSON goes in the metadata)
  const PartitionSpec* spec = nullptr;
  FileContent content = FileContent::kData;  // kData, or delete files (any delete kind)
  /// The snapshot that writes the manifest; ADDED entries without a snapshot id get it.
  int64_t snapshot_id = 0;
  /// The sequence number the manifest gets in the manifest list (the committing snapshot's),
  /// or kUnassignedSequenceNumber to leave it (and a min_sequence_number that only
  /// inheriting entries determine) to WriteManifestList.
  int64_t sequence_number = 0;
};

/// Writes a manifest at `path` (a local file path; `location` is the URI recorded in the
/// returned ManifestFile) with Avro deflate; counts, partition summaries, min sequence
/// number and the exact length are filled in. ADDED entries with no sequence numbers inherit
/// them on read, as the spec says.
Result<ManifestFile> WriteManifest(const std::string& path, const std::string& location,
                                   const ManifestWriteOptions& options,
                                   const std::vector<ManifestEntry>& entries);

/// Reads a manifest's entries, applying inheritance from `manifest` (snapshot id and sequence
/// numbers of ADDED entries, v1 defaults). Partition values are typed from the manifest's
/// own Avro schema; `spec_id` is set on every data file.
Result<std::vector<ManifestEntry>> ReadManifest(const std::string& path,
                                                const ManifestFile& manifest);

struct ManifestListWriteOptions {
  int format_version = 2;
  int64_t snapshot_id = 0;
  std::optional<int64_t> parent_snapshot_id;
  int64_t sequence_number = 0;
  std::optional<int64_t> first_row_id;  // v3
};

/// Writes a manifest list; returns its exact length in bytes.
Result<int64_t> WriteManifestList(const std::string& path, const ManifestListWriteOptions& options,
                                  const std::vector<ManifestFile>& manifests);

/// Reads a manifest list (v1 lists: missing sequence numbers are 0, content data).
Result<std::vector<ManifestFile>> ReadManifestList(const std::string& path);

}  // namespace sparkling::iceberg
