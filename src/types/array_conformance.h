#pragma once

#include <arrow/type_fwd.h>

#include <memory>

#include "common/status.h"

namespace sparkling {

/// `value` (an Array or a Scalar broadcast to `num_rows`) as an Array of exactly `type`.
/// Kernels may return timestamps in another zone, or equivalent Arrow types; those are
/// re-labelled without copying, anything else is cast.
Result<std::shared_ptr<arrow::Array>> ConformArray(const arrow::Datum& value,
                                                   const std::shared_ptr<arrow::DataType>& type,
                                                   int64_t num_rows);

/// `batch` with exactly `schema` (names, types, field nullability), conforming every column.
Result<std::shared_ptr<arrow::RecordBatch>> ConformBatch(
    const std::shared_ptr<arrow::RecordBatch>& batch, const std::shared_ptr<arrow::Schema>& schema);

}  // namespace sparkling
