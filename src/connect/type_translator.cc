#include "connect/type_translator.h"

#include "connect/translation_errors.h"
#include "parser/sql_parser.h"
#include "spark/connect/types.pb.h"

namespace sparkling::connect {

namespace proto = spark::connect;

Result<DataTypePtr> DataTypeFromProto(const proto::DataType& type) {
  switch (type.kind_case()) {
    case proto::DataType::kNull:
      return DataType::Null();
    case proto::DataType::kBinary:
      return DataType::Binary();
    case proto::DataType::kBoolean:
      return DataType::Boolean();
    case proto::DataType::kByte:
      return DataType::Byte();
    case proto::DataType::kShort:
      return DataType::Short();
    case proto::DataType::kInteger:
      return DataType::Integer();
    case proto::DataType::kLong:
      return DataType::Long();
    case proto::DataType::kFloat:
      return DataType::Float();
    case proto::DataType::kDouble:
      return DataType::Double();
    case proto::DataType::kDecimal: {
      // Spark's proto converter defaults to DECIMAL(10, 0) (DecimalType.USER_DEFAULT).
      const auto& decimal = type.decimal();
      int precision = decimal.has_precision() ? decimal.precision() : 10;
      int scale = decimal.has_scale() ? decimal.scale() : 0;
      if (precision < 1 || precision > DataType::kMaxDecimalPrecision || scale < 0 ||
          scale > precision) {
        return Status::Error("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                             {{"precision", std::to_string(precision)},
                              {"maxPrecision", std::to_string(DataType::kMaxDecimalPrecision)}});
      }
      return DataType::Decimal(precision, scale);
    }
    case proto::DataType::kString:
      return DataType::String();
    case proto::DataType::kChar:
      return DataType::Char(type.char_().length());
    case proto::DataType::kVarChar:
      return DataType::Varchar(type.var_char().length());
    case proto::DataType::kDate:
      return DataType::Date();
    case proto::DataType::kTimestamp:
      return DataType::Timestamp();
    case proto::DataType::kTimestampNtz:
      return DataType::TimestampNtz();
    case proto::DataType::kCalendarInterval:
      return DataType::CalendarInterval();
    case proto::DataType::kYearMonthInterval: {
      const auto& interval = type.year_month_interval();
      int start = interval.has_start_field() ? interval.start_field() : 0;
      int end = interval.has_end_field() ? interval.end_field() : 1;
      if (start < 0 || end > 1 || start > end) {
        return InvalidPlanInput("Invalid year-month interval fields");
      }
      return DataType::YearMonthInterval(start, end);
    }
    case proto::DataType::kDayTimeInterval: {
      const auto& interval = type.day_time_interval();
      int start = interval.has_start_field() ? interval.start_field() : 0;
      int end = interval.has_end_field() ? interval.end_field() : 3;
      if (start < 0 || end > 3 || start > end) {
        return InvalidPlanInput("Invalid day-time interval fields");
      }
      return DataType::DayTimeInterval(start, end);
    }
    case proto::DataType::kArray: {
      if (!type.array().has_element_type()) {
        return InvalidPlanInput("Array type without element type");
      }
      SPK_ASSIGN_OR_RAISE(auto element, DataTypeFromProto(type.array().element_type()));
      return DataType::Array(std::move(element), type.array().contains_null());
    }
    case proto::DataType::kMap: {
      const auto& map = type.map();
      if (!map.has_key_type() || !map.has_value_type()) {
        return InvalidPlanInput("Map type without key or value type");
      }
      SPK_ASSIGN_OR_RAISE(auto key, DataTypeFromProto(map.key_type()));
      SPK_ASSIGN_OR_RAISE(auto value, DataTypeFromProto(map.value_type()));
      return DataType::Map(std::move(key), std::move(value), map.value_contains_null());
    }
    case proto::DataType::kStruct: {
      std::vector<StructField> fields;
      fields.reserve(type.struct_().fields_size());
      for (const auto& field : type.struct_().fields()) {
        if (!field.has_data_type()) {
          return InvalidPlanInput("Struct field " + field.name() + " has no data type");
        }
        SPK_ASSIGN_OR_RAISE(auto field_type, DataTypeFromProto(field.data_type()));
        StructField out;
        out.name = field.name();
        out.type = std::move(field_type);
        out.nullable = field.nullable();
        if (field.has_metadata() && !field.metadata().empty()) out.metadata_json = field.metadata();
        fields.push_back(std::move(out));
      }
      return DataType::Struct(std::move(fields));
    }
    case proto::DataType::kUdt:
      // A Python or Scala UDT travels as its SQL type; the client re-wraps values itself.
      if (type.udt().has_sql_type()) return DataTypeFromProto(type.udt().sql_type());
      return UnsupportedConnectFeature("user-defined type " + type.udt().type());
    case proto::DataType::kUnparsed:
      return ParseDataType(type.unparsed().data_type_string());
    case proto::DataType::kVariant:
      return UnsupportedConnectFeature("data type VARIANT");
    case proto::DataType::kGeometry:
      return UnsupportedConnectFeature("data type GEOMETRY");
    case proto::DataType::kGeography:
      return UnsupportedConnectFeature("data type GEOGRAPHY");
    case proto::DataType::kTime:
      return UnsupportedConnectFeature("data type TIME");
    case proto::DataType::KIND_NOT_SET:
      break;
  }
  return InvalidPlanInput("Does not support convert DataType with no kind set to catalyst types.");
}

