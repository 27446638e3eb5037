#include "iceberg/partition_transform.h"

#include <arrow/api.h>
#include <arrow/util/decimal.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "iceberg/single_value.h"

namespace sparkling::iceberg {
namespace {

using Kind = Transform::Kind;

constexpr int64_t kMicrosPerHour = int64_t{3600} * 1000000;
constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;

int64_t FloorDivide(int64_t value, int64_t divisor) {
  int64_t quotient = value / divisor;
  return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
}

int64_t FloorModulo(int64_t value, int64_t divisor) {
  return value - FloorDivide(value, divisor) * divisor;
}

struct CivilDate {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

// Days since 1970-01-01 to the proleptic Gregorian date (era arithmetic: 400-year cycles).
CivilDate CivilFromDays(int64_t days) {
  int64_t shifted = days + 719468;  // days from 0000-03-01
  int64_t era = FloorDivide(shifted, 146097);
  int64_t day_of_era = shifted - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t month_from_march = (5 * day_of_year + 2) / 153;
  int day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  int month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

int32_t YearsSinceEpoch(int64_t days) {
  return static_cast<int32_t>(CivilFromDays(days).year - 1970);
}

int32_t MonthsSinceEpoch(int64_t days) {
  CivilDate date = CivilFromDays(days);
  return static_cast<int32_t>((date.year - 1970) * 12 + (date.month - 1));
}

bool IsTimestampType(const std::string& name) { return name.rfind("timestamp", 0) == 0; }

bool IsIntegerId(arrow::Type::type id) {
  return id == arrow::Type::INT8 || id == arrow::Type::INT16 || id == arrow::Type::INT32 ||
         id == arrow::Type::INT64;
}

bool IsStringId(arrow::Type::type id) {
  return id == arrow::Type::STRING || id == arrow::Type::LARGE_STRING ||
         id == arrow::Type::STRING_VIEW;
}

bool IsBinaryId(arrow::Type::type id) {
  return id == arrow::Type::BINARY || id == arrow::Type::LARGE_BINARY ||
         id == arrow::Type::BINARY_VIEW;
}

arrow::TimeUnit::type UnitOf(const arrow::DataType& type) {
  if (type.id() == arrow::Type::TIMESTAMP) {
    return static_cast<const arrow::TimestampType&>(type).unit();
  }
  if (type.id() == arrow::Type::TIME64) return static_cast<const arrow::Time64Type&>(type).unit();
  if (type.id() == arrow::Type::TIME32) return static_cast<const arrow::Time32Type&>(type).unit();
  return arrow::TimeUnit::MICRO;
}

// Microseconds from a value in `unit` (nanoseconds floor-divide, as Java's DateTimeUtil does).
int64_t ToMicros(int64_t value, arrow::TimeUnit::type unit) {
  switch (unit) {
    case arrow::TimeUnit::SECOND:
      return value * 1000000;
    case arrow::TimeUnit::MILLI:
      return value * 1000;
    case arrow::TimeUnit::MICRO:
      return value;
    case arrow::TimeUnit::NANO:
      return FloorDivide(value, 1000);
  }
  return value;
}

// The values of an integral, date, time or timestamp array as int64 (times and timestamps in
// microseconds); null slots hold 0.
Result<std::vector<int64_t>> IntegralValues(const arrow::Array& array) {
  std::vector<int64_t> out(array.length(), 0);
  auto copy = [&](const auto& typed, auto convert) {
    for (int64_t i = 0; i < array.length(); ++i) {
      if (typed.IsValid(i)) out[i] = convert(static_cast<int64_t>(typed.Value(i)));
    }
  };
  auto same = [](int64_t v) { return v; };
  arrow::TimeUnit::type unit = UnitOf(*array.type());
  auto micros = [unit](int64_t v) { return ToMicros(v, unit); };
  switch (array.type_id()) {
    case arrow::Type::INT8:
      copy(static_cast<const arrow::Int8Array&>(array), same);
      break;
    case arrow::Type::INT16:
      copy(static_cast<const arrow::Int16Array&>(array), same);
      break;
    case arrow::Type::INT32:
      copy(static_cast<const arrow::Int32Array&>(array), same);
      break;
    case arrow::Type::INT64:
      copy(static_cast<const arrow::Int64Array&>(array), same);
      break;
    case arrow::Type::DATE32:
      copy(static_cast<const arrow::Date32Array&>(array), same);
      break;
    case arrow::Type::TIME32:
      copy(static_cast<const arrow::Time32Array&>(array), micros);
      break;
    case arrow::Type::TIME64:
      copy(static_cast<const arrow::Time64Array&>(array), micros);
      break;
    case arrow::Type::TIMESTAMP:
      copy(static_cast<const arrow::TimestampArray&>(array), micros);
      break;
    default:
      return Status::Internal("not an integral array: " + array.type()->ToString());
  }
  return out;
}

std::string_view BinaryAt(const arrow::Array& array, int64_t i) {
  switch (array.type_id()) {
    case arrow::Type::STRING:
      return static_cast<const arrow::StringArray&>(array).GetView(i);
    case arrow::Type::LARGE_STRING:
      return static_cast<const arrow::LargeStringArray&>(array).GetView(i);
    case arrow::Type::STRING_VIEW:
      return static_cast<const arrow::StringViewArray&>(array).GetView(i);
    case arrow::Type::BINARY:
      return static_cast<const arrow::BinaryArray&>(array).GetView(i);
    case arrow::Type::LARGE_BINARY:
      return static_cast<const arrow::LargeBinaryArray&>(array).GetView(i);
    case arrow::Type::BINARY_VIEW:
      return static_cast<const arrow::BinaryViewArray&>(array).GetView(i);
    case arrow::Type::FIXED_SIZE_BINARY:
      return static_cast<const arrow::FixedSizeBinaryArray&>(array).GetView(i);
    default:
      return {};
  }
}

__int128 ToInt128(const arrow::Decimal128& value) {
  return (static_cast<__int128>(value.high_bits()) << 64) | value.low_bits();
}

arrow::Decimal128 FromInt128(__int128 value) {
  return arrow::Decimal128(static_cast<int64_t>(value >> 64),
                           static_cast<uint64_t>(static_cast<unsigned __int128>(value)));
}

arrow::Decimal128 DecimalAt(const arrow::Array& array, int64_t i) {
  return arrow::Decimal128(static_cast<const arrow::Decimal128Array&>(array).GetValue(i));
}

std::string LongBytes(int64_t value) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(static_cast<uint64_t>(value) >> (8 * i));
  return out;
}

Status Unsupported(const Transform& transform, const arrow::DataType& type) {
  return Status::NotImplemented("partition transform " + transform.ToString() + " on Arrow type " +
                                type.ToString());
}

Status UnsupportedSource(const Transform& transform, const IcebergType& source) {
  std::string type_name = source.is_primitive() ? source.primitive : "a nested type";
  return Status::NotImplemented("partition transform " + transform.ToString() + " on " + type_name);
}

// Engine types that have no Iceberg type of their own map to the Iceberg form: byte and
// short columns hold Iceberg ints, large strings hold strings.
std::shared_ptr<arrow::DataType> NormalizedType(const std::shared_ptr<arrow::DataType>& type) {
  switch (type->id()) {
    case arrow::Type::INT8:
    case arrow::Type::INT16:
      return arrow::int32();
    case arrow::Type::LARGE_STRING:
    case arrow::Type::STRING_VIEW:
      return arrow::utf8();
    case arrow::Type::LARGE_BINARY:
    case arrow::Type::BINARY_VIEW:
      return arrow::binary();
    default:
      return type;
  }
}

template <typename Builder, typename ValueAt>
Result<std::shared_ptr<arrow::Array>> BuildArray(const arrow::Array& input,
                                                 std::shared_ptr<arrow::DataType> type,
                                                 ValueAt value_at) {
  Builder builder(std::move(type), arrow::default_memory_pool());
  SPK_RETURN_NOT_OK_ARROW(builder.Reserve(input.length()));
  for (int64_t i = 0; i < input.length(); ++i) {
    if (input.IsNull(i)) {
      SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
    } else {
      SPK_RETURN_NOT_OK_ARROW(builder.Append(value_at(i)));
    }
  }
  std::shared_ptr<arrow::Array> out;
  SPK_RETURN_NOT_OK_ARROW(builder.Finish(&out));
  return out;
}

Result<std::shared_ptr<arrow::Array>> Int32FromDays(const arrow::Array& input,
                                                    const std::vector<int64_t>& values,
                                                    int32_t (*convert)(int64_t)) {
  return BuildArray<arrow::Int32Builder>(input, arrow::int32(),
                                         [&](int64_t i) { return convert(values[i]); });
}

Result<std::shared_ptr<arrow::Array>> ApplyIdentity(const std::shared_ptr<arrow::Array>& values) {
  auto type = NormalizedType(values->type());
  if (type == values->type()) return values;
  if (type->id() == arrow::Type::INT32) {
    SPK_ASSIGN_OR_RAISE(auto integral, IntegralValues(*values));
    return BuildArray<arrow::Int32Builder>(
        *values, type, [&](int64_t i) { return static_cast<int32_t>(integral[i]); });
  }
  if (type->id() == arrow::Type::STRING) {
    return BuildArray<arrow::StringBuilder>(*values, type,
                                            [&](int64_t i) { return BinaryAt(*values, i); });
  }
  return BuildArray<arrow::BinaryBuilder>(*values, type,
                                          [&](int64_t i) { return BinaryAt(*values, i); });
}

Result<std::shared_ptr<arrow::Array>> ApplyBucket(const Transform& transform,
                                                  const arrow::Array& values) {
  if (transform.param <= 0) return Unsupported(transform, *values.type());
  const int32_t buckets = transform.param;
  auto bucket_of = [buckets](std::string_view bytes) {
    return static_cast<int32_t>((Murmur3Hash32(bytes) & 0x7fffffff) % buckets);
  };
  arrow::Type::type id = values.type_id();
  if (IsIntegerId(id) || id == arrow::Type::DATE32 || id == arrow::Type::TIME32 ||
      id == arrow::Type::TIME64 || id == arrow::Type::TIMESTAMP) {
    // ints, dates and times hash as 8-byte longs so that int → long promotion keeps buckets.
    SPK_ASSIGN_OR_RAISE(auto integral, IntegralValues(values));
    return BuildArray<arrow::Int32Builder>(
        values, arrow::int32(), [&](int64_t i) { return bucket_of(LongBytes(integral[i])); });
  }
  if (IsStringId(id) || IsBinaryId(id) || id == arrow::Type::FIXED_SIZE_BINARY) {
    return BuildArray<arrow::Int32Builder>(
        values, arrow::int32(), [&](int64_t i) { return bucket_of(BinaryAt(values, i)); });
  }
  if (id == arrow::Type::DECIMAL128) {
    return BuildArray<arrow::Int32Builder>(values, arrow::int32(), [&](int64_t i) {
      return bucket_of(DecimalToMinimalBytes(DecimalAt(values, i)));
    });
  }
  return Unsupported(transform, *values.type());
}

// The first `width` code points of UTF-8 text.
std::string_view TruncateUtf8(std::string_view text, int width) {
  int code_points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<uint8_t>(text[i]) & 0xc0) != 0x80) {
      if (code_points == width) return text.substr(0, i);
      ++code_points;
    }
  }
  return text;
}

