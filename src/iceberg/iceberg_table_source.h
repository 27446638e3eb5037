#pragma once

#include <memory>
#include <optional>
#include <string>

#include "iceberg/iceberg_catalog.h"
#include "plan/logical_plan.h"

namespace arrow {
class Table;
}

namespace sparkling::iceberg {

/// An Iceberg table pinned at one snapshot (the current one, or a time-travel target), as a
/// source of rows for the executor.
class IcebergTableSource : public TableSource {
 public:
  IcebergTableSource(std::string quoted_name, TableIdentifier identifier, LoadedTable table,
                     std::optional<int64_t> snapshot_id);

  std::string QuotedName() const override { return quoted_name_; }
  const Schema& schema() const override { return spark_schema_; }
  Schema metadata_columns() const override;
  std::string Describe() const override;
  int64_t EstimatedRows() const override;

  const TableIdentifier& identifier() const { return identifier_; }
  const LoadedTable& table() const { return table_; }
  const TableMetadata& metadata() const { return *table_.metadata; }
  /// The snapshot read; nullptr for a table without snapshots.
  const Snapshot* snapshot() const;
  /// The Iceberg schema rows are read with (the snapshot's).
  const IcebergSchema& read_schema() const { return *read_schema_; }

 private:
  std::string quoted_name_;
  TableIdentifier identifier_;
  LoadedTable table_;
  std::optional<int64_t> snapshot_id_;
  const IcebergSchema* read_schema_;
  Schema spark_schema_;
};

/// The metadata tables of Iceberg's Spark integration (`t.snapshots`, `t.history`, ...).
bool IsMetadataTableName(const std::string& name);
/// Rows and Spark schema of metadata table `name` (lower case) of a table at its snapshot.
struct MetadataTableRows {
  Schema schema;
  std::shared_ptr<arrow::Table> rows;
};
Result<MetadataTableRows> ReadMetadataTable(const std::string& name, const LoadedTable& table);

}  // namespace sparkling::iceberg