void DataTypeToProto(const DataType& type, proto::DataType* out) {
  switch (type.id()) {
    case TypeId::kNull:
      out->mutable_null();
      return;
    case TypeId::kBoolean:
      out->mutable_boolean();
      return;
    case TypeId::kByte:
      out->mutable_byte();
      return;
    case TypeId::kShort:
      out->mutable_short_();
      return;
    case TypeId::kInteger:
      out->mutable_integer();
      return;
    case TypeId::kLong:
      out->mutable_long_();
      return;
    case TypeId::kFloat:
      out->mutable_float_();
      return;
    case TypeId::kDouble:
      out->mutable_double_();
      return;
    case TypeId::kDecimal:
      out->mutable_decimal()->set_precision(type.precision());
      out->mutable_decimal()->set_scale(type.scale());
      return;
    case TypeId::kString:
      out->mutable_string();
      return;
    case TypeId::kChar:
      out->mutable_char_()->set_length(type.length());
      return;
    case TypeId::kVarchar:
      out->mutable_var_char()->set_length(type.length());
      return;
    case TypeId::kBinary:
      out->mutable_binary();
      return;
    case TypeId::kDate:
      out->mutable_date();
      return;
    case TypeId::kTimestamp:
      out->mutable_timestamp();
      return;
    case TypeId::kTimestampNtz:
      out->mutable_timestamp_ntz();
      return;
    case TypeId::kYearMonthInterval:
      out->mutable_year_month_interval()->set_start_field(type.start_field());
      out->mutable_year_month_interval()->set_end_field(type.end_field());
      return;
    case TypeId::kDayTimeInterval:
      out->mutable_day_time_interval()->set_start_field(type.start_field());
      out->mutable_day_time_interval()->set_end_field(type.end_field());
      return;
    case TypeId::kCalendarInterval:
      out->mutable_calendar_interval();
      return;
    case TypeId::kArray:
      DataTypeToProto(*type.element_type(), out->mutable_array()->mutable_element_type());
      out->mutable_array()->set_contains_null(type.contains_null());
      return;
    case TypeId::kMap:
      DataTypeToProto(*type.key_type(), out->mutable_map()->mutable_key_type());
      DataTypeToProto(*type.value_type(), out->mutable_map()->mutable_value_type());
      out->mutable_map()->set_value_contains_null(type.contains_null());
      return;
    case TypeId::kStruct:
      SchemaToProto(type.fields(), out);
      return;
  }
}

void SchemaToProto(const Schema& schema, proto::DataType* out) {
  auto* fields = out->mutable_struct_()->mutable_fields();
  for (const StructField& field : schema) {
    auto* proto_field = fields->Add();
    proto_field->set_name(field.name);
    DataTypeToProto(*field.type, proto_field->mutable_data_type());
    proto_field->set_nullable(field.nullable);
    if (!field.metadata_json.empty() && field.metadata_json != "{}") {
      proto_field->set_metadata(field.metadata_json);
    }
  }
}

}  // namespace sparkling::connect
