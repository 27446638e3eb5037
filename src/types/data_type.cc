#include "types/data_type.h"

#include <arrow/api.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <regex>

namespace sparkling {
namespace {

const char* const kYearMonthFieldNames[] = {"year", "month"};
const char* const kDayTimeFieldNames[] = {"day", "hour", "minute", "second"};

std::string IntervalName(const char* const* names, int count, int start, int end) {
  start = std::clamp(start, 0, count - 1);
  end = std::clamp(end, 0, count - 1);
  std::string out = std::string("interval ") + names[start];
  if (end != start) out += std::string(" to ") + names[end];
  return out;
}

std::string ToUpper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string ToLower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Spark's QuotingUtils.quoteIfNeeded: plain identifiers stay bare, others get backticks.
std::string QuoteIfNeeded(const std::string& name) {
  bool plain = !name.empty();
  bool all_digits = true;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) plain = false;
    if (!std::isdigit(static_cast<unsigned char>(c))) all_digits = false;
  }
  if (plain && !all_digits) return name;
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string JsonString(const std::string& text) { return nlohmann::json(text).dump(); }

std::string CompactMetadata(const std::string& metadata_json) {
  if (metadata_json.empty()) return "{}";
  auto parsed = nlohmann::ordered_json::parse(metadata_json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return "{}";
  return parsed.dump();
}

bool NamesEqualIgnoreCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && ToLower(a) == ToLower(b);
}

bool TypesEqual(const DataType& a, const DataType& b, bool check_nullability) {
  if (a.id() != b.id()) return false;
  switch (a.id()) {
    case TypeId::kDecimal:
      return a.precision() == b.precision() && a.scale() == b.scale();
    case TypeId::kChar:
    case TypeId::kVarchar:
      return a.length() == b.length();
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval:
      return a.start_field() == b.start_field() && a.end_field() == b.end_field();
    case TypeId::kArray:
      return (!check_nullability || a.contains_null() == b.contains_null()) &&
             TypesEqual(*a.element_type(), *b.element_type(), check_nullability);
    case TypeId::kMap:
      return (!check_nullability || a.contains_null() == b.contains_null()) &&
             TypesEqual(*a.key_type(), *b.key_type(), check_nullability) &&
             TypesEqual(*a.value_type(), *b.value_type(), check_nullability);
    case TypeId::kStruct: {
      const auto& fa = a.fields();
      const auto& fb = b.fields();
      if (fa.size() != fb.size()) return false;
      for (size_t i = 0; i < fa.size(); ++i) {
        if (check_nullability) {
          if (!(fa[i] == fb[i])) return false;
        } else if (!NamesEqualIgnoreCase(fa[i].name, fb[i].name) ||
                   !TypesEqual(*fa[i].type, *fb[i].type, false)) {
          return false;
        }
      }
      return true;
    }
    default:
      return true;
  }
}

DataTypePtr MakePrimitive(TypeId id) { return std::make_shared<const DataType>(id); }

}  // namespace

bool StructField::operator==(const StructField& other) const {
  return name == other.name && nullable == other.nullable && type != nullptr &&
         other.type != nullptr && type->Equals(*other.type) &&
         CompactMetadata(metadata_json) == CompactMetadata(other.metadata_json);
}

bool DataType::IsNumeric() const {
  switch (id_) {
    case TypeId::kByte:
    case TypeId::kShort:
    case TypeId::kInteger:
    case TypeId::kLong:
    case TypeId::kFloat:
    case TypeId::kDouble:
    case TypeId::kDecimal:
      return true;
    default:
      return false;
  }
}

bool DataType::IsIntegral() const {
  return id_ == TypeId::kByte || id_ == TypeId::kShort || id_ == TypeId::kInteger ||
         id_ == TypeId::kLong;
}

