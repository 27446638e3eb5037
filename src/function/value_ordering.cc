#include "function/value_ordering.h"

#include <arrow/api.h>

#include <cmath>
#include <cstring>

namespace sparkling {
namespace {

template <typename T>
int CompareNumbers(T x, T y) {
  if constexpr (std::is_floating_point_v<T>) {
    bool x_nan = std::isnan(x), y_nan = std::isnan(y);
    if (x_nan || y_nan) return x_nan == y_nan ? 0 : (x_nan ? 1 : -1);
  }
  return x < y ? -1 : (y < x ? 1 : 0);
}

int CompareBytes(std::string_view x, std::string_view y) {
  size_t n = std::min(x.size(), y.size());
  int c = n == 0 ? 0 : std::memcmp(x.data(), y.data(), n);
  if (c != 0) return c < 0 ? -1 : 1;
  return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
}

template <typename ArrowT>
int ComparePrimitive(const arrow::Array& a, int64_t i, const arrow::Array& b, int64_t j) {
  using ArrayT = typename arrow::TypeTraits<ArrowT>::ArrayType;
  return CompareNumbers(static_cast<const ArrayT&>(a).Value(i),
                        static_cast<const ArrayT&>(b).Value(j));
}

int CompareLists(const arrow::Array& a_values, int64_t a_begin, int64_t a_len,
                 const arrow::Array& b_values, int64_t b_begin, int64_t b_len) {
  int64_t n = std::min(a_len, b_len);
  for (int64_t k = 0; k < n; ++k) {
    int c = CompareValues(a_values, a_begin + k, b_values, b_begin + k);
    if (c != 0) return c;
  }
  return a_len < b_len ? -1 : (a_len > b_len ? 1 : 0);
}

}  // namespace

int CompareValues(const arrow::Array& a, int64_t i, const arrow::Array& b, int64_t j) {
  bool a_null = a.IsNull(i), b_null = b.IsNull(j);
  if (a_null || b_null) return a_null == b_null ? 0 : (a_null ? -1 : 1);
  switch (a.type_id()) {
    case arrow::Type::NA:
      return 0;
    case arrow::Type::BOOL: {
      bool x = static_cast<const arrow::BooleanArray&>(a).Value(i);
      bool y = static_cast<const arrow::BooleanArray&>(b).Value(j);
      return x == y ? 0 : (x ? 1 : -1);
    }
    case arrow::Type::INT8:
      return ComparePrimitive<arrow::Int8Type>(a, i, b, j);
    case arrow::Type::INT16:
      return ComparePrimitive<arrow::Int16Type>(a, i, b, j);
    case arrow::Type::INT32:
    case arrow::Type::DATE32:
    case arrow::Type::INTERVAL_MONTHS:
      return ComparePrimitive<arrow::Int32Type>(a, i, b, j);
    case arrow::Type::INT64:
    case arrow::Type::TIMESTAMP:
    case arrow::Type::DURATION:
      return ComparePrimitive<arrow::Int64Type>(a, i, b, j);
    case arrow::Type::FLOAT:
      return ComparePrimitive<arrow::FloatType>(a, i, b, j);
    case arrow::Type::DOUBLE:
      return ComparePrimitive<arrow::DoubleType>(a, i, b, j);
    case arrow::Type::DECIMAL128: {
      arrow::Decimal128 x(static_cast<const arrow::Decimal128Array&>(a).GetValue(i));
      arrow::Decimal128 y(static_cast<const arrow::Decimal128Array&>(b).GetValue(j));
      return x < y ? -1 : (y < x ? 1 : 0);
    }
    case arrow::Type::STRING:
    case arrow::Type::BINARY:
      return CompareBytes(static_cast<const arrow::BinaryArray&>(a).GetView(i),
                          static_cast<const arrow::BinaryArray&>(b).GetView(j));
    case arrow::Type::LARGE_STRING:
    case arrow::Type::LARGE_BINARY:
      return CompareBytes(static_cast<const arrow::LargeBinaryArray&>(a).GetView(i),
                          static_cast<const arrow::LargeBinaryArray&>(b).GetView(j));
    case arrow::Type::LIST:
    case arrow::Type::MAP: {
      const auto& x = static_cast<const arrow::ListArray&>(a);
      const auto& y = static_cast<const arrow::ListArray&>(b);
      return CompareLists(*x.values(), x.value_offset(i), x.value_length(i), *y.values(),
                          y.value_offset(j), y.value_length(j));
    }
    case arrow::Type::STRUCT: {
      const auto& x = static_cast<const arrow::StructArray&>(a);
      const auto& y = static_cast<const arrow::StructArray&>(b);
      for (int f = 0; f < x.num_fields(); ++f) {
        int c = CompareValues(*x.field(f), i, *y.field(f), j);
        if (c != 0) return c;
      }
      return 0;
    }
    case arrow::Type::INTERVAL_MONTH_DAY_NANO: {
      auto x = static_cast<const arrow::MonthDayNanoIntervalArray&>(a).Value(i);
      auto y = static_cast<const arrow::MonthDayNanoIntervalArray&>(b).Value(j);
      if (x.months != y.months) return x.months < y.months ? -1 : 1;
      if (x.days != y.days) return x.days < y.days ? -1 : 1;
      return CompareNumbers(x.nanoseconds, y.nanoseconds);
    }
    default:
      return 0;
  }
}

void AppendValueKey(const arrow::Array& array, int64_t i, std::string* key) {
  if (array.IsNull(i)) {
    key->push_back('\0');
    return;
  }
  key->push_back('\1');
  auto append_raw = [key](const void* data, size_t size) {
    key->append(static_cast<const char*>(data), size);
  };
  switch (array.type_id()) {
    case arrow::Type::BOOL: {
      key->push_back(static_cast<const arrow::BooleanArray&>(array).Value(i) ? '\1' : '\0');
      return;
    }
    case arrow::Type::FLOAT: {
      float v = static_cast<const arrow::FloatArray&>(array).Value(i);
      if (std::isnan(v)) v = std::numeric_limits<float>::quiet_NaN();
      if (v == 0) v = 0;  // -0.0 and 0.0 are one value
      append_raw(&v, sizeof(v));
      return;
    }
    case arrow::Type::DOUBLE: {
      double v = static_cast<const arrow::DoubleArray&>(array).Value(i);
      if (std::isnan(v)) v = std::numeric_limits<double>::quiet_NaN();
      if (v == 0) v = 0;
      append_raw(&v, sizeof(v));
      return;
    }
    case arrow::Type::STRING:
    case arrow::Type::BINARY: {
      auto view = static_cast<const arrow::BinaryArray&>(array).GetView(i);
      uint64_t size = view.size();
      append_raw(&size, sizeof(size));
      key->append(view.data(), view.size());
      return;
    }
    case arrow::Type::LARGE_STRING:
    case arrow::Type::LARGE_BINARY: {
      auto view = static_cast<const arrow::LargeBinaryArray&>(array).GetView(i);
      uint64_t size = view.size();
      append_raw(&size, sizeof(size));
      key->append(view.data(), view.size());
      return;
    }
    case arrow::Type::LIST:
    case arrow::Type::MAP: {
      const auto& list = static_cast<const arrow::ListArray&>(array);
      uint64_t length = list.value_length(i);
      append_raw(&length, sizeof(length));
      for (int64_t k = 0; k < list.value_length(i); ++k) {
        AppendValueKey(*list.values(), list.value_offset(i) + k, key);
      }
      return;
    }
    case arrow::Type::STRUCT: {
      const auto& row = static_cast<const arrow::StructArray&>(array);
      for (int f = 0; f < row.num_fields(); ++f) AppendValueKey(*row.field(f), i, key);
      return;
    }
    default: {
      // Fixed-width values: their bytes identify them.
      const auto& data = *array.data();
      int byte_width = array.type()->byte_width();
      if (byte_width > 0 && data.buffers.size() > 1 && data.buffers[1]) {
        append_raw(data.buffers[1]->data() + (data.offset + i) * byte_width,
                   static_cast<size_t>(byte_width));
      }
      return;
    }
  }
}

}  // namespace sparkling
