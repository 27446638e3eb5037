#include "function/datetime_pattern.h"

#include <cctype>
#include <cstdio>

#include "function/datetime_values.h"

namespace sparkling {
namespace {

const char* const kMonthNames[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};
const char* const kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                 "Friday", "Saturday", "Sunday"};

std::string Padded(int64_t value, int width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (static_cast<int>(digits.size()) < width) digits.insert(0, width - digits.size(), '0');
  return value < 0 ? "-" + digits : digits;
}

struct Fields {
  int year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int64_t micros = 0;
  int day_of_week = 0;  // 0 = Monday
  int day_of_year = 1;
};

Fields Decompose(int64_t local_micros) {
  int64_t micros_of_day;
  int64_t days = FloorDiv(local_micros, kMicrosPerDay, &micros_of_day);
  CivilDate date = CivilFromDays(static_cast<int32_t>(days));
  Fields f;
  f.year = date.year;
  f.month = static_cast<int>(date.month);
  f.day = static_cast<int>(date.day);
  int64_t seconds = micros_of_day / kMicrosPerSecond;
  f.hour = static_cast<int>(seconds / 3600);
  f.minute = static_cast<int>(seconds / 60 % 60);
  f.second = static_cast<int>(seconds % 60);
  f.micros = micros_of_day % kMicrosPerSecond;
  int64_t rest;
  FloorDiv(days + 3, 7, &rest);  // 1970-01-01 was a Thursday (index 3 from Monday)
  f.day_of_week = static_cast<int>(rest);
  int32_t jan1;
  DaysFromCivil(date.year, 1, 1, &jan1);
  f.day_of_year = static_cast<int>(days - jan1 + 1);
  return f;
}

}  // namespace

Result<DatetimePattern> DatetimePattern::Compile(std::string_view pattern) {
  DatetimePattern out;
  for (size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '\'') {
      std::string literal;
      size_t j = i + 1;
      if (j < pattern.size() && pattern[j] == '\'') {
        out.tokens_.push_back({0, 0, "'"});
        i = j + 1;
        continue;
      }
      while (j < pattern.size()) {
        if (pattern[j] == '\'') {
          if (j + 1 < pattern.size() && pattern[j + 1] == '\'') {
            literal.push_back('\'');
            j += 2;
            continue;
          }
          break;
        }
        literal.push_back(pattern[j++]);
      }
      out.tokens_.push_back({0, 0, literal});
      i = j + 1;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < pattern.size() && pattern[j] == c) ++j;
      static const std::string kSupported = "yuMLdHhkKmsSaEDQ";
      if (kSupported.find(c) == std::string::npos) {
        return Status::Error("INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
                             {{"c", std::string(1, c)}, {"pattern", std::string(pattern)}});
      }
      out.tokens_.push_back({c, static_cast<int>(j - i), ""});
      i = j;
      continue;
    }
    out.tokens_.push_back({0, 0, std::string(1, c)});
    ++i;
  }
  return out;
}

std::string DatetimePattern::Format(int64_t local_micros) const {
  Fields f = Decompose(local_micros);
  std::string out;
  for (const auto& token : tokens_) {
    int n = token.count;
    switch (token.letter) {
      case 0:
        out += token.text;
        break;
      case 'y':
      case 'u':
        out += n == 2 ? Padded(f.year % 100, 2) : Padded(f.year, n);
        break;
      case 'M':
      case 'L':
        if (n >= 4) {
          out += kMonthNames[f.month - 1];
        } else if (n == 3) {
          out += std::string(kMonthNames[f.month - 1]).substr(0, 3);
        } else {
          out += Padded(f.month, n);
        }
        break;
      case 'd':
        out += Padded(f.day, n);
        break;
      case 'D':
        out += Padded(f.day_of_year, n);
        break;
      case 'Q':
        out += Padded((f.month - 1) / 3 + 1, n);
        break;
      case 'H':
        out += Padded(f.hour, n);
        break;
      case 'k':
        out += Padded(f.hour == 0 ? 24 : f.hour, n);
        break;
      case 'K':
        out += Padded(f.hour % 12, n);
        break;
      case 'h':
        out += Padded(f.hour % 12 == 0 ? 12 : f.hour % 12, n);
        break;
      case 'm':
        out += Padded(f.minute, n);
        break;
      case 's':
        out += Padded(f.second, n);
        break;
      case 'S': {
        std::string digits = Padded(f.micros, 6);
        if (n <= 6) {
          out += digits.substr(0, n);
        } else {
          out += digits + std::string(n - 6, '0');
        }
        break;
      }
      case 'a':
        out += f.hour < 12 ? "AM" : "PM";
        break;
      case 'E':
        out +=
            n >= 4 ? kDayNames[f.day_of_week] : std::string(kDayNames[f.day_of_week]).substr(0, 3);
        break;
      default:
        break;
    }
  }
  return out;
}