std::string DataType::TypeName() const {
  switch (id_) {
    case TypeId::kNull:
      return "void";
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kByte:
      return "byte";
    case TypeId::kShort:
      return "short";
    case TypeId::kInteger:
      return "integer";
    case TypeId::kLong:
      return "long";
    case TypeId::kFloat:
      return "float";
    case TypeId::kDouble:
      return "double";
    case TypeId::kDecimal:
      return "decimal(" + std::to_string(precision_) + "," + std::to_string(scale_) + ")";
    case TypeId::kString:
      return "string";
    case TypeId::kChar:
      return "char(" + std::to_string(precision_) + ")";
    case TypeId::kVarchar:
      return "varchar(" + std::to_string(precision_) + ")";
    case TypeId::kBinary:
      return "binary";
    case TypeId::kDate:
      return "date";
    case TypeId::kTimestamp:
      return "timestamp";
    case TypeId::kTimestampNtz:
      return "timestamp_ntz";
    case TypeId::kYearMonthInterval:
      return IntervalName(kYearMonthFieldNames, 2, start_field(), end_field());
    case TypeId::kDayTimeInterval:
      return IntervalName(kDayTimeFieldNames, 4, start_field(), end_field());
    case TypeId::kCalendarInterval:
      return "interval";
    case TypeId::kArray:
      return "array";
    case TypeId::kMap:
      return "map";
    case TypeId::kStruct:
      return "struct";
  }
  return "unknown";
}

std::string DataType::SimpleString() const {
  switch (id_) {
    case TypeId::kByte:
      return "tinyint";
    case TypeId::kShort:
      return "smallint";
    case TypeId::kInteger:
      return "int";
    case TypeId::kLong:
      return "bigint";
    case TypeId::kArray:
      return "array<" + element_type()->SimpleString() + ">";
    case TypeId::kMap:
      return "map<" + key_type()->SimpleString() + "," + value_type()->SimpleString() + ">";
    case TypeId::kStruct: {
      std::string out = "struct<";
      for (size_t i = 0; i < fields().size(); ++i) {
        if (i > 0) out += ",";
        out += fields()[i].name + ":" + fields()[i].type->SimpleString();
      }
      return out + ">";
    }
    default:
      return TypeName();
  }
}

std::string DataType::Sql() const {
  switch (id_) {
    case TypeId::kArray:
      return "ARRAY<" + element_type()->Sql() + ">";
    case TypeId::kMap:
      return "MAP<" + key_type()->Sql() + ", " + value_type()->Sql() + ">";
    case TypeId::kStruct: {
      std::string out = "STRUCT<";
      for (size_t i = 0; i < fields().size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteIfNeeded(fields()[i].name) + ": " + fields()[i].type->Sql();
        if (!fields()[i].nullable) out += " NOT NULL";
        auto metadata = nlohmann::json::parse(fields()[i].metadata_json, nullptr, false);
        if (metadata.is_object() && metadata.contains("comment") &&
            metadata["comment"].is_string()) {
          std::string comment = metadata["comment"].get<std::string>();
          std::string escaped;
          for (char c : comment) {
            if (c == '\'' || c == '\\') escaped += '\\';
            escaped += c;
          }
          out += " COMMENT '" + escaped + "'";
        }
      }
      return out + ">";
    }
    default:
      return ToUpper(SimpleString());
  }
}

std::string DataType::Json() const {
  switch (id_) {
    case TypeId::kArray:
      return std::string("{\"type\":\"array\",\"elementType\":") + element_type()->Json() +
             ",\"containsNull\":" + (contains_null_ ? "true" : "false") + "}";
    case TypeId::kMap:
      return std::string("{\"type\":\"map\",\"keyType\":") + key_type()->Json() +
             ",\"valueType\":" + value_type()->Json() +
             ",\"valueContainsNull\":" + (contains_null_ ? "true" : "false") + "}";
    case TypeId::kStruct: {
      std::string out = "{\"type\":\"struct\",\"fields\":[";
      for (size_t i = 0; i < fields().size(); ++i) {
        const StructField& f = fields()[i];
        if (i > 0) out += ",";
        out += "{\"name\":" + JsonString(f.name) + ",\"type\":" + f.type->Json() +
               ",\"nullable\":" + (f.nullable ? "true" : "false") +
               ",\"metadata\":" + CompactMetadata(f.metadata_json) + "}";
      }
      return out + "]}";
    }
    default:
      return JsonString(TypeName());
  }
}

bool DataType::Equals(const DataType& other) const { return TypesEqual(*this, other, true); }

bool DataType::SameType(const DataType& other) const { return TypesEqual(*this, other, false); }

