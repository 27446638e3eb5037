// Spark's CAST over Arrow arrays: numbers, booleans, strings, decimals, dates, timestamps and
// nested types, with ANSI (raise), legacy (NULL / wrap) and TRY (NULL) failure handling.

#include "function/cast.h"

#include <arrow/api.h>

#include <cmath>
#include <limits>

#include "function/datetime_values.h"
#include "function/decimal_arithmetic.h"
#include "function/function_definition.h"
#include "function/kernel_support.h"
#include "function/runtime_errors.h"
#include "plan/literal_text.h"

namespace sparkling {
namespace {

struct CastContext {
  CastMode mode;  // kAnsi, kLegacy or kTry (kDefault resolved)
  const EvalOptions* options;
  const TimeZone* zone;
};

std::string QuoteString(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

Status InvalidInput(std::string_view text, const DataType& from, const DataType& to) {
  return Status::Error("CAST_INVALID_INPUT", {{"expression", QuoteString(text)},
                                              {"sourceType", QuotedType(from)},
                                              {"targetType", QuotedType(to)},
                                              {"ansiConfig", kAnsiConfig}});
}

Status Overflow(const std::string& value_sql, const DataType& from, const DataType& to) {
  return Status::Error("CAST_OVERFLOW", {{"value", value_sql},
                                         {"sourceType", QuotedType(from)},
                                         {"targetType", QuotedType(to)},
                                         {"ansiConfig", kAnsiConfig}});
}

// A failed row: ANSI raises `error`, other modes give NULL.
template <typename Builder>
Status FailRow(const CastContext& ctx, Builder& out, Status error) {
  if (ctx.mode == CastMode::kAnsi) return error;
  return AppendNull(out);
}

template <typename T>
std::string NumberSql(T value) {
  if constexpr (std::is_same_v<T, double>) return JavaDoubleString(value) + "D";
  if constexpr (std::is_same_v<T, float>) return JavaFloatString(value);
  if constexpr (sizeof(T) == 1) return std::to_string(value) + "Y";
  if constexpr (sizeof(T) == 2) return std::to_string(value) + "S";
  if constexpr (sizeof(T) == 8) return std::to_string(value) + "L";
  return std::to_string(value);
}

// ---------------------------------------------------------------------------------------------
// To string

Status AppendText(const arrow::Array& array, int64_t i, const DataType& type,
                  const CastContext& ctx, std::string* out);

Status AppendNestedElement(const arrow::Array& array, int64_t i, const DataType& type,
                           const CastContext& ctx, std::string* out) {
  if (array.IsNull(i)) {
    *out += "null";
    return Status::OK();
  }
  return AppendText(array, i, type, ctx, out);
}

Status AppendText(const arrow::Array& array, int64_t i, const DataType& type,
                  const CastContext& ctx, std::string* out) {
  switch (type.id()) {
    case TypeId::kBoolean:
      *out += static_cast<const arrow::BooleanArray&>(array).Value(i) ? "true" : "false";
      return Status::OK();
    case TypeId::kByte:
      *out += std::to_string(static_cast<const arrow::Int8Array&>(array).Value(i));
      return Status::OK();
    case TypeId::kShort:
      *out += std::to_string(static_cast<const arrow::Int16Array&>(array).Value(i));
      return Status::OK();
    case TypeId::kInteger:
      *out += std::to_string(static_cast<const arrow::Int32Array&>(array).Value(i));
      return Status::OK();
    case TypeId::kLong:
      *out += std::to_string(static_cast<const arrow::Int64Array&>(array).Value(i));
      return Status::OK();
    case TypeId::kFloat:
      *out += JavaFloatString(static_cast<const arrow::FloatArray&>(array).Value(i));
      return Status::OK();
    case TypeId::kDouble:
      *out += JavaDoubleString(static_cast<const arrow::DoubleArray&>(array).Value(i));
      return Status::OK();
    case TypeId::kDecimal:
      *out += DecimalToString(ToInt128(arrow::Decimal128(
                                  static_cast<const arrow::Decimal128Array&>(array).GetValue(i))),
                              type.scale());
      return Status::OK();
    case TypeId::kString:
    case TypeId::kChar:
    case TypeId::kVarchar:
    case TypeId::kBinary:
      if (array.type_id() == arrow::Type::LARGE_STRING ||
          array.type_id() == arrow::Type::LARGE_BINARY) {
        *out += static_cast<const arrow::LargeBinaryArray&>(array).GetView(i);
      } else {
        *out += static_cast<const arrow::BinaryArray&>(array).GetView(i);
      }
      return Status::OK();
    case TypeId::kDate:
      *out += FormatDate(static_cast<const arrow::Date32Array&>(array).Value(i));
      return Status::OK();
    case TypeId::kTimestamp: {
      int64_t utc = static_cast<const arrow::TimestampArray&>(array).Value(i);
      *out += FormatLocalTimestamp(ctx.zone->UtcToLocal(utc));
      return Status::OK();
    }
    case TypeId::kTimestampNtz:
      *out += FormatLocalTimestamp(static_cast<const arrow::TimestampArray&>(array).Value(i));
      return Status::OK();
    case TypeId::kArray: {
      const auto& list = static_cast<const arrow::ListArray&>(array);
      *out += "[";
      for (int64_t k = 0; k < list.value_length(i); ++k) {
        if (k > 0) *out += ", ";
        SPK_RETURN_NOT_OK(AppendNestedElement(*list.values(), list.value_offset(i) + k,
                                              *type.element_type(), ctx, out));
      }
      *out += "]";
      return Status::OK();
    }
    case TypeId::kMap: {
      const auto& map = static_cast<const arrow::MapArray&>(array);
      *out += "{";
      for (int64_t k = 0; k < map.value_length(i); ++k) {
        if (k > 0) *out += ", ";
        int64_t row = map.value_offset(i) + k;
        SPK_RETURN_NOT_OK(AppendNestedElement(*map.keys(), row, *type.key_type(), ctx, out));
        *out += " -> ";
        SPK_RETURN_NOT_OK(AppendNestedElement(*map.items(), row, *type.value_type(), ctx, out));
      }
      *out += "}";
      return Status::OK();
    }
    case TypeId::kStruct: {
      const auto& row = static_cast<const arrow::StructArray&>(array);
      *out += "{";
      for (int f = 0; f < row.num_fields(); ++f) {
        if (f > 0) *out += ", ";
        SPK_RETURN_NOT_OK(AppendNestedElement(*row.field(f), i, *type.fields()[f].type, ctx, out));
      }
      *out += "}";
      return Status::OK();
    }
    case TypeId::kNull:
      *out += "null";
      return Status::OK();
    default:
      return Status::NotImplemented("CAST(" + type.Sql() + " AS STRING)");
  }
}

Result<ArrayPtr> CastToString(const ArrayPtr& input, const DataType& from, const CastContext& ctx) {
  arrow::StringBuilder builder;
  SPK_RETURN_NOT_OK_ARROW(builder.Reserve(input->length()));
  std::string text;
  for (int64_t i = 0; i < input->length(); ++i) {
    if (input->IsNull(i)) {
      SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
      continue;
    }
    text.clear();
    SPK_RETURN_NOT_OK(AppendText(*input, i, from, ctx, &text));
    SPK_RETURN_NOT_OK_ARROW(builder.Append(text));
  }
  return FinishBuilder(builder);
}

// ---------------------------------------------------------------------------------------------
// From string

std::string_view TrimSpaces(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && static_cast<unsigned char>(text[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(text[e - 1]) <= ' ') --e;
  return text.substr(b, e - b);
}

// Spark's UTF8String.toLong: optional sign, digits, optional '.' followed by digits (dropped).
// `allow_fraction` is false in ANSI mode (toLongExact rejects "1.5").
bool ParseIntegral(std::string_view text, bool allow_fraction, int64_t min, int64_t max,
                   int64_t* out, bool* overflow) {
  *overflow = false;
  text = TrimSpaces(text);
  if (text.empty()) return false;
  size_t i = 0;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    ++i;
  }
  if (i == text.size()) return false;
  __int128 value = 0;
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      value = value * 10 + (c - '0');
      if (value > static_cast<__int128>(max) + 1) *overflow = true;
    } else if (c == '.') {
      if (!allow_fraction) return false;
      for (++i; i < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
      }
      break;
    } else {
      return false;
    }
  }
  if (!any_digit) return false;
  if (negative) value = -value;
  if (*overflow || value < min || value > max) {
    *overflow = true;
    return false;
  }
  *out = static_cast<int64_t>(value);
  return true;
}

bool ParseFloating(std::string_view text, double* out) {
  text = TrimSpaces(text);
  if (text.empty()) return false;
  std::string lowered;
  for (char c : text)
    lowered.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::string_view body = lowered;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "inf" || body == "infinity") {
    *out = negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
    return true;
  }
  if (body == "nan" && lowered[0] != '+' && lowered[0] != '-') {
    *out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  // Java accepts a trailing 'd' or 'f' type suffix.
  std::string number(text);
  if (!number.empty() && (number.back() == 'd' || number.back() == 'D' || number.back() == 'f' ||
                          number.back() == 'F')) {
    number.pop_back();
  }
  for (char c : number) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' ||
          c == '+' || c == '-')) {
      return false;
    }
  }
  char* end = nullptr;
  *out = std::strtod(number.c_str(), &end);
  return end != nullptr && *end == '\0' && end != number.c_str();
}

