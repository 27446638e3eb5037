#include "function/datetime_values.h"

#include <date/tz.h>

#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>

namespace sparkling {
namespace {

std::string_view Trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return text.substr(b, e - b);
}

// Parses "+hh", "+hh:mm", "+hhmm", "-h:mm" offsets (after UTC/GMT prefixes are stripped).
std::optional<int64_t> ParseOffsetSeconds(std::string_view text) {
  if (text.empty()) return 0;
  if (text[0] != '+' && text[0] != '-') return std::nullopt;
  int sign = text[0] == '-' ? -1 : 1;
  text.remove_prefix(1);
  int hours = 0, minutes = 0, seconds = 0;
  size_t i = 0;
  auto digits = [&](int max_digits, int* out) {
    int n = 0;
    *out = 0;
    while (i < text.size() && n < max_digits && std::isdigit(static_cast<unsigned char>(text[i]))) {
      *out = *out * 10 + (text[i] - '0');
      ++i;
      ++n;
    }
    return n;
  };
  if (digits(2, &hours) == 0) return std::nullopt;
  if (i < text.size() && text[i] == ':') ++i;
  digits(2, &minutes);
  if (i < text.size() && text[i] == ':') ++i;
  digits(2, &seconds);
  if (i != text.size() || hours > 18 || minutes > 59 || seconds > 59) return std::nullopt;
  return sign * (hours * 3600 + minutes * 60 + seconds);
}

}  // namespace

Result<const TimeZone*> TimeZone::Find(const std::string& name) {
  static std::mutex mutex;
  static auto* cache = new std::map<std::string, std::unique_ptr<TimeZone>>();
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache->find(name);
  if (it != cache->end()) return it->second.get();
  std::unique_ptr<TimeZone> zone(new TimeZone());
  std::string_view text = name;
  std::optional<int64_t> offset;
  if (text == "Z" || text == "UTC" || text == "GMT" || text == "UT") {
    offset = 0;
  } else if (text.rfind("UTC", 0) == 0 || text.rfind("GMT", 0) == 0) {
    offset = ParseOffsetSeconds(text.substr(3));
  } else if (text.rfind("UT", 0) == 0) {
    offset = ParseOffsetSeconds(text.substr(2));
  } else if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    offset = ParseOffsetSeconds(text);
  }
  if (offset) {
    zone->fixed_offset_seconds_ = *offset;
  } else {
    try {
      zone->zone_ = date::locate_zone(name);
    } catch (const std::exception&) {
      return Status::Error("INVALID_TIMEZONE", {{"timeZone", name}});
    }
  }
  const TimeZone* result = zone.get();
  (*cache)[name] = std::move(zone);
  return result;
}

int64_t TimeZone::OffsetAtUtc(int64_t utc_micros) const {
  if (zone_ == nullptr) return fixed_offset_seconds_;
  const auto* tz = static_cast<const date::time_zone*>(zone_);
  int64_t remainder;
  int64_t seconds = FloorDiv(utc_micros, kMicrosPerSecond, &remainder);
  auto info = tz->get_info(date::sys_seconds(std::chrono::seconds(seconds)));
  return info.offset.count();
}

int64_t TimeZone::LocalToUtc(int64_t local_micros) const {
  if (zone_ == nullptr) return local_micros - fixed_offset_seconds_ * kMicrosPerSecond;
  const auto* tz = static_cast<const date::time_zone*>(zone_);
  int64_t remainder;
  int64_t seconds = FloorDiv(local_micros, kMicrosPerSecond, &remainder);
  auto info = tz->get_info(date::local_seconds(std::chrono::seconds(seconds)));
  int64_t offset;
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
      offset = info.first.offset.count();  // the earlier instant of an overlap
      break;
    case date::local_info::nonexistent:
    default:
      // In a gap, java.time shifts forward by the gap: use the offset before the transition.
      offset = info.first.offset.count();
      break;
  }
  return local_micros - offset * kMicrosPerSecond;
}

int64_t FloorDiv(int64_t value, int64_t divisor, int64_t* remainder) {
  int64_t q = value / divisor;
  int64_t r = value % divisor;
  if (r < 0) {
    r += divisor;
    --q;
  }
  *remainder = r;
  return q;
}

CivilDate CivilFromDays(int32_t days) {
  date::year_month_day ymd{date::sys_days{date::days{days}}};
  return CivilDate{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                   static_cast<unsigned>(ymd.day())};
}

bool DaysFromCivil(int year, unsigned month, unsigned day, int32_t* days) {
  date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  if (!ymd.ok()) return false;
  *days = static_cast<int32_t>(date::sys_days(ymd).time_since_epoch().count());
  return true;
}

std::string FormatDate(int32_t days) {
  CivilDate d = CivilFromDays(days);
  char buffer[32];
  if (d.year >= 0 && d.year <= 9999) {
    std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02u", d.year, d.month, d.day);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%+05d-%02u-%02u", d.year, d.month, d.day);
  }
  return buffer;
}

