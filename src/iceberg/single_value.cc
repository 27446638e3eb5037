#include "iceberg/single_value.h"

#include <arrow/api.h>
#include <arrow/util/decimal.h>

#include <bit>
#include <cstring>

#include "iceberg/iceberg_catalog.h"

namespace sparkling::iceberg {
namespace {

static_assert(std::endian::native == std::endian::little, "single values are little-endian");

Status Invalid(const std::string& what) { return CatalogError("ICEBERG_VALIDATION", what); }

Status CannotEncode(const arrow::Scalar& value, const IcebergType& type) {
  return Invalid("Cannot encode a value of Arrow type " + value.type->ToString() + " as Iceberg " +
                 type.primitive);
}

template <typename T>
std::string LittleEndianBytes(T value) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &value, sizeof(T));
  return out;
}

template <typename T>
T FromLittleEndian(const std::string& bytes) {
  T value;
  std::memcpy(&value, bytes.data(), sizeof(T));
  return value;
}

int64_t FloorDivide(int64_t value, int64_t divisor) {
  int64_t quotient = value / divisor;
  return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
}

// Converts a time or timestamp value of `unit` to `target` (micro or nano).
int64_t ConvertUnit(int64_t value, arrow::TimeUnit::type unit, arrow::TimeUnit::type target) {
  auto per_second = [](arrow::TimeUnit::type u) -> int64_t {
    switch (u) {
      case arrow::TimeUnit::SECOND:
        return 1;
      case arrow::TimeUnit::MILLI:
        return 1000;
      case arrow::TimeUnit::MICRO:
        return 1000000;
      case arrow::TimeUnit::NANO:
        return 1000000000;
    }
    return 1;
  };
  int64_t from = per_second(unit);
  int64_t to = per_second(target);
  return from <= to ? value * (to / from) : FloorDivide(value, from / to);
}

// The value of an integral, date, time or timestamp scalar (times and timestamps converted
// to `unit`); nullopt for other types.
std::optional<int64_t> IntegralValue(const arrow::Scalar& value,
                                     arrow::TimeUnit::type unit = arrow::TimeUnit::MICRO) {
  switch (value.type->id()) {
    case arrow::Type::INT8:
      return static_cast<const arrow::Int8Scalar&>(value).value;
    case arrow::Type::INT16:
      return static_cast<const arrow::Int16Scalar&>(value).value;
    case arrow::Type::INT32:
      return static_cast<const arrow::Int32Scalar&>(value).value;
    case arrow::Type::INT64:
      return static_cast<const arrow::Int64Scalar&>(value).value;
    case arrow::Type::UINT8:
      return static_cast<const arrow::UInt8Scalar&>(value).value;
    case arrow::Type::UINT16:
      return static_cast<const arrow::UInt16Scalar&>(value).value;
    case arrow::Type::UINT32:
      return static_cast<const arrow::UInt32Scalar&>(value).value;
    case arrow::Type::DATE32:
      return static_cast<const arrow::Date32Scalar&>(value).value;
    case arrow::Type::DATE64:
      return FloorDivide(static_cast<const arrow::Date64Scalar&>(value).value, 86400000);
    case arrow::Type::TIME32: {
      const auto& time = static_cast<const arrow::Time32Scalar&>(value);
      auto time_unit = static_cast<const arrow::Time32Type&>(*value.type).unit();
      return ConvertUnit(time.value, time_unit, unit);
    }
    case arrow::Type::TIME64: {
      const auto& time = static_cast<const arrow::Time64Scalar&>(value);
      auto time_unit = static_cast<const arrow::Time64Type&>(*value.type).unit();
      return ConvertUnit(time.value, time_unit, unit);
    }
    case arrow::Type::TIMESTAMP: {
      const auto& timestamp = static_cast<const arrow::TimestampScalar&>(value);
      auto time_unit = static_cast<const arrow::TimestampType&>(*value.type).unit();
      return ConvertUnit(timestamp.value, time_unit, unit);
    }
    default:
      return std::nullopt;
  }
}

std::optional<double> FloatingValue(const arrow::Scalar& value) {
  if (value.type->id() == arrow::Type::FLOAT) {
    return static_cast<const arrow::FloatScalar&>(value).value;
  }
  if (value.type->id() == arrow::Type::DOUBLE) {
    return static_cast<const arrow::DoubleScalar&>(value).value;
  }
  return std::nullopt;
}

std::optional<std::string_view> BinaryValue(const arrow::Scalar& value) {
  switch (value.type->id()) {
    case arrow::Type::STRING:
    case arrow::Type::LARGE_STRING:
    case arrow::Type::STRING_VIEW:
    case arrow::Type::BINARY:
    case arrow::Type::LARGE_BINARY:
    case arrow::Type::BINARY_VIEW:
    case arrow::Type::FIXED_SIZE_BINARY:
      return static_cast<const arrow::BaseBinaryScalar&>(value).view();
    default:
      return std::nullopt;
  }
}

