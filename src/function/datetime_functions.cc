// Date and timestamp functions. Timestamps are instants (microseconds UTC) viewed in the
// session time zone; dates are days since the epoch. current_date/current_timestamp read the
// query start time so that one query sees one value.

#include "function/cast.h"
#include "function/datetime_pattern.h"
#include "function/datetime_values.h"
#include "function/function_definition.h"
#include "function/kernel_support.h"

namespace sparkling {
namespace {

ExpectedType DateArg() { return ExpectedType::Exact(DataType::Date()); }
ExpectedType TimestampArg() { return ExpectedType::Exact(DataType::Timestamp()); }
ExpectedType IntArg() { return ExpectedType::Exact(DataType::Integer()); }
ExpectedType StringArg() { return ExpectedType::Of(ExpectedType::Kind::kStringLike); }

ExprPtr StringConstant(const std::string& value) {
  return MakeLiteral(std::make_shared<arrow::StringScalar>(value), DataType::String());
}

Result<const TimeZone*> SessionZone(const EvalOptions& options) {
  return TimeZone::Find(options.session_time_zone);
}

Result<ExprPtr> Finish(CallBinding& call, DataTypePtr type, SqlRenderer sql, ArrayKernel kernel,
                       bool nullable) {
  ScalarFunctionSpec spec{call.name, std::move(type), std::move(sql)};
  spec.array_kernel = std::move(kernel);
  return MakeScalarCall(std::move(spec), std::move(call.args), nullable);
}

// --- current_date / current_timestamp ----------------------------------------------------------

Result<ExprPtr> BindCurrentDate(CallBinding& call) {
  ScalarFunctionSpec spec{call.name, DataType::Date(), CallSql(call.name)};
  spec.datum_kernel = [](const std::vector<arrow::Datum>&, int64_t,
                         const EvalOptions& options) -> Result<arrow::Datum> {
    SPK_ASSIGN_OR_RAISE(auto zone, SessionZone(options));
    int64_t rest;
    auto days = FloorDiv(zone->UtcToLocal(options.query_start_micros), kMicrosPerDay, &rest);
    return arrow::Datum(std::make_shared<arrow::Date32Scalar>(static_cast<int32_t>(days)));
  };
  return MakeScalarCall(std::move(spec), {}, false);
}

Result<ExprPtr> BindCurrentTimestamp(CallBinding& call) {
  ScalarFunctionSpec spec{call.name, DataType::Timestamp(), CallSql(call.name)};
  spec.datum_kernel = [](const std::vector<arrow::Datum>&, int64_t,
                         const EvalOptions& options) -> Result<arrow::Datum> {
    return arrow::Datum(std::make_shared<arrow::TimestampScalar>(
        options.query_start_micros, arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")));
  };
  return MakeScalarCall(std::move(spec), {}, false);
}

// --- Date arithmetic ---------------------------------------------------------------------------

template <bool kSubtract>
Result<ExprPtr> BindDateAdd(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {DateArg(), IntArg()}, sql));
  return Finish(
      call, DataType::Date(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapBinary<arrow::Date32Type, arrow::Int32Type, arrow::Date32Type>(
            args[0], args[1], arrow::date32(),
            [](arrow::Date32Builder& out, int32_t days, int32_t n) {
              return AppendValue(out, kSubtract ? days - n : days + n);
            });
      },
      call.any_nullable());
}

Result<ExprPtr> BindDateDiff(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {DateArg(), DateArg()}, sql));
  return Finish(
      call, DataType::Integer(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapBinary<arrow::Date32Type, arrow::Date32Type, arrow::Int32Type>(
            args[0], args[1], arrow::int32(),
            [](arrow::Int32Builder& out, int32_t end, int32_t start) {
              return AppendValue(out, end - start);
            });
      },
      call.any_nullable());
}

int32_t AddMonths(int32_t days, int32_t months) {
  CivilDate d = CivilFromDays(days);
  int64_t total = static_cast<int64_t>(d.year) * 12 + (d.month - 1) + months;
  int year = static_cast<int>(total >= 0 ? total / 12 : (total - 11) / 12);
  unsigned month = static_cast<unsigned>(total - static_cast<int64_t>(year) * 12 + 1);
  unsigned day = d.day;
  int32_t out;
  while (!DaysFromCivil(year, month, day, &out)) --day;  // clamp to the month's last day
  return out;
}

