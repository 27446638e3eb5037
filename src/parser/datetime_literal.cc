#include "parser/datetime_literal.h"

#include <cctype>
#include <string>

namespace sparkling {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

/// Reads between `min_digits` and `max_digits` decimal digits at `pos`.
bool ReadNumber(std::string_view text, size_t& pos, int min_digits, int max_digits, int64_t* out) {
  int64_t value = 0;
  int digits = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) &&
         digits < max_digits) {
    value = value * 10 + (text[pos] - '0');
    ++pos;
    ++digits;
  }
  if (digits < min_digits) return false;
  *out = value;
  return true;
}

// Days from the civil date (proleptic Gregorian), after H. Hinnant's public-domain algorithm.
int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

bool IsLeap(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int64_t year, int64_t month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

/// The date prefix of a date or timestamp text; `pos` ends after the date.
std::optional<int64_t> ReadDate(std::string_view text, size_t& pos) {
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
  int64_t year = 0, month = 1, day = 1;
  if (!ReadNumber(text, pos, 4, 7, &year)) return std::nullopt;
  if (negative) year = -year;
  if (pos < text.size() && text[pos] == '-') {
    ++pos;
    if (!ReadNumber(text, pos, 1, 2, &month)) return std::nullopt;
    if (pos < text.size() && text[pos] == '-') {
      ++pos;
      if (!ReadNumber(text, pos, 1, 2, &day)) return std::nullopt;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  return DaysFromCivil(year, month, day);
}

bool IsZoneText(std::string_view zone) {
  if (zone.empty()) return false;
  for (char c : zone) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '+' ||
          c == '-' || c == ':')) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<int32_t> ParseDateLiteral(std::string_view text) {
  text = Trim(text);
  size_t pos = 0;
  std::optional<int64_t> days = ReadDate(text, pos);
  if (!days) return std::nullopt;
  if (pos < text.size() && text[pos] != ' ' && text[pos] != 'T') return std::nullopt;
  return static_cast<int32_t>(*days);
}

std::optional<TimestampLiteralParts> ParseTimestampLiteral(std::string_view text) {
  text = Trim(text);
  size_t pos = 0;
  std::optional<int64_t> days = ReadDate(text, pos);
  if (!days) return std::nullopt;
  TimestampLiteralParts parts;
  int64_t hour = 0, minute = 0, second = 0, micros = 0;
  if (pos < text.size() && (text[pos] == ' ' || text[pos] == 'T') && pos + 1 < text.size() &&
      std::isdigit(static_cast<unsigned char>(text[pos + 1]))) {
    ++pos;
    if (!ReadNumber(text, pos, 1, 2, &hour)) return std::nullopt;
    if (pos >= text.size() || text[pos] != ':') return std::nullopt;
    ++pos;
    if (!ReadNumber(text, pos, 1, 2, &minute)) return std::nullopt;
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!ReadNumber(text, pos, 1, 2, &second)) return std::nullopt;
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
          if (digits < 6) micros = micros * 10 + (text[pos] - '0');
          ++digits;
          ++pos;
        }
        if (digits > 9) return std::nullopt;
        for (int d = digits; d < 6; ++d) micros *= 10;
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  }
  std::string_view rest = Trim(text.substr(pos));
  if (!rest.empty()) {
    if (!IsZoneText(rest)) return std::nullopt;
    parts.has_zone = true;
  }
  parts.local_micros =
      ((*days * 24 + hour) * 60 + minute) * 60000000LL + second * 1000000LL + micros;
  return parts;
}

std::optional<IntervalFieldValues> ParseIntervalFields(std::string_view text, int start_field,
                                                       int end_field, bool year_month) {
  text = Trim(text);
  IntervalFieldValues result;
  size_t pos = 0;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    result.negative = text[pos++] == '-';
  }
  static constexpr int64_t kDayTimeLimits[] = {0, 24, 60, 60};
  for (int field = start_field; field <= end_field; ++field) {
    if (field > start_field) {
      char separator = year_month ? '-' : (field == 1 ? ' ' : ':');
      if (pos >= text.size() || text[pos] != separator) return std::nullopt;
      ++pos;
    }
    int64_t value = 0;
    if (!ReadNumber(text, pos, 1, 18, &value)) return std::nullopt;
    // Only the leading field may exceed its natural range (INTERVAL '100' HOUR is fine).
    if (field > start_field) {
      if (year_month && value >= 12) return std::nullopt;
      if (!year_month && value >= kDayTimeLimits[field]) return std::nullopt;
    }
    result.values[field] = value;
    if (!year_month && field == 3 && pos < text.size() && text[pos] == '.') {
      ++pos;
      int digits = 0;
      int64_t fraction = 0;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        if (digits < 6) fraction = fraction * 10 + (text[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0 || digits > 9) return std::nullopt;
      for (int d = digits; d < 6; ++d) fraction *= 10;
      result.second_fraction_micros = fraction;
    }
  }
  if (pos != text.size()) return std::nullopt;
  return result;
}

}  // namespace sparkling
