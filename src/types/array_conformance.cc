#include "types/array_conformance.h"

#include <arrow/api.h>
#include <arrow/compute/api.h>

namespace sparkling {
namespace {

// True when the two types share a physical layout and differ only in labels that do not
// change values (timestamp zone, field names, nullability of nested fields).
bool SameLayout(const arrow::DataType& a, const arrow::DataType& b) {
  if (a.id() != b.id()) return false;
  if (a.id() == arrow::Type::TIMESTAMP) {
    return static_cast<const arrow::TimestampType&>(a).unit() ==
           static_cast<const arrow::TimestampType&>(b).unit();
  }
  if (a.num_fields() != b.num_fields()) return false;
  if (a.num_fields() == 0) return a.Equals(b);
  if (a.id() == arrow::Type::DECIMAL128 || a.id() == arrow::Type::DECIMAL256) return a.Equals(b);
  for (int i = 0; i < a.num_fields(); ++i) {
    if (!SameLayout(*a.field(i)->type(), *b.field(i)->type())) return false;
  }
  return true;
}

// Re-labels `data` (and its children) with `type`; requires SameLayout.
std::shared_ptr<arrow::ArrayData> Relabel(const std::shared_ptr<arrow::ArrayData>& data,
                                          const std::shared_ptr<arrow::DataType>& type) {
  auto copy = data->Copy();
  copy->type = type;
  for (size_t i = 0; i < copy->child_data.size() && i < static_cast<size_t>(type->num_fields());
       ++i) {
    copy->child_data[i] = Relabel(copy->child_data[i], type->field(static_cast<int>(i))->type());
  }
  return copy;
}

}  // namespace

Result<std::shared_ptr<arrow::Array>> ConformArray(const arrow::Datum& value,
                                                   const std::shared_ptr<arrow::DataType>& type,
                                                   int64_t num_rows) {
  std::shared_ptr<arrow::Array> array;
  if (value.is_scalar()) {
    SPK_ASSIGN_OR_RAISE_ARROW(array, arrow::MakeArrayFromScalar(*value.scalar(), num_rows));
  } else if (value.is_array()) {
    array = value.make_array();
  } else if (value.is_chunked_array()) {
    SPK_ASSIGN_OR_RAISE_ARROW(array, arrow::Concatenate(value.chunked_array()->chunks()));
  } else {
    return Status::Internal("expression produced neither an array nor a scalar");
  }
  if (array->length() != num_rows) {
    return Status::Internal("expression produced " + std::to_string(array->length()) +
                            " rows for a batch of " + std::to_string(num_rows));
  }
  if (array->type()->Equals(*type)) return array;
  if (array->type_id() == arrow::Type::NA) {
    SPK_ASSIGN_OR_RAISE_ARROW(array, arrow::MakeArrayOfNull(type, num_rows));
    return array;
  }
  if (SameLayout(*array->type(), *type)) return arrow::MakeArray(Relabel(array->data(), type));
  arrow::compute::CastOptions options = arrow::compute::CastOptions::Unsafe(type);
  SPK_ASSIGN_OR_RAISE_ARROW(arrow::Datum cast, arrow::compute::Cast(array, options));
  return cast.make_array();
}

Result<std::shared_ptr<arrow::RecordBatch>> ConformBatch(
    const std::shared_ptr<arrow::RecordBatch>& batch,
    const std::shared_ptr<arrow::Schema>& schema) {
  if (batch->schema()->Equals(*schema)) return batch;
  if (batch->num_columns() != schema->num_fields()) {
    return Status::Internal("batch has " + std::to_string(batch->num_columns()) +
                            " columns, expected " + std::to_string(schema->num_fields()));
  }
  std::vector<std::shared_ptr<arrow::Array>> columns;
  columns.reserve(batch->num_columns());
  for (int i = 0; i < batch->num_columns(); ++i) {
    SPK_ASSIGN_OR_RAISE(
        auto column, ConformArray(batch->column(i), schema->field(i)->type(), batch->num_rows()));
    columns.push_back(std::move(column));
  }
  return arrow::RecordBatch::Make(schema, batch->num_rows(), std::move(columns));
}

}  // namespace sparkling