Result<std::shared_ptr<arrow::Array>> ApplyTruncate(const Transform& transform,
                                                    const std::shared_ptr<arrow::Array>& values) {
  if (transform.param <= 0) return Unsupported(transform, *values->type());
  const int64_t width = transform.param;
  arrow::Type::type id = values->type_id();
  if (id == arrow::Type::INT8 || id == arrow::Type::INT16 || id == arrow::Type::INT32) {
    SPK_ASSIGN_OR_RAISE(auto integral, IntegralValues(*values));
    return BuildArray<arrow::Int32Builder>(*values, arrow::int32(), [&](int64_t i) {
      int64_t v = integral[i];
      // Java int arithmetic: the result wraps near INT_MIN.
      return static_cast<int32_t>(v - (((v % width) + width) % width));
    });
  }
  if (id == arrow::Type::INT64) {
    SPK_ASSIGN_OR_RAISE(auto integral, IntegralValues(*values));
    return BuildArray<arrow::Int64Builder>(*values, arrow::int64(), [&](int64_t i) {
      int64_t v = integral[i];
      uint64_t remainder = static_cast<uint64_t>(((v % width) + width) % width);
      return static_cast<int64_t>(static_cast<uint64_t>(v) - remainder);
    });
  }
  if (id == arrow::Type::DECIMAL128) {
    return BuildArray<arrow::Decimal128Builder>(*values, values->type(), [&](int64_t i) {
      __int128 v = ToInt128(DecimalAt(*values, i));
      __int128 w = width;
      return FromInt128(v - (((v % w) + w) % w));
    });
  }
  if (IsStringId(id)) {
    return BuildArray<arrow::StringBuilder>(*values, arrow::utf8(), [&](int64_t i) {
      return TruncateUtf8(BinaryAt(*values, i), transform.param);
    });
  }
  if (IsBinaryId(id)) {
    return BuildArray<arrow::BinaryBuilder>(*values, arrow::binary(), [&](int64_t i) {
      std::string_view bytes = BinaryAt(*values, i);
      return bytes.substr(0, std::min<size_t>(bytes.size(), static_cast<size_t>(width)));
    });
  }
  return Unsupported(transform, *values->type());
}