std::string FormatLocalTimestamp(int64_t local_micros) {
  int64_t micros_of_day;
  int32_t days = static_cast<int32_t>(FloorDiv(local_micros, kMicrosPerDay, &micros_of_day));
  std::string out = FormatDate(days);
  int64_t seconds = micros_of_day / kMicrosPerSecond;
  int64_t fraction = micros_of_day % kMicrosPerSecond;
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), " %02lld:%02lld:%02lld",
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                static_cast<long long>(seconds % 60));
  out += buffer;
  if (fraction != 0) {
    std::snprintf(buffer, sizeof(buffer), ".%06lld", static_cast<long long>(fraction));
    std::string digits = buffer;
    while (digits.back() == '0') digits.pop_back();
    out += digits;
  }
  return out;
}

namespace {

// Reads up to `max` digits; returns the count read.
int ReadDigits(std::string_view text, size_t* i, int max, int64_t* value) {
  int n = 0;
  *value = 0;
  while (*i < text.size() && n < max && std::isdigit(static_cast<unsigned char>(text[*i]))) {
    *value = *value * 10 + (text[*i] - '0');
    ++*i;
    ++n;
  }
  return n;
}

// Parses the date part at the start of `text`; sets *end to where it stopped.
std::optional<int32_t> ParseDatePrefix(std::string_view text, size_t* end) {
  size_t i = 0;
  int sign = 1;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    sign = text[i] == '-' ? -1 : 1;
    ++i;
  }
  int64_t year, month = 1, day = 1;
  int n = ReadDigits(text, &i, 7, &year);
  if (n < 4) return std::nullopt;
  if (i < text.size() && text[i] == '-') {
    ++i;
    if (ReadDigits(text, &i, 2, &month) == 0) return std::nullopt;
    if (i < text.size() && text[i] == '-') {
      ++i;
      if (ReadDigits(text, &i, 2, &day) == 0) return std::nullopt;
    }
  }
  int32_t days;
  if (!DaysFromCivil(static_cast<int>(sign * year), static_cast<unsigned>(month),
                     static_cast<unsigned>(day), &days)) {
    return std::nullopt;
  }
  *end = i;
  return days;
}

}  // namespace

std::optional<int32_t> ParseDate(std::string_view text) {
  text = Trim(text);
  size_t end = 0;
  auto days = ParseDatePrefix(text, &end);
  if (!days) return std::nullopt;
  if (end != text.size() && text[end] != ' ' && text[end] != 'T') return std::nullopt;
  return days;
}

std::optional<ParsedTimestamp> ParseTimestamp(std::string_view text) {
  text = Trim(text);
  size_t i = 0;
  int64_t local = 0;
  bool has_date = true;
  // A bare time ("T10:00" or "10:00:00") takes today's date in Spark; not supported here.
  auto days = ParseDatePrefix(text, &i);
  if (!days) return std::nullopt;
  local = static_cast<int64_t>(*days) * kMicrosPerDay;
  (void)has_date;
  ParsedTimestamp out{local, std::nullopt};
  if (i == text.size()) return out;
  if (text[i] != ' ' && text[i] != 'T') return std::nullopt;
  ++i;
  int64_t hour = 0, minute = 0, second = 0, fraction = 0;
  if (ReadDigits(text, &i, 2, &hour) == 0) {
    if (i == text.size()) return out;
    return std::nullopt;
  }
  if (i < text.size() && text[i] == ':') {
    ++i;
    if (ReadDigits(text, &i, 2, &minute) == 0) return std::nullopt;
    if (i < text.size() && text[i] == ':') {
      ++i;
      if (ReadDigits(text, &i, 2, &second) == 0) return std::nullopt;
      if (i < text.size() && text[i] == '.') {
        ++i;
        int64_t digits_value;
        size_t start = i;
        int n = ReadDigits(text, &i, 9, &digits_value);
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
        (void)start;
        for (int k = n; k < 6; ++k) digits_value *= 10;
        for (int k = 6; k < n; ++k) digits_value /= 10;
        fraction = digits_value;
      }
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  out.local_micros += ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + fraction;
  std::string_view rest = Trim(text.substr(i));
  if (!rest.empty()) {
    std::string zone(rest);
    if (zone.size() >= 2 && zone[0] == '[' && zone.back() == ']')
      zone = zone.substr(1, zone.size() - 2);
    out.zone = zone;
  }
  return out;
}

Result<int64_t> TimestampToUtc(const ParsedTimestamp& parsed, const TimeZone& session) {
  if (!parsed.zone) return session.LocalToUtc(parsed.local_micros);
  SPK_ASSIGN_OR_RAISE(const TimeZone* zone, TimeZone::Find(*parsed.zone));
  return zone->LocalToUtc(parsed.local_micros);
}

}  // namespace sparkling
