#include "iceberg/manifest.h"

#include <arrow/api.h>
#include <arrow/util/decimal.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>

#include "iceberg/avro_file.h"
#include "iceberg/file_io.h"
#include "iceberg/iceberg_catalog.h"
#include "iceberg/partition_transform.h"
#include "iceberg/single_value.h"

namespace sparkling::iceberg {
namespace {

using Type = AvroNode::Type;
using Kind = AvroValue::Kind;

// Java writes this for the deprecated v1 block_size_in_bytes; readers ignore it.
constexpr int64_t kV1BlockSize = int64_t{64} * 1024 * 1024;

Status Invalid(const std::string& what) { return CatalogError("ICEBERG_VALIDATION", what); }

// ---------------------------------------------------------------------------------------
// Schemas (Java's record names and field ids)

AvroNodePtr Primitive(Type type) { return AvroNode::Primitive(type); }

AvroField RequiredField(std::string name, AvroNodePtr type, int id) {
  return AvroField{std::move(name), std::move(type), id, false, ""};
}

AvroField OptionalField(std::string name, AvroNodePtr type, int id) {
  return AvroField{std::move(name), AvroNode::Optional(std::move(type)), id, true, ""};
}

AvroField OptionalMapField(std::string name, int id, int key_id, int value_id, Type value) {
  return OptionalField(
      std::move(name),
      AvroNode::KeyValueArray(key_id, Primitive(Type::kInt), value_id, Primitive(value)), id);
}

// Bytes of the smallest two's-complement fixed that holds every unscaled value of a
// decimal precision (Java's TypeUtil.decimalRequiredBytes).
int DecimalRequiredBytes(int precision) {
  unsigned __int128 limit = 1;
  for (int i = 0; i < precision; ++i) limit *= 10;
  for (int bytes = 1; bytes < 16; ++bytes) {
    if ((static_cast<unsigned __int128>(1) << (8 * bytes - 1)) >= limit) return bytes;
  }
  return 16;
}

// The Avro type Java writes for an Iceberg primitive. Named fixed types get unique names
// within one schema: Avro forbids redefining a name and pyiceberg cannot follow references.
Result<AvroNodePtr> AvroTypeOf(const IcebergType& type, std::set<std::string>* names, int id) {
  if (!type.is_primitive()) {
    return Status::NotImplemented("nested partition values in manifests");
  }
  const std::string& name = type.primitive;
  auto unique = [&](std::string base) {
    if (!names->insert(base).second) {
      base += "_" + std::to_string(id);
      names->insert(base);
    }
    return base;
  };
  if (name == "boolean") return Primitive(Type::kBoolean);
  if (name == "int") return Primitive(Type::kInt);
  if (name == "long") return Primitive(Type::kLong);
  if (name == "float") return Primitive(Type::kFloat);
  if (name == "double") return Primitive(Type::kDouble);
  if (name == "string") return Primitive(Type::kString);
  if (name == "binary") return Primitive(Type::kBytes);
  if (name == "date") return AvroNode::Primitive(Type::kInt, "date");
  if (name == "time") return AvroNode::Primitive(Type::kLong, "time-micros");
  if (name.rfind("timestamp", 0) == 0) {
    bool nanos = name.size() > 3 && name.substr(name.size() - 3) == "_ns";
    auto node = std::make_shared<AvroNode>();
    node->type = Type::kLong;
    node->logical_type = nanos ? "timestamp-nanos" : "timestamp-micros";
    node->adjust_to_utc = name.rfind("timestamptz", 0) == 0;
    return AvroNodePtr(node);
  }
  if (name == "uuid") return AvroNode::Fixed(unique("uuid_fixed"), 16, "uuid");
  if (name.rfind("fixed[", 0) == 0) {
    int length = type.fixed_length();
    return AvroNode::Fixed(unique("fixed_" + std::to_string(length)), length);
  }
  if (name.rfind("decimal(", 0) == 0) {
    int precision = type.decimal_precision();
    int scale = type.decimal_scale();
    auto node = std::make_shared<AvroNode>();
    node->type = Type::kFixed;
    node->name = unique("decimal_" + std::to_string(precision) + "_" + std::to_string(scale));
    node->size = DecimalRequiredBytes(precision);
    node->logical_type = "decimal";
    node->precision = precision;
    node->scale = scale;
    return AvroNodePtr(node);
  }
  return Status::NotImplemented("partition values of Iceberg type " + name);
}

struct PartitionFieldType {
  const PartitionField* field;
  IcebergTypePtr result_type;
  AvroNodePtr avro_type;  // of the value, without the null branch
};

Result<std::vector<PartitionFieldType>> PartitionFieldTypes(const PartitionSpec& spec,
                                                            const IcebergSchema& schema) {
  std::vector<PartitionFieldType> out;
  std::set<std::string> names;
  for (const auto& field : spec.fields) {
    const NestedField* source = schema.FindField(field.source_id);
    if (source == nullptr) {
      return Invalid("Cannot find source column for partition field: " + field.name +
                     " (source id " + std::to_string(field.source_id) + ")");
    }
    Transform transform = ParseTransform(field.transform);
    SPK_ASSIGN_OR_RAISE(IcebergTypePtr result_type, TransformResultType(transform, *source->type));
    SPK_ASSIGN_OR_RAISE(AvroNodePtr avro_type, AvroTypeOf(*result_type, &names, field.field_id));
    out.push_back(PartitionFieldType{&field, std::move(result_type), std::move(avro_type)});
  }
  return out;
}

// Avro names are [A-Za-z_][A-Za-z0-9_]*, and Java's parser rejects others. Partition field
// names are the user's, so other characters become _x<hex> and a leading digit gets a '_',
// as Java's AvroSchemaUtil does; readers bind by field id, so nothing else depends on it.
std::string AvroCompatibleName(const std::string& name) {
  auto is_letter = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  auto is_digit = [](unsigned char c) { return c >= '0' && c <= '9'; };
  std::string out;
  for (size_t i = 0; i < name.size();) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (is_letter(c) || (i > 0 && is_digit(c))) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (is_digit(c)) {
      out += "_";
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    // One UTF-8 sequence: its code point in upper-case hex.
    int length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    uint32_t code_point = length == 1 ? c : c & (0x7f >> length);
    for (int k = 1; k < length && i + k < name.size(); ++k) {
      code_point = (code_point << 6) | (static_cast<unsigned char>(name[i + k]) & 0x3f);
    }
    char hex[16];
    std::snprintf(hex, sizeof(hex), "_x%X", code_point);
    out += hex;
    i += static_cast<size_t>(length);
  }
  return out.empty() ? "_" : out;
}

AvroNodePtr PartitionRecord(const std::vector<PartitionFieldType>& fields) {
  std::vector<AvroField> avro_fields;
  for (const auto& field : fields) {
    const std::string& name = field.field->name;
    avro_fields.push_back(
        OptionalField(AvroCompatibleName(name), field.avro_type, field.field->field_id));
    if (avro_fields.back().name != name) avro_fields.back().iceberg_field_name = name;
  }
  return AvroNode::Record("r102", std::move(avro_fields));
}

AvroNodePtr DataFileRecord(int format_version, AvroNodePtr partition) {
  std::vector<AvroField> fields;
  if (format_version >= 2) fields.push_back(RequiredField("content", Primitive(Type::kInt), 134));
  fields.push_back(RequiredField("file_path", Primitive(Type::kString), 100));
  fields.push_back(RequiredField("file_format", Primitive(Type::kString), 101));
  fields.push_back(RequiredField("partition", std::move(partition), 102));
  fields.push_back(RequiredField("record_count", Primitive(Type::kLong), 103));
  fields.push_back(RequiredField("file_size_in_bytes", Primitive(Type::kLong), 104));
  if (format_version == 1) {
    fields.push_back(RequiredField("block_size_in_bytes", Primitive(Type::kLong), 105));
  }
  fields.push_back(OptionalMapField("column_sizes", 108, 117, 118, Type::kLong));
  fields.push_back(OptionalMapField("value_counts", 109, 119, 120, Type::kLong));
  fields.push_back(OptionalMapField("null_value_counts", 110, 121, 122, Type::kLong));
  fields.push_back(OptionalMapField("nan_value_counts", 137, 138, 139, Type::kLong));
  fields.push_back(OptionalMapField("lower_bounds", 125, 126, 127, Type::kBytes));
  fields.push_back(OptionalMapField("upper_bounds", 128, 129, 130, Type::kBytes));
  fields.push_back(OptionalField("key_metadata", Primitive(Type::kBytes), 131));
  fields.push_back(
      OptionalField("split_offsets", AvroNode::Array(Primitive(Type::kLong), 133), 132));
  if (format_version >= 2) {
    fields.push_back(
        OptionalField("equality_ids", AvroNode::Array(Primitive(Type::kInt), 136), 135));
  }
  fields.push_back(OptionalField("sort_order_id", Primitive(Type::kInt), 140));
  if (format_version >= 3) {
    fields.push_back(OptionalField("first_row_id", Primitive(Type::kLong), 142));
  }
  if (format_version >= 2) {
    fields.push_back(OptionalField("referenced_data_file", Primitive(Type::kString), 143));
  }
  if (format_version >= 3) {
    fields.push_back(OptionalField("content_offset", Primitive(Type::kLong), 144));
    fields.push_back(OptionalField("content_size_in_bytes", Primitive(Type::kLong), 145));
  }
  return AvroNode::Record("r2", std::move(fields));
}

AvroNodePtr ManifestEntryRecord(int format_version, AvroNodePtr data_file) {
  std::vector<AvroField> fields;
  fields.push_back(RequiredField("status", Primitive(Type::kInt), 0));
  if (format_version == 1) {
    fields.push_back(RequiredField("snapshot_id", Primitive(Type::kLong), 1));
  } else {
    fields.push_back(OptionalField("snapshot_id", Primitive(Type::kLong), 1));
    fields.push_back(OptionalField("sequence_number", Primitive(Type::kLong), 3));
    fields.push_back(OptionalField("file_sequence_number", Primitive(Type::kLong), 4));
  }
  fields.push_back(RequiredField("data_file", std::move(data_file), 2));
  return AvroNode::Record("manifest_entry", std::move(fields));
}

AvroNodePtr FieldSummaryRecord() {
  std::vector<AvroField> fields;
  fields.push_back(RequiredField("contains_null", Primitive(Type::kBoolean), 509));
  fields.push_back(OptionalField("contains_nan", Primitive(Type::kBoolean), 518));
  fields.push_back(OptionalField("lower_bound", Primitive(Type::kBytes), 510));
  fields.push_back(OptionalField("upper_bound", Primitive(Type::kBytes), 511));
  return AvroNode::Record("r508", std::move(fields));
}

AvroNodePtr ManifestFileRecord(int format_version) {
  // v1 lists have optional counts; v2 made them required and added content and sequence
  // numbers.
  auto count = [format_version](std::string name, Type type, int id) {
    return format_version == 1 ? OptionalField(std::move(name), Primitive(type), id)
                               : RequiredField(std::move(name), Primitive(type), id);
  };
  std::vector<AvroField> fields;
  fields.push_back(RequiredField("manifest_path", Primitive(Type::kString), 500));
  fields.push_back(RequiredField("manifest_length", Primitive(Type::kLong), 501));
  fields.push_back(RequiredField("partition_spec_id", Primitive(Type::kInt), 502));
  if (format_version >= 2) {
    fields.push_back(RequiredField("content", Primitive(Type::kInt), 517));
    fields.push_back(RequiredField("sequence_number", Primitive(Type::kLong), 515));
    fields.push_back(RequiredField("min_sequence_number", Primitive(Type::kLong), 516));
  }
  fields.push_back(RequiredField("added_snapshot_id", Primitive(Type::kLong), 503));
  fields.push_back(count("added_files_count", Type::kInt, 504));
  fields.push_back(count("existing_files_count", Type::kInt, 505));
  fields.push_back(count("deleted_files_count", Type::kInt, 506));
  fields.push_back(count("added_rows_count", Type::kLong, 512));
  fields.push_back(count("existing_rows_count", Type::kLong, 513));
  fields.push_back(count("deleted_rows_count", Type::kLong, 514));
  fields.push_back(OptionalField("partitions", AvroNode::Array(FieldSummaryRecord(), 508), 507));
  fields.push_back(OptionalField("key_metadata", Primitive(Type::kBytes), 519));
  if (format_version >= 3) {
    fields.push_back(OptionalField("first_row_id", Primitive(Type::kLong), 520));
  }
  return AvroNode::Record("manifest_file", std::move(fields));
}

// ---------------------------------------------------------------------------------------
// Values for writing

AvroValue OptionalLong(const std::optional<int64_t>& value) {
  return value ? AvroValue::Long(*value) : AvroValue::Null();
}

AvroValue OptionalBytes(const std::optional<std::string>& value) {
  return value ? AvroValue::Bytes(*value) : AvroValue::Null();
}

// Empty metric maps are written as null: readers treat both as "no metrics".
AvroValue IntLongMap(const std::map<int, int64_t>& map) {
  if (map.empty()) return AvroValue::Null();
  std::vector<AvroValue> items;
  for (const auto& [key, value] : map) {
    items.push_back(AvroValue::Record({AvroValue::Int(key), AvroValue::Long(value)}));
  }
  return AvroValue::Array(std::move(items));
}

AvroValue IntBytesMap(const std::map<int, std::string>& map) {
  if (map.empty()) return AvroValue::Null();
  std::vector<AvroValue> items;
  for (const auto& [key, value] : map) {
    items.push_back(AvroValue::Record({AvroValue::Int(key), AvroValue::Bytes(value)}));
  }
  return AvroValue::Array(std::move(items));
}

template <typename T>
AvroValue OptionalList(const std::vector<T>& values, bool as_long) {
  if (values.empty()) return AvroValue::Null();
  std::vector<AvroValue> items;
  for (T value : values) {
    items.push_back(as_long ? AvroValue::Long(value) : AvroValue::Int(static_cast<int32_t>(value)));
  }
  return AvroValue::Array(std::move(items));
}

template <typename T>
T LittleEndian(const std::string& bytes) {
  T value;
  std::memcpy(&value, bytes.data(), sizeof(T));
  return value;
}

// Via the single-value form, which already knows every Arrow type an engine may hold.
Result<AvroValue> PartitionValueToAvro(const std::shared_ptr<arrow::Scalar>& value,
                                       const PartitionFieldType& field) {
  if (value == nullptr || !value->is_valid) return AvroValue::Null();
  SPK_ASSIGN_OR_RAISE(std::string bytes, ToSingleValue(*value, *field.result_type));
  switch (field.avro_type->type) {
    case Type::kBoolean:
      return AvroValue::Boolean(bytes[0] != 0);
    case Type::kInt:
      return AvroValue::Int(LittleEndian<int32_t>(bytes));
    case Type::kLong:
      return AvroValue::Long(LittleEndian<int64_t>(bytes));
    case Type::kFloat:
      return AvroValue::Float(LittleEndian<float>(bytes));
    case Type::kDouble:
      return AvroValue::Double(LittleEndian<double>(bytes));
    case Type::kFixed:
      if (field.avro_type->logical_type == "decimal") {
        size_t size = static_cast<size_t>(field.avro_type->size);
        if (bytes.size() > size) {
          return Invalid("Decimal partition value exceeds precision " +
                         std::to_string(field.avro_type->precision));
        }
        char sign = (static_cast<uint8_t>(bytes[0]) & 0x80) != 0 ? '\xff' : '\0';
        return AvroValue::Bytes(std::string(size - bytes.size(), sign) + bytes);
      }
      return AvroValue::Bytes(std::move(bytes));
    default:
      return AvroValue::Bytes(std::move(bytes));
  }
}

// ---------------------------------------------------------------------------------------
// Partition summaries

bool IsNaN(const arrow::Scalar& value) {
  if (value.type->id() == arrow::Type::FLOAT) {
    return std::isnan(static_cast<const arrow::FloatScalar&>(value).value);
  }
  if (value.type->id() == arrow::Type::DOUBLE) {
    return std::isnan(static_cast<const arrow::DoubleScalar&>(value).value);
  }
  return false;
}

int CompareFloating(double a, double b) {
  if (a < b) return -1;
  if (a > b) return 1;
  // Equal, or zeros of different signs: -0.0 sorts before +0.0.
  return static_cast<int>(std::signbit(b)) - static_cast<int>(std::signbit(a));
}

// Orders two non-null, non-NaN partition values of the same field. The single-value forms
// of ints and longs are little-endian, so they cannot be compared as bytes; decode instead.
Result<int> ComparePartitionValues(const std::string& a, const std::string& b,
                                   const IcebergType& type) {
  const std::string& name = type.primitive;
  if (name == "int" || name == "date") {
    int32_t x = LittleEndian<int32_t>(a);
    int32_t y = LittleEndian<int32_t>(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (name == "long" || name == "time" || name.rfind("timestamp", 0) == 0) {
    int64_t x = LittleEndian<int64_t>(a);
    int64_t y = LittleEndian<int64_t>(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (name == "float") return CompareFloating(LittleEndian<float>(a), LittleEndian<float>(b));
  if (name == "double") return CompareFloating(LittleEndian<double>(a), LittleEndian<double>(b));
  if (name == "boolean") return static_cast<int>(a[0] != 0) - static_cast<int>(b[0] != 0);
  if (name.rfind("decimal(", 0) == 0) {
    SPK_ASSIGN_OR_RAISE(arrow::Decimal128 x, DecimalFromBigEndian(a));
    SPK_ASSIGN_OR_RAISE(arrow::Decimal128 y, DecimalFromBigEndian(b));
    return x < y ? -1 : (y < x ? 1 : 0);
  }
  // strings (UTF-8 order is code point order), binary, fixed, uuid: unsigned bytes.
  int order = a.compare(b);
  return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

Result<std::vector<FieldSummary>> PartitionSummaries(const std::vector<PartitionFieldType>& fields,
                                                     const std::vector<ManifestEntry>& entries) {
  std::vector<FieldSummary> out;
  for (size_t i = 0; i < fields.size(); ++i) {
    FieldSummary summary;
    summary.contains_nan = false;
    for (const auto& entry : entries) {
      const auto& value = entry.data_file.partition[i];
      if (value == nullptr || !value->is_valid) {
        summary.contains_null = true;
        continue;
      }
      if (IsNaN(*value)) {
        summary.contains_nan = true;
        continue;
      }
      SPK_ASSIGN_OR_RAISE(std::string bytes, ToSingleValue(*value, *fields[i].result_type));
      if (!summary.lower_bound) {
        summary.lower_bound = bytes;
        summary.upper_bound = bytes;
        continue;
      }
      SPK_ASSIGN_OR_RAISE(
          int below, ComparePartitionValues(bytes, *summary.lower_bound, *fields[i].result_type));
      if (below < 0) summary.lower_bound = bytes;
      SPK_ASSIGN_OR_RAISE(
          int above, ComparePartitionValues(bytes, *summary.upper_bound, *fields[i].result_type));
      if (above > 0) summary.upper_bound = bytes;
    }
    out.push_back(std::move(summary));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Reading

// Field access on a decoded record by Iceberg field id (names when the file has no ids).
class RecordView {
 public:
  RecordView(const AvroNode& node, const AvroValue& value, std::string what)
      : node_(node), value_(value), what_(std::move(what)) {}

  /// The field's value, nullptr when the field is absent or null.
  const AvroValue* Find(int id, std::string_view name) const {
    int index = node_.FieldIndex(id, name);
    if (index < 0 || static_cast<size_t>(index) >= value_.items.size()) return nullptr;
    const AvroValue& value = value_.items[index];
    return value.is_null() ? nullptr : &value;
  }

  /// The field's schema with the null branch of an optional removed; nullptr when absent.
  const AvroNode* TypeOf(int id, std::string_view name) const {
    int index = node_.FieldIndex(id, name);
    if (index < 0) return nullptr;
    const AvroNode& type = *node_.fields[index].type;
    const AvroNode* branch = type.OptionalBranch();
    return branch != nullptr ? branch : &type;
  }

  Result<std::optional<int64_t>> OptionalInteger(int id, std::string_view name) const {
    const AvroValue* value = Find(id, name);
    if (value == nullptr) return std::optional<int64_t>();
    if (value->kind != Kind::kInt && value->kind != Kind::kLong) return WrongType(name);
    return std::optional<int64_t>(value->integer);
  }

  Result<int64_t> RequiredInteger(int id, std::string_view name) const {
    SPK_ASSIGN_OR_RAISE(auto value, OptionalInteger(id, name));
    if (!value) return Missing(name);
    return *value;
  }

  Result<int> RequiredInt(int id, std::string_view name) const {
    SPK_ASSIGN_OR_RAISE(int64_t value, RequiredInteger(id, name));
    return static_cast<int>(value);
  }

  Result<std::optional<std::string>> OptionalBytes(int id, std::string_view name) const {
    const AvroValue* value = Find(id, name);
    if (value == nullptr) return std::optional<std::string>();
    if (value->kind != Kind::kBytes) return WrongType(name);
    return std::optional<std::string>(value->bytes);
  }

  Result<std::string> RequiredBytes(int id, std::string_view name) const {
    SPK_ASSIGN_OR_RAISE(auto value, OptionalBytes(id, name));
    if (!value) return Missing(name);
    return *value;
  }

  Result<std::optional<bool>> OptionalBoolean(int id, std::string_view name) const {
    const AvroValue* value = Find(id, name);
    if (value == nullptr) return std::optional<bool>();
    if (value->kind != Kind::kBoolean) return WrongType(name);
    return std::optional<bool>(value->integer != 0);
  }

  /// An int-keyed map: Iceberg's array of key/value records, or an Avro map with numeric
  /// string keys.
  template <typename V, typename Convert>
  Result<std::map<int, V>> IntKeyedMap(int id, std::string_view name, Convert convert) const {
    std::map<int, V> out;
    const AvroValue* value = Find(id, name);
    if (value == nullptr) return out;
    if (value->kind == Kind::kMap) {
      for (size_t i = 0; i < value->items.size(); ++i) {
        SPK_ASSIGN_OR_RAISE(V converted, convert(value->items[i], name));
        out[std::atoi(value->keys[i].c_str())] = std::move(converted);
      }
      return out;
    }
    if (value->kind != Kind::kArray) return WrongType(name);
    for (const auto& item : value->items) {
      if (item.kind != Kind::kRecord || item.items.size() != 2 ||
          (item.items[0].kind != Kind::kInt && item.items[0].kind != Kind::kLong)) {
        return WrongType(name);
      }
      SPK_ASSIGN_OR_RAISE(V converted, convert(item.items[1], name));
      out[static_cast<int>(item.items[0].integer)] = std::move(converted);
    }
    return out;
  }

  template <typename T>
  Result<std::vector<T>> IntegerList(int id, std::string_view name) const {
    std::vector<T> out;
    const AvroValue* value = Find(id, name);
    if (value == nullptr) return out;
    if (value->kind != Kind::kArray) return WrongType(name);
    for (const auto& item : value->items) {
      if (item.kind != Kind::kInt && item.kind != Kind::kLong) return WrongType(name);
      out.push_back(static_cast<T>(item.integer));
    }
    return out;
  }

  Status Missing(std::string_view name) const {
    return Invalid("Invalid " + what_ + ": missing required field " + std::string(name));
  }
  Status WrongType(std::string_view name) const {
    return Invalid("Invalid " + what_ + ": field " + std::string(name) + " has the wrong type");
  }

 private:
  const AvroNode& node_;
  const AvroValue& value_;
  std::string what_;
};

Result<int64_t> LongValue(const AvroValue& value, std::string_view name) {
  if (value.kind != Kind::kInt && value.kind != Kind::kLong) {
    return Invalid("Invalid manifest: map " + std::string(name) + " has non-integer values");
  }
  return value.integer;
}

Result<std::string> BytesValue(const AvroValue& value, std::string_view name) {
  if (value.kind != Kind::kBytes) {
    return Invalid("Invalid manifest: map " + std::string(name) + " has non-binary values");
  }
  return value.bytes;
}

// The Arrow type of a partition value from its Avro type in the manifest.
Result<std::shared_ptr<arrow::DataType>> PartitionArrowTypeOf(const AvroNode& node) {
  const std::string& logical = node.logical_type;
  switch (node.type) {
    case Type::kNull:  // v3 "unknown": always null
      return arrow::null();
    case Type::kBoolean:
      return arrow::boolean();
    case Type::kInt:
      return logical == "date" ? arrow::date32() : arrow::int32();
    case Type::kLong:
      if (logical == "time-micros") return arrow::time64(arrow::TimeUnit::MICRO);
      if (logical == "timestamp-micros" || logical == "timestamp-nanos") {
        auto unit = logical == "timestamp-nanos" ? arrow::TimeUnit::NANO : arrow::TimeUnit::MICRO;
        return node.adjust_to_utc ? arrow::timestamp(unit, "UTC") : arrow::timestamp(unit);
      }
      return arrow::int64();
    case Type::kFloat:
      return arrow::float32();
    case Type::kDouble:
      return arrow::float64();
    case Type::kString:
      return arrow::utf8();
    case Type::kBytes:
      if (logical == "decimal") return arrow::decimal128(node.precision, node.scale);
      return arrow::binary();
    case Type::kFixed:
      if (logical == "decimal") return arrow::decimal128(node.precision, node.scale);
      return arrow::fixed_size_binary(node.size);
    default:
      return Status::NotImplemented("partition values of Avro type in a manifest");
  }
}

Result<std::shared_ptr<arrow::Scalar>> PartitionScalarFromAvro(const AvroValue& value,
                                                               const AvroNode& node) {
  SPK_ASSIGN_OR_RAISE(auto type, PartitionArrowTypeOf(node));
  if (node.logical_type == "decimal" && (node.precision < 1 || node.precision > 38)) {
    return Invalid("Invalid manifest: decimal partition precision " +
                   std::to_string(node.precision));
  }
  if (value.is_null()) return arrow::MakeNullScalar(type);
  auto wrong = [&]() { return Invalid("Invalid manifest: partition value has the wrong type"); };
  switch (type->id()) {
    case arrow::Type::BOOL:
      if (value.kind != Kind::kBoolean) return wrong();
      return std::make_shared<arrow::BooleanScalar>(value.integer != 0);
    case arrow::Type::INT32:
      if (value.kind != Kind::kInt) return wrong();
      return std::make_shared<arrow::Int32Scalar>(static_cast<int32_t>(value.integer));
    case arrow::Type::DATE32:
      if (value.kind != Kind::kInt) return wrong();
      return std::make_shared<arrow::Date32Scalar>(static_cast<int32_t>(value.integer));
    case arrow::Type::INT64:
      if (value.kind != Kind::kLong) return wrong();
      return std::make_shared<arrow::Int64Scalar>(value.integer);
    case arrow::Type::TIME64:
      if (value.kind != Kind::kLong) return wrong();
      return std::make_shared<arrow::Time64Scalar>(value.integer, type);
    case arrow::Type::TIMESTAMP:
      if (value.kind != Kind::kLong) return wrong();
      return std::make_shared<arrow::TimestampScalar>(value.integer, type);
    case arrow::Type::FLOAT:
      if (value.kind != Kind::kFloat) return wrong();
      return std::make_shared<arrow::FloatScalar>(static_cast<float>(value.real));
    case arrow::Type::DOUBLE:
      if (value.kind != Kind::kDouble) return wrong();
      return std::make_shared<arrow::DoubleScalar>(value.real);
    case arrow::Type::STRING:
      if (value.kind != Kind::kBytes) return wrong();
      return std::make_shared<arrow::StringScalar>(value.bytes);
    case arrow::Type::BINARY:
      if (value.kind != Kind::kBytes) return wrong();
      return std::make_shared<arrow::BinaryScalar>(value.bytes);
    case arrow::Type::FIXED_SIZE_BINARY:
      if (value.kind != Kind::kBytes) return wrong();
      return std::make_shared<arrow::FixedSizeBinaryScalar>(arrow::Buffer::FromString(value.bytes),
                                                            type);
    case arrow::Type::DECIMAL128: {
      if (value.kind != Kind::kBytes) return wrong();
      // Wider fixed types only repeat the sign byte.
      std::string_view bytes = value.bytes;
      while (bytes.size() > 16) bytes.remove_prefix(1);
      SPK_ASSIGN_OR_RAISE(arrow::Decimal128 unscaled, DecimalFromBigEndian(bytes));
      return std::make_shared<arrow::Decimal128Scalar>(unscaled, type);
    }
    default:
      return wrong();
  }
}

Result<DataFile> DataFileFromAvro(const AvroNode& node, const AvroValue& value) {
  if (node.type != Type::kRecord || value.kind != Kind::kRecord) {
    return Invalid("Invalid manifest: data_file is not a record");
  }
  RecordView view(node, value, "manifest data_file");
  DataFile file;
  SPK_ASSIGN_OR_RAISE(auto content, view.OptionalInteger(134, "content"));
  if (content && (*content < 0 || *content > 2)) {
    return Invalid("Invalid manifest: unknown data file content " + std::to_string(*content));
  }
  file.content = static_cast<FileContent>(content.value_or(0));
  SPK_ASSIGN_OR_RAISE(file.file_path, view.RequiredBytes(100, "file_path"));
  SPK_ASSIGN_OR_RAISE(file.file_format, view.RequiredBytes(101, "file_format"));
  SPK_ASSIGN_OR_RAISE(file.record_count, view.RequiredInteger(103, "record_count"));
  SPK_ASSIGN_OR_RAISE(file.file_size_in_bytes, view.RequiredInteger(104, "file_size_in_bytes"));

  const AvroNode* partition_node = view.TypeOf(102, "partition");
  const AvroValue* partition = view.Find(102, "partition");
  if (partition_node != nullptr && partition != nullptr) {
    if (partition_node->type != Type::kRecord || partition->kind != Kind::kRecord ||
        partition->items.size() != partition_node->fields.size()) {
      return view.WrongType("partition");
    }
    for (size_t i = 0; i < partition_node->fields.size(); ++i) {
      const AvroNode& field_type = *partition_node->fields[i].type;
      const AvroNode* branch = field_type.OptionalBranch();
      SPK_ASSIGN_OR_RAISE(
          auto scalar, PartitionScalarFromAvro(partition->items[i], branch ? *branch : field_type));
      file.partition.push_back(std::move(scalar));
    }
  }

  SPK_ASSIGN_OR_RAISE(file.column_sizes, view.IntKeyedMap<int64_t>(108, "column_sizes", LongValue));
  SPK_ASSIGN_OR_RAISE(file.value_counts, view.IntKeyedMap<int64_t>(109, "value_counts", LongValue));
  SPK_ASSIGN_OR_RAISE(file.null_value_counts,
                      view.IntKeyedMap<int64_t>(110, "null_value_counts", LongValue));
  SPK_ASSIGN_OR_RAISE(file.nan_value_counts,
                      view.IntKeyedMap<int64_t>(137, "nan_value_counts", LongValue));
  SPK_ASSIGN_OR_RAISE(file.lower_bounds,
                      view.IntKeyedMap<std::string>(125, "lower_bounds", BytesValue));
  SPK_ASSIGN_OR_RAISE(file.upper_bounds,
                      view.IntKeyedMap<std::string>(128, "upper_bounds", BytesValue));
  SPK_ASSIGN_OR_RAISE(file.key_metadata, view.OptionalBytes(131, "key_metadata"));
  SPK_ASSIGN_OR_RAISE(file.split_offsets, view.IntegerList<int64_t>(132, "split_offsets"));
  SPK_ASSIGN_OR_RAISE(file.equality_ids, view.IntegerList<int>(135, "equality_ids"));
  SPK_ASSIGN_OR_RAISE(auto sort_order_id, view.OptionalInteger(140, "sort_order_id"));
  if (sort_order_id) file.sort_order_id = static_cast<int>(*sort_order_id);
  SPK_ASSIGN_OR_RAISE(file.referenced_data_file, view.OptionalBytes(143, "referenced_data_file"));
  SPK_ASSIGN_OR_RAISE(file.first_row_id, view.OptionalInteger(142, "first_row_id"));
  SPK_ASSIGN_OR_RAISE(file.content_offset, view.OptionalInteger(144, "content_offset"));
  SPK_ASSIGN_OR_RAISE(file.content_size_in_bytes,
                      view.OptionalInteger(145, "content_size_in_bytes"));
  return file;
}

Result<AvroFileContents> ReadAvroAt(const std::string& path) {
  SPK_ASSIGN_OR_RAISE(std::string local, LocalPath(path));
  SPK_ASSIGN_OR_RAISE(std::string data, ReadLocalFile(local));
  auto contents = ReadAvroFile(data);
  if (!contents.ok()) {
    Status status = contents.status();
    // Say which file is corrupt; other errors (unsupported codecs) pass through.
    if (status.error().error_class != "ICEBERG_VALIDATION") return status;
    return Invalid(path + ": " + status.message());
  }
  if (contents->schema->type != Type::kRecord) {
    return Invalid(path + ": Invalid Avro file: the schema is not a record");
  }
  return contents;
}

Status CheckFormatVersion(int format_version) {
  if (format_version < 1 || format_version > 3) {
    return Status::NotImplemented("Iceberg format version " + std::to_string(format_version));
  }
  return Status::OK();
}

}  // namespace

Result<ManifestFile> WriteManifest(const std::string& path, const std::string& location,
                                   const ManifestWriteOptions& options,
                                   const std::vector<ManifestEntry>& entries) {
  SPK_RETURN_NOT_OK(CheckFormatVersion(options.format_version));
  if (options.schema == nullptr || options.spec == nullptr) {
    return Status::Internal("WriteManifest needs a schema and a partition spec");
  }
  const int version = options.format_version;
  const bool deletes = options.content != FileContent::kData;
  if (version == 1 && deletes) return Invalid("Cannot write delete files in a v1 table");
  SPK_ASSIGN_OR_RAISE(auto partition_fields, PartitionFieldTypes(*options.spec, *options.schema));
  AvroNodePtr schema =
      ManifestEntryRecord(version, DataFileRecord(version, PartitionRecord(partition_fields)));

  ManifestFile manifest;
  manifest.manifest_path = location;
  manifest.partition_spec_id = options.spec->spec_id;
  manifest.content = deletes ? FileContent::kPositionDeletes : FileContent::kData;
  manifest.sequence_number = options.sequence_number;
  manifest.added_snapshot_id = options.snapshot_id;
  std::optional<int64_t> min_sequence_number;

  std::vector<AvroValue> records;
  records.reserve(entries.size());
  for (const auto& entry : entries) {
    const DataFile& file = entry.data_file;
    if (file.partition.size() != partition_fields.size()) {
      return Invalid("Data file " + file.file_path + " has " +
                     std::to_string(file.partition.size()) + " partition values, spec " +
                     std::to_string(options.spec->spec_id) + " has " +
                     std::to_string(partition_fields.size()) + " fields");
    }
    if ((file.content != FileContent::kData) != deletes) {
      return Invalid("Data and delete files cannot share a manifest: " + file.file_path);
    }
    std::optional<int64_t> snapshot_id = entry.snapshot_id;
    if (!snapshot_id) {
      // ADDED and DELETED entries belong to the writing snapshot; EXISTING ones keep theirs.
      if (entry.status == EntryStatus::kExisting) {
        return Invalid("EXISTING manifest entry without a snapshot id: " + file.file_path);
      }
      snapshot_id = options.snapshot_id;
    }
    if (version >= 2 && entry.status != EntryStatus::kAdded && !entry.sequence_number) {
      return Invalid("Only ADDED manifest entries may leave the sequence number to inheritance: " +
                     file.file_path);
    }
    // Live entries bound min_sequence_number; inheriting ones count as the manifest's own
    // number unless that is left unassigned too.
    std::optional<int64_t> data_sequence = entry.sequence_number;
    if (!data_sequence && options.sequence_number != kUnassignedSequenceNumber) {
      data_sequence = options.sequence_number;
    }
    if (entry.status != EntryStatus::kDeleted && data_sequence &&
        (!min_sequence_number || *data_sequence < *min_sequence_number)) {
      min_sequence_number = data_sequence;
    }
    switch (entry.status) {
      case EntryStatus::kAdded:
        ++manifest.added_files_count;
        manifest.added_rows_count += file.record_count;
        break;
      case EntryStatus::kExisting:
        ++manifest.existing_files_count;
        manifest.existing_rows_count += file.record_count;
        break;
      case EntryStatus::kDeleted:
        ++manifest.deleted_files_count;
        manifest.deleted_rows_count += file.record_count;
        break;
    }

    std::vector<AvroValue> partition;
    for (size_t i = 0; i < partition_fields.size(); ++i) {
      SPK_ASSIGN_OR_RAISE(AvroValue value,
                          PartitionValueToAvro(file.partition[i], partition_fields[i]));
      partition.push_back(std::move(value));
    }
    std::vector<AvroValue> data_file;
    if (version >= 2) data_file.push_back(AvroValue::Int(static_cast<int32_t>(file.content)));
    data_file.push_back(AvroValue::Bytes(file.file_path));
    data_file.push_back(AvroValue::Bytes(file.file_format));
    data_file.push_back(AvroValue::Record(std::move(partition)));
    data_file.push_back(AvroValue::Long(file.record_count));
    data_file.push_back(AvroValue::Long(file.file_size_in_bytes));
    if (version == 1) data_file.push_back(AvroValue::Long(kV1BlockSize));
    data_file.push_back(IntLongMap(file.column_sizes));
    data_file.push_back(IntLongMap(file.value_counts));
    data_file.push_back(IntLongMap(file.null_value_counts));
    data_file.push_back(IntLongMap(file.nan_value_counts));
    data_file.push_back(IntBytesMap(file.lower_bounds));
    data_file.push_back(IntBytesMap(file.upper_bounds));
    data_file.push_back(OptionalBytes(file.key_metadata));
    data_file.push_back(OptionalList(file.split_offsets, /*as_long=*/true));
    if (version >= 2) data_file.push_back(OptionalList(file.equality_ids, /*as_long=*/false));
    data_file.push_back(file.sort_order_id ? AvroValue::Int(*file.sort_order_id)
                                           : AvroValue::Null());
    if (version >= 3) data_file.push_back(OptionalLong(file.first_row_id));
    if (version >= 2) data_file.push_back(OptionalBytes(file.referenced_data_file));
    if (version >= 3) {
      data_file.push_back(OptionalLong(file.content_offset));
      data_file.push_back(OptionalLong(file.content_size_in_bytes));
    }

    std::vector<AvroValue> record;
    record.push_back(AvroValue::Int(static_cast<int32_t>(entry.status)));
    record.push_back(AvroValue::Long(*snapshot_id));
    if (version >= 2) {
      record.push_back(OptionalLong(entry.sequence_number));
      record.push_back(OptionalLong(entry.file_sequence_number));
    }
    record.push_back(AvroValue::Record(std::move(data_file)));
    records.push_back(AvroValue::Record(std::move(record)));
  }
  manifest.min_sequence_number = min_sequence_number.value_or(options.sequence_number);
  SPK_ASSIGN_OR_RAISE(manifest.partitions, PartitionSummaries(partition_fields, entries));

  std::vector<std::pair<std::string, std::string>> metadata = {
      {"schema", IcebergSchemaToJson(*options.schema).dump()},
      {"schema-id", std::to_string(options.schema->schema_id)},
      {"partition-spec", PartitionSpecToJson(*options.spec)["fields"].dump()},
      {"partition-spec-id", std::to_string(options.spec->spec_id)},
      {"format-version", std::to_string(version)}};
  if (version >= 2) metadata.emplace_back("content", deletes ? "deletes" : "data");
  SPK_ASSIGN_OR_RAISE(std::string bytes, WriteAvroFile(*schema, metadata, records));
  SPK_RETURN_NOT_OK(WriteLocalFileDurably(path, bytes));
  manifest.manifest_length = static_cast<int64_t>(bytes.size());
  return manifest;
}

Result<std::vector<ManifestEntry>> ReadManifest(const std::string& path,
                                                const ManifestFile& manifest) {
  SPK_ASSIGN_OR_RAISE(AvroFileContents contents, ReadAvroAt(path));
  const AvroNode& schema = *contents.schema;
  std::vector<ManifestEntry> entries;
  entries.reserve(contents.records.size());
  std::optional<int64_t> next_row_id = manifest.first_row_id;
  for (const auto& record : contents.records) {
    RecordView view(schema, record, "manifest entry in " + path);
    ManifestEntry entry;
    SPK_ASSIGN_OR_RAISE(int64_t status, view.RequiredInteger(0, "status"));
    if (status < 0 || status > 2) {
      return Invalid("Invalid manifest entry in " + path + ": status " + std::to_string(status));
    }
    entry.status = static_cast<EntryStatus>(status);
    SPK_ASSIGN_OR_RAISE(entry.snapshot_id, view.OptionalInteger(1, "snapshot_id"));
    SPK_ASSIGN_OR_RAISE(entry.sequence_number, view.OptionalInteger(3, "sequence_number"));
    SPK_ASSIGN_OR_RAISE(entry.file_sequence_number,
                        view.OptionalInteger(4, "file_sequence_number"));
    const AvroNode* file_node = view.TypeOf(2, "data_file");
    const AvroValue* file_value = view.Find(2, "data_file");
    if (file_node == nullptr || file_value == nullptr) return view.Missing("data_file");
    SPK_ASSIGN_OR_RAISE(entry.data_file, DataFileFromAvro(*file_node, *file_value));

    // Inheritance (spec "Sequence Number Inheritance"): ADDED entries take the manifest's
    // snapshot and sequence number; v1 manifests (sequence number 0) give 0 to every entry.
    if (!entry.snapshot_id) entry.snapshot_id = manifest.added_snapshot_id;
    bool inherits = entry.status == EntryStatus::kAdded || manifest.sequence_number == 0;
    if (!entry.sequence_number && inherits) entry.sequence_number = manifest.sequence_number;
    if (!entry.file_sequence_number && inherits) {
      entry.file_sequence_number = manifest.sequence_number;
    }
    entry.data_file.spec_id = manifest.partition_spec_id;
    // v3 row lineage: data files without a first row id take consecutive ranges.
    if (next_row_id && entry.data_file.content == FileContent::kData &&
        !entry.data_file.first_row_id) {
      entry.data_file.first_row_id = *next_row_id;
      *next_row_id += entry.data_file.record_count;
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

Result<int64_t> WriteManifestList(const std::string& path, const ManifestListWriteOptions& options,
                                  const std::vector<ManifestFile>& manifests) {
  SPK_RETURN_NOT_OK(CheckFormatVersion(options.format_version));
  const int version = options.format_version;
  AvroNodePtr schema = ManifestFileRecord(version);
  auto assigned = [&](int64_t sequence_number, const ManifestFile& manifest) -> Result<int64_t> {
    if (sequence_number != kUnassignedSequenceNumber) return sequence_number;
    if (manifest.added_snapshot_id != options.snapshot_id) {
      return Invalid("Found unassigned sequence number for a manifest from snapshot " +
                     std::to_string(manifest.added_snapshot_id) + ": " + manifest.manifest_path);
    }
    return options.sequence_number;
  };
  std::optional<int64_t> next_row_id = options.first_row_id;
  std::vector<AvroValue> records;
  for (const auto& manifest : manifests) {
    if (version == 1 && manifest.content != FileContent::kData) {
      return Invalid("Cannot store delete manifests in a v1 table");
    }
    std::vector<AvroValue> partitions;
    for (const auto& summary : manifest.partitions) {
      partitions.push_back(AvroValue::Record(
          {AvroValue::Boolean(summary.contains_null),
           summary.contains_nan ? AvroValue::Boolean(*summary.contains_nan) : AvroValue::Null(),
           OptionalBytes(summary.lower_bound), OptionalBytes(summary.upper_bound)}));
    }
    std::vector<AvroValue> record;
    record.push_back(AvroValue::Bytes(manifest.manifest_path));
    record.push_back(AvroValue::Long(manifest.manifest_length));
    record.push_back(AvroValue::Int(manifest.partition_spec_id));
    if (version >= 2) {
      bool deletes = manifest.content != FileContent::kData;
      record.push_back(AvroValue::Int(deletes ? 1 : 0));
      SPK_ASSIGN_OR_RAISE(int64_t sequence_number, assigned(manifest.sequence_number, manifest));
      SPK_ASSIGN_OR_RAISE(int64_t min_sequence_number,
                          assigned(manifest.min_sequence_number, manifest));
      record.push_back(AvroValue::Long(sequence_number));
      record.push_back(AvroValue::Long(min_sequence_number));
    }
    record.push_back(AvroValue::Long(manifest.added_snapshot_id));
    record.push_back(AvroValue::Int(manifest.added_files_count));
    record.push_back(AvroValue::Int(manifest.existing_files_count));
    record.push_back(AvroValue::Int(manifest.deleted_files_count));
    record.push_back(AvroValue::Long(manifest.added_rows_count));
    record.push_back(AvroValue::Long(manifest.existing_rows_count));
    record.push_back(AvroValue::Long(manifest.deleted_rows_count));
    record.push_back(AvroValue::Array(std::move(partitions)));
    record.push_back(OptionalBytes(manifest.key_metadata));
    if (version >= 3) {
      std::optional<int64_t> first_row_id = manifest.first_row_id;
      // Data manifests new in this snapshot get the next range of row ids.
      if (!first_row_id && next_row_id && manifest.content == FileContent::kData) {
        first_row_id = *next_row_id;
        *next_row_id += manifest.added_rows_count + manifest.existing_rows_count;
      }
      record.push_back(OptionalLong(first_row_id));
    }
    records.push_back(AvroValue::Record(std::move(record)));
  }

  std::vector<std::pair<std::string, std::string>> metadata = {
      {"snapshot-id", std::to_string(options.snapshot_id)},
      {"parent-snapshot-id", options.parent_snapshot_id
                                 ? std::to_string(*options.parent_snapshot_id)
                                 : std::string("null")}};
  if (version >= 2)
    metadata.emplace_back("sequence-number", std::to_string(options.sequence_number));
  metadata.emplace_back("format-version", std::to_string(version));
  if (version >= 3 && options.first_row_id) {
    metadata.emplace_back("first-row-id", std::to_string(*options.first_row_id));
  }
  SPK_ASSIGN_OR_RAISE(std::string bytes, WriteAvroFile(*schema, metadata, records));
  SPK_RETURN_NOT_OK(WriteLocalFileDurably(path, bytes));
  return static_cast<int64_t>(bytes.size());
}

Result<std::vector<ManifestFile>> ReadManifestList(const std::string& path) {
  SPK_ASSIGN_OR_RAISE(AvroFileContents contents, ReadAvroAt(path));
  const AvroNode& schema = *contents.schema;
  std::vector<ManifestFile> manifests;
  for (const auto& record : contents.records) {
    RecordView view(schema, record, "manifest list entry in " + path);
    ManifestFile manifest;
    SPK_ASSIGN_OR_RAISE(manifest.manifest_path, view.RequiredBytes(500, "manifest_path"));
    SPK_ASSIGN_OR_RAISE(manifest.manifest_length, view.RequiredInteger(501, "manifest_length"));
    SPK_ASSIGN_OR_RAISE(manifest.partition_spec_id, view.RequiredInt(502, "partition_spec_id"));
    // v1 lists have no content or sequence numbers: data, and 0.
    SPK_ASSIGN_OR_RAISE(auto content, view.OptionalInteger(517, "content"));
    if (content && *content != 0 && *content != 1) {
      return Invalid("Invalid manifest list " + path + ": manifest content " +
                     std::to_string(*content));
    }
    manifest.content =
        content.value_or(0) == 1 ? FileContent::kPositionDeletes : FileContent::kData;
    SPK_ASSIGN_OR_RAISE(auto sequence_number, view.OptionalInteger(515, "sequence_number"));
    manifest.sequence_number = sequence_number.value_or(0);
    SPK_ASSIGN_OR_RAISE(auto min_sequence_number, view.OptionalInteger(516, "min_sequence_number"));
    manifest.min_sequence_number = min_sequence_number.value_or(0);
    SPK_ASSIGN_OR_RAISE(auto added_snapshot_id, view.OptionalInteger(503, "added_snapshot_id"));
    manifest.added_snapshot_id = added_snapshot_id.value_or(0);
    struct Count {
      int id;
      const char* name;
      int64_t* target;
    };
    int64_t counts[6] = {0, 0, 0, 0, 0, 0};
    for (const Count& count :
         {Count{504, "added_files_count", &counts[0]},
          Count{505, "existing_files_count", &counts[1]},
          Count{506, "deleted_files_count", &counts[2]}, Count{512, "added_rows_count", &counts[3]},
          Count{513, "existing_rows_count", &counts[4]},
          Count{514, "deleted_rows_count", &counts[5]}}) {
      SPK_ASSIGN_OR_RAISE(auto value, view.OptionalInteger(count.id, count.name));
      *count.target = value.value_or(0);
    }
    manifest.added_files_count = static_cast<int>(counts[0]);
    manifest.existing_files_count = static_cast<int>(counts[1]);
    manifest.deleted_files_count = static_cast<int>(counts[2]);
    manifest.added_rows_count = counts[3];
    manifest.existing_rows_count = counts[4];
    manifest.deleted_rows_count = counts[5];

    const AvroNode* partitions_node = view.TypeOf(507, "partitions");
    const AvroValue* partitions = view.Find(507, "partitions");
    if (partitions_node != nullptr && partitions != nullptr) {
      if (partitions_node->type != Type::kArray || partitions->kind != Kind::kArray ||
          partitions_node->items->type != Type::kRecord) {
        return view.WrongType("partitions");
      }
      for (const auto& item : partitions->items) {
        RecordView summary_view(*partitions_node->items, item, "partition summary in " + path);
        FieldSummary summary;
        SPK_ASSIGN_OR_RAISE(auto contains_null, summary_view.OptionalBoolean(509, "contains_null"));
        if (!contains_null) return summary_view.Missing("contains_null");
        summary.contains_null = *contains_null;
        SPK_ASSIGN_OR_RAISE(summary.contains_nan,
                            summary_view.OptionalBoolean(518, "contains_nan"));
        SPK_ASSIGN_OR_RAISE(summary.lower_bound, summary_view.OptionalBytes(510, "lower_bound"));
        SPK_ASSIGN_OR_RAISE(summary.upper_bound, summary_view.OptionalBytes(511, "upper_bound"));
        manifest.partitions.push_back(std::move(summary));
      }
    }
    SPK_ASSIGN_OR_RAISE(manifest.key_metadata, view.OptionalBytes(519, "key_metadata"));
    SPK_ASSIGN_OR_RAISE(manifest.first_row_id, view.OptionalInteger(520, "first_row_id"));
    manifests.push_back(std::move(manifest));
  }
  return manifests;
}

}  // namespace sparkling::iceberg
