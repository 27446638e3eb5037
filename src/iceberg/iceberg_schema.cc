#include "iceberg/iceberg_schema.h"

#include <arrow/type.h>
#include <arrow/util/key_value_metadata.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <deque>
#include <functional>
#include <optional>
#include <set>

#include "iceberg/iceberg_catalog.h"
#include "iceberg/json_fields.h"

namespace sparkling::iceberg {
namespace {

Status BadType(const std::string& message) { return CatalogError("ICEBERG_BAD_REQUEST", message); }

std::string Lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

bool ParseNonNegative(const std::string& text, int* out) {
  if (text.empty() || text.size() > 9) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  *out = std::stoi(text);
  return true;
}

// "decimal(P, S)" / "decimal(P,S)" → P and S.
bool ParseDecimal(const std::string& name, int* precision, int* scale) {
  if (name.rfind("decimal(", 0) != 0 || name.back() != ')') return false;
  std::string inner = name.substr(8, name.size() - 9);
  size_t comma = inner.find(',');
  if (comma == std::string::npos) return false;
  return ParseNonNegative(Trim(inner.substr(0, comma)), precision) &&
         ParseNonNegative(Trim(inner.substr(comma + 1)), scale);
}

bool ParseFixed(const std::string& name, int* length) {
  if (name.rfind("fixed[", 0) != 0 || name.back() != ']') return false;
  return ParseNonNegative(Trim(name.substr(6, name.size() - 7)), length);
}

// The spec's primitive names; decimal and fixed are normalized to Java's spelling.
Result<std::string> CanonicalPrimitive(const std::string& text) {
  static const char* kSimple[] = {"boolean",     "int",          "long",           "float",
                                  "double",      "date",         "time",           "timestamp",
                                  "timestamptz", "timestamp_ns", "timestamptz_ns", "string",
                                  "uuid",        "binary",       "unknown",        "variant"};
  std::string name = Lower(Trim(text));
  for (const char* simple : kSimple) {
    if (name == simple) return name;
  }
  int precision = 0;
  int scale = 0;
  if (ParseDecimal(name, &precision, &scale)) {
    if (precision < 1 || precision > 38 || scale > precision) {
      return BadType("Invalid decimal type: " + text);
    }
    return "decimal(" + std::to_string(precision) + ", " + std::to_string(scale) + ")";
  }
  int length = 0;
  if (ParseFixed(name, &length)) return "fixed[" + std::to_string(length) + "]";
  // v3 geospatial types carry parameters (CRS, edge algorithm) that are kept verbatim.
  if (name.rfind("geometry", 0) == 0 || name.rfind("geography", 0) == 0) return Trim(text);
  return BadType("Cannot parse type string to primitive: " + text);
}

Result<NestedField> FieldFromJson(const nlohmann::json& json);

Result<IcebergTypePtr> TypeFromJsonImpl(const nlohmann::json& json) {
  if (json.is_string()) {
    SPK_ASSIGN_OR_RAISE(std::string name, CanonicalPrimitive(json.get<std::string>()));
    return IcebergType::Primitive(std::move(name));
  }
  const nlohmann::json* kind = FindField(json, "type");
  if (kind == nullptr || !kind->is_string()) {
    return BadType("Cannot parse type from json: " + json.dump().substr(0, 200));
  }
  const std::string type = kind->get<std::string>();
  if (type == "struct") {
    const nlohmann::json* fields = FindField(json, "fields");
    if (fields == nullptr || !fields->is_array()) {
      return BadType("Cannot parse struct fields from non-array");
    }
    std::vector<NestedField> parsed;
    for (const auto& field : *fields) {
      SPK_ASSIGN_OR_RAISE(NestedField nested, FieldFromJson(field));
      parsed.push_back(std::move(nested));
    }
    return IcebergType::Struct(std::move(parsed));
  }
  if (type == "list") {
    SPK_ASSIGN_OR_RAISE(int element_id, IntField(json, "element-id"));
    SPK_ASSIGN_OR_RAISE(bool required, BoolField(json, "element-required"));
    const nlohmann::json* element = FindField(json, "element");
    if (element == nullptr) return BadType("Cannot parse missing field: element");
    SPK_ASSIGN_OR_RAISE(IcebergTypePtr element_type, TypeFromJsonImpl(*element));
    return IcebergType::List(element_id, required, std::move(element_type));
  }
  if (type == "map") {
    SPK_ASSIGN_OR_RAISE(int key_id, IntField(json, "key-id"));
    SPK_ASSIGN_OR_RAISE(int value_id, IntField(json, "value-id"));
    SPK_ASSIGN_OR_RAISE(bool required, BoolField(json, "value-required"));
    const nlohmann::json* key = FindField(json, "key");
    const nlohmann::json* value = FindField(json, "value");
    if (key == nullptr) return BadType("Cannot parse missing field: key");
    if (value == nullptr) return BadType("Cannot parse missing field: value");
    SPK_ASSIGN_OR_RAISE(IcebergTypePtr key_type, TypeFromJsonImpl(*key));
    SPK_ASSIGN_OR_RAISE(IcebergTypePtr value_type, TypeFromJsonImpl(*value));
    return IcebergType::Map(key_id, std::move(key_type), value_id, required, std::move(value_type));
  }
  return BadType("Cannot parse type from json: " + json.dump().substr(0, 200));
}

Result<NestedField> FieldFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return BadType("Cannot parse struct field from non-object");
  NestedField field;
  SPK_ASSIGN_OR_RAISE(field.id, IntField(json, "id"));
  SPK_ASSIGN_OR_RAISE(field.name, StringField(json, "name"));
  SPK_ASSIGN_OR_RAISE(field.required, BoolField(json, "required"));
  const nlohmann::json* type = FindField(json, "type");
  if (type == nullptr) return BadType("Cannot parse missing field: type");
  SPK_ASSIGN_OR_RAISE(field.type, TypeFromJsonImpl(*type));
  SPK_ASSIGN_OR_RAISE(auto doc, OptionalStringField(json, "doc"));
  field.doc = doc.value_or("");
  if (auto it = json.find("initial-default"); it != json.end()) {
    field.initial_default_json = it->dump();
  }
  if (auto it = json.find("write-default"); it != json.end()) {
    field.write_default_json = it->dump();
  }
  return field;
}

nlohmann::json FieldToJson(const NestedField& field) {
  nlohmann::json out = nlohmann::json::object();
  out["id"] = field.id;
  out["name"] = field.name;
  out["required"] = field.required;
  out["type"] = IcebergTypeToJson(*field.type);
  if (!field.doc.empty()) out["doc"] = field.doc;
  if (!field.initial_default_json.empty()) {
    out["initial-default"] = nlohmann::json::parse(field.initial_default_json, nullptr, false);
  }
  if (!field.write_default_json.empty()) {
    out["write-default"] = nlohmann::json::parse(field.write_default_json, nullptr, false);
  }
  return out;
}

bool SameField(const NestedField& a, const NestedField& b);

bool SameType(const IcebergType& a, const IcebergType& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case IcebergType::Kind::kPrimitive:
      return a.primitive == b.primitive;
    case IcebergType::Kind::kStruct:
      if (a.fields.size() != b.fields.size()) return false;
      for (size_t i = 0; i < a.fields.size(); ++i) {
        if (!SameField(a.fields[i], b.fields[i])) return false;
      }
      return true;
    case IcebergType::Kind::kList:
      return SameField(a.element, b.element);
    case IcebergType::Kind::kMap:
      return SameField(a.key, b.key) && SameField(a.value, b.value);
  }
  return false;
}