Result<ExprPtr> BindAddMonths(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {DateArg(), IntArg()}, sql));
  return Finish(
      call, DataType::Date(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapBinary<arrow::Date32Type, arrow::Int32Type, arrow::Date32Type>(
            args[0], args[1], arrow::date32(),
            [](arrow::Date32Builder& out, int32_t days, int32_t months) {
              return AppendValue(out, AddMonths(days, months));
            });
      },
      call.any_nullable());
}

Result<ExprPtr> BindLastDay(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {DateArg()}, sql));
  return Finish(
      call, DataType::Date(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapUnary<arrow::Date32Type, arrow::Date32Type>(
            args[0], arrow::date32(), [](arrow::Date32Builder& out, int32_t days) {
              CivilDate d = CivilFromDays(days);
              int32_t first_of_next;
              unsigned month = d.month == 12 ? 1 : d.month + 1;
              int year = d.month == 12 ? d.year + 1 : d.year;
              DaysFromCivil(year, month, 1, &first_of_next);
              return AppendValue(out, first_of_next - 1);
            });
      },
      call.any_nullable());
}

Result<ExprPtr> BindMakeDate(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {IntArg(), IntArg(), IntArg()}, sql));
  bool ansi = call.ansi();
  return Finish(
      call, DataType::Date(), sql,
      [ansi](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapTernary<arrow::Int32Type, arrow::Int32Type, arrow::Int32Type, arrow::Date32Type>(
            args[0], args[1], args[2], arrow::date32(),
            [ansi](arrow::Date32Builder& out, int32_t y, int32_t m, int32_t d) -> Status {
              int32_t days;
              if (m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
                  DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d), &days)) {
                return AppendValue(out, days);
              }
              if (ansi) {
                std::string message =
                    m < 1 || m > 12 ? "Invalid value for MonthOfYear (valid values 1 - 12): " +
                                          std::to_string(m)
                                    : "Invalid date '" + std::to_string(y) + "-" +
                                          std::to_string(m) + "-" + std::to_string(d) + "'";
                return Status::Error(
                    "DATETIME_FIELD_OUT_OF_BOUNDS",
                    {{"rangeMessage", message}, {"ansiConfig", "\"spark.sql.ansi.enabled\""}});
              }
              return AppendNull(out);
            });
      },
      true);
}

// --- Field extraction --------------------------------------------------------------------------

enum class DateField {
  kYear,
  kQuarter,
  kMonth,
  kDay,
  kDayOfWeek,
  kWeekDay,
  kDayOfYear,
  kWeekOfYear
};

int32_t ExtractDateField(int32_t days, DateField field) {
  CivilDate d = CivilFromDays(days);
  int64_t rest;
  switch (field) {
    case DateField::kYear:
      return d.year;
    case DateField::kQuarter:
      return static_cast<int32_t>((d.month - 1) / 3 + 1);
    case DateField::kMonth:
      return static_cast<int32_t>(d.month);
    case DateField::kDay:
      return static_cast<int32_t>(d.day);
    case DateField::kDayOfWeek:                            // 1 = Sunday ... 7 = Saturday
      FloorDiv(static_cast<int64_t>(days) + 4, 7, &rest);  // 1970-01-01 was a Thursday
      return static_cast<int32_t>(rest + 1);
    case DateField::kWeekDay:  // 0 = Monday ... 6 = Sunday
      FloorDiv(static_cast<int64_t>(days) + 3, 7, &rest);
      return static_cast<int32_t>(rest);
    case DateField::kDayOfYear: {
      int32_t jan1;
      DaysFromCivil(d.year, 1, 1, &jan1);
      return days - jan1 + 1;
    }
    case DateField::kWeekOfYear: {
      // ISO-8601 week number.
      FloorDiv(static_cast<int64_t>(days) + 3, 7, &rest);
      int32_t thursday = days - static_cast<int32_t>(rest) + 3;
      CivilDate t = CivilFromDays(thursday);
      int32_t jan1;
      DaysFromCivil(t.year, 1, 1, &jan1);
      return (thursday - jan1) / 7 + 1;
    }
  }
  return 0;
}