Result<std::shared_ptr<arrow::Array>> ApplyTime(const Transform& transform,
                                                const arrow::Array& values) {
  arrow::Type::type id = values.type_id();
  bool is_date = id == arrow::Type::DATE32;
  if (!is_date && id != arrow::Type::TIMESTAMP) return Unsupported(transform, *values.type());
  if (is_date && transform.kind == Kind::kHour) return Unsupported(transform, *values.type());
  SPK_ASSIGN_OR_RAISE(auto integral, IntegralValues(values));
  if (!is_date) {
    if (transform.kind == Kind::kHour) {
      return BuildArray<arrow::Int32Builder>(values, arrow::int32(), [&](int64_t i) {
        return static_cast<int32_t>(FloorDivide(integral[i], kMicrosPerHour));
      });
    }
    for (auto& value : integral) value = FloorDivide(value, kMicrosPerDay);
  }
  switch (transform.kind) {
    case Kind::kYear:
      return Int32FromDays(values, integral, YearsSinceEpoch);
    case Kind::kMonth:
      return Int32FromDays(values, integral, MonthsSinceEpoch);
    default:
      return BuildArray<arrow::Date32Builder>(
          values, arrow::date32(), [&](int64_t i) { return static_cast<int32_t>(integral[i]); });
  }
}

