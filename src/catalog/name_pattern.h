#pragma once

#include <string>

namespace sparkling {

/// Spark's SHOW ... LIKE pattern (StringUtils.filterPattern): alternatives separated by '|',
/// '*' matches any sequence, matching is case-insensitive and covers the whole name.
bool MatchesNamePattern(const std::string& name, const std::string& pattern);

}  // namespace sparkling
