// Literals typed as Spark types them: numbers by form and suffix, concatenated strings, and the
// typed forms DATE '...', TIMESTAMP[_NTZ|_LTZ] '...', X'...', INTERVAL ....

#include <arrow/scalar.h>
#include <arrow/util/decimal.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parser/datetime_literal.h"
#include "parser/parse_error.h"
#include "parser/parser.h"

namespace sparkling {
namespace {

Status NumericRangeError(const std::string& raw, const char* min_value, const char* max_value,
                         const char* type_name, const QueryContext& context) {
  return Status::Error("INVALID_NUMERIC_LITERAL_RANGE", {{"rawStrippedQualifier", raw},
                                                         {"minValue", min_value},
                                                         {"maxValue", max_value},
                                                         {"typeName", type_name}})
      .WithContext(context);
}

Status InvalidTypedLiteral(const std::string& type_sql, const std::string& value,
                           const QueryContext& context) {
  return Status::Error("INVALID_TYPED_LITERAL",
                       {{"valueType", "\"" + type_sql + "\""}, {"value", "'" + value + "'"}})
      .WithContext(context);
}

/// A decimal literal with Spark's (Java BigDecimal's) precision and scale. The precision is
/// computed from the text first, because Arrow's parser wraps around past 38 digits.
Result<ExprPtr> DecimalLiteral(const std::string& text, const QueryContext& context) {
  size_t pos = text[0] == '-' || text[0] == '+' ? 1 : 0;
  std::string digits;
  int scale = 0;
  bool after_point = false;
  for (; pos < text.size() && text[pos] != 'e' && text[pos] != 'E'; ++pos) {
    if (text[pos] == '.') {
      after_point = true;
      continue;
    }
    digits += text[pos];
    if (after_point) ++scale;
  }
  if (pos < text.size()) scale -= std::atoi(text.c_str() + pos + 1);
  size_t first_significant = digits.find_first_not_of('0');
  int significant = first_significant == std::string::npos
                        ? 1
                        : static_cast<int>(digits.size() - first_significant);
  if (scale < 0) {  // 1E3BD: Spark keeps it with scale 0
    significant += -scale;
    scale = 0;
  }
  int precision = std::max(significant, scale);
  if (precision > DataType::kMaxDecimalPrecision) {
    return Status::Error("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                         {{"precision", std::to_string(precision)},
                          {"maxPrecision", std::to_string(DataType::kMaxDecimalPrecision)}})
        .WithContext(context);
  }
  arrow::Decimal128 value;
  int32_t parsed_precision = 0;
  int32_t parsed_scale = 0;
  if (!arrow::Decimal128::FromString(text, &value, &parsed_precision, &parsed_scale).ok()) {
    return Status::Internal("cannot read decimal literal " + text);
  }
  if (parsed_scale != scale) {
    auto rescaled = value.Rescale(parsed_scale, scale);
    if (!rescaled.ok()) return Status::Internal("cannot rescale decimal literal " + text);
    value = *rescaled;
  }
  return MakeLiteral(
      std::make_shared<arrow::Decimal128Scalar>(value, arrow::decimal128(precision, scale)),
      DataType::Decimal(precision, scale));
}

std::string UpperAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

/// An interval unit word (singular or plural): its ANSI field (YEAR=0, MONTH=1 / DAY=0 ..
/// SECOND=3) and size. WEEK counts as 7 days, MILLISECOND and MICROSECOND as seconds' parts.
struct IntervalUnit {
  bool year_month;
  int field;
  int64_t months;  // year-month units
  int64_t micros;  // day-time units
};

std::optional<IntervalUnit> IntervalUnitNamed(std::string word) {
  word = UpperAscii(std::move(word));
  if (word.size() > 1 && word.back() == 'S') word.pop_back();
  if (word == "YEAR") return IntervalUnit{true, 0, 12, 0};
  if (word == "MONTH") return IntervalUnit{true, 1, 1, 0};
  if (word == "WEEK") return IntervalUnit{false, 0, 0, 7 * 86400000000LL};
  if (word == "DAY") return IntervalUnit{false, 0, 0, 86400000000LL};
  if (word == "HOUR") return IntervalUnit{false, 1, 0, 3600000000LL};
  if (word == "MINUTE") return IntervalUnit{false, 2, 0, 60000000LL};
  if (word == "SECOND") return IntervalUnit{false, 3, 0, 1000000LL};
  if (word == "MILLISECOND") return IntervalUnit{false, 3, 0, 1000LL};
  if (word == "MICROSECOND") return IntervalUnit{false, 3, 0, 1LL};
  return std::nullopt;
}

/// "[+-]digits[.digits]" times `unit_size`, truncating below one; nullopt if malformed or too
/// large.
std::optional<int64_t> ScaleIntervalNumber(const std::string& text, int64_t unit_size,
                                           bool allow_fraction) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
  __int128 whole = 0;
  size_t digits = 0;
  for (; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos) {
    whole = whole * 10 + (text[pos] - '0');
    if (++digits > 18) return std::nullopt;
  }
  __int128 fraction = 0, scale = 1;
  if (pos < text.size() && text[pos] == '.' && allow_fraction) {
    for (++pos; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos) {
      if (scale < 1000000000000000000LL) {
        fraction = fraction * 10 + (text[pos] - '0');
        scale *= 10;
      }
    }
  }
  if (digits == 0 || pos != text.size()) return std::nullopt;
  __int128 total = whole * unit_size + fraction * unit_size / scale;
  if (total > std::numeric_limits<int64_t>::max()) return std::nullopt;
  return static_cast<int64_t>(negative ? -total : total);
}

}  // namespace