DataTypePtr DataType::Null() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kNull);
  return kType;
}
DataTypePtr DataType::Boolean() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kBoolean);
  return kType;
}
DataTypePtr DataType::Byte() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kByte);
  return kType;
}
DataTypePtr DataType::Short() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kShort);
  return kType;
}
DataTypePtr DataType::Integer() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kInteger);
  return kType;
}
DataTypePtr DataType::Long() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kLong);
  return kType;
}
DataTypePtr DataType::Float() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kFloat);
  return kType;
}
DataTypePtr DataType::Double() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kDouble);
  return kType;
}
DataTypePtr DataType::String() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kString);
  return kType;
}
DataTypePtr DataType::Binary() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kBinary);
  return kType;
}
DataTypePtr DataType::Date() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kDate);
  return kType;
}
DataTypePtr DataType::Timestamp() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kTimestamp);
  return kType;
}
DataTypePtr DataType::TimestampNtz() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kTimestampNtz);
  return kType;
}
DataTypePtr DataType::CalendarInterval() {
  static const DataTypePtr kType = MakePrimitive(TypeId::kCalendarInterval);
  return kType;
}

DataTypePtr DataType::Decimal(int precision, int scale) {
  auto type = std::make_shared<DataType>(TypeId::kDecimal);
  type->precision_ = precision;
  type->scale_ = scale;
  return type;
}

DataTypePtr DataType::Char(int length) {
  auto type = std::make_shared<DataType>(TypeId::kChar);
  type->precision_ = length;
  return type;
}

DataTypePtr DataType::Varchar(int length) {
  auto type = std::make_shared<DataType>(TypeId::kVarchar);
  type->precision_ = length;
  return type;
}

DataTypePtr DataType::YearMonthInterval(int start_field, int end_field) {
  auto type = std::make_shared<DataType>(TypeId::kYearMonthInterval);
  type->precision_ = start_field;
  type->scale_ = end_field;
  return type;
}

DataTypePtr DataType::DayTimeInterval(int start_field, int end_field) {
  auto type = std::make_shared<DataType>(TypeId::kDayTimeInterval);
  type->precision_ = start_field;
  type->scale_ = end_field;
  return type;
}

DataTypePtr DataType::Array(DataTypePtr element, bool contains_null) {
  auto type = std::make_shared<DataType>(TypeId::kArray);
  type->children_ = {std::move(element)};
  type->contains_null_ = contains_null;
  return type;
}

DataTypePtr DataType::Map(DataTypePtr key, DataTypePtr value, bool value_contains_null) {
  auto type = std::make_shared<DataType>(TypeId::kMap);
  type->children_ = {std::move(key), std::move(value)};
  type->contains_null_ = value_contains_null;
  return type;
}

DataTypePtr DataType::Struct(std::vector<StructField> fields) {
  auto type = std::make_shared<DataType>(TypeId::kStruct);
  type->fields_ = std::make_shared<const std::vector<StructField>>(std::move(fields));
  return type;
}

// ---------------------------------------------------------------------------------------------
// JSON parsing

