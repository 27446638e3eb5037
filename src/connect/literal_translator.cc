#include "connect/literal_translator.h"

#include <arrow/api.h>
#include <arrow/util/decimal.h>

#include "connect/translation_errors.h"
#include "connect/type_translator.h"
#include "spark/connect/expressions.pb.h"

// Pre-4.1 clients (pyspark 4.1.1 included) still send the per-element type fields that the
// 4.1 protos mark deprecated; reading them is deliberate.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace sparkling::connect {

namespace proto = spark::connect;
using LiteralProto = proto::Expression_Literal;

namespace {

constexpr const char* kLiteralTimeZone = "UTC";

// Precision and scale of a decimal literal's text, like java.math.BigDecimal's.
Result<std::pair<int, int>> DecimalShape(const std::string& text) {
  arrow::Decimal128 value;
  int32_t precision = 0;
  int32_t scale = 0;
  auto status = arrow::Decimal128::FromString(text, &value, &precision, &scale);
  if (!status.ok()) return InvalidPlanInput("Invalid decimal literal: " + text);
  if (scale < 0) {  // 1E+3: Spark stores it with scale 0
    precision -= scale;
    scale = 0;
  }
  return std::make_pair(std::max(precision, scale), scale);
}

// The Spark type a literal carries by itself (pre-4.1 clients put element types inside
// arrays, maps and structs; 4.1 may only set the root `data_type`).
Result<DataTypePtr> InferLiteralType(const LiteralProto& literal) {
  switch (literal.literal_type_case()) {
    case LiteralProto::kNull:
      return DataTypeFromProto(literal.null());
    case LiteralProto::kBinary:
      return DataType::Binary();
    case LiteralProto::kBoolean:
      return DataType::Boolean();
    case LiteralProto::kByte:
      return DataType::Byte();
    case LiteralProto::kShort:
      return DataType::Short();
    case LiteralProto::kInteger:
      return DataType::Integer();
    case LiteralProto::kLong:
      return DataType::Long();
    case LiteralProto::kFloat:
      return DataType::Float();
    case LiteralProto::kDouble:
      return DataType::Double();
    case LiteralProto::kDecimal: {
      const auto& decimal = literal.decimal();
      SPK_ASSIGN_OR_RAISE(auto shape, DecimalShape(decimal.value()));
      int scale = decimal.has_scale() ? decimal.scale() : shape.second;
      int precision = decimal.has_precision() ? decimal.precision() : std::max(shape.first, scale);
      if (precision > DataType::kMaxDecimalPrecision) {
        return Status::Error("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                             {{"precision", std::to_string(precision)},
                              {"maxPrecision", std::to_string(DataType::kMaxDecimalPrecision)}});
      }
      return DataType::Decimal(precision, scale);
    }
    case LiteralProto::kString:
      return DataType::String();
    case LiteralProto::kDate:
      return DataType::Date();
    case LiteralProto::kTimestamp:
      return DataType::Timestamp();
    case LiteralProto::kTimestampNtz:
      return DataType::TimestampNtz();
    case LiteralProto::kCalendarInterval:
      return DataType::CalendarInterval();
    case LiteralProto::kYearMonthInterval:
      return DataType::YearMonthInterval();
    case LiteralProto::kDayTimeInterval:
      return DataType::DayTimeInterval();
    case LiteralProto::kArray: {
      const auto& array = literal.array();
      DataTypePtr element;
      if (array.has_element_type()) {
        SPK_ASSIGN_OR_RAISE(element, DataTypeFromProto(array.element_type()));
      } else if (array.elements_size() > 0) {
        SPK_ASSIGN_OR_RAISE(element, InferLiteralType(array.elements(0)));
      } else {
        return InvalidPlanInput("Cannot infer the element type of an empty array literal");
      }
      return DataType::Array(std::move(element), true);
    }
    case LiteralProto::kMap: {
      const auto& map = literal.map();
      DataTypePtr key;
      DataTypePtr value;
      if (map.has_key_type()) {
        SPK_ASSIGN_OR_RAISE(key, DataTypeFromProto(map.key_type()));
      } else if (map.keys_size() > 0) {
        SPK_ASSIGN_OR_RAISE(key, InferLiteralType(map.keys(0)));
      }
      if (map.has_value_type()) {
        SPK_ASSIGN_OR_RAISE(value, DataTypeFromProto(map.value_type()));
      } else if (map.values_size() > 0) {
        SPK_ASSIGN_OR_RAISE(value, InferLiteralType(map.values(0)));
      }
      if (key == nullptr || value == nullptr) {
        return InvalidPlanInput("Cannot infer the key and value types of an empty map literal");
      }
      return DataType::Map(std::move(key), std::move(value), true);
    }
    case LiteralProto::kStruct: {
      const auto& st = literal.struct_();
      if (st.has_struct_type()) return DataTypeFromProto(st.struct_type());
      return InvalidPlanInput("Struct literal without a struct type");
    }
    case LiteralProto::kSpecializedArray: {
      const auto& array = literal.specialized_array();
      switch (array.value_type_case()) {
        case proto::Expression_Literal_SpecializedArray::kBools:
          return DataType::Array(DataType::Boolean(), false);
        case proto::Expression_Literal_SpecializedArray::kInts:
          return DataType::Array(DataType::Integer(), false);
        case proto::Expression_Literal_SpecializedArray::kLongs:
          return DataType::Array(DataType::Long(), false);
        case proto::Expression_Literal_SpecializedArray::kFloats:
          return DataType::Array(DataType::Float(), false);
        case proto::Expression_Literal_SpecializedArray::kDoubles:
          return DataType::Array(DataType::Double(), false);
        case proto::Expression_Literal_SpecializedArray::kStrings:
          return DataType::Array(DataType::String(), false);
        default:
          return InvalidPlanInput("Specialized array literal without values");
      }
    }
    case LiteralProto::kTime:
      return UnsupportedConnectFeature("literal of type TIME");
    case LiteralProto::LITERAL_TYPE_NOT_SET:
      break;
  }
  return InvalidPlanInput("Literal with no value set");
}

