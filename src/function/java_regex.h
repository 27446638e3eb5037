#pragma once

// Internal to src/function: Java-regex semantics (java.util.regex) on top of PCRE2, for rlike,
// regexp_replace, regexp_extract and split. PCRE2's syntax is close to Java's for the common
// constructs; the compiled pattern is immutable and shared across threads.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sparkling {

class JavaRegex {
 public:
  /// Compiles `pattern` (UTF-8); INVALID_PARAMETER_VALUE.PATTERN on syntax errors.
  static Result<std::shared_ptr<const JavaRegex>> Compile(const std::string& pattern,
                                                          const std::string& function_name);
  ~JavaRegex();

  /// Matcher.find(): whether the pattern matches anywhere in `text`.
  bool Find(std::string_view text) const;
  /// Matcher.replaceAll with Java's replacement syntax ($1, \$) starting at byte `from`.
  std::string ReplaceAll(std::string_view text, std::string_view replacement,
                         size_t from = 0) const;
  /// Group `group` of the first match ("" when no match or the group did not participate);
  /// false when `group` exceeds the pattern's group count.
  bool Extract(std::string_view text, int group, std::string* out) const;
  /// Every match's group `group` (regexp_extract_all).
  bool ExtractAll(std::string_view text, int group, std::vector<std::string>* out) const;
  /// String.split(regex, limit) as Spark's split: limit > 0 caps the pieces, otherwise all
  /// pieces (trailing empty strings kept, as Spark does).
  std::vector<std::string> Split(std::string_view text, int limit) const;
  int group_count() const { return group_count_; }

  JavaRegex(const JavaRegex&) = delete;
  JavaRegex& operator=(const JavaRegex&) = delete;

 private:
  JavaRegex() = default;
  void* code_ = nullptr;  // pcre2_code*
  int group_count_ = 0;
};

/// Converts a SQL LIKE pattern with escape character into an anchored regex.
std::string LikePatternToRegex(std::string_view pattern, char escape);

}  // namespace sparkling
