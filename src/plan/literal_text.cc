#include "plan/literal_text.h"

#include <arrow/scalar.h>
#include <arrow/type.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "plan/expression.h"

namespace sparkling {
namespace {

// Java prints the shortest digits that round-trip, in plain notation for 1e-3 <= |v| < 1e7 and
// in computerized scientific notation ("1.0E10", "1.2E-5") otherwise.
template <typename Float>
std::string JavaFloatingString(Float value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  char buffer[64];
  auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string scientific(buffer, result.ptr);
  // scientific is "[-]d[.ddd]e[+-]xx"
  std::string sign;
  if (scientific[0] == '-') {
    sign = "-";
    scientific.erase(0, 1);
  }
  size_t e_pos = scientific.find('e');
  std::string mantissa = scientific.substr(0, e_pos);
  int exponent = std::atoi(scientific.c_str() + e_pos + 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits.push_back(c);
  }
  double magnitude = std::fabs(static_cast<double>(value));
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    std::string integer_part;
    std::string fraction_part;
    if (exponent >= 0) {
      if (static_cast<int>(digits.size()) <= exponent + 1) {
        integer_part = digits + std::string(exponent + 1 - digits.size(), '0');
      } else {
        integer_part = digits.substr(0, exponent + 1);
        fraction_part = digits.substr(exponent + 1);
      }
    } else {
      integer_part = "0";
      fraction_part = std::string(-exponent - 1, '0') + digits;
    }
    if (fraction_part.empty()) fraction_part = "0";
    return sign + integer_part + "." + fraction_part;
  }
  std::string fraction = digits.size() > 1 ? digits.substr(1) : "0";
  return sign + digits.substr(0, 1) + "." + fraction + "E" + std::to_string(exponent);
}

// Days since 1970-01-01 to a proleptic Gregorian civil date (Howard Hinnant's algorithm).
void CivilFromDays(int64_t days, int64_t* year, unsigned* month, unsigned* day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = static_cast<int64_t>(yoe) + era * 400 + (*month <= 2 ? 1 : 0);
}

std::string DateString(int64_t days) {
  int64_t year;
  unsigned month, day;
  CivilFromDays(days, &year, &month, &day);
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04lld-%02u-%02u", static_cast<long long>(year), month,
                day);
  return buffer;
}

// "yyyy-MM-dd HH:mm:ss[.ffffff]" with trailing fraction zeros trimmed, as Spark's fraction
// formatter prints timestamps. Rendered in UTC: the plan layer does not know the session zone.
std::string TimestampString(int64_t micros) {
  int64_t days = micros / 86400000000LL;
  int64_t rest = micros % 86400000000LL;
  if (rest < 0) {
    rest += 86400000000LL;
    days -= 1;
  }
  int64_t seconds = rest / 1000000;
  int64_t fraction = rest % 1000000;
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%s %02lld:%02lld:%02lld", DateString(days).c_str(),
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                static_cast<long long>(seconds % 60));
  std::string text = buffer;
  if (fraction != 0) {
    char fraction_buffer[16];
    std::snprintf(fraction_buffer, sizeof(fraction_buffer), ".%06lld",
                  static_cast<long long>(fraction));
    std::string fraction_text = fraction_buffer;
    while (fraction_text.back() == '0') fraction_text.pop_back();
    text += fraction_text;
  }
  return text;
}