uint32_t RotateLeft(uint32_t value, int bits) { return (value << bits) | (value >> (32 - bits)); }

std::string TwoDigits(int64_t value) {
  char buffer[8];
  std::snprintf(buffer, sizeof(buffer), "%02d", static_cast<int>(value));
  return buffer;
}

std::string YearText(int64_t year) {
  char buffer[24];
  std::snprintf(buffer, sizeof(buffer), "%04lld", static_cast<long long>(year));
  return buffer;
}

std::string DateText(int64_t days) {
  CivilDate date = CivilFromDays(days);
  return YearText(date.year) + "-" + TwoDigits(date.month) + "-" + TwoDigits(date.day);
}

// Java's LocalTime.toString: HH:mm, then :ss and a fraction of 3 or 6 digits when nonzero.
std::string TimeOfDayText(int64_t micros_of_day) {
  int64_t seconds = micros_of_day / 1000000;
  int64_t fraction = micros_of_day % 1000000;
  std::string out = TwoDigits(seconds / 3600) + ":" + TwoDigits(seconds / 60 % 60);
  if (seconds % 60 != 0 || fraction != 0) out += ":" + TwoDigits(seconds % 60);
  if (fraction != 0) {
    char buffer[16];
    if (fraction % 1000 == 0) {
      std::snprintf(buffer, sizeof(buffer), ".%03lld", static_cast<long long>(fraction / 1000));
    } else {
      std::snprintf(buffer, sizeof(buffer), ".%06lld", static_cast<long long>(fraction));
    }
    out += buffer;
  }
  return out;
}