namespace {

Status JsonTypeError(const std::string& detail) {
  return Status::Error("CANNOT_PARSE_DATATYPE", {{"error", detail}});
}

Result<DataTypePtr> TypeFromName(const std::string& raw_name) {
  std::string name = ToLower(raw_name);
  static const std::pair<const char*, DataTypePtr (*)()> kSimple[] = {
      {"void", &DataType::Null},
      {"null", &DataType::Null},
      {"boolean", &DataType::Boolean},
      {"byte", &DataType::Byte},
      {"tinyint", &DataType::Byte},
      {"short", &DataType::Short},
      {"smallint", &DataType::Short},
      {"integer", &DataType::Integer},
      {"int", &DataType::Integer},
      {"long", &DataType::Long},
      {"bigint", &DataType::Long},
      {"float", &DataType::Float},
      {"double", &DataType::Double},
      {"string", &DataType::String},
      {"binary", &DataType::Binary},
      {"date", &DataType::Date},
      {"timestamp", &DataType::Timestamp},
      {"timestamp_ltz", &DataType::Timestamp},
      {"timestamp_ntz", &DataType::TimestampNtz},
      {"interval", &DataType::CalendarInterval},
  };
  for (const auto& [type_name, factory] : kSimple) {
    if (name == type_name) return factory();
  }
  if (name == "decimal") return DataType::Decimal(10, 0);
  static const std::regex kDecimal(R"(decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\))");
  static const std::regex kChar(R"(char\(\s*(\d+)\s*\))");
  static const std::regex kVarchar(R"(varchar\(\s*(\d+)\s*\))");
  std::smatch match;
  if (std::regex_match(name, match, kDecimal)) {
    return DataType::Decimal(std::stoi(match[1]), std::stoi(match[2]));
  }
  if (std::regex_match(name, match, kChar)) return DataType::Char(std::stoi(match[1]));
  if (std::regex_match(name, match, kVarchar)) return DataType::Varchar(std::stoi(match[1]));
  // A collated string ("string collate UTF8_LCASE") is a string for Sparkling.
  if (name.rfind("string collate ", 0) == 0) return DataType::String();
  for (int start = 0; start < 2; ++start) {
    for (int end = start; end < 2; ++end) {
      if (name == IntervalName(kYearMonthFieldNames, 2, start, end)) {
        return DataType::YearMonthInterval(start, end);
      }
    }
  }
  for (int start = 0; start < 4; ++start) {
    for (int end = start; end < 4; ++end) {
      if (name == IntervalName(kDayTimeFieldNames, 4, start, end)) {
        return DataType::DayTimeInterval(start, end);
      }
    }
  }
  return JsonTypeError("Failed to convert the JSON string '" + raw_name + "' to a data type.");
}

Result<DataTypePtr> TypeFromJsonValue(const nlohmann::json& value);

Result<StructField> FieldFromJsonValue(const nlohmann::json& value) {
  if (!value.is_object() || !value.contains("name") || !value.contains("type")) {
    return JsonTypeError("Failed to convert the JSON string '" + value.dump() + "' to a field.");
  }
  StructField field;
  field.name = value["name"].is_string() ? value["name"].get<std::string>() : value["name"].dump();
  SPK_ASSIGN_OR_RAISE(field.type, TypeFromJsonValue(value["type"]));
  field.nullable = !value.contains("nullable") || !value["nullable"].is_boolean() ||
                   value["nullable"].get<bool>();
  if (value.contains("metadata") && value["metadata"].is_object()) {
    field.metadata_json = value["metadata"].dump();
  }
  return field;
}

Result<DataTypePtr> TypeFromJsonValue(const nlohmann::json& value) {
  if (value.is_string()) return TypeFromName(value.get<std::string>());
  if (!value.is_object() || !value.contains("type") || !value["type"].is_string()) {
    return JsonTypeError("Failed to convert the JSON string '" + value.dump() +
                         "' to a data type.");
  }
  const std::string kind = value["type"].get<std::string>();
  auto flag = [&](const char* key) {
    return !value.contains(key) || !value[key].is_boolean() || value[key].get<bool>();
  };
  if (kind == "array" && value.contains("elementType")) {
    SPK_ASSIGN_OR_RAISE(auto element, TypeFromJsonValue(value["elementType"]));
    return DataType::Array(std::move(element), flag("containsNull"));
  }
  if (kind == "map" && value.contains("keyType") && value.contains("valueType")) {
    SPK_ASSIGN_OR_RAISE(auto key, TypeFromJsonValue(value["keyType"]));
    SPK_ASSIGN_OR_RAISE(auto item, TypeFromJsonValue(value["valueType"]));
    return DataType::Map(std::move(key), std::move(item), flag("valueContainsNull"));
  }
  if (kind == "struct" && value.contains("fields") && value["fields"].is_array()) {
    std::vector<StructField> fields;
    for (const auto& field_value : value["fields"]) {
      SPK_ASSIGN_OR_RAISE(auto field, FieldFromJsonValue(field_value));
      fields.push_back(std::move(field));
    }
    return DataType::Struct(std::move(fields));
  }
  if (kind == "udt" && value.contains("sqlType")) return TypeFromJsonValue(value["sqlType"]);
  return JsonTypeError("Failed to convert the JSON string '" + value.dump() + "' to a data type.");
}

}  // namespace

Result<DataTypePtr> DataTypeFromJson(const std::string& json) {
  auto parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return JsonTypeError("Failed to convert the JSON string '" + json + "' to a data type.");
  }
  return TypeFromJsonValue(parsed);
}

// ---------------------------------------------------------------------------------------------
// Arrow mapping

