#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sparkling {

/// Days since 1970-01-01 of a DATE literal's text, accepted as Spark's stringToDate does:
/// `[+-]yyyy[-[m]m[-[d]d]]`, optionally followed by ' ' or 'T' and anything; nullopt if invalid.
std::optional<int32_t> ParseDateLiteral(std::string_view text);

struct TimestampLiteralParts {
  int64_t local_micros = 0;  // wall-clock microseconds since the epoch, zone ignored
  bool has_zone = false;     // an explicit zone (Z, +08:00, UTC, Europe/Paris) was given
};

/// A TIMESTAMP literal's text as Spark's stringToTimestamp accepts it:
/// `date[( |T)h[h]:m[m][:s[s][.ffffff]]][zone]`; nullopt if invalid.
std::optional<TimestampLiteralParts> ParseTimestampLiteral(std::string_view text);

/// The fields of an ANSI interval string between `start_field` and `end_field`
/// (year-month: YEAR=0, MONTH=1 as "y-m"; day-time: DAY=0 .. SECOND=3 as "d h:m:s.f").
struct IntervalFieldValues {
  bool negative = false;
  int64_t values[4] = {0, 0, 0, 0};  // indexed by field
  int64_t second_fraction_micros = 0;
};
std::optional<IntervalFieldValues> ParseIntervalFields(std::string_view text, int start_field,
                                                       int end_field, bool year_month);

}  // namespace sparkling