// Java's Float.toString / Double.toString: plain between 1e-3 and 1e7, else d.dddE±n.
template <typename Float>
std::string JavaFloatText(Float value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  char buffer[64];
  Float magnitude = std::fabs(value);
  if (magnitude >= Float(1e-3) && magnitude < Float(1e7)) {
    auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed);
    std::string out(buffer, result.ptr);
    if (out.find('.') == std::string::npos) out += ".0";
    return out;
  }
  auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string text(buffer, result.ptr);  // 1.5e+10
  size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  int exponent = std::stoi(text.substr(e + 1));
  return mantissa + "E" + std::to_string(exponent);
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(n >> shift) & 63]);
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::string UuidText(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[static_cast<uint8_t>(bytes[i]) >> 4]);
    out.push_back(kHex[static_cast<uint8_t>(bytes[i]) & 15]);
  }
  return out;
}

// The value as Java's Transform.toHumanString prints an identity value.
std::string HumanValue(const arrow::Scalar& value) {
  const arrow::DataType& type = *value.type;
  switch (type.id()) {
    case arrow::Type::BOOL:
      return static_cast<const arrow::BooleanScalar&>(value).value ? "true" : "false";
    case arrow::Type::INT8:
      return std::to_string(static_cast<const arrow::Int8Scalar&>(value).value);
    case arrow::Type::INT16:
      return std::to_string(static_cast<const arrow::Int16Scalar&>(value).value);
    case arrow::Type::INT32:
      return std::to_string(static_cast<const arrow::Int32Scalar&>(value).value);
    case arrow::Type::INT64:
      return std::to_string(static_cast<const arrow::Int64Scalar&>(value).value);
    case arrow::Type::FLOAT:
      return JavaFloatText(static_cast<const arrow::FloatScalar&>(value).value);
    case arrow::Type::DOUBLE:
      return JavaFloatText(static_cast<const arrow::DoubleScalar&>(value).value);
    case arrow::Type::DATE32:
      return DateText(static_cast<const arrow::Date32Scalar&>(value).value);
    case arrow::Type::TIME64:
    case arrow::Type::TIME32: {
      int64_t micros = value.type->id() == arrow::Type::TIME64
                           ? static_cast<const arrow::Time64Scalar&>(value).value
                           : static_cast<const arrow::Time32Scalar&>(value).value;
      return TimeOfDayText(ToMicros(micros, UnitOf(type)));
    }
    case arrow::Type::TIMESTAMP: {
      const auto& timestamp_type = static_cast<const arrow::TimestampType&>(type);
      int64_t micros =
          ToMicros(static_cast<const arrow::TimestampScalar&>(value).value, timestamp_type.unit());
      int64_t days = FloorDivide(micros, kMicrosPerDay);
      std::string out = DateText(days) + "T" + TimeOfDayText(FloorModulo(micros, kMicrosPerDay));
      if (!timestamp_type.timezone().empty()) out += "Z";
      return out;
    }
    case arrow::Type::DECIMAL128: {
      const auto& decimal_type = static_cast<const arrow::Decimal128Type&>(type);
      return static_cast<const arrow::Decimal128Scalar&>(value).value.ToString(
          decimal_type.scale());
    }
    case arrow::Type::FIXED_SIZE_BINARY: {
      std::string_view bytes = static_cast<const arrow::FixedSizeBinaryScalar&>(value).view();
      // Iceberg's uuid is the 16-byte fixed type the engine meets; other fixed types are rare.
      return bytes.size() == 16 ? UuidText(bytes) : Base64(bytes);
    }
    default:
      break;
  }
  if (IsStringId(type.id())) {
    return std::string(static_cast<const arrow::BaseBinaryScalar&>(value).view());
  }
  if (IsBinaryId(type.id()))
    return Base64(static_cast<const arrow::BaseBinaryScalar&>(value).view());
  return value.ToString();
}