ExprPtr Parser::BooleanLiteral(bool value) {
  return MakeLiteral(std::make_shared<arrow::BooleanScalar>(value), DataType::Boolean());
}

ExprPtr Parser::StringLiteral(std::string value) {
  return MakeLiteral(std::make_shared<arrow::StringScalar>(std::move(value)), DataType::String());
}

Result<ExprPtr> Parser::ParseNumberLiteral(bool negate, size_t start) {
  const Token& token = Next();
  std::string text(token.text);
  size_t suffix = 0;
  switch (token.kind) {
    case TokenKind::kBigDecimalLiteral:
      suffix = 2;
      break;
    case TokenKind::kTinyintLiteral:
    case TokenKind::kSmallintLiteral:
    case TokenKind::kBigintLiteral:
    case TokenKind::kFloatLiteral:
    case TokenKind::kDoubleLiteral:
      suffix = 1;
      break;
    default:
      break;
  }
  std::string raw = negate ? "-" : "";
  raw.append(text, 0, text.size() - suffix);
  QueryContext context = ContextFrom(start);

  auto parse_integer = [&](int64_t* out) {
    errno = 0;
    char* end = nullptr;
    long long value = std::strtoll(raw.c_str(), &end, 10);
    if (errno == ERANGE || end == raw.c_str() || *end != '\0') return false;
    *out = value;
    return true;
  };
  int64_t integer = 0;
  switch (token.kind) {
    case TokenKind::kInteger: {
      if (parse_integer(&integer)) {
        if (integer >= std::numeric_limits<int32_t>::min() &&
            integer <= std::numeric_limits<int32_t>::max()) {
          return MakeLiteral(std::make_shared<arrow::Int32Scalar>(static_cast<int32_t>(integer)),
                             DataType::Integer());
        }
        return MakeLiteral(std::make_shared<arrow::Int64Scalar>(integer), DataType::Long());
      }
      return DecimalLiteral(raw, context);
    }
    case TokenKind::kTinyintLiteral:
      if (!parse_integer(&integer) || integer < -128 || integer > 127) {
        return NumericRangeError(raw, "-128", "127", "tinyint", context);
      }
      return MakeLiteral(std::make_shared<arrow::Int8Scalar>(static_cast<int8_t>(integer)),
                         DataType::Byte());
    case TokenKind::kSmallintLiteral:
      if (!parse_integer(&integer) || integer < -32768 || integer > 32767) {
        return NumericRangeError(raw, "-32768", "32767", "smallint", context);
      }
      return MakeLiteral(std::make_shared<arrow::Int16Scalar>(static_cast<int16_t>(integer)),
                         DataType::Short());
    case TokenKind::kBigintLiteral:
      if (!parse_integer(&integer)) {
        return NumericRangeError(raw, "-9223372036854775808", "9223372036854775807", "bigint",
                                 context);
      }
      return MakeLiteral(std::make_shared<arrow::Int64Scalar>(integer), DataType::Long());
    case TokenKind::kDecimal:
    case TokenKind::kBigDecimalLiteral:
      return DecimalLiteral(raw, context);
    case TokenKind::kExponent:
    case TokenKind::kDoubleLiteral: {
      double value = std::strtod(raw.c_str(), nullptr);
      if (std::isinf(value)) {
        return NumericRangeError(raw, "-1.7976931348623157E+308", "1.7976931348623157E+308",
                                 "double", context);
      }
      return MakeLiteral(std::make_shared<arrow::DoubleScalar>(value), DataType::Double());
    }
    case TokenKind::kFloatLiteral: {
      float value = std::strtof(raw.c_str(), nullptr);
      if (std::isinf(value)) {
        return NumericRangeError(raw, "-3.4028234663852886E+38", "3.4028234663852886E+38", "float",
                                 context);
      }
      return MakeLiteral(std::make_shared<arrow::FloatScalar>(value), DataType::Float());
    }
    default:
      return SyntaxErrorAt(token);
  }
}

