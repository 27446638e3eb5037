#pragma once

// Reading a table at one snapshot: which files (scan planning with manifest and column-bound
// pruning, delete files matched by the spec's sequence-number rules) and their rows (Parquet
// resolved by field id, deletes applied).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "iceberg/manifest.h"
#include "iceberg/table_metadata.h"

namespace arrow {
class RecordBatch;
class Scalar;
class Schema;
}  // namespace arrow

namespace sparkling::iceberg {

/// A data file and the delete files that apply to it.
struct FileScanTask {
  DataFile file;
  int64_t data_sequence_number = 0;
  std::vector<DataFile> position_deletes;
  std::vector<DataFile> equality_deletes;
};

/// A comparison of a top-level primitive column with a constant, for skipping files whose
/// column bounds (or null counts) prove that no row can match.
struct PruningPredicate {
  enum class Op { kEq, kLt, kLe, kGt, kGe, kIsNull, kIsNotNull };
  int field_id = 0;
  Op op = Op::kEq;
  std::shared_ptr<arrow::Scalar> value;  // in ToArrowSchema's type of the column
};

/// The live data files of `snapshot` (none when null) with their deletes, files that cannot
/// match `predicates` left out.
Result<std::vector<FileScanTask>> PlanFiles(const TableMetadata& metadata, const Snapshot* snapshot,
                                            const std::vector<PruningPredicate>& predicates = {});

/// Every live entry of the snapshot's manifests (data and delete files), unpruned: the
/// `files`, `entries` and `partitions` metadata tables and copy-on-write rewrites use it.
struct LiveEntry {
  ManifestFile manifest;
  ManifestEntry entry;
};
Result<std::vector<LiveEntry>> ReadLiveEntries(const TableMetadata& metadata,
                                               const Snapshot* snapshot);

/// What to read from each file.
struct ReadOptions {
  const IcebergSchema* schema = nullptr;  // the schema rows are read with
  std::vector<int> field_ids;             // top-level columns, in output order
  bool with_file_path = false;            // append `_file` (string)
  bool with_position = false;             // append `_pos` (long): the row's position in its file
  int64_t batch_size = 8192;
};

/// The Arrow schema of the batches a reader returns: the columns' ToArrowSchema types (ids
/// kept as field metadata), then `_file` and `_pos` when asked for.
std::shared_ptr<arrow::Schema> ReadSchema(const ReadOptions& options);

class DataFileReader {
 public:
  virtual ~DataFileReader() = default;
  /// The next batch, nullptr at the end.
  virtual Result<std::shared_ptr<arrow::RecordBatch>> Next() = 0;
};

/// Opens one task's data file. Columns missing from the file (added later) read as nulls;
/// promoted types (int → long, float → double, wider decimals) are cast; position delete
/// files and deletion vectors are applied. Equality deletes are UNSUPPORTED_FEATURE.
Result<std::unique_ptr<DataFileReader>> OpenDataFile(const FileScanTask& task,
                                                     const ReadOptions& options);

}  // namespace sparkling::iceberg
