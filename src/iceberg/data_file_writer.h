#pragma once

// Writing rows into a table's data files: Parquet with Iceberg field ids, one file per
// partition (rolled over by size), with the exact per-file statistics manifests carry.

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "iceberg/manifest.h"
#include "iceberg/table_metadata.h"

namespace arrow {
class RecordBatch;
}

namespace sparkling::iceberg {

class DataFileWriter {
 public:
  virtual ~DataFileWriter() = default;
  /// Rows in the order of the schema's top-level columns, in the engine's Arrow types (or the
  /// table's); they are conformed to the table's Parquet types here.
  virtual Status Write(const std::shared_ptr<arrow::RecordBatch>& batch) = 0;
  /// Closes every open file and returns them with statistics and partition values.
  virtual Result<std::vector<DataFile>> Finish() = 0;
  /// Deletes the files written so far (a failed or cancelled write).
  virtual void Abort() = 0;
};

struct DataFileWriterOptions {
  /// Files go to `<data location>/<partition path>/<prefix>-<n>.parquet`.
  std::string file_prefix;
  /// Rows per file before a new one is started.
  int64_t max_rows_per_file = 4 * 1024 * 1024;
};

/// A writer for the table's current schema and default partition spec.
Result<std::unique_ptr<DataFileWriter>> MakeDataFileWriter(const TableMetadata& metadata,
                                                           const DataFileWriterOptions& options);

/// A writer for an explicit schema and spec (a new table's first snapshot, rewrites).
Result<std::unique_ptr<DataFileWriter>> MakeDataFileWriter(const TableMetadata& metadata,
                                                           const IcebergSchema& schema,
                                                           const PartitionSpec& spec,
                                                           const DataFileWriterOptions& options);

/// Where the table's data files go: `write.data.path`, else `<location>/data`.
std::string DataLocation(const TableMetadata& metadata);

}  // namespace sparkling::iceberg