Result<ExprPtr> Parser::ParseStringLiteral() {
  if (Peek().kind != TokenKind::kString) return ErrorHere();
  std::string value;
  while (Peek().kind == TokenKind::kString) value += Next().value;  // 'a' 'b' is 'ab'
  return StringLiteral(std::move(value));
}

bool Parser::AtTypedLiteral() const {
  const Token& word = Peek();
  if (word.kind != TokenKind::kWord) return false;
  if (word.value == "INTERVAL") {
    const Token& next = Peek(1);
    return next.kind == TokenKind::kString || next.IsNumber() ||
           ((next.Is("-") || next.Is("+")) &&
            (Peek(2).kind == TokenKind::kString || Peek(2).IsNumber()));
  }
  if (Peek(1).kind != TokenKind::kString) return false;
  if (word.value == "X") return Peek(1).offset == word.end_offset;  // X'..' is one token in Spark
  return word.value == "DATE" || word.value == "TIMESTAMP" || word.value == "TIMESTAMP_NTZ" ||
         word.value == "TIMESTAMP_LTZ";
}

Result<ExprPtr> Parser::ParseTypedLiteral(size_t start) {
  std::string kind = Peek().value;
  if (kind == "INTERVAL") return ParseIntervalLiteral(start);
  Next();
  std::string text = Next().value;
  QueryContext context = ContextFrom(start);

  if (kind == "X") {
    std::string hex = text.size() % 2 == 1 ? "0" + text : text;
    std::string bytes;
    for (size_t i = 0; i < hex.size(); i += 2) {
      auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      int high = nibble(hex[i]), low = nibble(hex[i + 1]);
      if (high < 0 || low < 0) return InvalidTypedLiteral("BINARY", text, context);
      bytes += static_cast<char>(high * 16 + low);
    }
    return MakeLiteral(std::make_shared<arrow::BinaryScalar>(std::move(bytes)), DataType::Binary());
  }
  if (kind == "DATE") {
    std::optional<int32_t> days = ParseDateLiteral(text);
    if (!days) return InvalidTypedLiteral("DATE", text, context);
    return MakeLiteral(std::make_shared<arrow::Date32Scalar>(*days), DataType::Date());
  }
  if (kind == "TIMESTAMP_NTZ") {
    std::optional<TimestampLiteralParts> parts = ParseTimestampLiteral(text);
    // Spark accepts and ignores a zone here.
    if (!parts) return InvalidTypedLiteral("TIMESTAMP_NTZ", text, context);
    return MakeLiteral(std::make_shared<arrow::TimestampScalar>(
                           parts->local_micros, arrow::timestamp(arrow::TimeUnit::MICRO)),
                       DataType::TimestampNtz());
  }
  // TIMESTAMP / TIMESTAMP_LTZ depend on the session time zone, unknown here: validate the text
  // and leave a (non-user) cast of the string for the analyzer to fold.
  if (!ParseTimestampLiteral(text)) return InvalidTypedLiteral("TIMESTAMP", text, context);
  auto cast = std::make_shared<Cast>();
  cast->children.push_back(StringLiteral(text));
  cast->target = DataType::Timestamp();
  cast->user_specified = false;
  cast->origin = context;
  return cast;
}