std::optional<int64_t> DatetimePattern::Parse(std::string_view text, std::string* error) const {
  std::string ignored;
  if (error == nullptr) error = &ignored;
  Fields f;
  bool pm = false, has_am_pm = false;
  size_t i = 0;
  auto read_number = [&](int min_digits, int max_digits, int* out) {
    int n = 0;
    int64_t value = 0;
    bool negative = false;
    while (i < text.size() && n < max_digits && std::isdigit(static_cast<unsigned char>(text[i]))) {
      value = value * 10 + (text[i] - '0');
      ++i;
      ++n;
    }
    if (n < min_digits) return false;
    *out = static_cast<int>(negative ? -value : value);
    return true;
  };
  auto failed_at = [&](size_t index) -> std::optional<int64_t> {
    *error = "could not be parsed at index " + std::to_string(index);
    return std::nullopt;
  };
  for (size_t t = 0; t < tokens_.size(); ++t) {
    const auto& token = tokens_[t];
    const size_t token_start = i;
    // Adjacent numeric fields ("yyyyMMdd") read exactly their width.
    bool next_numeric = t + 1 < tokens_.size() && tokens_[t + 1].letter != 0;
    int n = token.count;
    int max = next_numeric ? n : 9;
    switch (token.letter) {
      case 0:
        if (text.substr(i, token.text.size()) != token.text) return failed_at(token_start);
        i += token.text.size();
        break;
      case 'y':
      case 'u':
        if (n == 2) {
          if (!read_number(2, 2, &f.year)) return failed_at(token_start);
          f.year += 2000;
        } else if (!read_number(n == 1 ? 1 : n, std::max(max, n), &f.year)) {
          return failed_at(token_start);
        }
        break;
      case 'M':
      case 'L':
        if (n >= 3) {
          bool found = false;
          for (int m = 0; m < 12 && !found; ++m) {
            std::string name = n == 3 ? std::string(kMonthNames[m]).substr(0, 3) : kMonthNames[m];
            if (text.size() - i >= name.size()) {
              bool match = true;
              for (size_t k = 0; k < name.size(); ++k) {
                if (std::tolower(static_cast<unsigned char>(text[i + k])) !=
                    std::tolower(static_cast<unsigned char>(name[k]))) {
                  match = false;
                }
              }
              if (match) {
                f.month = m + 1;
                i += name.size();
                found = true;
              }
            }
          }
          if (!found) return failed_at(token_start);
        } else if (!read_number(n, std::min(max, 2), &f.month)) {
          return failed_at(token_start);
        }
        break;
      case 'd':
        if (!read_number(n, std::min(max, 2), &f.day)) return failed_at(token_start);
        break;
      case 'H':
      case 'k':
      case 'h':
      case 'K':
        if (!read_number(n, std::min(max, 2), &f.hour)) return failed_at(token_start);
        break;
      case 'm':
        if (!read_number(n, std::min(max, 2), &f.minute)) return failed_at(token_start);
        break;
      case 's':
        if (!read_number(n, std::min(max, 2), &f.second)) return failed_at(token_start);
        break;
      case 'S': {
        int digits = 0;
        int64_t value = 0;
        while (i < text.size() && digits < n && std::isdigit(static_cast<unsigned char>(text[i]))) {
          value = value * 10 + (text[i] - '0');
          ++i;
          ++digits;
        }
        if (digits == 0) return failed_at(token_start);
        for (int k = digits; k < 6; ++k) value *= 10;
        for (int k = 6; k < digits; ++k) value /= 10;
        f.micros = value;
        break;
      }
      case 'a': {
        if (text.size() - i < 2) return failed_at(token_start);
        std::string marker{
            static_cast<char>(std::toupper(static_cast<unsigned char>(text[i]))),
            static_cast<char>(std::toupper(static_cast<unsigned char>(text[i + 1])))};
        if (marker != "AM" && marker != "PM") return failed_at(token_start);
        pm = marker == "PM";
        has_am_pm = true;
        i += 2;
        break;
      }
      case 'E': {
        bool found = false;
        for (int d = 0; d < 7 && !found; ++d) {
          std::string name = n >= 4 ? kDayNames[d] : std::string(kDayNames[d]).substr(0, 3);
          if (text.substr(i, name.size()) == name) {
            i += name.size();
            found = true;
          }
        }
        if (!found) return failed_at(token_start);
        break;
      }
      default:
        return failed_at(token_start);
    }
  }
  if (i != text.size()) {
    *error = "could not be parsed, unparsed text found at index " + std::to_string(i);
    return std::nullopt;
  }
  *error = "could not be parsed";
  if (has_am_pm) {
    if (f.hour < 1 || f.hour > 12) return std::nullopt;
    f.hour = f.hour % 12 + (pm ? 12 : 0);
  }
  if (f.hour > 23 || f.minute > 59 || f.second > 59) return std::nullopt;
  int32_t days;
  if (!DaysFromCivil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day), &days)) {
    return std::nullopt;
  }
  return static_cast<int64_t>(days) * kMicrosPerDay +
         ((f.hour * 60LL + f.minute) * 60 + f.second) * kMicrosPerSecond + f.micros;
}

}  // namespace sparkling