bool SameField(const NestedField& a, const NestedField& b) {
  if (a.id != b.id || a.name != b.name || a.required != b.required || a.doc != b.doc ||
      a.initial_default_json != b.initial_default_json ||
      a.write_default_json != b.write_default_json) {
    return false;
  }
  if (a.type == nullptr || b.type == nullptr) return a.type == b.type;
  return SameType(*a.type, *b.type);
}

// Visits every field, nested ones included, depth-first.
void VisitFields(const std::vector<NestedField>& fields,
                 const std::function<void(const NestedField&)>& visit);

void VisitType(const IcebergType& type, const std::function<void(const NestedField&)>& visit) {
  switch (type.kind) {
    case IcebergType::Kind::kPrimitive:
      return;
    case IcebergType::Kind::kStruct:
      VisitFields(type.fields, visit);
      return;
    case IcebergType::Kind::kList:
      visit(type.element);
      if (type.element.type) VisitType(*type.element.type, visit);
      return;
    case IcebergType::Kind::kMap:
      visit(type.key);
      if (type.key.type) VisitType(*type.key.type, visit);
      visit(type.value);
      if (type.value.type) VisitType(*type.value.type, visit);
      return;
  }
}

void VisitFields(const std::vector<NestedField>& fields,
                 const std::function<void(const NestedField&)>& visit) {
  for (const auto& field : fields) {
    visit(field);
    if (field.type) VisitType(*field.type, visit);
  }
}