bool IsStringType(const arrow::DataType& type) {
  return type.id() == arrow::Type::STRING || type.id() == arrow::Type::LARGE_STRING ||
         type.id() == arrow::Type::STRING_VIEW;
}

// "f79c3e09-677c-4bbd-a479-3f349cb785e7" → 16 bytes; engines without a UUID type hold text.
std::optional<std::string> ParseUuid(std::string_view text) {
  std::string out;
  int high = -1;
  for (char c : text) {
    if (c == '-') continue;
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    if (high < 0) {
      high = digit;
    } else {
      out.push_back(static_cast<char>(high * 16 + digit));
      high = -1;
    }
  }
  if (out.size() != 16 || high >= 0) return std::nullopt;
  return out;
}

bool StartsWith(const std::string& text, std::string_view prefix) {
  return text.rfind(prefix, 0) == 0;
}

Result<std::string> DecimalSingleValue(const arrow::Scalar& value, const IcebergType& type) {
  if (value.type->id() != arrow::Type::DECIMAL128) return CannotEncode(value, type);
  arrow::Decimal128 unscaled = static_cast<const arrow::Decimal128Scalar&>(value).value;
  int scale = static_cast<const arrow::Decimal128Type&>(*value.type).scale();
  if (scale != type.decimal_scale()) {
    auto rescaled = unscaled.Rescale(scale, type.decimal_scale());
    if (!rescaled.ok()) return CannotEncode(value, type);
    unscaled = *rescaled;
  }
  return DecimalToMinimalBytes(unscaled);
}

Status WrongLength(const std::string& bytes, const IcebergType& type) {
  return Invalid("Invalid single-value bound for Iceberg type " + type.primitive + ": " +
                 std::to_string(bytes.size()) + " bytes");
}

}  // namespace

std::string DecimalToMinimalBytes(const arrow::Decimal128& unscaled) {
  uint8_t big_endian[16];
  uint64_t high = static_cast<uint64_t>(unscaled.high_bits());
  uint64_t low = unscaled.low_bits();
  for (int i = 0; i < 8; ++i) {
    big_endian[i] = static_cast<uint8_t>(high >> (56 - 8 * i));
    big_endian[8 + i] = static_cast<uint8_t>(low >> (56 - 8 * i));
  }
  // Drop leading bytes that only repeat the sign.
  int start = 0;
  while (start < 15) {
    bool redundant_zero = big_endian[start] == 0x00 && (big_endian[start + 1] & 0x80) == 0;
    bool redundant_ones = big_endian[start] == 0xff && (big_endian[start + 1] & 0x80) != 0;
    if (!redundant_zero && !redundant_ones) break;
    ++start;
  }
  return std::string(reinterpret_cast<const char*>(big_endian) + start, 16 - start);
}

Result<arrow::Decimal128> DecimalFromBigEndian(std::string_view bytes) {
  if (bytes.empty() || bytes.size() > 16) {
    return Invalid("Invalid decimal bytes: " + std::to_string(bytes.size()) + " bytes");
  }
  bool negative = (static_cast<uint8_t>(bytes[0]) & 0x80) != 0;
  uint8_t big_endian[16];
  size_t pad = 16 - bytes.size();
  std::memset(big_endian, negative ? 0xff : 0x00, pad);
  std::memcpy(big_endian + pad, bytes.data(), bytes.size());
  uint64_t high = 0;
  uint64_t low = 0;
  for (int i = 0; i < 8; ++i) {
    high = (high << 8) | big_endian[i];
    low = (low << 8) | big_endian[8 + i];
  }
  return arrow::Decimal128(static_cast<int64_t>(high), low);
}

