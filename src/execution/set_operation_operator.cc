#include "execution/set_operation_operator.h"

#include <arrow/api.h>
#include <arrow/compute/api.h>

#include "execution/execution_context.h"
#include "execution/key_hash_table.h"
#include "types/array_conformance.h"

namespace sparkling {

SetOperationOperator::SetOperationOperator(std::shared_ptr<arrow::Schema> schema,
                                           PhysicalOperatorPtr left, PhysicalOperatorPtr right,
                                           SetOperationType type, bool is_all,
                                           int num_output_partitions)
    : PhysicalOperator(std::move(schema), {std::move(left), std::move(right)}),
      type_(type),
      is_all_(is_all),
      num_output_partitions_(std::max(1, num_output_partitions)) {}

std::string SetOperationOperator::name() const {
  std::string name = type_ == SetOperationType::kIntersect ? "Intersect" : "Except";
  return is_all_ ? name + "All" : name;
}

Status SetOperationOperator::Prepare(ExecutionContext* context) {
  SPK_RETURN_NOT_OK(PhysicalOperator::Prepare(context));
  SPK_ASSIGN_OR_RAISE(auto left_partitions, CollectPartitions(children_[0], context));
  SPK_ASSIGN_OR_RAISE(auto right_partitions, CollectPartitions(children_[1], context));

  KeyHashTable rows;
  std::vector<int64_t> left_count, right_count;
  BatchList distinct_rows;  // first occurrence of each distinct left row, in order
  EncodedRows encoded;
  std::vector<uint32_t> ids;
  std::vector<int64_t> new_rows;
  for (const auto& partition : left_partitions) {
    for (const auto& raw : partition) {
      SPK_RETURN_NOT_OK(context->CheckCancelled());
      SPK_ASSIGN_OR_RAISE(auto batch, ConformBatch(raw, schema_));
      SPK_RETURN_NOT_OK(EncodeRowKeys(batch->columns(), {}, batch->num_rows(), &encoded));
      new_rows.clear();
      rows.FindOrInsert(encoded, &ids, &new_rows);
      left_count.resize(rows.size(), 0);
      for (uint32_t id : ids) ++left_count[id];
      if (!new_rows.empty()) {
        arrow::Int64Builder builder;
        SPK_RETURN_NOT_OK_ARROW(builder.AppendValues(new_rows));
        std::shared_ptr<arrow::Array> indices;
        SPK_RETURN_NOT_OK_ARROW(builder.Finish(&indices));
        SPK_ASSIGN_OR_RAISE_ARROW(arrow::Datum taken, arrow::compute::Take(batch, indices));
        distinct_rows.push_back(taken.record_batch());
      }
    }
  }
  right_count.assign(rows.size(), 0);
  for (const auto& partition : right_partitions) {
    for (const auto& raw : partition) {
      SPK_RETURN_NOT_OK(context->CheckCancelled());
      SPK_ASSIGN_OR_RAISE(auto batch, ConformBatch(raw, schema_));
      SPK_RETURN_NOT_OK(EncodeRowKeys(batch->columns(), {}, batch->num_rows(), &encoded));
      for (int64_t i = 0; i < batch->num_rows(); ++i) {
        int64_t id = rows.Find(encoded.row(i));
        if (id >= 0) ++right_count[id];
      }
    }
  }
  // Output row i of distinct_rows repeated copies(i) times.
  std::vector<int64_t> take;
  for (int64_t id = 0; id < rows.size(); ++id) {
    int64_t l = left_count[id], r = right_count[id], copies = 0;
    if (type_ == SetOperationType::kIntersect) {
      copies = is_all_ ? std::min(l, r) : (r > 0 ? 1 : 0);
    } else {
      copies = is_all_ ? std::max<int64_t>(0, l - r) : (r == 0 ? 1 : 0);
    }
    for (int64_t c = 0; c < copies; ++c) take.push_back(id);
  }
  SPK_ASSIGN_OR_RAISE(auto distinct, ConcatenateBatches(distinct_rows, schema_));
  arrow::Int64Builder builder;
  SPK_RETURN_NOT_OK_ARROW(builder.AppendValues(take));
  std::shared_ptr<arrow::Array> indices;
  SPK_RETURN_NOT_OK_ARROW(builder.Finish(&indices));
  SPK_ASSIGN_OR_RAISE_ARROW(arrow::Datum result, arrow::compute::Take(distinct, indices));
  SPK_ASSIGN_OR_RAISE_ARROW(auto table,
                            arrow::Table::FromRecordBatches(schema_, {result.record_batch()}));
  SPK_ASSIGN_OR_RAISE(output_,
                      SplitIntoPartitions(table, num_output_partitions_, context->batch_size()));
  return Status::OK();
}

Result<BatchStreamPtr> SetOperationOperator::OpenPartition(int partition,
                                                           ExecutionContext* context) {
  return MakeBatchListStream(std::move(output_.at(partition)), shared_from_this());
}

}  // namespace sparkling
