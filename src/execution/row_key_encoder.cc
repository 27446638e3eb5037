#include "execution/row_key_encoder.h"

#include <arrow/array.h>
#include <arrow/type.h>
#include <arrow/util/decimal.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace sparkling {
namespace {

constexpr uint8_t kNullFirstMarker = 0x00;
constexpr uint8_t kValidMarker = 0x01;
constexpr uint8_t kNullLastMarker = 0x02;
// Inside nested values nulls sort first, as Spark compares nested nulls as smallest.
constexpr uint8_t kNestedNull = 0x00;
constexpr uint8_t kNestedValid = 0x01;
// List encoding: each element follows a continuation byte; the end byte sorts below it so a
// prefix list sorts first.
constexpr uint8_t kListEnd = 0x00;
constexpr uint8_t kListElement = 0x01;

template <typename Unsigned>
void WriteBigEndian(Unsigned value, uint8_t* out) {
  for (int i = static_cast<int>(sizeof(Unsigned)) - 1; i >= 0; --i) {
    out[i] = static_cast<uint8_t>(value);
    if constexpr (sizeof(Unsigned) > 1) value >>= 8;
  }
}

template <typename Signed>
void WriteSigned(Signed value, uint8_t* out) {
  using Unsigned = std::make_unsigned_t<Signed>;
  constexpr Unsigned kSignBit = Unsigned{1} << (sizeof(Unsigned) * 8 - 1);
  WriteBigEndian(static_cast<Unsigned>(static_cast<Unsigned>(value) ^ kSignBit), out);
}

void WriteDouble(double value, uint8_t* out) {
  if (std::isnan(value)) value = std::numeric_limits<double>::quiet_NaN();
  if (value == 0.0) value = 0.0;  // -0.0 groups and sorts with 0.0
  uint64_t bits = std::bit_cast<uint64_t>(value);
  bits = (bits & (uint64_t{1} << 63)) ? ~bits : bits | (uint64_t{1} << 63);
  WriteBigEndian(bits, out);
}

void WriteFloat(float value, uint8_t* out) {
  if (std::isnan(value)) value = std::numeric_limits<float>::quiet_NaN();
  if (value == 0.0f) value = 0.0f;
  uint32_t bits = std::bit_cast<uint32_t>(value);
  bits = (bits & (uint32_t{1} << 31)) ? ~bits : bits | (uint32_t{1} << 31);
  WriteBigEndian(bits, out);
}

int64_t EscapedSize(std::string_view bytes) {
  int64_t size = static_cast<int64_t>(bytes.size()) + 2;
  for (char c : bytes) size += (c == '\0');
  return size;
}

// Zero bytes become 00 FF; the terminator 00 00 sorts below any continuation.
uint8_t* WriteEscaped(std::string_view bytes, uint8_t* out) {
  for (char c : bytes) {
    *out++ = static_cast<uint8_t>(c);
    if (c == '\0') *out++ = 0xFF;
  }
  *out++ = 0x00;
  *out++ = 0x00;
  return out;
}

// Width of fixed-size encodings; 0 for variable-size and nested types.
int FixedWidth(const arrow::DataType& type) {
  switch (type.id()) {
    case arrow::Type::NA:
      return 0;
    case arrow::Type::BOOL:
    case arrow::Type::INT8:
    case arrow::Type::UINT8:
      return 1;
    case arrow::Type::INT16:
    case arrow::Type::UINT16:
      return 2;
    case arrow::Type::INT32:
    case arrow::Type::UINT32:
    case arrow::Type::DATE32:
    case arrow::Type::TIME32:
    case arrow::Type::INTERVAL_MONTHS:
    case arrow::Type::FLOAT:
      return 4;
    case arrow::Type::INT64:
    case arrow::Type::UINT64:
    case arrow::Type::DATE64:
    case arrow::Type::TIME64:
    case arrow::Type::TIMESTAMP:
    case arrow::Type::DURATION:
    case arrow::Type::DOUBLE:
    case arrow::Type::INTERVAL_DAY_TIME:
      return 8;
    case arrow::Type::DECIMAL128:
    case arrow::Type::INTERVAL_MONTH_DAY_NANO:
      return 16;
    case arrow::Type::DECIMAL256:
      return 32;
    default:
      return -1;
  }
}

bool IsBinaryLike(arrow::Type::type id) {
  return id == arrow::Type::STRING || id == arrow::Type::BINARY ||
         id == arrow::Type::LARGE_STRING || id == arrow::Type::LARGE_BINARY ||
         id == arrow::Type::STRING_VIEW || id == arrow::Type::BINARY_VIEW;
}

std::string_view BinaryValue(const arrow::Array& array, int64_t i) {
  switch (array.type_id()) {
    case arrow::Type::STRING:
    case arrow::Type::BINARY:
      return static_cast<const arrow::BinaryArray&>(array).GetView(i);
    case arrow::Type::LARGE_STRING:
    case arrow::Type::LARGE_BINARY:
      return static_cast<const arrow::LargeBinaryArray&>(array).GetView(i);
    default:
      return static_cast<const arrow::BinaryViewArray&>(array).GetView(i);
  }
}

// Writes the fixed-width encoding of a non-null value.
void WriteFixed(const arrow::Array& array, int64_t i, uint8_t* out) {
  const arrow::ArrayData& data = *array.data();
  switch (array.type_id()) {
    case arrow::Type::BOOL:
      *out = static_cast<const arrow::BooleanArray&>(array).Value(i) ? 1 : 0;
      return;
    case arrow::Type::INT8:
      return WriteSigned(data.GetValues<int8_t>(1)[i], out);
    case arrow::Type::UINT8:
      return WriteBigEndian(data.GetValues<uint8_t>(1)[i], out);
    case arrow::Type::INT16:
      return WriteSigned(data.GetValues<int16_t>(1)[i], out);
    case arrow::Type::UINT16:
      return WriteBigEndian(data.GetValues<uint16_t>(1)[i], out);
    case arrow::Type::INT32:
    case arrow::Type::DATE32:
    case arrow::Type::TIME32:
    case arrow::Type::INTERVAL_MONTHS:
      return WriteSigned(data.GetValues<int32_t>(1)[i], out);
    case arrow::Type::UINT32:
      return WriteBigEndian(data.GetValues<uint32_t>(1)[i], out);
    case arrow::Type::INT64:
    case arrow::Type::DATE64:
    case arrow::Type::TIME64:
    case arrow::Type::TIMESTAMP:
    case arrow::Type::DURATION:
      return WriteSigned(data.GetValues<int64_t>(1)[i], out);
    case arrow::Type::UINT64:
      return WriteBigEndian(data.GetValues<uint64_t>(1)[i], out);
    case arrow::Type::FLOAT:
      return WriteFloat(data.GetValues<float>(1)[i], out);
    case arrow::Type::DOUBLE:
      return WriteDouble(data.GetValues<double>(1)[i], out);
    case arrow::Type::INTERVAL_DAY_TIME: {
      auto value = data.GetValues<arrow::DayTimeIntervalType::DayMilliseconds>(1)[i];
      WriteSigned(value.days, out);
      WriteSigned(value.milliseconds, out + 4);
      return;
    }
    case arrow::Type::INTERVAL_MONTH_DAY_NANO: {
      auto value = data.GetValues<arrow::MonthDayNanoIntervalType::MonthDayNanos>(1)[i];
      WriteSigned(value.months, out);
      WriteSigned(value.days, out + 4);
      WriteSigned(value.nanoseconds, out + 8);
      return;
    }
    case arrow::Type::DECIMAL128: {
      arrow::Decimal128 value(data.GetValues<uint8_t>(1, 0) + (data.offset + i) * 16);
      WriteSigned(value.high_bits(), out);
      WriteBigEndian(value.low_bits(), out + 8);
      return;
    }
    case arrow::Type::DECIMAL256: {
      arrow::Decimal256 value(data.GetValues<uint8_t>(1, 0) + (data.offset + i) * 32);
      auto words = value.little_endian_array();
      WriteSigned(static_cast<int64_t>(words[3]), out);
      WriteBigEndian(words[2], out + 8);
      WriteBigEndian(words[1], out + 16);
      WriteBigEndian(words[0], out + 24);
      return;
    }
    default:
      return;
  }
}

// Size of a value's encoding inside a nested value (marker byte included).
Result<int64_t> NestedValueSize(const arrow::Array& array, int64_t i);
uint8_t* WriteNestedValue(const arrow::Array& array, int64_t i, uint8_t* out);

// Size of a non-null value's encoding (without the marker byte).
Result<int64_t> ValueSize(const arrow::Array& array, int64_t i) {
  int width = FixedWidth(*array.type());
  if (width >= 0) return width;
  arrow::Type::type id = array.type_id();
  if (IsBinaryLike(id)) return EscapedSize(BinaryValue(array, i));
  if (id == arrow::Type::STRUCT) {
    const auto& struct_array = static_cast<const arrow::StructArray&>(array);
    int64_t size = 0;
    for (int f = 0; f < struct_array.num_fields(); ++f) {
      SPK_ASSIGN_OR_RAISE(int64_t field_size, NestedValueSize(*struct_array.field(f), i));
      size += field_size;
    }
    return size;
  }
  if (id == arrow::Type::LIST || id == arrow::Type::LARGE_LIST) {
    std::shared_ptr<arrow::Array> values;
    int64_t begin = 0, end = 0;
    if (id == arrow::Type::LIST) {
      const auto& list = static_cast<const arrow::ListArray&>(array);
      values = list.values();
      begin = list.value_offset(i);
      end = list.value_offset(i + 1);
    } else {
      const auto& list = static_cast<const arrow::LargeListArray&>(array);
      values = list.values();
      begin = list.value_offset(i);
      end = list.value_offset(i + 1);
    }
    int64_t size = 1;  // end marker
    for (int64_t e = begin; e < end; ++e) {
      SPK_ASSIGN_OR_RAISE(int64_t element_size, NestedValueSize(*values, e));
      size += 1 + element_size;
    }
    return size;
  }
  return Status::NotImplemented("grouping, joining or sorting on type " + array.type()->ToString());
}

uint8_t* WriteValue(const arrow::Array& array, int64_t i, uint8_t* out) {
  int width = FixedWidth(*array.type());
  if (width >= 0) {
    WriteFixed(array, i, out);
    return out + width;
  }
  arrow::Type::type id = array.type_id();
  if (IsBinaryLike(id)) return WriteEscaped(BinaryValue(array, i), out);
  if (id == arrow::Type::STRUCT) {
    const auto& struct_array = static_cast<const arrow::StructArray&>(array);
    for (int f = 0; f < struct_array.num_fields(); ++f) {
      out = WriteNestedValue(*struct_array.field(f), i, out);
    }
    return out;
  }
  std::shared_ptr<arrow::Array> values;
  int64_t begin = 0, end = 0;
  if (id == arrow::Type::LIST) {
    const auto& list = static_cast<const arrow::ListArray&>(array);
    values = list.values();
    begin = list.value_offset(i);
    end = list.value_offset(i + 1);
  } else {
    const auto& list = static_cast<const arrow::LargeListArray&>(array);
    values = list.values();
    begin = list.value_offset(i);
    end = list.value_offset(i + 1);
  }
  for (int64_t e = begin; e < end; ++e) {
    *out++ = kListElement;
    out = WriteNestedValue(*values, e, out);
  }
  *out++ = kListEnd;
  return out;
}

Result<int64_t> NestedValueSize(const arrow::Array& array, int64_t i) {
  if (array.IsNull(i)) return 1;
  SPK_ASSIGN_OR_RAISE(int64_t size, ValueSize(array, i));
  return size + 1;
}

uint8_t* WriteNestedValue(const arrow::Array& array, int64_t i, uint8_t* out) {
  if (array.IsNull(i)) {
    *out++ = kNestedNull;
    return out;
  }
  *out++ = kNestedValid;
  return WriteValue(array, i, out);
}

// Writes marker and value of every row of `column` at the rows' cursors; `write(i, p)`
// writes row i's value at p and returns the end.
template <typename Write>
void WriteColumn(const arrow::Array& column, KeyOrder order, uint8_t* base,
                 std::vector<int64_t>* cursors, Write&& write) {
  const uint8_t null_marker = order.nulls_first ? kNullFirstMarker : kNullLastMarker;
  const bool may_have_nulls = column.null_count() > 0 || column.type_id() == arrow::Type::NA;
  const int64_t num_rows = static_cast<int64_t>(cursors->size());
  int64_t* cursor = cursors->data();
  for (int64_t i = 0; i < num_rows; ++i) {
    uint8_t* start = base + cursor[i];
    if (may_have_nulls && column.IsNull(i)) {
      *start = null_marker;
      cursor[i] += 1;
      continue;
    }
    *start = kValidMarker;
    uint8_t* end = write(i, start + 1);
    if (order.descending) {
      for (uint8_t* p = start + 1; p < end; ++p) *p = static_cast<uint8_t>(~*p);
    }
    cursor[i] = end - base;
  }
}

}  // namespace

