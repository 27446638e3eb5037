#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace arrow {
class RecordBatch;
class Schema;
class Table;
}  // namespace arrow

namespace sparkling::connect {

/// How result batches are cut for ExecutePlanResponse.arrow_batch messages.
struct ArrowBatchLimits {
  int64_t max_rows = 10000;             // spark.sql.execution.arrow.maxRecordsPerBatch
  int64_t max_bytes = 4 * 1024 * 1024;  // keeps each response a few MB (client limit 128 MiB)
};

/// One complete Arrow IPC stream (schema message, the batch, end-of-stream marker): the form
/// of ArrowBatch.data and LocalRelation.data.
Result<std::string> SerializeIpcStream(const arrow::RecordBatch& batch);
/// An IPC stream holding one 0-row batch of `schema`: what a result with no rows is sent as
/// (the client needs at least one record batch to build a table).
Result<std::string> SerializeEmptyIpcStream(const std::shared_ptr<arrow::Schema>& schema);
/// The whole table as one IPC stream (one record batch per chunk; at least one batch).
Result<std::string> SerializeIpcStream(const arrow::Table& table);

/// Reads an IPC stream (client-sent LocalRelation data, cached artifacts) into a table.
Result<std::shared_ptr<arrow::Table>> ReadIpcStream(std::string_view data);

/// Splits `batch` into zero-copy slices within `limits`. A 0-row batch yields itself.
std::vector<std::shared_ptr<arrow::RecordBatch>> SliceForTransport(
    const std::shared_ptr<arrow::RecordBatch>& batch, const ArrowBatchLimits& limits);

/// `batch` relabelled with `schema` (same column types, possibly other field names,
/// nullability or metadata), so every batch of one result carries an identical schema, as
/// pyarrow's Table.from_batches requires. INTERNAL_ERROR when the column types differ.
Result<std::shared_ptr<arrow::RecordBatch>> WithSchema(
    const std::shared_ptr<arrow::RecordBatch>& batch, const std::shared_ptr<arrow::Schema>& schema);

}  // namespace sparkling::connect