std::optional<bool> ParseBoolean(std::string_view text) {
  text = TrimSpaces(text);
  std::string lowered;
  for (char c : text)
    lowered.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lowered == "t" || lowered == "true" || lowered == "y" || lowered == "yes" || lowered == "1") {
    return true;
  }
  if (lowered == "f" || lowered == "false" || lowered == "n" || lowered == "no" || lowered == "0") {
    return false;
  }
  return std::nullopt;
}

template <typename ArrowT>
Result<ArrayPtr> StringToIntegral(const ArrayPtr& input, const DataType& from, const DataType& to,
                                  const CastContext& ctx) {
  using T = typename ArrowT::c_type;
  return MapUnary<arrow::StringType, ArrowT>(
      input, KernelArrowType(to), [&](BuilderOf<ArrowT>& out, std::string_view text) -> Status {
        int64_t value;
        bool overflow;
        if (ParseIntegral(text, ctx.mode != CastMode::kAnsi, std::numeric_limits<T>::min(),
                          std::numeric_limits<T>::max(), &value, &overflow)) {
          return AppendValue(out, static_cast<T>(value));
        }
        return FailRow(ctx, out, InvalidInput(text, from, to));
      });
}

template <typename ArrowT>
Result<ArrayPtr> StringToFloating(const ArrayPtr& input, const DataType& from, const DataType& to,
                                  const CastContext& ctx) {
  using T = typename ArrowT::c_type;
  return MapUnary<arrow::StringType, ArrowT>(
      input, KernelArrowType(to), [&](BuilderOf<ArrowT>& out, std::string_view text) -> Status {
        double value;
        if (ParseFloating(text, &value)) return AppendValue(out, static_cast<T>(value));
        return FailRow(ctx, out, InvalidInput(text, from, to));
      });
}