Status EncodeRowKeys(const std::vector<std::shared_ptr<arrow::Array>>& columns,
                     const std::vector<KeyOrder>& orders, int64_t num_rows, EncodedRows* out) {
  // Pass 1: row sizes, accumulated in offsets[i + 1].
  out->offsets.assign(num_rows + 1, 0);
  int64_t* sizes = out->offsets.data() + 1;
  for (const auto& column : columns) {
    int width = FixedWidth(*column->type());
    if (width >= 0) {
      const bool may_have_nulls = column->null_count() > 0;
      for (int64_t i = 0; i < num_rows; ++i) {
        sizes[i] += 1 + ((may_have_nulls && column->IsNull(i)) ? 0 : width);
      }
      continue;
    }
    for (int64_t i = 0; i < num_rows; ++i) {
      if (column->IsNull(i)) {
        sizes[i] += 1;
      } else {
        SPK_ASSIGN_OR_RAISE(int64_t size, ValueSize(*column, i));
        sizes[i] += 1 + size;
      }
    }
  }
  for (int64_t i = 0; i < num_rows; ++i) out->offsets[i + 1] += out->offsets[i];
  out->bytes.resize(out->offsets[num_rows]);

  // Pass 2: each column appends at every row's cursor.
  std::vector<int64_t> cursors(out->offsets.begin(), out->offsets.end() - 1);
  uint8_t* base = out->bytes.data();
  for (size_t c = 0; c < columns.size(); ++c) {
    const arrow::Array& column = *columns[c];
    KeyOrder order = c < orders.size() ? orders[c] : KeyOrder{};
    switch (column.type_id()) {
      // The most common key types get loops without a per-row type switch.
      case arrow::Type::INT64:
      case arrow::Type::TIMESTAMP: {
        const int64_t* values = column.data()->GetValues<int64_t>(1);
        WriteColumn(column, order, base, &cursors, [values](int64_t i, uint8_t* p) {
          WriteSigned(values[i], p);
          return p + 8;
        });
        break;
      }
      case arrow::Type::INT32:
      case arrow::Type::DATE32: {
        const int32_t* values = column.data()->GetValues<int32_t>(1);
        WriteColumn(column, order, base, &cursors, [values](int64_t i, uint8_t* p) {
          WriteSigned(values[i], p);
          return p + 4;
        });
        break;
      }
      case arrow::Type::DOUBLE: {
        const double* values = column.data()->GetValues<double>(1);
        WriteColumn(column, order, base, &cursors, [values](int64_t i, uint8_t* p) {
          WriteDouble(values[i], p);
          return p + 8;
        });
        break;
      }
      case arrow::Type::STRING:
      case arrow::Type::BINARY: {
        const auto& strings = static_cast<const arrow::BinaryArray&>(column);
        WriteColumn(column, order, base, &cursors,
                    [&](int64_t i, uint8_t* p) { return WriteEscaped(strings.GetView(i), p); });
        break;
      }
      default:
        WriteColumn(column, order, base, &cursors,
                    [&](int64_t i, uint8_t* p) { return WriteValue(column, i, p); });
        break;
    }
  }
  return Status::OK();
}

}  // namespace sparkling