// Field ids are unique across the whole schema and names unique within each struct, as Java's
// Schema requires (its id index and IndexByName reject duplicates).
Status ValidateFieldIdsAndNames(const std::vector<NestedField>& fields) {
  std::set<int> ids;
  std::optional<int> duplicate_id;
  std::optional<std::string> duplicate_name;
  auto check_names = [&](const std::vector<NestedField>& level) {
    std::set<std::string> names;
    for (const auto& field : level) {
      if (!names.insert(field.name).second && !duplicate_name) duplicate_name = field.name;
    }
  };
  check_names(fields);
  VisitFields(fields, [&](const NestedField& field) {
    if (!ids.insert(field.id).second && !duplicate_id) duplicate_id = field.id;
    if (field.type && field.type->kind == IcebergType::Kind::kStruct) {
      check_names(field.type->fields);
    }
  });
  if (duplicate_id) {
    return CatalogError("ICEBERG_VALIDATION",
                        "Invalid schema: multiple fields for id " + std::to_string(*duplicate_id));
  }
  if (duplicate_name) {
    return CatalogError("ICEBERG_VALIDATION",
                        "Invalid schema: multiple fields for name " + *duplicate_name);
  }
  return Status::OK();
}

std::string CommentMetadata(const std::string& doc) {
  if (doc.empty()) return "{}";
  nlohmann::json metadata = {{"comment", doc}};
  return metadata.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CommentOf(const StructField& field) {
  auto metadata = nlohmann::json::parse(field.metadata_json, nullptr, false);
  if (!metadata.is_object()) return "";
  auto it = metadata.find("comment");
  if (it == metadata.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

// Fresh ids the way Java's TypeUtil.assignFreshIds hands them out: every field of a struct
// gets its id before any of their nested children; list element and map key/value ids come
// before the types inside them.
class FreshIdAssigner {
 public:
  explicit FreshIdAssigner(int last_column_id) : next_id_(last_column_id) {}

  Result<std::vector<NestedField>> Struct(const std::vector<StructField>& fields) {
    std::vector<int> ids;
    for (size_t i = 0; i < fields.size(); ++i) ids.push_back(++next_id_);
    std::vector<NestedField> out;
    for (size_t i = 0; i < fields.size(); ++i) {
      NestedField field;
      field.id = ids[i];
      field.name = fields[i].name;
      field.required = !fields[i].nullable;
      field.doc = CommentOf(fields[i]);
      SPK_ASSIGN_OR_RAISE(field.type, Type(*fields[i].type));
      out.push_back(std::move(field));
    }
    return out;
  }

  Result<IcebergTypePtr> Type(const DataType& type) {
    switch (type.id()) {
      case TypeId::kBoolean:
        return IcebergType::Primitive("boolean");
      case TypeId::kByte:
      case TypeId::kShort:
      case TypeId::kInteger:
        return IcebergType::Primitive("int");
      case TypeId::kLong:
        return IcebergType::Primitive("long");
      case TypeId::kFloat:
        return IcebergType::Primitive("float");
      case TypeId::kDouble:
        return IcebergType::Primitive("double");
      case TypeId::kDecimal:
        return IcebergType::Primitive("decimal(" + std::to_string(type.precision()) + ", " +
                                      std::to_string(type.scale()) + ")");
      case TypeId::kString:
      case TypeId::kChar:
      case TypeId::kVarchar:
        return IcebergType::Primitive("string");
      case TypeId::kBinary:
        return IcebergType::Primitive("binary");
      case TypeId::kDate:
        return IcebergType::Primitive("date");
      case TypeId::kTimestamp:
        return IcebergType::Primitive("timestamptz");
      case TypeId::kTimestampNtz:
        return IcebergType::Primitive("timestamp");
      case TypeId::kArray: {
        int element_id = ++next_id_;
        SPK_ASSIGN_OR_RAISE(IcebergTypePtr element, Type(*type.element_type()));
        return IcebergType::List(element_id, !type.contains_null(), std::move(element));
      }
      case TypeId::kMap: {
        int key_id = ++next_id_;
        int value_id = ++next_id_;
        SPK_ASSIGN_OR_RAISE(IcebergTypePtr key, Type(*type.key_type()));
        SPK_ASSIGN_OR_RAISE(IcebergTypePtr value, Type(*type.value_type()));
        return IcebergType::Map(key_id, std::move(key), value_id, !type.contains_null(),
                                std::move(value));
      }
      case TypeId::kStruct: {
        SPK_ASSIGN_OR_RAISE(auto fields, Struct(type.fields()));
        return IcebergType::Struct(std::move(fields));
      }
      default:
        return Status::Error("UNSUPPORTED_DATATYPE", {{"typeName", "\"" + type.Sql() + "\""}});
    }
  }

 private:
  int next_id_;
};

std::shared_ptr<arrow::Field> ArrowField(const NestedField& field);

std::shared_ptr<arrow::DataType> ArrowType(const IcebergType& type) {
  switch (type.kind) {
    case IcebergType::Kind::kStruct: {
      arrow::FieldVector children;
      for (const auto& field : type.fields) children.push_back(ArrowField(field));
      return arrow::struct_(children);
    }
    case IcebergType::Kind::kList:
      return arrow::list(ArrowField(type.element));
    case IcebergType::Kind::kMap:
      return std::make_shared<arrow::MapType>(ArrowField(type.key), ArrowField(type.value));
    case IcebergType::Kind::kPrimitive:
      break;
  }
  const std::string& name = type.primitive;
  if (name == "boolean") return arrow::boolean();
  if (name == "int") return arrow::int32();
  if (name == "long") return arrow::int64();
  if (name == "float") return arrow::float32();
  if (name == "double") return arrow::float64();
  if (name == "date") return arrow::date32();
  if (name == "time") return arrow::time64(arrow::TimeUnit::MICRO);
  if (name == "timestamp") return arrow::timestamp(arrow::TimeUnit::MICRO);
  if (name == "timestamptz") return arrow::timestamp(arrow::TimeUnit::MICRO, "UTC");
  if (name == "timestamp_ns") return arrow::timestamp(arrow::TimeUnit::NANO);
  if (name == "timestamptz_ns") return arrow::timestamp(arrow::TimeUnit::NANO, "UTC");
  if (name == "string") return arrow::utf8();
  if (name == "uuid") return arrow::fixed_size_binary(16);
  if (name == "unknown") return arrow::null();
  if (name.rfind("decimal(", 0) == 0) {
    return arrow::decimal128(type.decimal_precision(), type.decimal_scale());
  }
  if (name.rfind("fixed[", 0) == 0) return arrow::fixed_size_binary(type.fixed_length());
  // binary, variant (its encoded bytes) and geospatial types (WKB).
  return arrow::binary();
}

std::shared_ptr<arrow::Field> ArrowField(const NestedField& field) {
  auto metadata = arrow::key_value_metadata({"PARQUET:field_id"}, {std::to_string(field.id)});
  return arrow::field(field.name, ArrowType(*field.type), !field.required, metadata);
}

}  // namespace

int IcebergType::decimal_precision() const {
  int precision = 0;
  int scale = 0;
  return ParseDecimal(primitive, &precision, &scale) ? precision : 0;
}

int IcebergType::decimal_scale() const {
  int precision = 0;
  int scale = 0;
  return ParseDecimal(primitive, &precision, &scale) ? scale : 0;
}

int IcebergType::fixed_length() const {
  int length = 0;
  return ParseFixed(primitive, &length) ? length : 0;
}

IcebergTypePtr IcebergType::Primitive(std::string name) {
  auto type = std::make_shared<IcebergType>();
  auto canonical = CanonicalPrimitive(name);
  type->primitive = canonical.ok() ? *canonical : std::move(name);
  return type;
}

IcebergTypePtr IcebergType::Struct(std::vector<NestedField> fields) {
  auto type = std::make_shared<IcebergType>();
  type->kind = Kind::kStruct;
  type->fields = std::move(fields);
  return type;
}

IcebergTypePtr IcebergType::List(int element_id, bool element_required, IcebergTypePtr element) {
  auto type = std::make_shared<IcebergType>();
  type->kind = Kind::kList;
  type->element.id = element_id;
  type->element.name = "element";
  type->element.required = element_required;
  type->element.type = std::move(element);
  return type;
}

IcebergTypePtr IcebergType::Map(int key_id, IcebergTypePtr key, int value_id, bool value_required,
                                IcebergTypePtr value) {
  auto type = std::make_shared<IcebergType>();
  type->kind = Kind::kMap;
  type->key.id = key_id;
  type->key.name = "key";
  type->key.required = true;
  type->key.type = std::move(key);
  type->value.id = value_id;
  type->value.name = "value";
  type->value.required = value_required;
  type->value.type = std::move(value);
  return type;
}

int IcebergSchema::HighestFieldId() const {
  int highest = 0;
  VisitFields(fields, [&](const NestedField& field) { highest = std::max(highest, field.id); });
  return highest;
}

const NestedField* IcebergSchema::FindField(int id) const {
  const NestedField* found = nullptr;
  VisitFields(fields, [&](const NestedField& field) {
    if (found == nullptr && field.id == id) found = &field;
  });
  return found;
}

const NestedField* IcebergSchema::FindFieldByName(const std::string& name) const {
  const std::vector<NestedField>* level = &fields;
  const NestedField* found = nullptr;
  size_t start = 0;
  while (start <= name.size()) {
    size_t dot = name.find('.', start);
    std::string part = Lower(name.substr(start, dot == std::string::npos ? dot : dot - start));
    found = nullptr;
    if (level == nullptr) return nullptr;
    for (const auto& field : *level) {
      if (Lower(field.name) == part) {
        found = &field;
        break;
      }
    }
    if (found == nullptr || dot == std::string::npos) return found;
    // Descend into structs; list elements and map values are addressed by their own names.
    const IcebergType& type = *found->type;
    level = nullptr;
    if (type.kind == IcebergType::Kind::kStruct) {
      level = &type.fields;
    } else if (type.kind == IcebergType::Kind::kList && type.element.type &&
               type.element.type->kind == IcebergType::Kind::kStruct) {
      level = &type.element.type->fields;
    } else if (type.kind == IcebergType::Kind::kMap && type.value.type &&
               type.value.type->kind == IcebergType::Kind::kStruct) {
      level = &type.value.type->fields;
    }
    start = dot + 1;
  }
  return found;
}

bool IcebergSchema::SameStructure(const IcebergSchema& other) const {
  if (fields.size() != other.fields.size()) return false;
  std::vector<int> mine = identifier_field_ids;
  std::vector<int> theirs = other.identifier_field_ids;
  std::sort(mine.begin(), mine.end());
  std::sort(theirs.begin(), theirs.end());
  if (mine != theirs) return false;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!SameField(fields[i], other.fields[i])) return false;
  }
  return true;
}