Result<ArrayPtr> StringToDecimal(const ArrayPtr& input, const DataType& from, const DataType& to,
                                 const CastContext& ctx) {
  return MapUnary<arrow::StringType, arrow::Decimal128Type>(
      input, KernelArrowType(to),
      [&](arrow::Decimal128Builder& out, std::string_view text) -> Status {
        Int128 value;
        bool overflow;
        if (ParseDecimal(text, to.precision(), to.scale(), &value, &overflow)) {
          return AppendValue(out, FromInt128(value));
        }
        if (overflow) {
          return FailRow(
              ctx, out,
              DecimalOutOfRange(std::string(TrimSpaces(text)), to.precision(), to.scale()));
        }
        return FailRow(ctx, out, InvalidInput(text, from, to));
      });
}

Result<ArrayPtr> StringToBoolean(const ArrayPtr& input, const DataType& from, const DataType& to,
                                 const CastContext& ctx) {
  return MapUnary<arrow::StringType, arrow::BooleanType>(
      input, arrow::boolean(), [&](arrow::BooleanBuilder& out, std::string_view text) -> Status {
        auto value = ParseBoolean(text);
        if (value) return AppendValue(out, *value);
        return FailRow(ctx, out, InvalidInput(text, from, to));
      });
}

Result<ArrayPtr> StringToDate(const ArrayPtr& input, const DataType& from, const DataType& to,
                              const CastContext& ctx) {
  return MapUnary<arrow::StringType, arrow::Date32Type>(
      input, arrow::date32(), [&](arrow::Date32Builder& out, std::string_view text) -> Status {
        auto days = ParseDate(text);
        if (days) return AppendValue(out, *days);
        return FailRow(ctx, out, InvalidInput(text, from, to));
      });
}

Result<ArrayPtr> StringToTimestamp(const ArrayPtr& input, const DataType& from, const DataType& to,
                                   const CastContext& ctx) {
  const bool ntz = to.id() == TypeId::kTimestampNtz;
  return MapUnary<arrow::StringType, arrow::TimestampType>(
      input, KernelArrowType(to),
      [&](arrow::TimestampBuilder& out, std::string_view text) -> Status {
        auto parsed = ParseTimestamp(text);
        if (!parsed) return FailRow(ctx, out, InvalidInput(text, from, to));
        if (ntz) return AppendValue(out, parsed->local_micros);
        auto utc = TimestampToUtc(*parsed, *ctx.zone);
        if (!utc.ok()) return FailRow(ctx, out, InvalidInput(text, from, to));
        return AppendValue(out, *utc);
      });
}

Result<ArrayPtr> StringToBinary(const ArrayPtr& input) {
  return MapUnary<arrow::StringType, arrow::BinaryType>(
      input, arrow::binary(),
      [](arrow::BinaryBuilder& out, std::string_view text) { return AppendValue(out, text); });
}

// ---------------------------------------------------------------------------------------------
// Numbers

// Numeric source values as one of three shapes, read per row.
struct NumericValue {
  enum class Kind { kIntegral, kFloating, kDecimal } kind;
  int64_t integral = 0;
  double floating = 0;
  Int128 decimal = 0;
};