Status TypeMismatch(const LiteralProto& literal, const DataType& type) {
  return InvalidPlanInput("Literal value does not match its data type " + type.Sql() + ": " +
                          literal.ShortDebugString());
}

Result<std::shared_ptr<arrow::Array>> ScalarsToArray(
    const std::vector<std::shared_ptr<arrow::Scalar>>& scalars,
    const std::shared_ptr<arrow::DataType>& type) {
  std::unique_ptr<arrow::ArrayBuilder> builder;
  SPK_RETURN_NOT_OK_ARROW(arrow::MakeBuilder(arrow::default_memory_pool(), type, &builder));
  for (const auto& scalar : scalars) SPK_RETURN_NOT_OK_ARROW(builder->AppendScalar(*scalar));
  std::shared_ptr<arrow::Array> array;
  SPK_RETURN_NOT_OK_ARROW(builder->Finish(&array));
  return array;
}

Result<std::shared_ptr<arrow::Scalar>> ToScalar(const LiteralProto& literal, const DataType& type);

Result<std::shared_ptr<arrow::Scalar>> ArrayToScalar(
    const LiteralProto& literal, const DataType& type,
    const std::shared_ptr<arrow::DataType>& arrow_type) {
  std::vector<std::shared_ptr<arrow::Scalar>> elements;
  const DataType& element_type = *type.element_type();
  if (literal.has_specialized_array()) {
    const auto& array = literal.specialized_array();
    auto add = [&](auto scalar) {
      elements.push_back(std::make_shared<decltype(scalar)>(std::move(scalar)));
    };
    for (bool v : array.bools().values()) add(arrow::BooleanScalar(v));
    for (int32_t v : array.ints().values()) add(arrow::Int32Scalar(v));
    for (int64_t v : array.longs().values()) add(arrow::Int64Scalar(v));
    for (float v : array.floats().values()) add(arrow::FloatScalar(v));
    for (double v : array.doubles().values()) add(arrow::DoubleScalar(v));
    for (const auto& v : array.strings().values()) add(arrow::StringScalar(v));
  } else {
    for (const auto& element : literal.array().elements()) {
      SPK_ASSIGN_OR_RAISE(auto scalar, ToScalar(element, element_type));
      elements.push_back(std::move(scalar));
    }
  }
  const auto& list_type = static_cast<const arrow::ListType&>(*arrow_type);
  SPK_ASSIGN_OR_RAISE(auto values, ScalarsToArray(elements, list_type.value_type()));
  return std::make_shared<arrow::ListScalar>(std::move(values), arrow_type);
}