Result<IcebergTypePtr> IcebergTypeFromJson(const nlohmann::json& json) {
  return TypeFromJsonImpl(json);
}

nlohmann::json IcebergTypeToJson(const IcebergType& type) {
  switch (type.kind) {
    case IcebergType::Kind::kPrimitive:
      return type.primitive;
    case IcebergType::Kind::kStruct: {
      nlohmann::json fields = nlohmann::json::array();
      for (const auto& field : type.fields) fields.push_back(FieldToJson(field));
      return {{"type", "struct"}, {"fields", std::move(fields)}};
    }
    case IcebergType::Kind::kList:
      return {{"type", "list"},
              {"element-id", type.element.id},
              {"element", IcebergTypeToJson(*type.element.type)},
              {"element-required", type.element.required}};
    case IcebergType::Kind::kMap:
      return {{"type", "map"},
              {"key-id", type.key.id},
              {"key", IcebergTypeToJson(*type.key.type)},
              {"value-id", type.value.id},
              {"value", IcebergTypeToJson(*type.value.type)},
              {"value-required", type.value.required}};
  }
  return nullptr;
}

Result<IcebergSchema> IcebergSchemaFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return BadType("Cannot parse schema from non-object");
  SPK_ASSIGN_OR_RAISE(IcebergTypePtr type, TypeFromJsonImpl(json));
  if (type->kind != IcebergType::Kind::kStruct) {
    return BadType("Cannot create schema, not a struct type");
  }
  IcebergSchema schema;
  SPK_ASSIGN_OR_RAISE(auto schema_id, OptionalIntField(json, "schema-id"));
  schema.schema_id = schema_id.value_or(0);
  SPK_ASSIGN_OR_RAISE(schema.identifier_field_ids, IntListField(json, "identifier-field-ids"));
  schema.fields = type->fields;
  SPK_RETURN_NOT_OK(ValidateFieldIdsAndNames(schema.fields));
  return schema;
}