template <DateField kField>
Result<ExprPtr> BindDateField(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {DateArg()}, sql));
  return Finish(
      call, DataType::Integer(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapUnary<arrow::Date32Type, arrow::Int32Type>(
            args[0], arrow::int32(), [](arrow::Int32Builder& out, int32_t days) {
              return AppendValue(out, ExtractDateField(days, kField));
            });
      },
      call.any_nullable());
}

enum class TimeField { kHour, kMinute, kSecond };

template <TimeField kField>
Result<ExprPtr> BindTimeField(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(
      CoerceArgument(call, 0, {ExpectedType::Of(ExpectedType::Kind::kAnyTimestamp)}, sql));
  bool ntz = call.arg_type(0).id() == TypeId::kTimestampNtz;
  return Finish(
      call, DataType::Integer(), sql,
      [ntz](const std::vector<ArrayPtr>& args, int64_t,
            const EvalOptions& options) -> Result<ArrayPtr> {
        SPK_ASSIGN_OR_RAISE(auto zone, SessionZone(options));
        return MapUnary<arrow::TimestampType, arrow::Int32Type>(
            args[0], arrow::int32(), [&](arrow::Int32Builder& out, int64_t micros) {
              int64_t local = ntz ? micros : zone->UtcToLocal(micros);
              int64_t of_day;
              FloorDiv(local, kMicrosPerDay, &of_day);
              int64_t seconds = of_day / kMicrosPerSecond;
              int32_t value = kField == TimeField::kHour ? static_cast<int32_t>(seconds / 3600)
                              : kField == TimeField::kMinute
                                  ? static_cast<int32_t>(seconds / 60 % 60)
                                  : static_cast<int32_t>(seconds % 60);
              return AppendValue(out, value);
            });
      },
      call.any_nullable());
}

// --- Parsing and formatting ------------------------------------------------------------------

Status ParseFailure(std::string_view text, const std::string& reason,
                    const std::string& try_function) {
  return Status::Error("CANNOT_PARSE_TIMESTAMP",
                       {{"message", "Text '" + std::string(text) + "' " + reason},
                        {"func", "`" + try_function + "`"}});
}

// Parses strings with an optional pattern into local wall-clock micros (nullopt: malformed).
std::optional<int64_t> ParseLocal(std::string_view text, const DatetimePattern* pattern,
                                  const TimeZone& zone, bool to_utc, std::string* error) {
  *error = "could not be parsed at index 0";
  if (pattern != nullptr) {
    auto local = pattern->Parse(text, error);
    if (!local) return std::nullopt;
    return to_utc ? zone.LocalToUtc(*local) : *local;
  }
  auto parsed = ParseTimestamp(text);
  if (!parsed) return std::nullopt;
  if (!to_utc) return parsed->local_micros;
  auto utc = TimestampToUtc(*parsed, zone);
  if (!utc.ok()) return std::nullopt;
  return *utc;
}

// Reads a pattern argument that must be a literal (or absent).
Result<std::optional<DatetimePattern>> LiteralPattern(const CallBinding& call, size_t index) {
  if (index >= call.args.size()) return std::optional<DatetimePattern>();
  const auto& arg = call.args[index];
  if (arg->kind != ExprKind::kLiteral) {
    return Status::NotImplemented("a non-literal datetime pattern in " + call.name);
  }
  const auto& value = arg->As<Literal>().value;
  if (!value || !value->is_valid) return std::optional<DatetimePattern>();
  SPK_ASSIGN_OR_RAISE(auto pattern, DatetimePattern::Compile(value->ToString()));
  return std::optional<DatetimePattern>(std::move(pattern));
}

