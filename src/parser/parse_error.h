#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "parser/token.h"

namespace sparkling {

/// PARSE_SYNTAX_ERROR at `token` as Spark reports it: the token's text in single quotes (or
/// "end of input") and an optional hint such as ": missing ')'" or ": extra input 'x'".
Status SyntaxErrorAt(const Token& token, std::string hint = "");

/// Spark's hint for a token that should not be there: ": extra input 'x'".
std::string ExtraInputHint(const Token& token);

/// PARSE_SYNTAX_ERROR naming `error_text` (already quoted) at a position the lexer found.
Status SyntaxErrorAtPosition(std::string error_text, int line, int column, int char_index);

/// Renders a parse error's message as Spark's ParseException does: a leading newline, the
/// position as " (line L, pos P)" and the statement under "== SQL ==" with a "---^^^" marker
/// below the offending line. Other statuses pass through.
Status WithStatementText(Status status, std::string_view sql);

/// Longest text copied into a QueryContext fragment.
inline constexpr size_t kMaxFragmentBytes = 4096;

/// The query context spanning tokens [first, last] of `sql` (the fragment is left empty when
/// longer than kMaxFragmentBytes).
QueryContext SpanContext(std::string_view sql, const Token& first, const Token& last);

/// Attaches the context of [first, last] to a failed status (no-op on OK or if already set).
Status WithSpan(Status status, std::string_view sql, const Token& first, const Token& last);

}  // namespace sparkling
