#include "connect/arrow_encoding.h"

#include <arrow/api.h>
#include <arrow/io/memory.h>
#include <arrow/ipc/reader.h>
#include <arrow/ipc/writer.h>
#include <arrow/util/byte_size.h>

#include <algorithm>

namespace sparkling::connect {
namespace {

Result<std::string> WriteBatches(const std::shared_ptr<arrow::Schema>& schema,
                                 const std::vector<const arrow::RecordBatch*>& batches) {
  SPK_ASSIGN_OR_RAISE_ARROW(auto sink, arrow::io::BufferOutputStream::Create());
  SPK_ASSIGN_OR_RAISE_ARROW(auto writer, arrow::ipc::MakeStreamWriter(sink, schema));
  for (const arrow::RecordBatch* batch : batches) {
    SPK_RETURN_NOT_OK_ARROW(writer->WriteRecordBatch(*batch));
  }
  SPK_RETURN_NOT_OK_ARROW(writer->Close());
  SPK_ASSIGN_OR_RAISE_ARROW(auto buffer, sink->Finish());
  return buffer->ToString();
}

}  // namespace

Result<std::string> SerializeIpcStream(const arrow::RecordBatch& batch) {
  return WriteBatches(batch.schema(), {&batch});
}

Result<std::string> SerializeEmptyIpcStream(const std::shared_ptr<arrow::Schema>& schema) {
  SPK_ASSIGN_OR_RAISE_ARROW(auto empty, arrow::RecordBatch::MakeEmpty(schema));
  return WriteBatches(schema, {empty.get()});
}

Result<std::string> SerializeIpcStream(const arrow::Table& table) {
  arrow::TableBatchReader reader(table);
  SPK_ASSIGN_OR_RAISE_ARROW(auto owned, reader.ToRecordBatches());
  if (owned.empty()) {
    SPK_ASSIGN_OR_RAISE_ARROW(auto empty, arrow::RecordBatch::MakeEmpty(table.schema()));
    owned.push_back(std::move(empty));
  }
  std::vector<const arrow::RecordBatch*> batches;
  for (const auto& batch : owned) batches.push_back(batch.get());
  return WriteBatches(table.schema(), batches);
}

Result<std::shared_ptr<arrow::Table>> ReadIpcStream(std::string_view data) {
  // The table's buffers point into this copy, so it outlives the request message.
  auto buffer = arrow::Buffer::FromString(std::string(data));
  auto input = std::make_shared<arrow::io::BufferReader>(buffer);
  auto cannot_parse = [](const arrow::Status& status) {
    return Status::Error("CONNECT_INVALID_PLAN.CANNOT_PARSE",
                         {{"errorMsg", "invalid Arrow IPC stream: " + status.message()}});
  };
  auto reader = arrow::ipc::RecordBatchStreamReader::Open(input);
  if (!reader.ok()) return cannot_parse(reader.status());
  auto table = (*reader)->ToTable();
  if (!table.ok()) return cannot_parse(table.status());
  return *table;
}

std::vector<std::shared_ptr<arrow::RecordBatch>> SliceForTransport(
    const std::shared_ptr<arrow::RecordBatch>& batch, const ArrowBatchLimits& limits) {
  const int64_t rows = batch->num_rows();
  if (rows == 0) return {batch};
  int64_t rows_per_slice = std::max<int64_t>(1, limits.max_rows);
  int64_t bytes = static_cast<int64_t>(arrow::util::TotalBufferSize(*batch));
  if (bytes > limits.max_bytes && limits.max_bytes > 0) {
    int64_t bytes_per_row = std::max<int64_t>(1, bytes / rows);
    rows_per_slice =
        std::min(rows_per_slice, std::max<int64_t>(1, limits.max_bytes / bytes_per_row));
  }
  if (rows <= rows_per_slice) return {batch};
  std::vector<std::shared_ptr<arrow::RecordBatch>> slices;
  for (int64_t offset = 0; offset < rows; offset += rows_per_slice) {
    slices.push_back(batch->Slice(offset, std::min(rows_per_slice, rows - offset)));
  }
  return slices;
}

Result<std::shared_ptr<arrow::RecordBatch>> WithSchema(
    const std::shared_ptr<arrow::RecordBatch>& batch,
    const std::shared_ptr<arrow::Schema>& schema) {
  if (batch->schema()->Equals(*schema, /*check_metadata=*/true)) return batch;
  if (batch->num_columns() != schema->num_fields()) {
    return Status::Internal("result batch has " + std::to_string(batch->num_columns()) +
                            " columns, the result schema " + std::to_string(schema->num_fields()));
  }
  for (int i = 0; i < schema->num_fields(); ++i) {
    if (!batch->column(i)->type()->Equals(*schema->field(i)->type())) {
      return Status::Internal("result column " + std::to_string(i) + " is " +
                              batch->column(i)->type()->ToString() + ", the result schema says " +
                              schema->field(i)->type()->ToString());
    }
  }
  return arrow::RecordBatch::Make(schema, batch->num_rows(), batch->columns());
}

}  // namespace sparkling::connect