template <bool kToDate>
Result<ExprPtr> BindToDatetime(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  DataTypePtr result = kToDate ? DataType::Date() : DataType::Timestamp();
  if (call.args.size() == 1) {
    // to_date(x) / to_timestamp(x) convert like CAST (CAST_INVALID_INPUT on bad text) but keep
    // their own name.
    DataTypePtr from = call.args[0]->type;
    if (!CanCast(*from, *result, call.ansi()) || from->IsNumeric()) {
      return UnexpectedInputType(call, sql(ArgumentSql(call)), 0,
                                 "(\"STRING\" or \"DATE\" or \"TIMESTAMP\" or \"TIMESTAMP_NTZ\")");
    }
    ScalarFunctionSpec spec{call.name, result, sql};
    spec.datum_kernel = [from, result](const std::vector<arrow::Datum>& args, int64_t,
                                       const EvalOptions& options) -> Result<arrow::Datum> {
      return CastDatum(args[0], *from, *result, CastMode::kDefault, options);
    };
    return MakeScalarCall(std::move(spec), std::move(call.args), true);
  }
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), StringArg()}, sql));
  SPK_ASSIGN_OR_RAISE(auto pattern, LiteralPattern(call, 1));
  bool ansi = call.ansi();
  std::string try_function = kToDate ? "try_to_date" : "try_to_timestamp";
  return Finish(
      call, result, sql,
      [pattern, ansi, try_function](const std::vector<ArrayPtr>& args, int64_t length,
                                    const EvalOptions& options) -> Result<ArrayPtr> {
        SPK_ASSIGN_OR_RAISE(auto zone, SessionZone(options));
        const auto& text = static_cast<const arrow::StringArray&>(*args[0]);
        std::unique_ptr<arrow::ArrayBuilder> builder;
        auto type = kToDate ? arrow::date32() : arrow::timestamp(arrow::TimeUnit::MICRO, "UTC");
        SPK_RETURN_NOT_OK_ARROW(arrow::MakeBuilder(arrow::default_memory_pool(), type, &builder));
        for (int64_t i = 0; i < length; ++i) {
          if (text.IsNull(i) || args[1]->IsNull(i)) {
            SPK_RETURN_NOT_OK_ARROW(builder->AppendNull());
            continue;
          }
          std::string reason;
          auto value =
              ParseLocal(text.GetView(i), pattern ? &*pattern : nullptr, *zone, !kToDate, &reason);
          if (!value) {
            if (ansi) return ParseFailure(text.GetView(i), reason, try_function);
            SPK_RETURN_NOT_OK_ARROW(builder->AppendNull());
            continue;
          }
          if (kToDate) {
            int64_t rest;
            SPK_RETURN_NOT_OK_ARROW(static_cast<arrow::Date32Builder&>(*builder).Append(
                static_cast<int32_t>(FloorDiv(*value, kMicrosPerDay, &rest))));
          } else {
            SPK_RETURN_NOT_OK_ARROW(static_cast<arrow::TimestampBuilder&>(*builder).Append(*value));
          }
        }
        std::shared_ptr<arrow::Array> out;
        SPK_RETURN_NOT_OK_ARROW(builder->Finish(&out));
        return out;
      },
      true);
}

Result<ExprPtr> BindDateFormat(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {TimestampArg(), StringArg()}, sql));
  SPK_ASSIGN_OR_RAISE(auto pattern, LiteralPattern(call, 1));
  return Finish(
      call, DataType::String(), sql,
      [pattern](const std::vector<ArrayPtr>& args, int64_t,
                const EvalOptions& options) -> Result<ArrayPtr> {
        SPK_ASSIGN_OR_RAISE(auto zone, SessionZone(options));
        return MapBinary<arrow::TimestampType, arrow::StringType, arrow::StringType>(
            args[0], args[1], arrow::utf8(),
            [&](arrow::StringBuilder& out, int64_t micros, std::string_view) {
              if (!pattern) return AppendNull(out);
              return AppendValue(out, pattern->Format(zone->UtcToLocal(micros)));
            });
      },
      call.any_nullable());
}