NumericValue ReadNumeric(const arrow::Array& array, int64_t i, const DataType& type) {
  NumericValue v{NumericValue::Kind::kIntegral};
  switch (type.id()) {
    case TypeId::kBoolean:
      v.integral = static_cast<const arrow::BooleanArray&>(array).Value(i);
      break;
    case TypeId::kByte:
      v.integral = static_cast<const arrow::Int8Array&>(array).Value(i);
      break;
    case TypeId::kShort:
      v.integral = static_cast<const arrow::Int16Array&>(array).Value(i);
      break;
    case TypeId::kInteger:
      v.integral = static_cast<const arrow::Int32Array&>(array).Value(i);
      break;
    case TypeId::kLong:
      v.integral = static_cast<const arrow::Int64Array&>(array).Value(i);
      break;
    case TypeId::kFloat:
      v.kind = NumericValue::Kind::kFloating;
      v.floating = static_cast<const arrow::FloatArray&>(array).Value(i);
      break;
    case TypeId::kDouble:
      v.kind = NumericValue::Kind::kFloating;
      v.floating = static_cast<const arrow::DoubleArray&>(array).Value(i);
      break;
    case TypeId::kDecimal:
      v.kind = NumericValue::Kind::kDecimal;
      v.decimal = ToInt128(
          arrow::Decimal128(static_cast<const arrow::Decimal128Array&>(array).GetValue(i)));
      break;
    default:
      break;
  }
  return v;
}

std::string NumericSql(const NumericValue& v, const DataType& type) {
  switch (type.id()) {
    case TypeId::kByte:
      return NumberSql(static_cast<int8_t>(v.integral));
    case TypeId::kShort:
      return NumberSql(static_cast<int16_t>(v.integral));
    case TypeId::kInteger:
      return NumberSql(static_cast<int32_t>(v.integral));
    case TypeId::kLong:
      return NumberSql(v.integral);
    case TypeId::kFloat:
      return NumberSql(static_cast<float>(v.floating));
    case TypeId::kDouble:
      return NumberSql(v.floating);
    case TypeId::kDecimal:
      return DecimalToString(v.decimal, type.scale()) + "BD";
    default:
      return std::to_string(v.integral);
  }
}

template <typename ArrowT>
Result<ArrayPtr> NumericToIntegral(const ArrayPtr& input, const DataType& from, const DataType& to,
                                   const CastContext& ctx) {
  using T = typename ArrowT::c_type;
  SPK_ASSIGN_OR_RAISE(auto builder, MakeTypedBuilder<ArrowT>(KernelArrowType(to), input->length()));
  constexpr int64_t kMin = std::numeric_limits<T>::min();
  constexpr int64_t kMax = std::numeric_limits<T>::max();
  for (int64_t i = 0; i < input->length(); ++i) {
    if (input->IsNull(i)) {
      SPK_RETURN_NOT_OK(AppendNull(*builder));
      continue;
    }
    NumericValue v = ReadNumeric(*input, i, from);
    int64_t result = 0;
    bool fits = true;
    switch (v.kind) {
      case NumericValue::Kind::kIntegral:
        result = v.integral;
        fits = result >= kMin && result <= kMax;
        if (!fits && ctx.mode == CastMode::kLegacy) {
          result = static_cast<T>(static_cast<std::make_unsigned_t<T>>(v.integral));
          fits = true;
        }
        break;
      case NumericValue::Kind::kFloating: {
        double d = std::trunc(v.floating);
        fits = std::isfinite(d) && d >= static_cast<double>(kMin) &&
               d <= static_cast<double>(kMax) && !(sizeof(T) == 8 && d >= 9.2233720368547758e18);
        if (fits) {
          result = static_cast<int64_t>(d);
        } else if (ctx.mode == CastMode::kLegacy) {
          // Java's (int)/(long) conversion saturates and maps NaN to 0; bytes and shorts
          // then wrap from int.
          int64_t saturated;
          if (std::isnan(v.floating)) {
            saturated = 0;
          } else if (sizeof(T) == 8) {
            saturated = d >= 9.2233720368547758e18
                            ? INT64_MAX
                            : (d <= -9.2233720368547758e18 ? INT64_MIN : static_cast<int64_t>(d));
          } else {
            saturated = d >= 2147483647.0
                            ? INT32_MAX
                            : (d <= -2147483648.0 ? INT32_MIN : static_cast<int64_t>(d));
          }
          result = static_cast<T>(saturated);
          fits = true;
        }
        break;
      }
      case NumericValue::Kind::kDecimal: {
        Int128 truncated = v.decimal / PowerOfTen(from.scale());
        fits = truncated >= kMin && truncated <= kMax;
        if (fits) {
          result = static_cast<int64_t>(truncated);
        } else if (ctx.mode == CastMode::kLegacy) {
          result = static_cast<T>(static_cast<int64_t>(truncated));
          fits = true;
        }
        break;
      }
    }
    if (!fits) {
      SPK_RETURN_NOT_OK(FailRow(ctx, *builder, Overflow(NumericSql(v, from), from, to)));
      continue;
    }
    SPK_RETURN_NOT_OK(AppendValue(*builder, static_cast<T>(result)));
  }
  return FinishBuilder(*builder);
}