Result<std::shared_ptr<arrow::Scalar>> MapToScalar(
    const LiteralProto& literal, const DataType& type,
    const std::shared_ptr<arrow::DataType>& arrow_type) {
  const auto& map = literal.map();
  if (map.keys_size() != map.values_size()) {
    return InvalidPlanInput("Map literal with " + std::to_string(map.keys_size()) + " keys and " +
                            std::to_string(map.values_size()) + " values");
  }
  std::vector<std::shared_ptr<arrow::Scalar>> keys;
  std::vector<std::shared_ptr<arrow::Scalar>> values;
  for (int i = 0; i < map.keys_size(); ++i) {
    SPK_ASSIGN_OR_RAISE(auto key, ToScalar(map.keys(i), *type.key_type()));
    if (!key->is_valid) return Status::Error("NULL_MAP_KEY");
    SPK_ASSIGN_OR_RAISE(auto value, ToScalar(map.values(i), *type.value_type()));
    keys.push_back(std::move(key));
    values.push_back(std::move(value));
  }
  const auto& map_type = static_cast<const arrow::MapType&>(*arrow_type);
  SPK_ASSIGN_OR_RAISE(auto key_array, ScalarsToArray(keys, map_type.key_type()));
  SPK_ASSIGN_OR_RAISE(auto value_array, ScalarsToArray(values, map_type.item_type()));
  SPK_ASSIGN_OR_RAISE_ARROW(
      auto entries,
      arrow::StructArray::Make({key_array, value_array}, map_type.value_type()->fields()));
  return std::make_shared<arrow::MapScalar>(std::move(entries), arrow_type);
}

Result<std::shared_ptr<arrow::Scalar>> StructToScalar(
    const LiteralProto& literal, const DataType& type,
    const std::shared_ptr<arrow::DataType>& arrow_type) {
  const auto& fields = type.fields();
  const auto& elements = literal.struct_().elements();
  if (static_cast<size_t>(elements.size()) != fields.size()) {
    return InvalidPlanInput("Struct literal with " + std::to_string(elements.size()) +
                            " values for " + std::to_string(fields.size()) + " fields");
  }
  arrow::ScalarVector values;
  for (size_t i = 0; i < fields.size(); ++i) {
    SPK_ASSIGN_OR_RAISE(auto value, ToScalar(elements[static_cast<int>(i)], *fields[i].type));
    values.push_back(std::move(value));
  }
  return std::make_shared<arrow::StructScalar>(std::move(values), arrow_type);
}