Result<ExprPtr> BindUnixTimestamp(CallBinding& call) {
  if (call.args.empty()) {
    CallBinding now{"current_timestamp", {}, call.options};
    SPK_ASSIGN_OR_RAISE(auto current, BindCurrentTimestamp(now));
    call.args.push_back(current);
  }
  if (call.args.size() == 1) call.args.push_back(StringConstant("yyyy-MM-dd HH:mm:ss"));
  SqlRenderer sql = CallSql(call.name);
  bool from_string = call.arg_type(0).IsStringLike();
  if (!from_string) {
    SPK_RETURN_NOT_OK(CoerceArgument(call, 0, {TimestampArg()}, sql));
  }
  SPK_RETURN_NOT_OK(CoerceArgument(call, 1, {StringArg()}, sql));
  SPK_ASSIGN_OR_RAISE(auto pattern, LiteralPattern(call, 1));
  bool ansi = call.ansi();
  return Finish(
      call, DataType::Long(), sql,
      [from_string, pattern, ansi](const std::vector<ArrayPtr>& args, int64_t length,
                                   const EvalOptions& options) -> Result<ArrayPtr> {
        SPK_ASSIGN_OR_RAISE(auto zone, SessionZone(options));
        arrow::Int64Builder builder;
        for (int64_t i = 0; i < length; ++i) {
          if (args[0]->IsNull(i) || args[1]->IsNull(i)) {
            SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
            continue;
          }
          int64_t micros;
          if (from_string) {
            auto text = static_cast<const arrow::StringArray&>(*args[0]).GetView(i);
            std::string reason;
            auto value = ParseLocal(text, pattern ? &*pattern : nullptr, *zone, true, &reason);
            if (!value) {
              if (ansi) return ParseFailure(text, reason, "try_to_timestamp");
              SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
              continue;
            }
            micros = *value;
          } else {
            micros = static_cast<const arrow::TimestampArray&>(*args[0]).Value(i);
          }
          int64_t rest;
          SPK_RETURN_NOT_OK_ARROW(builder.Append(FloorDiv(micros, kMicrosPerSecond, &rest)));
        }
        return FinishBuilder(builder);
      },
      true);
}

Result<ExprPtr> BindFromUnixtime(CallBinding& call) {
  if (call.args.size() == 1) call.args.push_back(StringConstant("yyyy-MM-dd HH:mm:ss"));
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(
      CoerceArguments(call, {ExpectedType::Exact(DataType::Long()), StringArg()}, sql));
  SPK_ASSIGN_OR_RAISE(auto pattern, LiteralPattern(call, 1));
  return Finish(
      call, DataType::String(), sql,
      [pattern](const std::vector<ArrayPtr>& args, int64_t,
                const EvalOptions& options) -> Result<ArrayPtr> {
        SPK_ASSIGN_OR_RAISE(auto zone, SessionZone(options));
        return MapBinary<arrow::Int64Type, arrow::StringType, arrow::StringType>(
            args[0], args[1], arrow::utf8(),
            [&](arrow::StringBuilder& out, int64_t seconds, std::string_view) {
              if (!pattern) return AppendNull(out);
              int64_t micros = seconds * kMicrosPerSecond;
              return AppendValue(out, pattern->Format(zone->UtcToLocal(micros)));
            });
      },
      true);
}

// --- Truncation --------------------------------------------------------------------------------

enum class TruncUnit {
  kYear,
  kQuarter,
  kMonth,
  kWeek,
  kDay,
  kHour,
  kMinute,
  kSecond,
  kMillisecond,
  kMicrosecond,
  kInvalid
};

TruncUnit ParseTruncUnit(std::string unit) {
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (unit == "year" || unit == "yyyy" || unit == "yy") return TruncUnit::kYear;
  if (unit == "quarter") return TruncUnit::kQuarter;
  if (unit == "month" || unit == "mm" || unit == "mon") return TruncUnit::kMonth;
  if (unit == "week") return TruncUnit::kWeek;
  if (unit == "day" || unit == "dd") return TruncUnit::kDay;
  if (unit == "hour") return TruncUnit::kHour;
  if (unit == "minute") return TruncUnit::kMinute;
  if (unit == "second") return TruncUnit::kSecond;
  if (unit == "millisecond") return TruncUnit::kMillisecond;
  if (unit == "microsecond") return TruncUnit::kMicrosecond;
  return TruncUnit::kInvalid;
}

int32_t TruncateDays(int32_t days, TruncUnit unit) {
  CivilDate d = CivilFromDays(days);
  int32_t out = days;
  int64_t rest;
  switch (unit) {
    case TruncUnit::kYear:
      DaysFromCivil(d.year, 1, 1, &out);
      break;
    case TruncUnit::kQuarter:
      DaysFromCivil(d.year, (d.month - 1) / 3 * 3 + 1, 1, &out);
      break;
    case TruncUnit::kMonth:
      DaysFromCivil(d.year, d.month, 1, &out);
      break;
    case TruncUnit::kWeek:
      FloorDiv(static_cast<int64_t>(days) + 3, 7, &rest);  // days since Monday
      out = days - static_cast<int32_t>(rest);
      break;
    default:
      break;
  }
  return out;
}