Result<std::string> ToSingleValue(const arrow::Scalar& value, const IcebergType& type) {
  if (!value.is_valid) return Invalid("A null value has no single-value form");
  if (!type.is_primitive()) {
    return Status::NotImplemented("single-value encoding of nested Iceberg types");
  }
  const std::string& name = type.primitive;
  if (name == "boolean") {
    if (value.type->id() != arrow::Type::BOOL) return CannotEncode(value, type);
    return std::string(1, static_cast<const arrow::BooleanScalar&>(value).value ? 1 : 0);
  }
  if (name == "int" || name == "date") {
    auto integral = IntegralValue(value);
    if (!integral || *integral < INT32_MIN || *integral > INT32_MAX) {
      return CannotEncode(value, type);
    }
    return LittleEndianBytes(static_cast<int32_t>(*integral));
  }
  if (name == "long" || name == "time" || name == "timestamp" || name == "timestamptz") {
    auto integral = IntegralValue(value, arrow::TimeUnit::MICRO);
    if (!integral) return CannotEncode(value, type);
    return LittleEndianBytes(*integral);
  }
  if (name == "timestamp_ns" || name == "timestamptz_ns") {
    auto integral = IntegralValue(value, arrow::TimeUnit::NANO);
    if (!integral) return CannotEncode(value, type);
    return LittleEndianBytes(*integral);
  }
  if (name == "float" || name == "double") {
    auto floating = FloatingValue(value);
    if (!floating) return CannotEncode(value, type);
    if (name == "float") return LittleEndianBytes(static_cast<float>(*floating));
    return LittleEndianBytes(*floating);
  }
  if (StartsWith(name, "decimal(")) return DecimalSingleValue(value, type);
  auto binary = BinaryValue(value);
  if (!binary) return CannotEncode(value, type);
  if (name == "uuid") {
    if (IsStringType(*value.type)) {
      auto uuid = ParseUuid(*binary);
      if (!uuid) return Invalid("Invalid UUID: " + std::string(*binary));
      return *uuid;
    }
    if (binary->size() != 16) return CannotEncode(value, type);
    return std::string(*binary);
  }
  if (StartsWith(name, "fixed[") && binary->size() != static_cast<size_t>(type.fixed_length())) {
    return CannotEncode(value, type);
  }
  if (name == "string" || name == "binary" || StartsWith(name, "fixed[")) {
    return std::string(*binary);
  }
  return Status::NotImplemented("single-value encoding of Iceberg type " + name);
}

Result<std::shared_ptr<arrow::Scalar>> FromSingleValue(const std::string& bytes,
                                                       const IcebergType& type) {
  if (!type.is_primitive()) {
    return Status::NotImplemented("single-value decoding of nested Iceberg types");
  }
  const std::string& name = type.primitive;
  if (name == "boolean") {
    if (bytes.size() != 1) return WrongLength(bytes, type);
    return std::make_shared<arrow::BooleanScalar>(bytes[0] != 0);
  }
  if (name == "int" || name == "date") {
    if (bytes.size() != 4) return WrongLength(bytes, type);
    int32_t value = FromLittleEndian<int32_t>(bytes);
    if (name == "date") return std::make_shared<arrow::Date32Scalar>(value);
    return std::make_shared<arrow::Int32Scalar>(value);
  }
  if (name == "long" || name == "time" || StartsWith(name, "timestamp")) {
    int64_t value;
    if (bytes.size() == 8) {
      value = FromLittleEndian<int64_t>(bytes);
    } else if (bytes.size() == 4 && name == "long") {
      value = FromLittleEndian<int32_t>(bytes);  // written before an int → long promotion
    } else {
      return WrongLength(bytes, type);
    }
    if (name == "long") return std::make_shared<arrow::Int64Scalar>(value);
    if (name == "time") {
      return std::make_shared<arrow::Time64Scalar>(value, arrow::time64(arrow::TimeUnit::MICRO));
    }
    bool nanos = name == "timestamp_ns" || name == "timestamptz_ns";
    bool utc = name == "timestamptz" || name == "timestamptz_ns";
    auto unit = nanos ? arrow::TimeUnit::NANO : arrow::TimeUnit::MICRO;
    return std::make_shared<arrow::TimestampScalar>(
        value, utc ? arrow::timestamp(unit, "UTC") : arrow::timestamp(unit));
  }
  if (name == "float") {
    if (bytes.size() != 4) return WrongLength(bytes, type);
    return std::make_shared<arrow::FloatScalar>(FromLittleEndian<float>(bytes));
  }
  if (name == "double") {
    if (bytes.size() == 4) {  // written before a float → double promotion
      return std::make_shared<arrow::DoubleScalar>(FromLittleEndian<float>(bytes));
    }
    if (bytes.size() != 8) return WrongLength(bytes, type);
    return std::make_shared<arrow::DoubleScalar>(FromLittleEndian<double>(bytes));
  }
  if (name == "string") return std::make_shared<arrow::StringScalar>(bytes);
  if (name == "binary") return std::make_shared<arrow::BinaryScalar>(bytes);
  if (name == "uuid" || StartsWith(name, "fixed[")) {
    int length = name == "uuid" ? 16 : type.fixed_length();
    if (bytes.size() != static_cast<size_t>(length)) return WrongLength(bytes, type);
    return std::make_shared<arrow::FixedSizeBinaryScalar>(arrow::Buffer::FromString(bytes),
                                                          arrow::fixed_size_binary(length));
  }
  if (StartsWith(name, "decimal(")) {
    auto unscaled = DecimalFromBigEndian(bytes);
    if (!unscaled.ok()) return WrongLength(bytes, type);
    return std::make_shared<arrow::Decimal128Scalar>(
        *unscaled, arrow::decimal128(type.decimal_precision(), type.decimal_scale()));
  }
  return Status::NotImplemented("single-value decoding of Iceberg type " + name);
}

}  // namespace sparkling::iceberg