Result<std::shared_ptr<arrow::Scalar>> ToScalar(const LiteralProto& literal, const DataType& type) {
  auto arrow_type = ToArrowType(type, kLiteralTimeZone);
  if (literal.has_null() || type.id() == TypeId::kNull) return arrow::MakeNullScalar(arrow_type);
  switch (type.id()) {
    case TypeId::kNull:
      return arrow::MakeNullScalar(arrow_type);
    case TypeId::kBoolean:
      if (!literal.has_boolean()) break;
      return std::make_shared<arrow::BooleanScalar>(literal.boolean());
    case TypeId::kByte:
      if (!literal.has_byte()) break;
      return std::make_shared<arrow::Int8Scalar>(static_cast<int8_t>(literal.byte()));
    case TypeId::kShort:
      if (!literal.has_short_()) break;
      return std::make_shared<arrow::Int16Scalar>(static_cast<int16_t>(literal.short_()));
    case TypeId::kInteger:
      if (!literal.has_integer()) break;
      return std::make_shared<arrow::Int32Scalar>(literal.integer());
    case TypeId::kLong:
      if (!literal.has_long_()) break;
      return std::make_shared<arrow::Int64Scalar>(literal.long_());
    case TypeId::kFloat:
      if (!literal.has_float_()) break;
      return std::make_shared<arrow::FloatScalar>(literal.float_());
    case TypeId::kDouble:
      if (!literal.has_double_()) break;
      return std::make_shared<arrow::DoubleScalar>(literal.double_());
    case TypeId::kDecimal: {
      if (!literal.has_decimal()) break;
      arrow::Decimal128 value;
      int32_t precision = 0;
      int32_t scale = 0;
      if (!arrow::Decimal128::FromString(literal.decimal().value(), &value, &precision, &scale)
               .ok()) {
        return InvalidPlanInput("Invalid decimal literal: " + literal.decimal().value());
      }
      if (scale != type.scale()) {
        SPK_ASSIGN_OR_RAISE_ARROW(value, value.Rescale(scale, type.scale()));
      }
      if (!value.FitsInPrecision(type.precision())) {
        return Status::Error("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                             {{"precision", std::to_string(precision)},
                              {"maxPrecision", std::to_string(type.precision())}});
      }
      return std::make_shared<arrow::Decimal128Scalar>(value, arrow_type);
    }
    case TypeId::kString:
    case TypeId::kChar:
    case TypeId::kVarchar:
      if (!literal.has_string()) break;
      return std::make_shared<arrow::StringScalar>(literal.string());
    case TypeId::kBinary:
      if (!literal.has_binary()) break;
      return std::make_shared<arrow::BinaryScalar>(literal.binary());
    case TypeId::kDate:
      if (!literal.has_date()) break;
      return std::make_shared<arrow::Date32Scalar>(literal.date());
    case TypeId::kTimestamp:
      if (!literal.has_timestamp()) break;
      return std::make_shared<arrow::TimestampScalar>(literal.timestamp(), arrow_type);
    case TypeId::kTimestampNtz:
      if (!literal.has_timestamp_ntz()) break;
      return std::make_shared<arrow::TimestampScalar>(literal.timestamp_ntz(), arrow_type);
    case TypeId::kYearMonthInterval:
      if (!literal.has_year_month_interval()) break;
      return std::make_shared<arrow::MonthIntervalScalar>(literal.year_month_interval());
    case TypeId::kDayTimeInterval:
      if (!literal.has_day_time_interval()) break;
      return std::make_shared<arrow::DurationScalar>(literal.day_time_interval(), arrow_type);
    case TypeId::kCalendarInterval: {
      if (!literal.has_calendar_interval()) break;
      const auto& interval = literal.calendar_interval();
      arrow::MonthDayNanoIntervalType::MonthDayNanos value{interval.months(), interval.days(),
                                                           interval.microseconds() * 1000};
      return std::make_shared<arrow::MonthDayNanoIntervalScalar>(value);
    }
    case TypeId::kArray:
      if (!literal.has_array() && !literal.has_specialized_array()) break;
      return ArrayToScalar(literal, type, arrow_type);
    case TypeId::kMap:
      if (!literal.has_map()) break;
      return MapToScalar(literal, type, arrow_type);
    case TypeId::kStruct:
      if (!literal.has_struct_()) break;
      return StructToScalar(literal, type, arrow_type);
  }
  return TypeMismatch(literal, type);
}

}  // namespace

Result<TranslatedLiteral> TranslateLiteral(const LiteralProto& literal) {
  DataTypePtr type;
  if (literal.has_data_type()) {
    SPK_ASSIGN_OR_RAISE(type, DataTypeFromProto(literal.data_type()));
  } else {
    SPK_ASSIGN_OR_RAISE(type, InferLiteralType(literal));
  }
  SPK_ASSIGN_OR_RAISE(auto value, ToScalar(literal, *type));
  return TranslatedLiteral{std::move(value), std::move(type)};
}

Result<ExprPtr> TranslateLiteralExpression(const LiteralProto& literal) {
  SPK_ASSIGN_OR_RAISE(auto translated, TranslateLiteral(literal));
  return MakeLiteral(std::move(translated.value), std::move(translated.type));
}

