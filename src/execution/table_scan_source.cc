#include "execution/table_scan_source.h"

#include <arrow/api.h>

#include <algorithm>

#include "execution/execution_context.h"
#include "iceberg/iceberg_table_source.h"
#include "types/array_conformance.h"

namespace sparkling {
namespace {

class FileTasksStream : public BatchStream {
 public:
  FileTasksStream(std::shared_ptr<arrow::Schema> schema, std::vector<iceberg::FileScanTask> tasks,
                  iceberg::ReadOptions options, std::vector<int> layout, ExecutionContext* context)
      : schema_(std::move(schema)),
        tasks_(std::move(tasks)),
        options_(std::move(options)),
        layout_(std::move(layout)),
        context_(context) {}

  Result<std::shared_ptr<arrow::RecordBatch>> Next() override {
    while (true) {
      SPK_RETURN_NOT_OK(context_->CheckCancelled());
      if (reader_ == nullptr) {
        if (next_task_ >= tasks_.size()) return std::shared_ptr<arrow::RecordBatch>();
        SPK_ASSIGN_OR_RAISE(reader_, iceberg::OpenDataFile(tasks_[next_task_++], options_));
      }
      SPK_ASSIGN_OR_RAISE(auto batch, reader_->Next());
      if (batch == nullptr) {
        reader_.reset();
        continue;
      }
      // The reader's columns are fields in read order, then _file, then _pos.
      arrow::ArrayVector columns;
      for (size_t c = 0; c < layout_.size(); ++c) {
        SPK_ASSIGN_OR_RAISE(auto column, ConformArray(batch->column(layout_[c]),
                                                      schema_->field(static_cast<int>(c))->type(),
                                                      batch->num_rows()));
        columns.push_back(std::move(column));
      }
      return arrow::RecordBatch::Make(schema_, batch->num_rows(), std::move(columns));
    }
  }

 private:
  std::shared_ptr<arrow::Schema> schema_;
  std::vector<iceberg::FileScanTask> tasks_;
  iceberg::ReadOptions options_;
  std::vector<int> layout_;
  ExecutionContext* context_;
  size_t next_task_ = 0;
  std::unique_ptr<iceberg::DataFileReader> reader_;
};

}  // namespace

TableScanSource::TableScanSource(std::shared_ptr<arrow::Schema> schema,
                                 std::shared_ptr<const iceberg::IcebergTableSource> source,
                                 std::vector<int> columns,
                                 std::vector<iceberg::PruningPredicate> predicates,
                                 int max_partitions, int64_t batch_size)
    : PhysicalOperator(std::move(schema), {}),
      source_(std::move(source)),
      columns_(std::move(columns)),
      predicates_(std::move(predicates)),
      max_partitions_(std::max(1, max_partitions)),
      batch_size_(std::max<int64_t>(1, batch_size)) {}

Status TableScanSource::Prepare(ExecutionContext* context) {
  SPK_ASSIGN_OR_RAISE(auto tasks,
                      iceberg::PlanFiles(source_->metadata(), source_->snapshot(), predicates_));
  // Largest files first, each to the partition with the least bytes so far.
  std::sort(tasks.begin(), tasks.end(), [](const auto& a, const auto& b) {
    return a.file.file_size_in_bytes > b.file.file_size_in_bytes;
  });
  tasks_.assign(max_partitions_, {});
  std::vector<int64_t> bytes(max_partitions_, 0);
  for (auto& task : tasks) {
    int target = static_cast<int>(std::min_element(bytes.begin(), bytes.end()) - bytes.begin());
    bytes[target] += task.file.file_size_in_bytes;
    tasks_[target].push_back(std::move(task));
  }
  return Status::OK();
}

Result<BatchStreamPtr> TableScanSource::OpenPartition(int partition, ExecutionContext* context) {
  iceberg::ReadOptions options;
  options.schema = &source_->read_schema();
  options.batch_size = batch_size_;
  std::vector<int> layout;
  for (int column : columns_) {
    if (column >= 0) options.field_ids.push_back(column);
  }
  int next_field = 0;
  const int fields = static_cast<int>(options.field_ids.size());
  for (int column : columns_) {
    if (column == kFileColumn) options.with_file_path = true;
    if (column == kPositionColumn) options.with_position = true;
  }
  for (int column : columns_) {
    if (column >= 0) {
      layout.push_back(next_field++);
    } else if (column == kFileColumn) {
      layout.push_back(fields);
    } else {
      layout.push_back(fields + (options.with_file_path ? 1 : 0));
    }
  }
  std::vector<iceberg::FileScanTask> tasks;
  if (partition < static_cast<int>(tasks_.size())) tasks = tasks_[partition];
  return BatchStreamPtr(std::make_unique<FileTasksStream>(
      schema_, std::move(tasks), std::move(options), std::move(layout), context));
}

}  // namespace sparkling