template <typename ArrowT>
Result<ArrayPtr> NumericToFloating(const ArrayPtr& input, const DataType& from,
                                   const DataType& to) {
  using T = typename ArrowT::c_type;
  SPK_ASSIGN_OR_RAISE(auto builder, MakeTypedBuilder<ArrowT>(KernelArrowType(to), input->length()));
  for (int64_t i = 0; i < input->length(); ++i) {
    if (input->IsNull(i)) {
      SPK_RETURN_NOT_OK(AppendNull(*builder));
      continue;
    }
    NumericValue v = ReadNumeric(*input, i, from);
    double d = v.kind == NumericValue::Kind::kIntegral   ? static_cast<double>(v.integral)
               : v.kind == NumericValue::Kind::kFloating ? v.floating
                                                         : DecimalToDouble(v.decimal, from.scale());
    if (v.kind == NumericValue::Kind::kIntegral && std::is_same_v<T, float>) {
      SPK_RETURN_NOT_OK(AppendValue(*builder, static_cast<T>(v.integral)));
    } else {
      SPK_RETURN_NOT_OK(AppendValue(*builder, static_cast<T>(d)));
    }
  }
  return FinishBuilder(*builder);
}

Result<ArrayPtr> NumericToDecimal(const ArrayPtr& input, const DataType& from, const DataType& to,
                                  const CastContext& ctx) {
  SPK_ASSIGN_OR_RAISE(
      auto builder, MakeTypedBuilder<arrow::Decimal128Type>(KernelArrowType(to), input->length()));
  const int p = to.precision(), s = to.scale();
  for (int64_t i = 0; i < input->length(); ++i) {
    if (input->IsNull(i)) {
      SPK_RETURN_NOT_OK(AppendNull(*builder));
      continue;
    }
    NumericValue v = ReadNumeric(*input, i, from);
    Int128 result = 0;
    bool fits = false;
    switch (v.kind) {
      case NumericValue::Kind::kIntegral:
        fits = RescaleDecimal(v.integral, 0, s, p, &result);
        break;
      case NumericValue::Kind::kFloating:
        if (!std::isfinite(v.floating)) {
          SPK_RETURN_NOT_OK(FailRow(ctx, *builder, InvalidInput(NumericSql(v, from), from, to)));
          continue;
        }
        fits = DoubleToDecimal(v.floating, p, s, &result);
        break;
      case NumericValue::Kind::kDecimal:
        fits = RescaleDecimal(v.decimal, from.scale(), s, p, &result);
        break;
    }
    if (!fits) {
      std::string shown =
          v.kind == NumericValue::Kind::kDecimal
              ? DecimalToString(v.decimal, from.scale())
              : (v.kind == NumericValue::Kind::kIntegral ? std::to_string(v.integral)
                                                         : JavaDoubleString(v.floating));
      SPK_RETURN_NOT_OK(FailRow(ctx, *builder, DecimalOutOfRange(shown, p, s)));
      continue;
    }
    SPK_RETURN_NOT_OK(AppendValue(*builder, FromInt128(result)));
  }
  return FinishBuilder(*builder);
}

Result<ArrayPtr> NumericToBoolean(const ArrayPtr& input, const DataType& from) {
  arrow::BooleanBuilder builder;
  SPK_RETURN_NOT_OK_ARROW(builder.Reserve(input->length()));
  for (int64_t i = 0; i < input->length(); ++i) {
    if (input->IsNull(i)) {
      builder.UnsafeAppendNull();
      continue;
    }
    NumericValue v = ReadNumeric(*input, i, from);
    bool value = v.kind == NumericValue::Kind::kIntegral   ? v.integral != 0
                 : v.kind == NumericValue::Kind::kFloating ? v.floating != 0
                                                           : v.decimal != 0;
    builder.UnsafeAppend(value);
  }
  return FinishBuilder(builder);
}

// ---------------------------------------------------------------------------------------------
// Dates and timestamps