std::optional<int64_t> IntegralScalar(const arrow::Scalar& value) {
  switch (value.type->id()) {
    case arrow::Type::INT32:
      return static_cast<const arrow::Int32Scalar&>(value).value;
    case arrow::Type::INT64:
      return static_cast<const arrow::Int64Scalar&>(value).value;
    case arrow::Type::DATE32:
      return static_cast<const arrow::Date32Scalar&>(value).value;
    default:
      return std::nullopt;
  }
}

}  // namespace

std::string Transform::ToString() const {
  switch (kind) {
    case Kind::kIdentity:
      return "identity";
    case Kind::kBucket:
      return "bucket[" + std::to_string(param) + "]";
    case Kind::kTruncate:
      return "truncate[" + std::to_string(param) + "]";
    case Kind::kYear:
      return "year";
    case Kind::kMonth:
      return "month";
    case Kind::kDay:
      return "day";
    case Kind::kHour:
      return "hour";
    case Kind::kVoid:
      return "void";
    case Kind::kUnknown:
      return text;
  }
  return text;
}

bool Transform::PreservesOrder() const {
  switch (kind) {
    case Kind::kIdentity:
    case Kind::kTruncate:
    case Kind::kYear:
    case Kind::kMonth:
    case Kind::kDay:
    case Kind::kHour:
      return true;
    default:
      return false;
  }
}

Transform ParseTransform(std::string_view text) {
  Transform transform;
  transform.text = std::string(text);
  static const std::pair<std::string_view, Kind> kPlain[] = {
      {"identity", Kind::kIdentity}, {"year", Kind::kYear}, {"month", Kind::kMonth},
      {"day", Kind::kDay},           {"hour", Kind::kHour}, {"void", Kind::kVoid}};
  for (const auto& [name, kind] : kPlain) {
    if (text == name) {
      transform.kind = kind;
      return transform;
    }
  }
  for (const auto& [prefix, kind] : {std::pair<std::string_view, Kind>{"bucket[", Kind::kBucket},
                                     {"truncate[", Kind::kTruncate}}) {
    if (text.size() > prefix.size() + 1 && text.substr(0, prefix.size()) == prefix &&
        text.back() == ']') {
      std::string_view digits = text.substr(prefix.size(), text.size() - prefix.size() - 1);
      int param = 0;
      auto result = std::from_chars(digits.data(), digits.data() + digits.size(), param);
      if (result.ec == std::errc() && result.ptr == digits.data() + digits.size() && param > 0) {
        transform.kind = kind;
        transform.param = param;
        return transform;
      }
    }
  }
  transform.kind = Kind::kUnknown;
  return transform;
}

Result<IcebergTypePtr> TransformResultType(const Transform& transform, const IcebergType& source) {
  if (!source.is_primitive()) return UnsupportedSource(transform, source);
  const std::string& name = source.primitive;
  auto source_copy = [&]() { return IcebergType::Primitive(name); };
  bool is_time_like = name == "date" || IsTimestampType(name);
  switch (transform.kind) {
    case Kind::kIdentity:
      if (name == "variant" || name == "unknown" || name == "geometry" || name == "geography") {
        return UnsupportedSource(transform, source);
      }
      return source_copy();
    case Kind::kVoid:
      return source_copy();
    case Kind::kBucket:
      if (name == "int" || name == "long" || name == "date" || name == "time" ||
          IsTimestampType(name) || name == "string" || name == "uuid" || name == "binary" ||
          name.rfind("fixed[", 0) == 0 || name.rfind("decimal(", 0) == 0) {
        return IcebergType::Primitive("int");
      }
      return UnsupportedSource(transform, source);
    case Kind::kTruncate:
      if (name == "int" || name == "long" || name == "string" || name == "binary" ||
          name.rfind("decimal(", 0) == 0) {
        return source_copy();
      }
      return UnsupportedSource(transform, source);
    case Kind::kYear:
    case Kind::kMonth:
      if (is_time_like) return IcebergType::Primitive("int");
      return UnsupportedSource(transform, source);
    case Kind::kDay:
      if (is_time_like) return IcebergType::Primitive("date");
      return UnsupportedSource(transform, source);
    case Kind::kHour:
      if (IsTimestampType(name)) return IcebergType::Primitive("int");
      return UnsupportedSource(transform, source);
    case Kind::kUnknown:
      break;
  }
  return Status::NotImplemented("partition transform " + transform.text);
}

