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
#include <utility>

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
    if (!parts || parts->has_zone) return InvalidTypedLiteral("TIMESTAMP_NTZ", text, context);
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
  // Units by ANSI field index: YEAR=0, MONTH=1 (year-month); DAY=0 .. SECOND=3 (day-time).
  struct Unit {
    bool year_month;
    int field;
  };
  auto parse_unit = [&](const Token& token) -> std::optional<Unit> {
    if (token.kind != TokenKind::kWord) return std::nullopt;
    std::string word = token.value;
    if (word.size() > 1 && word.back() == 'S') word.pop_back();  // DAYS, HOURS, ...
    if (word == "YEAR") return Unit{true, 0};
    if (word == "MONTH") return Unit{true, 1};
    if (word == "DAY") return Unit{false, 0};
    if (word == "HOUR") return Unit{false, 1};
    if (word == "MINUTE") return Unit{false, 2};
    if (word == "SECOND") return Unit{false, 3};
    return std::nullopt;
  };
  auto unsupported = [&]() {
    return Status::NotImplemented("this INTERVAL literal form").WithContext(ContextFrom(start));
  };

  // One or more `value unit` pairs; a string value may span `unit TO unit`.
  std::optional<Unit> first_unit, last_unit;
  int64_t months = 0;
  int64_t micros = 0;
  static constexpr int64_t kMicrosPerField[] = {86400000000LL, 3600000000LL, 60000000LL, 1000000LL};
  while (Peek().kind == TokenKind::kString || Peek().IsNumber() || AtOperator("-") ||
         AtOperator("+")) {
    bool negative = false;
    if (AtOperator("-") || AtOperator("+")) negative = Next().Is("-");
    const Token& value_token = Next();
    std::string value_text =
        value_token.kind == TokenKind::kString ? value_token.value : std::string(value_token.text);
    std::optional<Unit> unit = parse_unit(Peek());
    if (!unit) return unsupported();
    Next();
    std::optional<Unit> end_unit;
    if (AtKeyword("TO")) {
      if (value_token.kind != TokenKind::kString) return ErrorHere();
      Next();
      end_unit = parse_unit(Peek());
      if (!end_unit || end_unit->year_month != unit->year_month || end_unit->field <= unit->field) {
        return unsupported();
      }
      Next();
    }
    if (first_unit && first_unit->year_month != unit->year_month) return unsupported();
    if (!first_unit) first_unit = unit;
    Unit range_end = end_unit.value_or(*unit);
    if (last_unit && range_end.field <= last_unit->field) return unsupported();
    last_unit = range_end;

    std::optional<IntervalFieldValues> fields =
        ParseIntervalFields(value_text, unit->field, range_end.field, unit->year_month);
    if (!fields) {
      return InvalidTypedLiteral(unit->year_month ? "INTERVAL YEAR TO MONTH" : "INTERVAL",
                                 value_text, ContextFrom(start));
    }
    int64_t sign = (negative != fields->negative) ? -1 : 1;
    if (unit->year_month) {
      months += sign * (fields->values[0] * 12 + fields->values[1]);
    } else {
      int64_t total = 0;
      for (int f = 0; f < 4; ++f) total += fields->values[f] * kMicrosPerField[f];
      micros += sign * (total + fields->second_fraction_micros);
    }
  }
  if (!first_unit) return ErrorHere();
  if (first_unit->year_month) {
    if (months < std::numeric_limits<int32_t>::min() ||
        months > std::numeric_limits<int32_t>::max()) {
      return unsupported();
    }
    return MakeLiteral(std::make_shared<arrow::MonthIntervalScalar>(static_cast<int32_t>(months)),
                       DataType::YearMonthInterval(first_unit->field, last_unit->field));
  }
  return MakeLiteral(
      std::make_shared<arrow::DurationScalar>(micros, arrow::duration(arrow::TimeUnit::MICRO)),
      DataType::DayTimeInterval(first_unit->field, last_unit->field));
}

}  // namespace sparkling
