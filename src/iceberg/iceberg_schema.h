#pragma once

// Iceberg schemas: types with field ids, as the table spec defines them, and their mapping to
// Spark types (the engine's) and to Arrow schemas (Parquet files carry the ids).

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "types/data_type.h"

namespace arrow {
class Schema;
}

namespace sparkling::iceberg {

struct IcebergType;
using IcebergTypePtr = std::shared_ptr<const IcebergType>;

/// A struct field, list element or map key/value carrier: id, name, required, type.
struct NestedField {
  int id = 0;
  std::string name;
  bool required = false;
  IcebergTypePtr type;
  std::string doc;  // "" when absent
  // v3 defaults, as their JSON text ("" when absent), kept so that a round trip loses nothing.
  std::string initial_default_json;
  std::string write_default_json;
};

/// An Iceberg type. Primitives are named as in the JSON form: "boolean", "int", "long",
/// "float", "double", "date", "time", "timestamp", "timestamptz", "timestamp_ns",
/// "timestamptz_ns", "string", "uuid", "binary", "fixed[16]", "decimal(10, 2)" (spaces as the
/// spec writes them), "unknown", "variant".
struct IcebergType {
  enum class Kind { kPrimitive, kStruct, kList, kMap };
  Kind kind = Kind::kPrimitive;
  std::string primitive;            // kPrimitive
  std::vector<NestedField> fields;  // kStruct
  // kList: element; kMap: key and value. `name` of these is "element" / "key" / "value".
  NestedField element;
  NestedField key;
  NestedField value;

  bool is_primitive() const { return kind == Kind::kPrimitive; }
  /// decimal precision / scale and fixed length, parsed from `primitive`.
  int decimal_precision() const;
  int decimal_scale() const;
  int fixed_length() const;

  static IcebergTypePtr Primitive(std::string name);
  static IcebergTypePtr Struct(std::vector<NestedField> fields);
  static IcebergTypePtr List(int element_id, bool element_required, IcebergTypePtr element);
  static IcebergTypePtr Map(int key_id, IcebergTypePtr key, int value_id, bool value_required,
                            IcebergTypePtr value);
};

struct IcebergSchema {
  int schema_id = 0;
  std::vector<int> identifier_field_ids;
  std::vector<NestedField> fields;

  /// Highest field id anywhere in the schema (nested ids included); 0 when empty.
  int HighestFieldId() const;
  /// The field with this id anywhere in the schema (nested included); nullptr when absent.
  const NestedField* FindField(int id) const;
  /// A top-level or dotted nested name ("a.b"), case-insensitive as Spark resolves names.
  const NestedField* FindFieldByName(const std::string& name) const;
  /// Same fields, ids and types (schema id ignored): the spec's schema equality for reuse.
  bool SameStructure(const IcebergSchema& other) const;
};

/// Spec JSON forms ({"type":"struct","schema-id":0,"fields":[...]}, "long", {"type":"list",...}).
Result<IcebergTypePtr> IcebergTypeFromJson(const nlohmann::json& json);
nlohmann::json IcebergTypeToJson(const IcebergType& type);
Result<IcebergSchema> IcebergSchemaFromJson(const nlohmann::json& json);
nlohmann::json IcebergSchemaToJson(const IcebergSchema& schema);

/// The Spark schema of an Iceberg schema: int→int, long→bigint, float, double, decimal,
/// date, timestamp (without zone)→timestamp_ntz, timestamptz→timestamp, string, uuid→string,
/// binary and fixed→binary, time→bigint (microseconds; Spark has no TIME), lists, maps,
/// structs. `required` becomes nullable = false. Field docs become the "comment" metadata.
Schema ToSparkSchema(const IcebergSchema& schema);
DataTypePtr ToSparkType(const IcebergType& type);

/// An Iceberg schema for a Spark schema with fresh ids assigned depth-first in Iceberg's
/// order (all fields of a struct first, then their nested children), starting after
/// `last_column_id`. byte and short widen to int, char/varchar to string, timestamp_ntz →
/// timestamp, timestamp → timestamptz. Interval and null types are UNSUPPORTED_DATATYPE.
Result<IcebergSchema> FromSparkSchema(const Schema& schema, int last_column_id = 0);

/// The Arrow schema Parquet files of this table use: every field carries its Iceberg id as
/// the "PARQUET:field_id" metadata; timestamps are microseconds (timestamptz with zone "UTC"),
/// uuid fixed_size_binary(16), decimals decimal128.
std::shared_ptr<arrow::Schema> ToArrowSchema(const IcebergSchema& schema);

}  // namespace sparkling::iceberg