Result<ArrayPtr> DatetimeCast(const ArrayPtr& input, const DataType& from, const DataType& to,
                              const CastContext& ctx) {
  const TimeZone& zone = *ctx.zone;
  if (to.id() == TypeId::kDate) {
    return MapUnary<arrow::TimestampType, arrow::Date32Type>(
        input, arrow::date32(), [&](arrow::Date32Builder& out, int64_t micros) {
          int64_t local = from.id() == TypeId::kTimestamp ? zone.UtcToLocal(micros) : micros;
          int64_t rest;
          return AppendValue(out, static_cast<int32_t>(FloorDiv(local, kMicrosPerDay, &rest)));
        });
  }
  if (from.id() == TypeId::kDate) {
    return MapUnary<arrow::Date32Type, arrow::TimestampType>(
        input, KernelArrowType(to), [&](arrow::TimestampBuilder& out, int32_t days) {
          int64_t local = static_cast<int64_t>(days) * kMicrosPerDay;
          return AppendValue(out, to.id() == TypeId::kTimestamp ? zone.LocalToUtc(local) : local);
        });
  }
  // timestamp <-> timestamp_ntz
  return MapUnary<arrow::TimestampType, arrow::TimestampType>(
      input, KernelArrowType(to), [&](arrow::TimestampBuilder& out, int64_t micros) {
        return AppendValue(
            out, to.id() == TypeId::kTimestamp ? zone.LocalToUtc(micros) : zone.UtcToLocal(micros));
      });
}

Result<ArrayPtr> TimestampToNumeric(const ArrayPtr& input, const DataType& to,
                                    const CastContext& ctx) {
  // Seconds since the epoch: integral types floor, fractional types keep the fraction.
  arrow::DoubleBuilder seconds_builder;
  arrow::Int64Builder whole_builder;
  for (int64_t i = 0; i < input->length(); ++i) {
    if (input->IsNull(i)) {
      SPK_RETURN_NOT_OK_ARROW(seconds_builder.AppendNull());
      SPK_RETURN_NOT_OK_ARROW(whole_builder.AppendNull());
      continue;
    }
    int64_t micros = static_cast<const arrow::TimestampArray&>(*input).Value(i);
    int64_t rest;
    SPK_RETURN_NOT_OK_ARROW(seconds_builder.Append(static_cast<double>(micros) / kMicrosPerSecond));
    SPK_RETURN_NOT_OK_ARROW(whole_builder.Append(FloorDiv(micros, kMicrosPerSecond, &rest)));
  }
  ArrayPtr seconds, whole;
  SPK_RETURN_NOT_OK_ARROW(seconds_builder.Finish(&seconds));
  SPK_RETURN_NOT_OK_ARROW(whole_builder.Finish(&whole));
  if (to.IsFractional() || to.id() == TypeId::kDecimal) {
    auto cast = CastDatum(arrow::Datum(seconds), *DataType::Double(), to, ctx.mode, *ctx.options);
    if (!cast.ok()) return cast.status();
    return cast->make_array();
  }
  auto cast = CastDatum(arrow::Datum(whole), *DataType::Long(), to, ctx.mode, *ctx.options);
  if (!cast.ok()) return cast.status();
  return cast->make_array();
}

Result<ArrayPtr> NumericToTimestamp(const ArrayPtr& input, const DataType& from, const DataType& to,
                                    const CastContext& ctx) {
  SPK_ASSIGN_OR_RAISE(auto builder,
                      MakeTypedBuilder<arrow::TimestampType>(KernelArrowType(to), input->length()));
  for (int64_t i = 0; i < input->length(); ++i) {
    if (input->IsNull(i)) {
      SPK_RETURN_NOT_OK(AppendNull(*builder));
      continue;
    }
    NumericValue v = ReadNumeric(*input, i, from);
    double seconds = v.kind == NumericValue::Kind::kIntegral ? static_cast<double>(v.integral)
                     : v.kind == NumericValue::Kind::kFloating
                         ? v.floating
                         : DecimalToDouble(v.decimal, from.scale());
    if (v.kind == NumericValue::Kind::kIntegral) {
      int64_t micros;
      if (__builtin_mul_overflow(v.integral, kMicrosPerSecond, &micros)) {
        SPK_RETURN_NOT_OK(FailRow(ctx, *builder, Overflow(NumericSql(v, from), from, to)));
        continue;
      }
      SPK_RETURN_NOT_OK(AppendValue(*builder, micros));
      continue;
    }
    if (!std::isfinite(seconds) || std::fabs(seconds) > 9.2e12) {
      SPK_RETURN_NOT_OK(FailRow(ctx, *builder, Overflow(NumericSql(v, from), from, to)));
      continue;
    }
    SPK_RETURN_NOT_OK(AppendValue(*builder, static_cast<int64_t>(seconds * kMicrosPerSecond)));
  }
  return FinishBuilder(*builder);
}

// ---------------------------------------------------------------------------------------------
// Dispatch

Result<ArrayPtr> CastArray(const ArrayPtr& input, const DataType& from, const DataType& to,
                           const CastContext& ctx);

