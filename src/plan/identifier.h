#pragma once

#include <string>
#include <vector>

namespace sparkling {

/// Spark's quoteIdentifier: `name` with backticks doubled ("a`b" → "`a``b`").
std::string QuoteIdentifier(const std::string& name);
/// Spark's quoteNameParts: each part quoted, joined by dots ("`db`.`t`").
std::string QuoteNameParts(const std::vector<std::string>& parts);
/// "`a`, `b`", as Spark lists column names in messages.
std::string QuoteNameList(const std::vector<std::string>& names);
/// Spark's quoteIfNeeded: backticks only when the name is not a plain identifier.
std::string QuoteIfNeeded(const std::string& name);
/// ASCII lower case, for Spark's case-insensitive name matching.
std::string LowerCase(const std::string& text);
/// Case-insensitive equality of identifiers.
bool EqualsIgnoreCase(const std::string& a, const std::string& b);

}  // namespace sparkling