std::shared_ptr<arrow::DataType> ToArrowType(const DataType& type, const std::string& time_zone) {
  switch (type.id()) {
    case TypeId::kNull:
      return arrow::null();
    case TypeId::kBoolean:
      return arrow::boolean();
    case TypeId::kByte:
      return arrow::int8();
    case TypeId::kShort:
      return arrow::int16();
    case TypeId::kInteger:
      return arrow::int32();
    case TypeId::kLong:
      return arrow::int64();
    case TypeId::kFloat:
      return arrow::float32();
    case TypeId::kDouble:
      return arrow::float64();
    case TypeId::kDecimal:
      return arrow::decimal128(type.precision(), type.scale());
    case TypeId::kString:
    case TypeId::kChar:
    case TypeId::kVarchar:
      return arrow::utf8();
    case TypeId::kBinary:
      return arrow::binary();
    case TypeId::kDate:
      return arrow::date32();
    case TypeId::kTimestamp:
      return arrow::timestamp(arrow::TimeUnit::MICRO, time_zone);
    case TypeId::kTimestampNtz:
      return arrow::timestamp(arrow::TimeUnit::MICRO);
    case TypeId::kYearMonthInterval:
      return arrow::month_interval();
    case TypeId::kDayTimeInterval:
      return arrow::duration(arrow::TimeUnit::MICRO);
    case TypeId::kCalendarInterval:
      return arrow::month_day_nano_interval();
    case TypeId::kArray:
      return arrow::list(arrow::field("element", ToArrowType(*type.element_type(), time_zone),
                                      type.contains_null()));
    case TypeId::kMap: {
      auto key = arrow::field("key", ToArrowType(*type.key_type(), time_zone), false);
      auto value =
          arrow::field("value", ToArrowType(*type.value_type(), time_zone), type.contains_null());
      return std::make_shared<arrow::MapType>(key, value, /*keys_sorted=*/false);
    }
    case TypeId::kStruct: {
      arrow::FieldVector fields;
      for (const auto& field : type.fields()) fields.push_back(ToArrowField(field, time_zone));
      return arrow::struct_(std::move(fields));
    }
  }
  return arrow::null();
}

std::shared_ptr<arrow::Field> ToArrowField(const StructField& field, const std::string& time_zone) {
  return arrow::field(field.name, ToArrowType(*field.type, time_zone), field.nullable);
}

std::shared_ptr<arrow::Schema> ToArrowSchema(const Schema& schema, const std::string& time_zone) {
  arrow::FieldVector fields;
  fields.reserve(schema.size());
  for (const auto& field : schema) fields.push_back(ToArrowField(field, time_zone));
  return arrow::schema(std::move(fields));
}

Result<DataTypePtr> FromArrowType(const arrow::DataType& type) {
  switch (type.id()) {
    case arrow::Type::NA:
      return DataType::Null();
    case arrow::Type::BOOL:
      return DataType::Boolean();
    case arrow::Type::INT8:
      return DataType::Byte();
    case arrow::Type::INT16:
    case arrow::Type::UINT8:
      return DataType::Short();
    case arrow::Type::INT32:
    case arrow::Type::UINT16:
      return DataType::Integer();
    case arrow::Type::INT64:
    case arrow::Type::UINT32:
      return DataType::Long();
    case arrow::Type::UINT64:
      return DataType::Decimal(20, 0);
    case arrow::Type::HALF_FLOAT:
    case arrow::Type::FLOAT:
      return DataType::Float();
    case arrow::Type::DOUBLE:
      return DataType::Double();
    case arrow::Type::DECIMAL32:
    case arrow::Type::DECIMAL64:
    case arrow::Type::DECIMAL128:
    case arrow::Type::DECIMAL256: {
      const auto& decimal = static_cast<const arrow::DecimalType&>(type);
      if (decimal.precision() > DataType::kMaxDecimalPrecision) {
        return Status::NotImplemented("Arrow type " + type.ToString() +
                                      " (decimal precision above 38)");
      }
      return DataType::Decimal(decimal.precision(), decimal.scale());
    }
    case arrow::Type::STRING:
    case arrow::Type::LARGE_STRING:
    case arrow::Type::STRING_VIEW:
      return DataType::String();
    case arrow::Type::BINARY:
    case arrow::Type::LARGE_BINARY:
    case arrow::Type::BINARY_VIEW:
    case arrow::Type::FIXED_SIZE_BINARY:
      return DataType::Binary();
    case arrow::Type::DATE32:
    case arrow::Type::DATE64:
      return DataType::Date();
    case arrow::Type::TIMESTAMP: {
      const auto& ts = static_cast<const arrow::TimestampType&>(type);
      return ts.timezone().empty() ? DataType::TimestampNtz() : DataType::Timestamp();
    }
    case arrow::Type::DURATION:
      return DataType::DayTimeInterval();
    case arrow::Type::INTERVAL_MONTHS:
      return DataType::YearMonthInterval();
    case arrow::Type::INTERVAL_MONTH_DAY_NANO:
    case arrow::Type::INTERVAL_DAY_TIME:
      return DataType::CalendarInterval();
    case arrow::Type::LIST:
    case arrow::Type::LARGE_LIST:
    case arrow::Type::FIXED_SIZE_LIST:
    case arrow::Type::LIST_VIEW:
    case arrow::Type::LARGE_LIST_VIEW: {
      const auto& child = type.field(0);
      SPK_ASSIGN_OR_RAISE(auto element, FromArrowType(*child->type()));
      return DataType::Array(std::move(element), child->nullable());
    }
    case arrow::Type::MAP: {
      const auto& map = static_cast<const arrow::MapType&>(type);
      SPK_ASSIGN_OR_RAISE(auto key, FromArrowType(*map.key_type()));
      SPK_ASSIGN_OR_RAISE(auto value, FromArrowType(*map.item_type()));
      return DataType::Map(std::move(key), std::move(value), map.item_field()->nullable());
    }
    case arrow::Type::STRUCT: {
      std::vector<StructField> fields;
      for (const auto& child : type.fields()) {
        SPK_ASSIGN_OR_RAISE(auto child_type, FromArrowType(*child->type()));
        fields.push_back(StructField{child->name(), std::move(child_type), child->nullable()});
      }
      return DataType::Struct(std::move(fields));
    }
    case arrow::Type::DICTIONARY:
      return FromArrowType(*static_cast<const arrow::DictionaryType&>(type).value_type());
    case arrow::Type::EXTENSION:
      return FromArrowType(*static_cast<const arrow::ExtensionType&>(type).storage_type());
    default:
      return Status::NotImplemented("Arrow type " + type.ToString());
  }
}