Result<ExprPtr> Parser::ParseIntervalLiteral(size_t start) {
  Next();  // INTERVAL
  auto unsupported = [&]() {
    return Status::NotImplemented("this INTERVAL literal form").WithContext(ContextFrom(start));
  };
  auto invalid = [&](const std::string& text) {
    return InvalidTypedLiteral("INTERVAL", text, ContextFrom(start));
  };
  // The `value unit [TO unit]` parts: INTERVAL '1' DAY, INTERVAL 1 DAY 2 HOURS,
  // INTERVAL '1 02:03' DAY TO MINUTE, or one string holding them all: INTERVAL '1 day 2 hours'.
  struct Part {
    std::string value;
    std::string unit;
    std::string end_unit;  // empty unless `unit TO end_unit`
  };
  std::vector<Part> parts;
  if (Peek().kind == TokenKind::kString && !IntervalUnitNamed(Peek(1).value)) {
    std::string text = Next().value;
    std::vector<std::string> words;
    size_t pos = 0;
    while (pos < text.size()) {
      while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
      size_t word_end = pos;
      while (word_end < text.size() && !std::isspace(static_cast<unsigned char>(text[word_end]))) {
        ++word_end;
      }
      if (word_end > pos) words.push_back(text.substr(pos, word_end - pos));
      pos = word_end;
    }
    size_t first = 0;
    if (!words.empty() && UpperAscii(words[0]) == "INTERVAL") first = 1;
    if (words.size() == first || (words.size() - first) % 2 != 0) return invalid(text);
    for (size_t i = first; i < words.size(); i += 2) {
      parts.push_back({words[i], UpperAscii(words[i + 1]), ""});
    }
  } else {
    while (Peek().kind == TokenKind::kString || Peek().IsNumber() || AtOperator("-") ||
           AtOperator("+")) {
      Part part;
      if (AtOperator("-") || AtOperator("+")) part.value = std::string(Next().text);
      const Token& value = Next();
      if (!value.IsNumber() && value.kind != TokenKind::kString) return SyntaxErrorAt(value);
      bool quoted = value.kind == TokenKind::kString;
      part.value += quoted ? value.value : std::string(value.text);
      if (Peek().kind != TokenKind::kWord) return ErrorHere();
      part.unit = Next().value;
      if (quoted && AtKeyword("TO")) {
        Next();
        if (Peek().kind != TokenKind::kWord) return ErrorHere();
        part.end_unit = Next().value;
      }
      parts.push_back(std::move(part));
    }
  }
  if (parts.empty()) return ErrorHere();

  std::optional<IntervalUnit> first_unit;
  int last_field = -1;
  int64_t months = 0;
  int64_t micros = 0;
  for (const Part& part : parts) {
    std::optional<IntervalUnit> unit = IntervalUnitNamed(part.unit);
    if (!unit) return unsupported();
    std::optional<IntervalUnit> end_unit;
    if (!part.end_unit.empty()) {
      end_unit = IntervalUnitNamed(part.end_unit);
      if (!end_unit || end_unit->year_month != unit->year_month || end_unit->field <= unit->field) {
        return unsupported();
      }
    }
    // Spark keeps year-month and day-time intervals apart and wants units in order.
    if (first_unit && first_unit->year_month != unit->year_month) return unsupported();
    if (unit->field <= last_field) return unsupported();
    if (!first_unit) first_unit = unit;
    last_field = end_unit ? end_unit->field : unit->field;

    if (end_unit) {
      std::optional<IntervalFieldValues> fields =
          ParseIntervalFields(part.value, unit->field, end_unit->field, unit->year_month);
      if (!fields) return invalid(part.value);
      int64_t sign = fields->negative ? -1 : 1;
      if (unit->year_month) {
        months += sign * (fields->values[0] * 12 + fields->values[1]);
      } else {
        static constexpr int64_t kMicrosPerField[] = {86400000000LL, 3600000000LL, 60000000LL,
                                                      1000000LL};
        int64_t total = fields->second_fraction_micros;
        for (int f = 0; f < 4; ++f) total += fields->values[f] * kMicrosPerField[f];
        micros += sign * total;
      }
      continue;
    }
    std::optional<int64_t> amount =
        ScaleIntervalNumber(part.value, unit->year_month ? unit->months : unit->micros,
                            /*allow_fraction=*/!unit->year_month);
    if (!amount) return invalid(part.value);
    (unit->year_month ? months : micros) += *amount;
  }
  if (first_unit->year_month) {
    if (months < std::numeric_limits<int32_t>::min() ||
        months > std::numeric_limits<int32_t>::max()) {
      return invalid(parts.front().value);
    }
    return MakeLiteral(std::make_shared<arrow::MonthIntervalScalar>(static_cast<int32_t>(months)),
                       DataType::YearMonthInterval(first_unit->field, last_field));
  }
  return MakeLiteral(
      std::make_shared<arrow::DurationScalar>(micros, arrow::duration(arrow::TimeUnit::MICRO)),
      DataType::DayTimeInterval(first_unit->field, last_field));
}

}  // namespace sparkling