Result<ArrayPtr> CastNested(const ArrayPtr& input, const DataType& from, const DataType& to,
                            const CastContext& ctx) {
  auto out_type = KernelArrowType(to);
  if (from.id() == TypeId::kArray && to.id() == TypeId::kArray) {
    const auto& list = static_cast<const arrow::ListArray&>(*input);
    SPK_ASSIGN_OR_RAISE(auto values,
                        CastArray(list.values(), *from.element_type(), *to.element_type(), ctx));
    return std::make_shared<arrow::ListArray>(out_type, list.length(), list.value_offsets(), values,
                                              list.null_bitmap(), list.null_count(), list.offset());
  }
  if (from.id() == TypeId::kMap && to.id() == TypeId::kMap) {
    const auto& map = static_cast<const arrow::MapArray&>(*input);
    SPK_ASSIGN_OR_RAISE(auto keys, CastArray(map.keys(), *from.key_type(), *to.key_type(), ctx));
    SPK_ASSIGN_OR_RAISE(auto items,
                        CastArray(map.items(), *from.value_type(), *to.value_type(), ctx));
    return std::make_shared<arrow::MapArray>(out_type, map.length(), map.value_offsets(), keys,
                                             items, map.null_bitmap(), map.null_count(),
                                             map.offset());
  }
  if (from.id() == TypeId::kStruct && to.id() == TypeId::kStruct &&
      from.fields().size() == to.fields().size()) {
    const auto& row = static_cast<const arrow::StructArray&>(*input);
    std::vector<ArrayPtr> children;
    for (size_t f = 0; f < from.fields().size(); ++f) {
      SPK_ASSIGN_OR_RAISE(auto child, CastArray(row.field(static_cast<int>(f)),
                                                *from.fields()[f].type, *to.fields()[f].type, ctx));
      children.push_back(std::move(child));
    }
    return std::make_shared<arrow::StructArray>(out_type, row.length(), children, row.null_bitmap(),
                                                row.null_count(), 0);
  }
  return Status::Error(
      "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
      {{"sqlExpr", "\"CAST\""}, {"srcType", QuotedType(from)}, {"targetType", QuotedType(to)}});
}

Result<ArrayPtr> CastArray(const ArrayPtr& input, const DataType& from, const DataType& to,
                           const CastContext& ctx) {
  if (from.Equals(to) || (from.IsStringLike() && to.IsStringLike())) return input;
  auto out_type = KernelArrowType(to);
  if (from.id() == TypeId::kNull) {
    SPK_ASSIGN_OR_RAISE_ARROW(auto nulls, arrow::MakeArrayOfNull(out_type, input->length()));
    return nulls;
  }
  if (to.IsStringLike()) return CastToString(input, from, ctx);
  if (from.IsStringLike() || from.id() == TypeId::kBinary) {
    SPK_ASSIGN_OR_RAISE(ArrayPtr text, NormalizeArray(input));
    if (text->type_id() == arrow::Type::BINARY) {
      // Binary bytes are read as UTF-8 text (Spark's CAST(binary AS STRING) does the same).
      SPK_ASSIGN_OR_RAISE_ARROW(text, text->View(arrow::utf8()));
    }
    if (from.id() == TypeId::kBinary && !to.IsStringLike()) {
      return Status::NotImplemented("CAST(" + from.Sql() + " AS " + to.Sql() + ")");
    }
    switch (to.id()) {
      case TypeId::kByte:
        return StringToIntegral<arrow::Int8Type>(text, from, to, ctx);
      case TypeId::kShort:
        return StringToIntegral<arrow::Int16Type>(text, from, to, ctx);
      case TypeId::kInteger:
        return StringToIntegral<arrow::Int32Type>(text, from, to, ctx);
      case TypeId::kLong:
        return StringToIntegral<arrow::Int64Type>(text, from, to, ctx);
      case TypeId::kFloat:
        return StringToFloating<arrow::FloatType>(text, from, to, ctx);
      case TypeId::kDouble:
        return StringToFloating<arrow::DoubleType>(text, from, to, ctx);
      case TypeId::kDecimal:
        return StringToDecimal(text, from, to, ctx);
      case TypeId::kBoolean:
        return StringToBoolean(text, from, to, ctx);
      case TypeId::kDate:
        return StringToDate(text, from, to, ctx);
      case TypeId::kTimestamp:
      case TypeId::kTimestampNtz:
        return StringToTimestamp(text, from, to, ctx);
      case TypeId::kBinary:
        return StringToBinary(text);
      default:
        break;
    }
  }
  bool numeric_source = from.IsNumeric() || from.id() == TypeId::kBoolean;
  if (numeric_source) {
    switch (to.id()) {
      case TypeId::kByte:
        return NumericToIntegral<arrow::Int8Type>(input, from, to, ctx);
      case TypeId::kShort:
        return NumericToIntegral<arrow::Int16Type>(input, from, to, ctx);
      case TypeId::kInteger:
        return NumericToIntegral<arrow::Int32Type>(input, from, to, ctx);
      case TypeId::kLong:
        return NumericToIntegral<arrow::Int64Type>(input, from, to, ctx);
      case TypeId::kFloat:
        return NumericToFloating<arrow::FloatType>(input, from, to);
      case TypeId::kDouble:
        return NumericToFloating<arrow::DoubleType>(input, from, to);
      case TypeId::kDecimal:
        return NumericToDecimal(input, from, to, ctx);
      case TypeId::kBoolean:
        return NumericToBoolean(input, from);
      case TypeId::kTimestamp:
        return NumericToTimestamp(input, from, to, ctx);
      default:
        break;
    }
  }
  if (from.IsDatetime() && to.IsDatetime()) return DatetimeCast(input, from, to, ctx);
  if (from.id() == TypeId::kTimestamp && (to.IsNumeric()))
    return TimestampToNumeric(input, to, ctx);
  if (from.IsNested() && to.IsNested()) return CastNested(input, from, to, ctx);
  return Status::Error(
      "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
      {{"sqlExpr", "\"CAST\""}, {"srcType", QuotedType(from)}, {"targetType", QuotedType(to)}});
}

}  // namespace