Result<ExprPtr> BindDateTrunc(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {StringArg(), TimestampArg()}, sql));
  return Finish(
      call, DataType::Timestamp(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t,
         const EvalOptions& options) -> Result<ArrayPtr> {
        SPK_ASSIGN_OR_RAISE(auto zone, SessionZone(options));
        arrow::TimestampBuilder builder(arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"),
                                        arrow::default_memory_pool());
        const auto& units = static_cast<const arrow::StringArray&>(*args[0]);
        const auto& values = static_cast<const arrow::TimestampArray&>(*args[1]);
        for (int64_t i = 0; i < values.length(); ++i) {
          TruncUnit unit =
              units.IsNull(i) ? TruncUnit::kInvalid : ParseTruncUnit(std::string(units.GetView(i)));
          if (values.IsNull(i) || unit == TruncUnit::kInvalid) {
            SPK_RETURN_NOT_OK_ARROW(builder.AppendNull());
            continue;
          }
          int64_t local = zone->UtcToLocal(values.Value(i));
          int64_t of_day;
          int64_t days = FloorDiv(local, kMicrosPerDay, &of_day);
          int64_t truncated;
          switch (unit) {
            case TruncUnit::kHour:
              truncated = local - of_day % (3600 * kMicrosPerSecond);
              break;
            case TruncUnit::kMinute:
              truncated = local - of_day % (60 * kMicrosPerSecond);
              break;
            case TruncUnit::kSecond:
              truncated = local - of_day % kMicrosPerSecond;
              break;
            case TruncUnit::kMillisecond:
              truncated = local - of_day % 1000;
              break;
            case TruncUnit::kMicrosecond:
              truncated = local;
              break;
            default:
              truncated = static_cast<int64_t>(TruncateDays(static_cast<int32_t>(days), unit)) *
                          kMicrosPerDay;
          }
          SPK_RETURN_NOT_OK_ARROW(builder.Append(zone->LocalToUtc(truncated)));
        }
        return FinishBuilder(builder);
      },
      true);
}

Result<ExprPtr> BindTrunc(CallBinding& call) {
  SqlRenderer sql = CallSql(call.name);
  SPK_RETURN_NOT_OK(CoerceArguments(call, {DateArg(), StringArg()}, sql));
  return Finish(
      call, DataType::Date(), sql,
      [](const std::vector<ArrayPtr>& args, int64_t, const EvalOptions&) -> Result<ArrayPtr> {
        return MapBinary<arrow::Date32Type, arrow::StringType, arrow::Date32Type>(
            args[0], args[1], arrow::date32(),
            [](arrow::Date32Builder& out, int32_t days, std::string_view unit_text) {
              TruncUnit unit = ParseTruncUnit(std::string(unit_text));
              if (unit != TruncUnit::kYear && unit != TruncUnit::kQuarter &&
                  unit != TruncUnit::kMonth && unit != TruncUnit::kWeek) {
                return AppendNull(out);
              }
              return AppendValue(out, TruncateDays(days, unit));
            });
      },
      true);
}

