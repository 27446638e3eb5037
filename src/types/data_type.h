#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"

namespace arrow {
class DataType;
class Field;
class Schema;
}  // namespace arrow

namespace sparkling {

enum class TypeId {
  kNull,
  kBoolean,
  kByte,
  kShort,
  kInteger,
  kLong,
  kFloat,
  kDouble,
  kDecimal,
  kString,
  kChar,     // CHAR(n): a string padded to n
  kVarchar,  // VARCHAR(n): a string of at most n characters
  kBinary,
  kDate,
  kTimestamp,     // TIMESTAMP (with local time zone): microseconds since the epoch, UTC
  kTimestampNtz,  // TIMESTAMP_NTZ: microseconds, wall clock
  kYearMonthInterval,
  kDayTimeInterval,
  kCalendarInterval,
  kArray,
  kMap,
  kStruct,
};

struct StructField;
class DataType;
using DataTypePtr = std::shared_ptr<const DataType>;

/// A Spark SQL data type. Immutable; share through DataTypePtr.
class DataType {
 public:
  TypeId id() const { return id_; }

  // Parameters; meaningful only for the matching ids.
  int precision() const { return precision_; }    // decimal
  int scale() const { return scale_; }            // decimal
  int length() const { return precision_; }       // char / varchar
  int start_field() const { return precision_; }  // intervals: YEAR=0, MONTH=1 / DAY=0..SECOND=3
  int end_field() const { return scale_; }
  const DataTypePtr& element_type() const { return children_[0]; }     // array
  bool contains_null() const { return contains_null_; }                // array / map values
  const DataTypePtr& key_type() const { return children_[0]; }         // map
  const DataTypePtr& value_type() const { return children_[1]; }       // map
  const std::vector<StructField>& fields() const { return *fields_; }  // struct

  bool IsNumeric() const;   // byte..decimal
  bool IsIntegral() const;  // byte, short, int, long
  bool IsFractional() const { return id_ == TypeId::kFloat || id_ == TypeId::kDouble; }
  bool IsStringLike() const {
    return id_ == TypeId::kString || id_ == TypeId::kChar || id_ == TypeId::kVarchar;
  }
  bool IsDatetime() const {
    return id_ == TypeId::kDate || id_ == TypeId::kTimestamp || id_ == TypeId::kTimestampNtz;
  }
  bool IsNested() const {
    return id_ == TypeId::kArray || id_ == TypeId::kMap || id_ == TypeId::kStruct;
  }

  /// Spark's typeName, used by printSchema and JSON: "long", "integer", "decimal(10,2)".
  std::string TypeName() const;
  /// Spark's simpleString: "bigint", "int", "array<int>", "struct<a:int>".
  std::string SimpleString() const;
  /// Spark's sql form: "BIGINT", "STRUCT<a: INT>"; used in error messages.
  std::string Sql() const;
  /// Spark's JSON form of the type (StructType.json()).
  std::string Json() const;

  /// Structural equality including nullability flags.
  bool Equals(const DataType& other) const;
  /// Equality ignoring nullability flags of nested types (Spark's sameType).
  bool SameType(const DataType& other) const;

  // Factories. Primitive types are shared singletons.
  static DataTypePtr Null();
  static DataTypePtr Boolean();
  static DataTypePtr Byte();
  static DataTypePtr Short();
  static DataTypePtr Integer();
  static DataTypePtr Long();
  static DataTypePtr Float();
  static DataTypePtr Double();
  static DataTypePtr String();
  static DataTypePtr Binary();
  static DataTypePtr Date();
  static DataTypePtr Timestamp();
  static DataTypePtr TimestampNtz();
  static DataTypePtr CalendarInterval();
  static DataTypePtr Decimal(int precision, int scale);
  static DataTypePtr Char(int length);
  static DataTypePtr Varchar(int length);
  static DataTypePtr YearMonthInterval(int start_field = 0, int end_field = 1);
  static DataTypePtr DayTimeInterval(int start_field = 0, int end_field = 3);
  static DataTypePtr Array(DataTypePtr element, bool contains_null = true);
  static DataTypePtr Map(DataTypePtr key, DataTypePtr value, bool value_contains_null = true);
  static DataTypePtr Struct(std::vector<StructField> fields);

  static constexpr int kMaxDecimalPrecision = 38;

  DataType(TypeId id) : id_(id) {}  // NOLINT: use the factories

 private:
  TypeId id_;
  int precision_ = 0;
  int scale_ = 0;
  bool contains_null_ = true;
  std::vector<DataTypePtr> children_;
  std::shared_ptr<const std::vector<StructField>> fields_;
};

struct StructField {
  std::string name;
  DataTypePtr type;
  bool nullable = true;
  std::string metadata_json = "{}";  // Spark field metadata, e.g. {"comment":"..."}
  bool operator==(const StructField& other) const;
};

inline bool operator==(const DataTypePtr& a, const DataTypePtr& b) = delete;

/// The schema of a plan's output as a Spark struct.
using Schema = std::vector<StructField>;

/// Parses Spark's JSON type form ({"type":"struct","fields":[...]} or "long").
Result<DataTypePtr> DataTypeFromJson(const std::string& json);

/// Arrow type of a Spark type, as Spark's ArrowUtils.toArrowType produces it for results.
/// Timestamps carry `time_zone` (the session time zone).
std::shared_ptr<arrow::DataType> ToArrowType(const DataType& type, const std::string& time_zone);
std::shared_ptr<arrow::Field> ToArrowField(const StructField& field, const std::string& time_zone);
std::shared_ptr<arrow::Schema> ToArrowSchema(const Schema& schema, const std::string& time_zone);

/// Spark type of an Arrow type (client-sent data: LocalRelation, Arrow tables).
Result<DataTypePtr> FromArrowType(const arrow::DataType& type);
Result<Schema> FromArrowSchema(const arrow::Schema& schema);

/// Spark's SchemaUtils.escapeMetaCharacters: "\n", "\t" and other control characters written
/// as escapes so they cannot break printSchema trees or show() tables.
std::string EscapeMetaCharacters(const std::string& text);

/// printSchema's tree: "root\n |-- id: long (nullable = false)\n".
std::string SchemaTreeString(const Schema& schema, int max_level = -1);

}  // namespace sparkling
