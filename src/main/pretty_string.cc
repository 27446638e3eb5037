#include "main/pretty_string.h"

#include <arrow/api.h>
#include <arrow/util/decimal.h>

#include <cinttypes>
#include <cstdio>

#include "function/datetime_values.h"
#include "plan/literal_text.h"

namespace sparkling {
namespace {

constexpr const char* kNull = "NULL";

template <typename ArrowArray, typename Format>
std::vector<std::string> FormatEach(const arrow::Array& array, Format format) {
  const auto& typed = static_cast<const ArrowArray&>(array);
  std::vector<std::string> out(static_cast<size_t>(array.length()));
  for (int64_t i = 0; i < array.length(); ++i) {
    out[i] = array.IsNull(i) ? kNull : format(typed.Value(i));
  }
  return out;
}

std::string Hex(std::string_view bytes) {
  static const char* kDigits = "0123456789ABCDEF";
  std::string out = "[";
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) out += ' ';
    auto byte = static_cast<unsigned char>(bytes[i]);
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0xF];
  }
  return out + "]";
}

const char* const kYearMonthUnits[] = {"YEAR", "MONTH"};
const char* const kDayTimeUnits[] = {"DAY", "HOUR", "MINUTE", "SECOND"};

// The interval qualifier: "YEAR TO MONTH", "DAY", "HOUR TO SECOND".
std::string Qualifier(const char* const* units, int start, int end) {
  std::string out = units[start];
  if (end != start) out += std::string(" TO ") + units[end];
  return out;
}

std::string FormatYearMonthInterval(int32_t months, const DataType& type) {
  std::string sign = months < 0 ? "-" : "";
  int64_t magnitude = months < 0 ? -static_cast<int64_t>(months) : months;
  std::string body;
  if (type.start_field() == 0 && type.end_field() == 1) {
    body = sign + std::to_string(magnitude / 12) + "-" + std::to_string(magnitude % 12);
  } else if (type.start_field() == 0) {
    body = sign + std::to_string(magnitude / 12);
  } else {
    body = sign + std::to_string(magnitude);
  }
  return "INTERVAL '" + body + "' " +
         Qualifier(kYearMonthUnits, type.start_field(), type.end_field());
}

std::string FormatDayTimeInterval(int64_t micros, const DataType& type) {
  // Magnitude as unsigned so INT64_MIN does not overflow.
  uint64_t rest = micros < 0 ? 0 - static_cast<uint64_t>(micros) : micros;
  constexpr uint64_t kUnits[] = {86400000000ULL, 3600000000ULL, 60000000ULL, 1000000ULL};
  const int start = type.start_field();
  const int end = type.end_field();
  std::string body = micros < 0 ? "-" : "";
  char buffer[32];
  for (int field = start; field <= end; ++field) {
    uint64_t value = rest / kUnits[field];
    rest %= kUnits[field];
    // The leading field is unbounded; later ones have two digits.
    std::snprintf(buffer, sizeof(buffer), field == start ? "%" PRIu64 : "%02" PRIu64, value);
    if (field > start) body += field == 1 ? " " : ":";
    body += buffer;
    if (field == 3 && rest > 0) {
      std::snprintf(buffer, sizeof(buffer), ".%06" PRIu64, rest);
      std::string fraction = buffer;
      while (fraction.back() == '0') fraction.pop_back();
      body += fraction;
    }
  }
  return "INTERVAL '" + body + "' " + Qualifier(kDayTimeUnits, start, end);
}

// Joins the formatted child values of one row: "[a, b]" / "{k -> v}".
std::string JoinRange(const std::vector<std::string>& values, int64_t begin, int64_t end,
                      const char* open, const char* close) {
  std::string out = open;
  for (int64_t i = begin; i < end; ++i) {
    if (i > begin) out += ", ";
    out += values[i];
  }
  return out + close;
}

}  // namespace