Result<arrow::Datum> CastDatum(const arrow::Datum& value, const DataType& from, const DataType& to,
                               CastMode mode, const EvalOptions& options) {
  if (from.Equals(to)) return value;
  CastContext ctx{mode, &options, nullptr};
  if (mode == CastMode::kDefault) ctx.mode = options.ansi ? CastMode::kAnsi : CastMode::kLegacy;
  SPK_ASSIGN_OR_RAISE(ctx.zone, TimeZone::Find(options.session_time_zone));
  if (value.is_scalar()) {
    SPK_ASSIGN_OR_RAISE_ARROW(auto array, arrow::MakeArrayFromScalar(*value.scalar(), 1));
    SPK_ASSIGN_OR_RAISE(auto result, CastArray(array, from, to, ctx));
    SPK_ASSIGN_OR_RAISE_ARROW(auto scalar, result->GetScalar(0));
    return arrow::Datum(std::move(scalar));
  }
  SPK_ASSIGN_OR_RAISE(auto input, DatumToArray(value, 0));
  SPK_ASSIGN_OR_RAISE(auto result, CastArray(input, from, to, ctx));
  return arrow::Datum(std::move(result));
}

// ---------------------------------------------------------------------------------------------
// Cast-like functions: int(x), string(x), ...

namespace {

template <DataTypePtr (*kTarget)()>
Result<ExprPtr> BindTypeFunction(CallBinding& call) {
  auto cast = std::make_shared<Cast>();
  cast->children = {call.args[0]};
  cast->target = kTarget();
  cast->type = cast->target;
  cast->mode = CastMode::kDefault;
  cast->user_specified = true;
  cast->nullable = true;
  if (!CanCast(call.arg_type(0), *cast->target, call.ansi())) {
    return Status::Error("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
                         {{"sqlExpr", QuotedSql(call.name + "(" + call.args[0]->ToSql() + ")")},
                          {"srcType", QuotedType(call.arg_type(0))},
                          {"targetType", QuotedType(*cast->target)}});
  }
  return ExprPtr(cast);
}

DataTypePtr DefaultDecimal() { return DataType::Decimal(10, 0); }

}  // namespace

const std::vector<FunctionDefinition>& CastFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"boolean", 1, 1, false, &BindTypeFunction<&DataType::Boolean>, "Cast", "boolean(expr)"},
      {"tinyint", 1, 1, false, &BindTypeFunction<&DataType::Byte>, "Cast", "tinyint(expr)"},
      {"smallint", 1, 1, false, &BindTypeFunction<&DataType::Short>, "Cast", "smallint(expr)"},
      {"int", 1, 1, false, &BindTypeFunction<&DataType::Integer>, "Cast", "int(expr)"},
      {"bigint", 1, 1, false, &BindTypeFunction<&DataType::Long>, "Cast", "bigint(expr)"},
      {"float", 1, 1, false, &BindTypeFunction<&DataType::Float>, "Cast", "float(expr)"},
      {"double", 1, 1, false, &BindTypeFunction<&DataType::Double>, "Cast", "double(expr)"},
      {"decimal", 1, 1, false, &BindTypeFunction<&DefaultDecimal>, "Cast", "decimal(expr)"},
      {"string", 1, 1, false, &BindTypeFunction<&DataType::String>, "Cast", "string(expr)"},
      {"binary", 1, 1, false, &BindTypeFunction<&DataType::Binary>, "Cast", "binary(expr)"},
      {"date", 1, 1, false, &BindTypeFunction<&DataType::Date>, "Cast", "date(expr)"},
      {"timestamp", 1, 1, false, &BindTypeFunction<&DataType::Timestamp>, "Cast",
       "timestamp(expr)"},
  };
  return kFunctions;
}

}  // namespace sparkling
