#pragma once

#include <string_view>
#include <vector>

#include "common/status.h"
#include "parser/token.h"

namespace sparkling {

/// Splits Spark SQL text into tokens, ending with one kEnd token. Skips whitespace, `--` line
/// comments and (nested) `/* */` comments, including hints. Unescapes string literals with
/// Spark's backslash rules and backquoted identifiers with ``-doubling.
Result<std::vector<Token>> Tokenize(std::string_view text);

}  // namespace sparkling