Result<std::vector<std::string>> PrettyStrings(const arrow::Array& array, const DataType& type,
                                               const std::string& time_zone) {
  const int64_t length = array.length();
  switch (type.id()) {
    case TypeId::kNull:
      return std::vector<std::string>(static_cast<size_t>(length), kNull);
    case TypeId::kBoolean:
      return FormatEach<arrow::BooleanArray>(array, [](bool v) { return v ? "true" : "false"; });
    case TypeId::kByte:
      return FormatEach<arrow::Int8Array>(array, [](int8_t v) { return std::to_string(v); });
    case TypeId::kShort:
      return FormatEach<arrow::Int16Array>(array, [](int16_t v) { return std::to_string(v); });
    case TypeId::kInteger:
      return FormatEach<arrow::Int32Array>(array, [](int32_t v) { return std::to_string(v); });
    case TypeId::kLong:
      return FormatEach<arrow::Int64Array>(array, [](int64_t v) { return std::to_string(v); });
    case TypeId::kFloat:
      return FormatEach<arrow::FloatArray>(array, [](float v) { return JavaFloatString(v); });
    case TypeId::kDouble:
      return FormatEach<arrow::DoubleArray>(array, [](double v) { return JavaDoubleString(v); });
    case TypeId::kDecimal: {
      // Arrow's decimal text follows java.math.BigDecimal.toString, as Spark's does.
      int32_t scale = type.scale();
      if (array.type_id() == arrow::Type::DECIMAL128) {
        return FormatEach<arrow::Decimal128Array>(array, [scale](const uint8_t* bytes) {
          return arrow::Decimal128(bytes).ToString(scale);
        });
      }
      break;
    }
    case TypeId::kString:
    case TypeId::kChar:
    case TypeId::kVarchar:
      if (array.type_id() == arrow::Type::LARGE_STRING) {
        return FormatEach<arrow::LargeStringArray>(
            array, [](std::string_view v) { return std::string(v); });
      }
      return FormatEach<arrow::StringArray>(array,
                                            [](std::string_view v) { return std::string(v); });
    case TypeId::kBinary:
      if (array.type_id() == arrow::Type::LARGE_BINARY) {
        return FormatEach<arrow::LargeBinaryArray>(array, Hex);
      }
      return FormatEach<arrow::BinaryArray>(array, Hex);
    case TypeId::kDate:
      return FormatEach<arrow::Date32Array>(array, [](int32_t v) { return FormatDate(v); });
    case TypeId::kTimestamp: {
      SPK_ASSIGN_OR_RAISE(const TimeZone* zone, TimeZone::Find(time_zone));
      return FormatEach<arrow::TimestampArray>(
          array, [zone](int64_t v) { return FormatLocalTimestamp(zone->UtcToLocal(v)); });
    }
    case TypeId::kTimestampNtz:
      return FormatEach<arrow::TimestampArray>(array,
                                               [](int64_t v) { return FormatLocalTimestamp(v); });
    case TypeId::kYearMonthInterval:
      return FormatEach<arrow::MonthIntervalArray>(
          array, [&type](int32_t v) { return FormatYearMonthInterval(v, type); });
    case TypeId::kDayTimeInterval:
      return FormatEach<arrow::DurationArray>(
          array, [&type](int64_t v) { return FormatDayTimeInterval(v, type); });
    case TypeId::kCalendarInterval: {
      const auto& typed = static_cast<const arrow::MonthDayNanoIntervalArray&>(array);
      std::vector<std::string> out(static_cast<size_t>(length));
      for (int64_t i = 0; i < length; ++i) {
        if (array.IsNull(i)) {
          out[i] = kNull;
          continue;
        }
        auto v = typed.Value(i);
        std::string text;
        auto add = [&](int64_t amount, const char* unit) {
          if (amount == 0) return;
          if (!text.empty()) text += ' ';
          text += std::to_string(amount) + " " + unit;
        };
        add(v.months / 12, "years");
        add(v.months % 12, "months");
        add(v.days, "days");
        int64_t micros = v.nanoseconds / 1000;
        if (micros != 0) {
          if (!text.empty()) text += ' ';
          char buffer[48];
          std::snprintf(buffer, sizeof(buffer), "%.6f", static_cast<double>(micros) / 1e6);
          std::string seconds = buffer;
          while (seconds.back() == '0') seconds.pop_back();
          if (seconds.back() == '.') seconds.pop_back();
          text += seconds + " seconds";
        }
        out[i] = text.empty() ? "0 seconds" : text;
      }
      return out;
    }
    case TypeId::kArray: {
      const auto& list = static_cast<const arrow::ListArray&>(array);
      SPK_ASSIGN_OR_RAISE(auto values,
                          PrettyStrings(*list.values(), *type.element_type(), time_zone));
      std::vector<std::string> out(static_cast<size_t>(length));
      for (int64_t i = 0; i < length; ++i) {
        out[i] = list.IsNull(i) ? kNull
                                : JoinRange(values, list.value_offset(i),
                                            list.value_offset(i) + list.value_length(i), "[", "]");
      }
      return out;
    }
    case TypeId::kMap: {
      const auto& map = static_cast<const arrow::MapArray&>(array);
      SPK_ASSIGN_OR_RAISE(auto keys, PrettyStrings(*map.keys(), *type.key_type(), time_zone));
      SPK_ASSIGN_OR_RAISE(auto items, PrettyStrings(*map.items(), *type.value_type(), time_zone));
      std::vector<std::string> entries(keys.size());
      for (size_t i = 0; i < keys.size(); ++i) entries[i] = keys[i] + " -> " + items[i];
      std::vector<std::string> out(static_cast<size_t>(length));
      for (int64_t i = 0; i < length; ++i) {
        out[i] = map.IsNull(i) ? kNull
                               : JoinRange(entries, map.value_offset(i),
                                           map.value_offset(i) + map.value_length(i), "{", "}");
      }
      return out;
    }
    case TypeId::kStruct: {
      const auto& st = static_cast<const arrow::StructArray&>(array);
      const auto& fields = type.fields();
      std::vector<std::vector<std::string>> columns;
      for (size_t f = 0; f < fields.size() && static_cast<int>(f) < st.num_fields(); ++f) {
        SPK_ASSIGN_OR_RAISE(
            auto column, PrettyStrings(*st.field(static_cast<int>(f)), *fields[f].type, time_zone));
        columns.push_back(std::move(column));
      }
      std::vector<std::string> out(static_cast<size_t>(length));
      for (int64_t i = 0; i < length; ++i) {
        if (st.IsNull(i)) {
          out[i] = kNull;
          continue;
        }
        std::string text = "{";
        for (size_t f = 0; f < columns.size(); ++f) {
          if (f > 0) text += ", ";
          text += columns[f][i];
        }
        out[i] = text + "}";
      }
      return out;
    }
  }
  return Status::Internal("cannot render " + type.Sql() + " values stored as " +
                          array.type()->ToString());
}

}  // namespace sparkling