std::shared_ptr<arrow::DataType> PartitionArrowType(const IcebergType& result_type) {
  // One mapping for data files and partition tuples: ToArrowSchema's.
  NestedField field;
  field.id = 1;
  field.name = "value";
  field.type = std::make_shared<IcebergType>(result_type);
  IcebergSchema schema;
  schema.fields.push_back(std::move(field));
  return ToArrowSchema(schema)->field(0)->type();
}

Result<std::shared_ptr<arrow::Array>> ApplyTransform(const Transform& transform,
                                                     const std::shared_ptr<arrow::Array>& values) {
  switch (transform.kind) {
    case Kind::kIdentity:
      return ApplyIdentity(values);
    case Kind::kVoid: {
      SPK_ASSIGN_OR_RAISE_ARROW(
          auto nulls, arrow::MakeArrayOfNull(NormalizedType(values->type()), values->length()));
      return nulls;
    }
    case Kind::kBucket:
      return ApplyBucket(transform, *values);
    case Kind::kTruncate:
      return ApplyTruncate(transform, values);
    case Kind::kYear:
    case Kind::kMonth:
    case Kind::kDay:
    case Kind::kHour:
      return ApplyTime(transform, *values);
    case Kind::kUnknown:
      break;
  }
  return Status::NotImplemented("partition transform " + transform.text);
}

int32_t Murmur3Hash32(std::string_view bytes) {
  constexpr uint32_t kC1 = 0xcc9e2d51;
  constexpr uint32_t kC2 = 0x1b873593;
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const size_t length = bytes.size();
  uint32_t hash = 0;  // seed 0
  size_t i = 0;
  for (; i + 4 <= length; i += 4) {
    uint32_t k = static_cast<uint32_t>(data[i]) | (static_cast<uint32_t>(data[i + 1]) << 8) |
                 (static_cast<uint32_t>(data[i + 2]) << 16) |
                 (static_cast<uint32_t>(data[i + 3]) << 24);
    k *= kC1;
    k = RotateLeft(k, 15);
    k *= kC2;
    hash ^= k;
    hash = RotateLeft(hash, 13);
    hash = hash * 5 + 0xe6546b64;
  }
  uint32_t tail = 0;
  switch (length - i) {
    case 3:
      tail ^= static_cast<uint32_t>(data[i + 2]) << 16;
      [[fallthrough]];
    case 2:
      tail ^= static_cast<uint32_t>(data[i + 1]) << 8;
      [[fallthrough]];
    case 1:
      tail ^= data[i];
      tail *= kC1;
      tail = RotateLeft(tail, 15);
      tail *= kC2;
      hash ^= tail;
  }
  hash ^= static_cast<uint32_t>(length);
  hash ^= hash >> 16;
  hash *= 0x85ebca6b;
  hash ^= hash >> 13;
  hash *= 0xc2b2ae35;
  hash ^= hash >> 16;
  return static_cast<int32_t>(hash);
}

std::string PartitionValueToString(const Transform& transform, const arrow::Scalar& value) {
  if (!value.is_valid) return "null";
  std::optional<int64_t> integral = IntegralScalar(value);
  switch (transform.kind) {
    case Kind::kYear:
      if (integral) return YearText(1970 + *integral);
      break;
    case Kind::kMonth:
      if (integral) {
        return YearText(1970 + FloorDivide(*integral, 12)) + "-" +
               TwoDigits(FloorModulo(*integral, 12) + 1);
      }
      break;
    case Kind::kDay:
      if (integral) return DateText(*integral);
      break;
    case Kind::kHour:
      if (integral) {
        return DateText(FloorDivide(*integral, 24)) + "-" + TwoDigits(FloorModulo(*integral, 24));
      }
      break;
    default:
      break;
  }
  return HumanValue(value);
}

}  // namespace sparkling::iceberg
