// Spark DDL data types: primitives and their aliases, DECIMAL(p, s), CHAR/VARCHAR(n), ANSI
// intervals, ARRAY<>, MAP<>, STRUCT<> with NOT NULL and COMMENT.

#include <utility>

#include "parser/parse_error.h"
#include "parser/parser.h"

namespace sparkling {
namespace {

std::string JsonQuote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

DataTypePtr PrimitiveType(const std::string& name) {
  if (name == "BOOLEAN") return DataType::Boolean();
  if (name == "TINYINT" || name == "BYTE") return DataType::Byte();
  if (name == "SMALLINT" || name == "SHORT") return DataType::Short();
  if (name == "INT" || name == "INTEGER") return DataType::Integer();
  if (name == "BIGINT" || name == "LONG") return DataType::Long();
  if (name == "FLOAT" || name == "REAL") return DataType::Float();
  if (name == "DOUBLE") return DataType::Double();
  if (name == "DATE") return DataType::Date();
  if (name == "TIMESTAMP" || name == "TIMESTAMP_LTZ") return DataType::Timestamp();
  if (name == "TIMESTAMP_NTZ") return DataType::TimestampNtz();
  if (name == "STRING") return DataType::String();
  if (name == "BINARY") return DataType::Binary();
  if (name == "VOID") return DataType::Null();
  return nullptr;
}

std::optional<int> IntervalField(const std::string& word, bool* year_month) {
  static const std::pair<const char*, int> kYearMonth[] = {{"YEAR", 0}, {"MONTH", 1}};
  static const std::pair<const char*, int> kDayTime[] = {
      {"DAY", 0}, {"HOUR", 1}, {"MINUTE", 2}, {"SECOND", 3}};
  for (const auto& [name, field] : kYearMonth) {
    if (word == name) {
      *year_month = true;
      return field;
    }
  }
  for (const auto& [name, field] : kDayTime) {
    if (word == name) {
      *year_month = false;
      return field;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<int> Parser::ParseTypeLength() {
  if (Peek().kind != TokenKind::kInteger) return ErrorHere();
  std::string text(Next().text);
  if (text.size() > 9) return SyntaxErrorAt(Previous());
  return std::stoi(text);
}

Result<DataTypePtr> Parser::ParseDataType() {
  size_t start = pos_;
  if (Peek().kind != TokenKind::kWord) return ErrorHere();
  std::string name = Next().value;

  if (name == "ARRAY" || name == "MAP" || name == "STRUCT") {
    if (name == "STRUCT" && AcceptOperator("<>")) return DataType::Struct({});
    SPK_RETURN_NOT_OK(ExpectOperator("<"));
    SPK_RETURN_NOT_OK(EnterNesting());
    NestingScope scope(this);
    DataTypePtr type;
    if (name == "ARRAY") {
      SPK_ASSIGN_OR_RAISE(DataTypePtr element, ParseDataType());
      type = DataType::Array(std::move(element));
    } else if (name == "MAP") {
      SPK_ASSIGN_OR_RAISE(DataTypePtr key, ParseDataType());
      SPK_RETURN_NOT_OK(ExpectOperator(","));
      SPK_ASSIGN_OR_RAISE(DataTypePtr value, ParseDataType());
      type = DataType::Map(std::move(key), std::move(value));
    } else {
      std::vector<StructField> fields;
      if (!AtOperator(">")) {
        do {
          SPK_ASSIGN_OR_RAISE(StructField field, ParseColumnDefinition(/*colon_allowed=*/true));
          fields.push_back(std::move(field));
        } while (AcceptOperator(","));
      }
      type = DataType::Struct(std::move(fields));
    }
    if (!AcceptOperator(">")) return ErrorHere();
    return type;
  }
  if (name == "DECIMAL" || name == "DEC" || name == "NUMERIC") {
    int precision = 10, scale = 0;
    if (AcceptOperator("(")) {
      SPK_ASSIGN_OR_RAISE(precision, ParseTypeLength());
      scale = 0;
      if (AcceptOperator(",")) {
        SPK_ASSIGN_OR_RAISE(scale, ParseTypeLength());
      }
      SPK_RETURN_NOT_OK(ExpectOperator(")"));
    }
    if (precision > DataType::kMaxDecimalPrecision) {
      Defer(Status::Error("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                          {{"precision", std::to_string(precision)},
                           {"maxPrecision", std::to_string(DataType::kMaxDecimalPrecision)}})
                .WithContext(ContextFrom(start)));
      return DataType::Null();
    }
    return DataType::Decimal(precision, scale);
  }
  if (name == "CHAR" || name == "CHARACTER" || name == "VARCHAR") {
    if (!AtOperator("(")) {
      Defer(Status::Error("DATATYPE_MISSING_SIZE", {{"type", "\"" + name + "\""}})
                .WithContext(ContextFrom(start)));
      return DataType::Null();
    }
    Next();
    SPK_ASSIGN_OR_RAISE(int length, ParseTypeLength());
    SPK_RETURN_NOT_OK(ExpectOperator(")"));
    return name == "VARCHAR" ? DataType::Varchar(length) : DataType::Char(length);
  }
  if (name == "INTERVAL") {
    bool year_month = false;
    std::optional<int> from =
        Peek().kind == TokenKind::kWord ? IntervalField(Peek().value, &year_month) : std::nullopt;
    if (!from) return DataType::CalendarInterval();
    Next();
    int to = *from;
    if (AtKeyword("TO")) {
      Next();
      bool to_year_month = false;
      std::optional<int> end = Peek().kind == TokenKind::kWord
                                   ? IntervalField(Peek().value, &to_year_month)
                                   : std::nullopt;
      if (!end || to_year_month != year_month || *end <= *from) return ErrorHere();
      Next();
      to = *end;
    }
    return year_month ? DataType::YearMonthInterval(*from, to)
                      : DataType::DayTimeInterval(*from, to);
  }
  if (DataTypePtr primitive = PrimitiveType(name)) {
    if (name == "STRING" && AtKeyword("COLLATE")) {
      Next();
      SPK_ASSIGN_OR_RAISE(std::string collation, ParseIdentifier());
      std::string upper = collation;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (upper != "UTF8_BINARY") {
        return Status::NotImplemented("collation " + collation).WithContext(ContextFrom(start));
      }
    }
    return primitive;
  }
  // Spark names the whole type as written (upper-cased), with any parameters.
  while (AtOperator("(")) {
    while (!AtEnd() && !AtOperator(")")) Next();
    AcceptOperator(")");
  }
  std::string written = TextFrom(start);
  for (char& c : written) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  Defer(Status::Error("UNSUPPORTED_DATATYPE", {{"typeName", "\"" + written + "\""}})
            .WithContext(ContextFrom(start)));
  return DataType::Null();
}

Result<StructField> Parser::ParseColumnDefinition(bool colon_allowed) {
  StructField field;
  SPK_ASSIGN_OR_RAISE(field.name, ParseIdentifier());
  if (colon_allowed) AcceptOperator(":");
  SPK_ASSIGN_OR_RAISE(field.type, ParseDataType());
  while (true) {
    if (AtKeyword("NOT") && AtKeyword("NULL", 1)) {
      Next();
      Next();
      field.nullable = false;
    } else if (AtKeyword("COMMENT")) {
      Next();
      if (Peek().kind != TokenKind::kString) return ErrorHere();
      std::string comment;
      while (Peek().kind == TokenKind::kString) comment += Next().value;
      field.metadata_json = "{\"comment\":" + JsonQuote(comment) + "}";
    } else if (AtKeyword("DEFAULT") || AtKeyword("GENERATED")) {
      return Status::NotImplemented("column DEFAULT / GENERATED values")
          .WithContext(ContextFrom(pos_));
    } else {
      return field;
    }
  }
}

}  // namespace sparkling
