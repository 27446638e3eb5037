#pragma once

// Internal to src/function: Spark's datetime patterns (java.time DateTimeFormatter letters:
// y M d H h m s S a E D Q, quoted literals) for date_format, to_date, to_timestamp,
// unix_timestamp and from_unixtime.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sparkling {

class DatetimePattern {
 public:
  /// Compiles a pattern; INVALID_DATETIME_PATTERN-style error for unsupported letters.
  static Result<DatetimePattern> Compile(std::string_view pattern);

  /// Formats local wall-clock microseconds.
  std::string Format(int64_t local_micros) const;
  /// Parses `text` completely into local wall-clock microseconds; nullopt when it does not
  /// match the pattern, with `error` set to java.time's reason ("could not be parsed at index
  /// 0", "could not be parsed, unparsed text found at index 4").
  std::optional<int64_t> Parse(std::string_view text, std::string* error = nullptr) const;

 private:
  struct Token {
    char letter;       // 0 for literal text
    int count;         // letter repetitions
    std::string text;  // literal
  };
  std::vector<Token> tokens_;
};

}  // namespace sparkling
