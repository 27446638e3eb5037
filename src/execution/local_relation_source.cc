#include "execution/local_relation_source.h"

#include <arrow/api.h>

#include <algorithm>

#include "execution/execution_context.h"
#include "types/array_conformance.h"

namespace sparkling {
namespace {

class TableSliceStream : public BatchStream {
 public:
  TableSliceStream(std::shared_ptr<arrow::Schema> schema, std::shared_ptr<arrow::Table> table,
                   int64_t begin, int64_t end, int64_t batch_size, ExecutionContext* context)
      : schema_(std::move(schema)),
        table_(std::move(table)),
        next_(begin),
        end_(end),
        batch_size_(batch_size),
        context_(context) {}

  Result<std::shared_ptr<arrow::RecordBatch>> Next() override {
    if (next_ >= end_) return std::shared_ptr<arrow::RecordBatch>();
    SPK_RETURN_NOT_OK(context_->CheckCancelled());
    // Stop at chunk boundaries so slices never copy.
    const int64_t rows = std::min(end_ - next_, batch_size_);
    std::vector<std::shared_ptr<arrow::Array>> columns;
    int64_t taken = rows;
    for (int c = 0; c < table_->num_columns(); ++c) {
      const auto& chunked = *table_->column(c);
      int64_t chunk_start = 0;
      for (const auto& chunk : chunked.chunks()) {
        if (next_ < chunk_start + chunk->length()) {
          taken = std::min(taken, chunk_start + chunk->length() - next_);
          break;
        }
        chunk_start += chunk->length();
      }
    }
    for (int c = 0; c < table_->num_columns(); ++c) {
      auto slice = table_->column(c)->Slice(next_, taken);
      std::shared_ptr<arrow::Array> array;
      if (slice->num_chunks() == 1) {
        array = slice->chunk(0);
      } else {
        SPK_ASSIGN_OR_RAISE_ARROW(array, arrow::Concatenate(slice->chunks()));
      }
      SPK_ASSIGN_OR_RAISE(array, ConformArray(array, schema_->field(c)->type(), taken));
      columns.push_back(std::move(array));
    }
    next_ += taken;
    return arrow::RecordBatch::Make(schema_, taken, std::move(columns));
  }

 private:
  std::shared_ptr<arrow::Schema> schema_;
  std::shared_ptr<arrow::Table> table_;
  int64_t next_;
  int64_t end_;
  int64_t batch_size_;
  ExecutionContext* context_;
};

}  // namespace

LocalRelationSource::LocalRelationSource(std::shared_ptr<arrow::Schema> schema,
                                         std::shared_ptr<arrow::Table> table, int num_partitions,
                                         int64_t batch_size)
    : PhysicalOperator(std::move(schema), {}),
      table_(std::move(table)),
      num_partitions_(std::max(1, num_partitions)),
      batch_size_(std::max<int64_t>(1, batch_size)) {
  if (table_ != nullptr && table_->num_rows() < num_partitions_) {
    num_partitions_ = std::max<int>(1, static_cast<int>(table_->num_rows()));
  }
}

Result<BatchStreamPtr> LocalRelationSource::OpenPartition(int partition,
                                                          ExecutionContext* context) {
  if (table_ != nullptr && table_->num_columns() != schema_->num_fields()) {
    return Status::Internal("local relation has " + std::to_string(table_->num_columns()) +
                            " columns, its schema " + std::to_string(schema_->num_fields()));
  }
  const int64_t rows = table_ == nullptr ? 0 : table_->num_rows();
  const int64_t begin = rows * partition / num_partitions_;
  const int64_t end = rows * (partition + 1) / num_partitions_;
  return BatchStreamPtr(
      std::make_unique<TableSliceStream>(schema_, table_, begin, end, batch_size_, context));
}

}  // namespace sparkling