std::string QuotedSqlString(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string HexString(const std::string& bytes) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

// The value as Literal.toString prints it (no type suffixes, strings unquoted).
std::string PlainValueText(const Literal& literal) {
  const arrow::Scalar& scalar = *literal.value;
  switch (literal.type->id()) {
    case TypeId::kBoolean:
      return static_cast<const arrow::BooleanScalar&>(scalar).value ? "true" : "false";
    case TypeId::kByte:
      return std::to_string(static_cast<const arrow::Int8Scalar&>(scalar).value);
    case TypeId::kShort:
      return std::to_string(static_cast<const arrow::Int16Scalar&>(scalar).value);
    case TypeId::kInteger:
      return std::to_string(static_cast<const arrow::Int32Scalar&>(scalar).value);
    case TypeId::kLong:
      return std::to_string(static_cast<const arrow::Int64Scalar&>(scalar).value);
    case TypeId::kFloat:
      return JavaFloatString(static_cast<const arrow::FloatScalar&>(scalar).value);
    case TypeId::kDouble:
      return JavaDoubleString(static_cast<const arrow::DoubleScalar&>(scalar).value);
    case TypeId::kDecimal:
      return static_cast<const arrow::Decimal128Scalar&>(scalar).value.ToString(
          literal.type->scale());
    case TypeId::kString:
    case TypeId::kChar:
    case TypeId::kVarchar:
    case TypeId::kBinary:
      return static_cast<const arrow::BaseBinaryScalar&>(scalar).ToString();
    case TypeId::kDate:
      return DateString(static_cast<const arrow::Date32Scalar&>(scalar).value);
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      return TimestampString(static_cast<const arrow::TimestampScalar&>(scalar).value);
    default:
      return scalar.ToString();
  }
}

std::string BinaryBytes(const Literal& literal) {
  const auto& binary = static_cast<const arrow::BaseBinaryScalar&>(*literal.value);
  return binary.value ? binary.value->ToString() : std::string();
}

}  // namespace

std::string JavaDoubleString(double value) { return JavaFloatingString(value); }
std::string JavaFloatString(float value) { return JavaFloatingString(value); }

std::string LiteralText(const Literal& literal, LiteralTextForm form) {
  if (literal.value == nullptr || !literal.value->is_valid || literal.type == nullptr) {
    switch (form) {
      case LiteralTextForm::kExplain:
        return "null";
      case LiteralTextForm::kPretty:
        return "NULL";
      case LiteralTextForm::kSql: {
        TypeId id = literal.type ? literal.type->id() : TypeId::kNull;
        if (id == TypeId::kNull || literal.type->IsNested()) return "NULL";
        return "CAST(NULL AS " + literal.type->Sql() + ")";
      }
    }
  }
  const TypeId id = literal.type->id();
  if (id == TypeId::kBinary) {
    std::string hex = "X'" + HexString(BinaryBytes(literal)) + "'";
    if (form == LiteralTextForm::kExplain) {
      // Explain prints byte arrays as Java does for Array[Byte]: "[0A]"-like; keep hex form.
      return "0x" + HexString(BinaryBytes(literal));
    }
    return hex;
  }
  std::string plain = PlainValueText(literal);
  if (form == LiteralTextForm::kExplain) return plain;
  if (form == LiteralTextForm::kPretty) {
    if (literal.type->IsNumeric() || literal.type->IsStringLike()) return plain;
  }
  switch (id) {
    case TypeId::kString:
    case TypeId::kChar:
    case TypeId::kVarchar:
      return QuotedSqlString(plain);
    case TypeId::kByte:
      return plain + "Y";
    case TypeId::kShort:
      return plain + "S";
    case TypeId::kLong:
      return plain + "L";
    case TypeId::kFloat: {
      float v = static_cast<const arrow::FloatScalar&>(*literal.value).value;
      return "CAST('" + (std::isnan(v) ? std::string("NaN") : plain) + "' AS FLOAT)";
    }
    case TypeId::kDouble: {
      double v = static_cast<const arrow::DoubleScalar&>(*literal.value).value;
      if (std::isnan(v) || std::isinf(v)) return "CAST('" + plain + "' AS DOUBLE)";
      return plain + "D";
    }
    case TypeId::kDecimal:
      return plain + "BD";
    case TypeId::kDate:
      return "DATE '" + plain + "'";
    case TypeId::kTimestamp:
      return "TIMESTAMP '" + plain + "'";
    case TypeId::kTimestampNtz:
      return "TIMESTAMP_NTZ '" + plain + "'";
    default:
      return plain;
  }
}

}  // namespace sparkling
