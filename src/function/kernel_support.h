#pragma once

// Internal to src/function: row loops shared by the kernels. Kernels are written per Arrow
// type; these loops give typed access to the input values, skip rows where an input is NULL
// (Spark's null-intolerant functions) and let the row function append its own output.

#include <arrow/api.h>

#include <cmath>

#include <memory>
#include <string_view>
#include <type_traits>

#include "common/status.h"
#include "plan/bound_function.h"
#include "types/data_type.h"

namespace sparkling {

using ArrayPtr = std::shared_ptr<arrow::Array>;

template <typename T>
using ArrayOf = typename arrow::TypeTraits<T>::ArrayType;
template <typename T>
using BuilderOf = typename arrow::TypeTraits<T>::BuilderType;

/// The value of row i: numbers as C numbers, strings/binary as string_view, decimals as
/// arrow::Decimal128.
template <typename T>
auto ValueAt(const ArrayOf<T>& array, int64_t i) {
  if constexpr (std::is_same_v<T, arrow::Decimal128Type>) {
    return arrow::Decimal128(array.GetValue(i));
  } else {
    return array.GetView(i);
  }
}

/// Arrow type used inside kernels for a Spark type (UTC for timestamps: the zone does not
/// change the stored values).
inline std::shared_ptr<arrow::DataType> KernelArrowType(const DataType& type) {
  return ToArrowType(type, "UTC");
}

template <typename Out>
Result<std::unique_ptr<BuilderOf<Out>>> MakeTypedBuilder(
    const std::shared_ptr<arrow::DataType>& type, int64_t capacity) {
  std::unique_ptr<arrow::ArrayBuilder> builder;
  SPK_RETURN_NOT_OK_ARROW(arrow::MakeBuilder(arrow::default_memory_pool(), type, &builder));
  SPK_RETURN_NOT_OK_ARROW(builder->Reserve(capacity));
  return std::unique_ptr<BuilderOf<Out>>(static_cast<BuilderOf<Out>*>(builder.release()));
}

template <typename Builder>
Result<ArrayPtr> FinishBuilder(Builder& builder) {
  std::shared_ptr<arrow::Array> out;
  SPK_RETURN_NOT_OK_ARROW(builder.Finish(&out));
  return out;
}

/// Appends a value and converts Arrow's status.
template <typename Builder, typename V>
Status AppendValue(Builder& builder, V&& value) {
  SPK_RETURN_NOT_OK_ARROW(builder.Append(std::forward<V>(value)));
  return Status::OK();
}
template <typename Builder>
Status AppendNull(Builder& builder) {
  SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
  return Status::OK();
}

/// out[i] = fn(builder, a[i]) where a[i] is not NULL; NULL otherwise. `fn` appends exactly one
/// value (or null) and returns a Status.
template <typename In, typename Out, typename Fn>
Result<ArrayPtr> MapUnary(const ArrayPtr& a, const std::shared_ptr<arrow::DataType>& out_type,
                          Fn&& fn) {
  const auto& in = static_cast<const ArrayOf<In>&>(*a);
  const int64_t n = a->length();
  SPK_ASSIGN_OR_RAISE(auto builder, MakeTypedBuilder<Out>(out_type, n));
  for (int64_t i = 0; i < n; ++i) {
    if (in.IsNull(i)) {
      SPK_RETURN_NOT_OK(AppendNull(*builder));
    } else {
      SPK_RETURN_NOT_OK(fn(*builder, ValueAt<In>(in, i)));
    }
  }
  return FinishBuilder(*builder);
}

template <typename InA, typename InB, typename Out, typename Fn>
Result<ArrayPtr> MapBinary(const ArrayPtr& a, const ArrayPtr& b,
                           const std::shared_ptr<arrow::DataType>& out_type, Fn&& fn) {
  const auto& x = static_cast<const ArrayOf<InA>&>(*a);
  const auto& y = static_cast<const ArrayOf<InB>&>(*b);
  const int64_t n = a->length();
  SPK_ASSIGN_OR_RAISE(auto builder, MakeTypedBuilder<Out>(out_type, n));
  for (int64_t i = 0; i < n; ++i) {
    if (x.IsNull(i) || y.IsNull(i)) {
      SPK_RETURN_NOT_OK(AppendNull(*builder));
    } else {
      SPK_RETURN_NOT_OK(fn(*builder, ValueAt<InA>(x, i), ValueAt<InB>(y, i)));
    }
  }
  return FinishBuilder(*builder);
}

template <typename InA, typename InB, typename InC, typename Out, typename Fn>
Result<ArrayPtr> MapTernary(const ArrayPtr& a, const ArrayPtr& b, const ArrayPtr& c,
                            const std::shared_ptr<arrow::DataType>& out_type, Fn&& fn) {
  const auto& x = static_cast<const ArrayOf<InA>&>(*a);
  const auto& y = static_cast<const ArrayOf<InB>&>(*b);
  const auto& z = static_cast<const ArrayOf<InC>&>(*c);
  const int64_t n = a->length();
  SPK_ASSIGN_OR_RAISE(auto builder, MakeTypedBuilder<Out>(out_type, n));
  for (int64_t i = 0; i < n; ++i) {
    if (x.IsNull(i) || y.IsNull(i) || z.IsNull(i)) {
      SPK_RETURN_NOT_OK(AppendNull(*builder));
    } else {
      SPK_RETURN_NOT_OK(fn(*builder, ValueAt<InA>(x, i), ValueAt<InB>(y, i), ValueAt<InC>(z, i)));
    }
  }
  return FinishBuilder(*builder);
}

/// Calls `visit.template operator()<ArrowType>()` with the Arrow type class of a primitive
/// Spark numeric type (byte..double); returns Internal for others.
template <typename Visitor>
auto VisitNumericType(const DataType& type, Visitor&& visit)
    -> decltype(visit.template operator()<arrow::Int32Type>()) {
  switch (type.id()) {
    case TypeId::kByte:
      return visit.template operator()<arrow::Int8Type>();
    case TypeId::kShort:
      return visit.template operator()<arrow::Int16Type>();
    case TypeId::kInteger:
      return visit.template operator()<arrow::Int32Type>();
    case TypeId::kLong:
      return visit.template operator()<arrow::Int64Type>();
    case TypeId::kFloat:
      return visit.template operator()<arrow::FloatType>();
    case TypeId::kDouble:
      return visit.template operator()<arrow::DoubleType>();
    default:
      return Status::Internal("not a primitive numeric type: " + type.Sql());
  }
}

/// Re-encodes arrays of Arrow layouts kernels do not read (large_string, string_view,
/// large_binary, dictionary) into the layouts ToArrowType produces.
Result<ArrayPtr> NormalizeArray(const ArrayPtr& array);

/// `array` typed exactly as `type` when it differs only in metadata (a timestamp's zone, a
/// list's field name) or layout (large_string); error otherwise.
Result<ArrayPtr> ConformArray(const ArrayPtr& array, const std::shared_ptr<arrow::DataType>& type);

/// Converts an Arrow datum argument to an Array of `length` rows (broadcasting scalars).
Result<ArrayPtr> DatumToArray(const arrow::Datum& datum, int64_t length);

}  // namespace sparkling

namespace sparkling {

/// Builds an array of `length` rows where row i is row i of candidates[choice[i]], or NULL
/// when choice[i] < 0. All candidates have `length` rows and the same Arrow type `type`.
Result<ArrayPtr> SelectRows(const std::vector<int>& choice, const std::vector<ArrayPtr>& candidates,
                            const std::shared_ptr<arrow::DataType>& type, int64_t length);

/// Makes sure Arrow's compute function registry is initialised (idempotent, thread-safe).
void EnsureArrowCompute();

}  // namespace sparkling
