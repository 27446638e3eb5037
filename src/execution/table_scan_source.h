#pragma once

#include <memory>
#include <vector>

#include "execution/physical_operator.h"
#include "iceberg/table_scan.h"

namespace sparkling::iceberg {
class IcebergTableSource;
}

namespace sparkling {

/// Reads an Iceberg table at its pinned snapshot. Files are planned in Prepare (pruned by
/// `predicates`) and dealt out to partitions, each reading its files one after another.
class TableScanSource : public PhysicalOperator {
 public:
  /// `columns`: per output column, the table field id to read, or -1 for `_file`, -2 for
  /// `_pos`.
  TableScanSource(std::shared_ptr<arrow::Schema> schema,
                  std::shared_ptr<const iceberg::IcebergTableSource> source,
                  std::vector<int> columns, std::vector<iceberg::PruningPredicate> predicates,
                  int max_partitions, int64_t batch_size);

  std::string name() const override { return "BatchScan"; }
  int num_partitions() const override { return max_partitions_; }
  Status Prepare(ExecutionContext* context) override;
  Result<BatchStreamPtr> OpenPartition(int partition, ExecutionContext* context) override;

  static constexpr int kFileColumn = -1;
  static constexpr int kPositionColumn = -2;

 private:
  std::shared_ptr<const iceberg::IcebergTableSource> source_;
  std::vector<int> columns_;
  std::vector<iceberg::PruningPredicate> predicates_;
  int max_partitions_;
  int64_t batch_size_;
  std::vector<std::vector<iceberg::FileScanTask>> tasks_;  // per partition
};

}  // namespace sparkling