Result<Schema> FromArrowSchema(const arrow::Schema& schema) {
  Schema out;
  out.reserve(schema.num_fields());
  for (const auto& field : schema.fields()) {
    SPK_ASSIGN_OR_RAISE(auto type, FromArrowType(*field->type()));
    out.push_back(StructField{field->name(), std::move(type), field->nullable()});
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// printSchema

std::string EscapeMetaCharacters(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\v':
        out += "\\v";
        break;
      case '\a':
        out += "\\a";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

void AppendTypeTree(const DataType& type, const std::string& prefix, int max_depth,
                    std::string& out);

void AppendFieldTree(const StructField& field, const std::string& prefix, int max_depth,
                     std::string& out) {
  if (max_depth <= 0) return;
  out += prefix + "-- " + EscapeMetaCharacters(field.name) + ": " + field.type->TypeName() +
         " (nullable = " + (field.nullable ? "true" : "false") + ")\n";
  AppendTypeTree(*field.type, prefix + "    |", max_depth - 1, out);
}

void AppendTypeTree(const DataType& type, const std::string& prefix, int max_depth,
                    std::string& out) {
  if (max_depth <= 0) return;
  switch (type.id()) {
    case TypeId::kArray:
      out += prefix + "-- element: " + type.element_type()->TypeName() +
             " (containsNull = " + (type.contains_null() ? "true" : "false") + ")\n";
      AppendTypeTree(*type.element_type(), prefix + "    |", max_depth - 1, out);
      break;
    case TypeId::kMap:
      out += prefix + "-- key: " + type.key_type()->TypeName() + "\n";
      AppendTypeTree(*type.key_type(), prefix + "    |", max_depth - 1, out);
      out += prefix + "-- value: " + type.value_type()->TypeName() +
             " (valueContainsNull = " + (type.contains_null() ? "true" : "false") + ")\n";
      AppendTypeTree(*type.value_type(), prefix + "    |", max_depth - 1, out);
      break;
    case TypeId::kStruct:
      for (const auto& field : type.fields()) AppendFieldTree(field, prefix, max_depth, out);
      break;
    default:
      break;
  }
}

}  // namespace

std::string SchemaTreeString(const Schema& schema, int max_level) {
  int max_depth = max_level <= 0 ? std::numeric_limits<int>::max() : max_level;
  std::string out = "root\n";
  for (const auto& field : schema) AppendFieldTree(field, " |", max_depth, out);
  return out;
}

}  // namespace sparkling
