#pragma once

// Internal to src/function: Spark's date and timestamp values (days since the epoch,
// microseconds since the epoch) — session time zones, civil calendar conversions, and the
// text forms CAST uses.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sparkling {

/// A session time zone: an IANA region ("America/Los_Angeles") or a fixed offset
/// ("+08:00", "UTC", "Z", "GMT-5").
class TimeZone {
 public:
  /// Looks the zone up (cached; the result lives for the process).
  static Result<const TimeZone*> Find(const std::string& name);

  /// Offset from UTC in seconds at the instant `utc_micros`.
  int64_t OffsetAtUtc(int64_t utc_micros) const;
  /// The instant of local wall-clock time `local_micros`. In a DST gap the time moves forward
  /// by the gap; in an overlap the earlier instant wins (java.time's rules).
  int64_t LocalToUtc(int64_t local_micros) const;
  int64_t UtcToLocal(int64_t utc_micros) const {
    return utc_micros + OffsetAtUtc(utc_micros) * 1000000;
  }

 private:
  TimeZone() = default;
  const void* zone_ = nullptr;  // date::time_zone*, null for a fixed offset
  int64_t fixed_offset_seconds_ = 0;
};

inline constexpr int64_t kMicrosPerSecond = 1000000;
inline constexpr int64_t kMicrosPerDay = 86400LL * kMicrosPerSecond;

struct CivilDate {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

CivilDate CivilFromDays(int32_t days);
/// Days since the epoch; false when the date does not exist (Feb 30).
bool DaysFromCivil(int year, unsigned month, unsigned day, int32_t* days);
int64_t FloorDiv(int64_t value, int64_t divisor, int64_t* remainder);

/// "2020-01-05" (years beyond 9999 or before 1 follow Spark: "+10000-01-01" is not produced;
/// years print with at least 4 digits).
std::string FormatDate(int32_t days);
/// "2020-01-05 10:00:00" with the fraction of a second when non-zero ("…:00.5").
std::string FormatLocalTimestamp(int64_t local_micros);

/// Spark's string → date rules: "yyyy", "yyyy-[m]m", "yyyy-[m]m-[d]d", optionally followed by
/// 'T' or ' ' and anything. Leading/trailing whitespace ignored.
std::optional<int32_t> ParseDate(std::string_view text);

struct ParsedTimestamp {
  int64_t local_micros;             // wall clock
  std::optional<std::string> zone;  // explicit zone or offset in the text
};
/// Spark's string → timestamp rules: date, then optional [T ]hh:mm[:ss[.ffffff]] and zone
/// (Z, +hh:mm, UTC, region id).
std::optional<ParsedTimestamp> ParseTimestamp(std::string_view text);
/// Resolves a parsed timestamp to an instant using its zone, or `session` when it has none.
Result<int64_t> TimestampToUtc(const ParsedTimestamp& parsed, const TimeZone& session);

}  // namespace sparkling
