#include "catalog/name_pattern.h"

#include <regex>

#include "plan/identifier.h"

namespace sparkling {
namespace {

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\n");
  return text.substr(begin, end - begin + 1);
}

}  // namespace

bool MatchesNamePattern(const std::string& name, const std::string& pattern) {
  std::string lower_name = LowerCase(name);
  size_t start = 0;
  while (start <= pattern.size()) {
    size_t bar = pattern.find('|', start);
    std::string alternative =
        Trim(pattern.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    // Spark turns '*' into '.*' and treats the rest as a regular expression.
    std::string regex_text;
    for (char c : LowerCase(alternative)) {
      if (c == '*') {
        regex_text += ".*";
      } else {
        regex_text.push_back(c);
      }
    }
    try {
      if (std::regex_match(lower_name, std::regex(regex_text))) return true;
    } catch (const std::regex_error&) {
      // An invalid regular expression matches nothing, as in Spark.
    }
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return false;
}

}  // namespace sparkling