nlohmann::json IcebergSchemaToJson(const IcebergSchema& schema) {
  nlohmann::json out = nlohmann::json::object();
  out["type"] = "struct";
  out["schema-id"] = schema.schema_id;
  if (!schema.identifier_field_ids.empty()) {
    out["identifier-field-ids"] = schema.identifier_field_ids;
  }
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& field : schema.fields) fields.push_back(FieldToJson(field));
  out["fields"] = std::move(fields);
  return out;
}

DataTypePtr ToSparkType(const IcebergType& type) {
  switch (type.kind) {
    case IcebergType::Kind::kStruct: {
      std::vector<StructField> fields;
      for (const auto& field : type.fields) {
        fields.push_back(StructField{field.name, ToSparkType(*field.type), !field.required,
                                     CommentMetadata(field.doc)});
      }
      return DataType::Struct(std::move(fields));
    }
    case IcebergType::Kind::kList:
      return DataType::Array(ToSparkType(*type.element.type), !type.element.required);
    case IcebergType::Kind::kMap:
      return DataType::Map(ToSparkType(*type.key.type), ToSparkType(*type.value.type),
                           !type.value.required);
    case IcebergType::Kind::kPrimitive:
      break;
  }
  const std::string& name = type.primitive;
  if (name == "boolean") return DataType::Boolean();
  if (name == "int") return DataType::Integer();
  if (name == "long" || name == "time") return DataType::Long();
  if (name == "float") return DataType::Float();
  if (name == "double") return DataType::Double();
  if (name == "date") return DataType::Date();
  if (name == "timestamp" || name == "timestamp_ns") return DataType::TimestampNtz();
  if (name == "timestamptz" || name == "timestamptz_ns") return DataType::Timestamp();
  if (name == "string" || name == "uuid") return DataType::String();
  if (name == "unknown") return DataType::Null();
  if (name.rfind("decimal(", 0) == 0) {
    return DataType::Decimal(type.decimal_precision(), type.decimal_scale());
  }
  return DataType::Binary();
}

Schema ToSparkSchema(const IcebergSchema& schema) {
  Schema out;
  for (const auto& field : schema.fields) {
    out.push_back(StructField{field.name, ToSparkType(*field.type), !field.required,
                              CommentMetadata(field.doc)});
  }
  return out;
}

Result<IcebergSchema> FromSparkSchema(const Schema& schema, int last_column_id) {
  FreshIdAssigner assigner(last_column_id);
  IcebergSchema out;
  SPK_ASSIGN_OR_RAISE(out.fields, assigner.Struct(schema));
  return out;
}

std::shared_ptr<arrow::Schema> ToArrowSchema(const IcebergSchema& schema) {
  arrow::FieldVector fields;
  for (const auto& field : schema.fields) fields.push_back(ArrowField(field));
  return arrow::schema(fields);
}

}  // namespace sparkling::iceberg