// extract(field FROM source) / date_part('field', source): the field is a literal string.
Result<ExprPtr> BindExtract(CallBinding& call) {
  const auto& field_arg = call.args[0];
  if (field_arg->kind != ExprKind::kLiteral || !field_arg->type->IsStringLike() ||
      !field_arg->As<Literal>().value->is_valid) {
    return Status::Error("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                         {{"sqlExpr", QuotedSql(CallSql(call.name)(ArgumentSql(call)))},
                          {"inputName", "`field`"},
                          {"inputType", "\"STRING\""},
                          {"inputExpr", QuotedSql(field_arg->ToSql())}});
  }
  std::string field = field_arg->As<Literal>().value->ToString();
  std::string display = field;
  for (char& c : field) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  SqlRenderer sql = call.name == "extract"
                        ? SqlRenderer([display](const std::vector<std::string>& args) {
                            return "extract(" + display + " FROM " + args[1] + ")";
                          })
                        : CallSql(call.name);
  static const std::pair<const char*, const char*> kFields[] = {
      {"YEAR", "year"},      {"Y", "year"},           {"YEARS", "year"},
      {"YR", "year"},        {"YRS", "year"},         {"QUARTER", "quarter"},
      {"QTR", "quarter"},    {"MONTH", "month"},      {"MON", "month"},
      {"MONS", "month"},     {"MONTHS", "month"},     {"WEEK", "weekofyear"},
      {"W", "weekofyear"},   {"WEEKS", "weekofyear"}, {"DAY", "day"},
      {"D", "day"},          {"DAYS", "day"},         {"DAYOFWEEK", "dayofweek"},
      {"DOW", "dayofweek"},  {"DOY", "dayofyear"},    {"HOUR", "hour"},
      {"H", "hour"},         {"HOURS", "hour"},       {"HR", "hour"},
      {"HRS", "hour"},       {"MINUTE", "minute"},    {"M", "minute"},
      {"MIN", "minute"},     {"MINS", "minute"},      {"MINUTES", "minute"},
      {"SECOND", "second"},  {"S", "second"},         {"SEC", "second"},
      {"SECONDS", "second"}, {"SECS", "second"},
  };
  const char* target = nullptr;
  for (const auto& [name, function] : kFields) {
    if (field == name) target = function;
  }
  if (target == nullptr) {
    return Status::Error("INVALID_EXTRACT_FIELD", {{"field", "`" + display + "`"},
                                                   {"expr", QuotedSql(call.args[1]->ToSql())}});
  }
  SPK_ASSIGN_OR_RAISE(auto inner,
                      FunctionRegistry::Global().Resolve(target, {call.args[1]}, *call.options));
  // Keep the extract rendering: re-wrap the resolved field function under this call's name.
  if (inner->kind != ExprKind::kScalarFunction) return inner;
  auto function = inner->As<ScalarFunctionCall>().function;
  ScalarFunctionSpec spec{call.name, inner->type, sql};
  spec.datum_kernel = [function](const std::vector<arrow::Datum>& args, int64_t num_rows,
                                 const EvalOptions& options) -> Result<arrow::Datum> {
    return function->Evaluate({args[1]}, num_rows, options);
  };
  std::vector<ExprPtr> args = {call.args[0], inner->children[0]};
  return MakeScalarCall(std::move(spec), std::move(args), inner->nullable);
}

}  // namespace