Status LiteralToProto(const arrow::Scalar& value, const DataType& type, LiteralProto* out) {
  if (!value.is_valid) {
    DataTypeToProto(type, out->mutable_null());
    return Status::OK();
  }
  switch (type.id()) {
    case TypeId::kNull:
      DataTypeToProto(type, out->mutable_null());
      return Status::OK();
    case TypeId::kBoolean:
      out->set_boolean(static_cast<const arrow::BooleanScalar&>(value).value);
      return Status::OK();
    case TypeId::kByte:
      out->set_byte(static_cast<const arrow::Int8Scalar&>(value).value);
      return Status::OK();
    case TypeId::kShort:
      out->set_short_(static_cast<const arrow::Int16Scalar&>(value).value);
      return Status::OK();
    case TypeId::kInteger:
      out->set_integer(static_cast<const arrow::Int32Scalar&>(value).value);
      return Status::OK();
    case TypeId::kLong:
      out->set_long_(static_cast<const arrow::Int64Scalar&>(value).value);
      return Status::OK();
    case TypeId::kFloat:
      out->set_float_(static_cast<const arrow::FloatScalar&>(value).value);
      return Status::OK();
    case TypeId::kDouble:
      out->set_double_(static_cast<const arrow::DoubleScalar&>(value).value);
      return Status::OK();
    case TypeId::kDecimal: {
      const auto& decimal = static_cast<const arrow::Decimal128Scalar&>(value).value;
      out->mutable_decimal()->set_value(decimal.ToString(type.scale()));
      out->mutable_decimal()->set_precision(type.precision());
      out->mutable_decimal()->set_scale(type.scale());
      return Status::OK();
    }
    case TypeId::kString:
    case TypeId::kChar:
    case TypeId::kVarchar:
    case TypeId::kBinary: {
      const auto& buffer = *static_cast<const arrow::BaseBinaryScalar&>(value).value;
      std::string bytes(reinterpret_cast<const char*>(buffer.data()), buffer.size());
      if (type.id() == TypeId::kBinary) {
        out->set_binary(std::move(bytes));
      } else {
        out->set_string(std::move(bytes));
      }
      return Status::OK();
    }
    case TypeId::kDate:
      out->set_date(static_cast<const arrow::Date32Scalar&>(value).value);
      return Status::OK();
    case TypeId::kTimestamp:
      out->set_timestamp(static_cast<const arrow::TimestampScalar&>(value).value);
      return Status::OK();
    case TypeId::kTimestampNtz:
      out->set_timestamp_ntz(static_cast<const arrow::TimestampScalar&>(value).value);
      return Status::OK();
    case TypeId::kYearMonthInterval:
      out->set_year_month_interval(static_cast<const arrow::MonthIntervalScalar&>(value).value);
      return Status::OK();
    case TypeId::kDayTimeInterval:
      out->set_day_time_interval(static_cast<const arrow::DurationScalar&>(value).value);
      return Status::OK();
    case TypeId::kCalendarInterval: {
      const auto& v = static_cast<const arrow::MonthDayNanoIntervalScalar&>(value).value;
      out->mutable_calendar_interval()->set_months(v.months);
      out->mutable_calendar_interval()->set_days(v.days);
      out->mutable_calendar_interval()->set_microseconds(v.nanoseconds / 1000);
      return Status::OK();
    }
    case TypeId::kArray: {
      const auto& list = static_cast<const arrow::BaseListScalar&>(value).value;
      auto* array = out->mutable_array();
      DataTypeToProto(*type.element_type(), array->mutable_element_type());
      for (int64_t i = 0; i < list->length(); ++i) {
        SPK_ASSIGN_OR_RAISE_ARROW(auto element, list->GetScalar(i));
        SPK_RETURN_NOT_OK(LiteralToProto(*element, *type.element_type(), array->add_elements()));
      }
      return Status::OK();
    }
    case TypeId::kMap: {
      const auto& entries = static_cast<const arrow::StructArray&>(
          *static_cast<const arrow::MapScalar&>(value).value);
      auto* map = out->mutable_map();
      DataTypeToProto(*type.key_type(), map->mutable_key_type());
      DataTypeToProto(*type.value_type(), map->mutable_value_type());
      for (int64_t i = 0; i < entries.length(); ++i) {
        SPK_ASSIGN_OR_RAISE_ARROW(auto key, entries.field(0)->GetScalar(i));
        SPK_ASSIGN_OR_RAISE_ARROW(auto item, entries.field(1)->GetScalar(i));
        SPK_RETURN_NOT_OK(LiteralToProto(*key, *type.key_type(), map->add_keys()));
        SPK_RETURN_NOT_OK(LiteralToProto(*item, *type.value_type(), map->add_values()));
      }
      return Status::OK();
    }
    case TypeId::kStruct: {
      const auto& fields = static_cast<const arrow::StructScalar&>(value).value;
      auto* st = out->mutable_struct_();
      DataTypeToProto(type, st->mutable_struct_type());
      for (size_t i = 0; i < fields.size() && i < type.fields().size(); ++i) {
        SPK_RETURN_NOT_OK(LiteralToProto(*fields[i], *type.fields()[i].type, st->add_elements()));
      }
      return Status::OK();
    }
  }
  return Status::Internal("literal of type " + type.Sql() + " cannot be sent");
}

}  // namespace sparkling::connect
