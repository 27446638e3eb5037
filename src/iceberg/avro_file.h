#pragma once

// Avro object container files (Avro 1.11 binary encoding and container format), generic
// enough for Iceberg's manifests and manifest lists. Our own codec because Iceberg needs the
// schema attributes "field-id", "element-id", "key-id" and "value-id", which Avro C drops.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace sparkling::iceberg {

struct AvroNode;
using AvroNodePtr = std::shared_ptr<const AvroNode>;

inline constexpr int kNoFieldId = -1;

struct AvroField {
  std::string name;
  AvroNodePtr type;
  int field_id = kNoFieldId;  // "field-id"
  bool default_null = false;  // "default": null, as optional fields carry
  std::string doc;            // "" when absent
  // "iceberg-field-name": the Iceberg name when `name` had to be made a valid Avro name.
  std::string iceberg_field_name = "";
};

/// A node of an Avro schema. Logical types are kept as attributes of their physical type.
struct AvroNode {
  enum class Type {
    kNull,
    kBoolean,
    kInt,
    kLong,
    kFloat,
    kDouble,
    kBytes,
    kString,
    kFixed,
    kEnum,
    kRecord,
    kArray,
    kMap,
    kUnion
  };
  Type type = Type::kNull;
  std::string name;               // record, fixed and enum: the (full) name
  std::string logical_type;       // "date", "decimal", "map", "uuid", "timestamp-micros", ... or ""
  int precision = 0;              // decimal
  int scale = 0;                  // decimal
  int size = 0;                   // fixed
  bool adjust_to_utc = false;     // Iceberg's "adjust-to-utc" on timestamps
  std::vector<AvroField> fields;  // record
  std::vector<std::string> symbols;   // enum
  AvroNodePtr items;                  // array
  int element_id = kNoFieldId;        // array
  AvroNodePtr values;                 // map (keys are strings)
  int key_id = kNoFieldId;            // map
  int value_id = kNoFieldId;          // map
  std::vector<AvroNodePtr> branches;  // union

  static AvroNodePtr Primitive(Type type, std::string logical_type = "");
  static AvroNodePtr Fixed(std::string name, int size, std::string logical_type = "");
  static AvroNodePtr Record(std::string name, std::vector<AvroField> fields);
  static AvroNodePtr Array(AvroNodePtr items, int element_id);
  /// Iceberg's map with non-string keys: an array of "key"/"value" records, logicalType map.
  static AvroNodePtr KeyValueArray(int key_id, AvroNodePtr key, int value_id, AvroNodePtr value);
  /// ["null", type]: how Iceberg writes optional values.
  static AvroNodePtr Optional(AvroNodePtr type);

  /// The non-null branch of a ["null", T] or [T, "null"] union; nullptr for other nodes.
  const AvroNode* OptionalBranch() const;
  /// A record field's index by Iceberg field id, falling back to the name when no field has
  /// ids (files written without them); -1 when absent.
  int FieldIndex(int field_id, std::string_view name) const;
};

/// A decoded Avro datum. Union values are stored as the chosen branch's value.
struct AvroValue {
  enum class Kind { kNull, kBoolean, kInt, kLong, kFloat, kDouble, kBytes, kRecord, kArray, kMap };
  Kind kind = Kind::kNull;
  int64_t integer = 0;            // boolean, int, long
  double real = 0;                // float, double
  std::string bytes;              // bytes, string, fixed, enum symbol
  std::vector<AvroValue> items;   // record fields (schema order), array items, map values
  std::vector<std::string> keys;  // map keys, parallel to items

  static AvroValue Null() { return AvroValue(); }
  static AvroValue Boolean(bool value);
  static AvroValue Int(int32_t value);
  static AvroValue Long(int64_t value);
  static AvroValue Float(float value);
  static AvroValue Double(double value);
  /// string, bytes, fixed or an enum symbol: the schema says which.
  static AvroValue Bytes(std::string value);
  static AvroValue Record(std::vector<AvroValue> fields);
  static AvroValue Array(std::vector<AvroValue> items);

  bool is_null() const { return kind == Kind::kNull; }
};

/// Parses an Avro schema in its JSON form (named types may be referenced after definition).
Result<AvroNodePtr> AvroSchemaFromJson(std::string_view text);
/// The JSON form, with Iceberg's id attributes. A named type written twice is referenced by
/// name the second time, as Avro requires.
std::string AvroSchemaToJson(const AvroNode& schema);

enum class AvroCodec { kNull, kDeflate };

/// A whole container file: header with "avro.schema", "avro.codec" and `metadata`, then the
/// records in blocks. The returned bytes are the file.
Result<std::string> WriteAvroFile(const AvroNode& schema,
                                  const std::vector<std::pair<std::string, std::string>>& metadata,
                                  const std::vector<AvroValue>& records,
                                  AvroCodec codec = AvroCodec::kDeflate);

struct AvroFileContents {
  AvroNodePtr schema;
  std::vector<std::pair<std::string, std::string>> metadata;  // in file order, avro.* included
  std::vector<AvroValue> records;

  /// A metadata value; nullptr when the key is absent.
  const std::string* FindMetadata(std::string_view key) const;
};

/// Reads a container file (codecs null, deflate and snappy). Truncated or corrupt files give
/// ICEBERG_VALIDATION errors that say what is wrong.
Result<AvroFileContents> ReadAvroFile(std::string_view data);

}  // namespace sparkling::iceberg