const std::vector<FunctionDefinition>& DatetimeFunctions() {
  static const std::vector<FunctionDefinition> kFunctions = {
      {"current_date", 0, 0, false, &BindCurrentDate, "CurrentDate",
       "current_date() - Returns the current date at the start of query evaluation."},
      {"curdate", 0, 0, false, &BindCurrentDate, "CurrentDate",
       "curdate() - Returns the current date at the start of query evaluation."},
      {"current_timestamp", 0, 0, false, &BindCurrentTimestamp, "CurrentTimestamp",
       "current_timestamp() - Returns the current timestamp at the start of query evaluation."},
      {"now", 0, 0, false, &BindCurrentTimestamp, "Now",
       "now() - Returns the current timestamp at the start of query evaluation."},
      {"localtimestamp", 0, 0, false, &BindCurrentTimestamp, "LocalTimestamp",
       "localtimestamp() - Returns the current timestamp at the start of query evaluation."},
      {"date_add", 2, 2, false, &BindDateAdd<false>, "DateAdd",
       "date_add(start_date, num_days) - Returns the date that is `num_days` after `start_date`."},
      {"dateadd", 2, 2, false, &BindDateAdd<false>, "DateAdd",
       "dateadd(start_date, num_days) - Returns the date that is `num_days` after `start_date`."},
      {"date_sub", 2, 2, false, &BindDateAdd<true>, "DateSub",
       "date_sub(start_date, num_days) - Returns the date that is `num_days` before "
       "`start_date`."},
      {"datediff", 2, 2, false, &BindDateDiff, "DateDiff",
       "datediff(endDate, startDate) - Returns the number of days from `startDate` to "
       "`endDate`."},
      {"date_diff", 2, 2, false, &BindDateDiff, "DateDiff",
       "date_diff(endDate, startDate) - Returns the number of days from `startDate` to "
       "`endDate`."},
      {"add_months", 2, 2, false, &BindAddMonths, "AddMonths",
       "add_months(start_date, num_months) - Returns the date that is `num_months` after "
       "`start_date`."},
      {"last_day", 1, 1, false, &BindLastDay, "LastDay",
       "last_day(date) - Returns the last day of the month which the date belongs to."},
      {"make_date", 3, 3, false, &BindMakeDate, "MakeDate",
       "make_date(year, month, day) - Create date from year, month and day fields."},
      {"year", 1, 1, false, &BindDateField<DateField::kYear>, "Year",
       "year(date) - Returns the year component of the date/timestamp."},
      {"quarter", 1, 1, false, &BindDateField<DateField::kQuarter>, "Quarter",
       "quarter(date) - Returns the quarter of the year for date, in the range 1 to 4."},
      {"month", 1, 1, false, &BindDateField<DateField::kMonth>, "Month",
       "month(date) - Returns the month component of the date/timestamp."},
      {"day", 1, 1, false, &BindDateField<DateField::kDay>, "DayOfMonth",
       "day(date) - Returns the day of month of the date/timestamp."},
      {"dayofmonth", 1, 1, false, &BindDateField<DateField::kDay>, "DayOfMonth",
       "dayofmonth(date) - Returns the day of month of the date/timestamp."},
      {"dayofweek", 1, 1, false, &BindDateField<DateField::kDayOfWeek>, "DayOfWeek",
       "dayofweek(date) - Returns the day of the week (1 = Sunday, ..., 7 = Saturday)."},
      {"weekday", 1, 1, false, &BindDateField<DateField::kWeekDay>, "WeekDay",
       "weekday(date) - Returns the day of the week (0 = Monday, ..., 6 = Sunday)."},
      {"dayofyear", 1, 1, false, &BindDateField<DateField::kDayOfYear>, "DayOfYear",
       "dayofyear(date) - Returns the day of year of the date/timestamp."},
      {"weekofyear", 1, 1, false, &BindDateField<DateField::kWeekOfYear>, "WeekOfYear",
       "weekofyear(date) - Returns the week of the year of the given date."},
      {"hour", 1, 1, false, &BindTimeField<TimeField::kHour>, "Hour",
       "hour(timestamp) - Returns the hour component of the string/timestamp."},
      {"minute", 1, 1, false, &BindTimeField<TimeField::kMinute>, "Minute",
       "minute(timestamp) - Returns the minute component of the string/timestamp."},
      {"second", 1, 1, false, &BindTimeField<TimeField::kSecond>, "Second",
       "second(timestamp) - Returns the second component of the string/timestamp."},
      {"to_date", 1, 2, false, &BindToDatetime<true>, "ParseToDate",
       "to_date(date_str[, fmt]) - Parses the `date_str` expression with the `fmt` expression "
       "to a date."},
      {"to_timestamp", 1, 2, false, &BindToDatetime<false>, "ParseToTimestamp",
       "to_timestamp(timestamp_str[, fmt]) - Parses the `timestamp_str` expression with the "
       "`fmt` expression to a timestamp."},
      {"date_format", 2, 2, false, &BindDateFormat, "DateFormatClass",
       "date_format(timestamp, fmt) - Converts `timestamp` to a value of string in the format "
       "specified by the date format `fmt`."},
      {"unix_timestamp", 0, 2, false, &BindUnixTimestamp, "UnixTimestamp",
       "unix_timestamp([timeExp[, fmt]]) - Returns the UNIX timestamp of current or specified "
       "time."},
      {"from_unixtime", 1, 2, false, &BindFromUnixtime, "FromUnixTime",
       "from_unixtime(unix_time[, fmt]) - Returns `unix_time` in the specified `fmt`."},
      {"date_trunc", 2, 2, false, &BindDateTrunc, "TruncTimestamp",
       "date_trunc(fmt, ts) - Returns timestamp `ts` truncated to the unit specified by the "
       "format model `fmt`."},
      {"extract", 2, 2, false, &BindExtract, "Extract",
       "extract(field FROM source) - Extracts a part of the date/timestamp or interval source."},
      {"date_part", 2, 2, false, &BindExtract, "DatePart",
       "date_part(field, source) - Extracts a part of the date/timestamp or interval source."},
      {"trunc", 2, 2, false, &BindTrunc, "TruncDate",
       "trunc(date, fmt) - Returns `date` with the time portion of the day truncated to the "
       "unit specified by the format model `fmt`."},
  };
  return kFunctions;
}

}  // namespace sparkling
