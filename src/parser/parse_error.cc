#include "parser/parse_error.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace sparkling {

Status SyntaxErrorAt(const Token& token, std::string hint) {
  std::string error = "end of input";
  if (token.kind != TokenKind::kEnd) {
    error.assign(1, '\'');
    error.append(token.text);
    error.push_back('\'');
  }
  QueryContext context;
  context.line = token.line;
  context.start_position = token.column;
  context.start_index = token.char_index;
  context.stop_index = token.kind == TokenKind::kEnd ? token.char_index : token.char_end - 1;
  context.fragment = std::string(token.text);
  return Status::Error("PARSE_SYNTAX_ERROR",
                       {{"error", std::move(error)}, {"hint", std::move(hint)}})
      .WithContext(std::move(context));
}

std::string ExtraInputHint(const Token& token) {
  std::string hint = ": extra input '";
  hint.append(token.text);
  hint.push_back('\'');
  return hint;
}

Status SyntaxErrorAtPosition(std::string error_text, int line, int column, int char_index) {
  QueryContext context;
  context.line = line;
  context.start_position = column;
  context.start_index = char_index;
  context.stop_index = char_index;
  return Status::Error("PARSE_SYNTAX_ERROR", {{"error", std::move(error_text)}, {"hint", ""}})
      .WithContext(std::move(context));
}

namespace {

// Spark's SQLQueryContext summary: the lines holding the fragment (at most 32 characters of
// context either side, else "..."), each followed by a line marking the fragment with '^'.
std::string ContextSummary(std::string_view text, const QueryContext& context) {
  constexpr int kMaxExtra = 32;
  const std::string kEllipsis = "...";
  const int length = static_cast<int>(text.size());
  const int start = std::max(context.start_index, 0);
  const int stop = std::min(context.stop_index < 0 ? length - 1 : context.stop_index, length - 1);
  if (start >= length || stop < start) return "";
  std::string out = "== SQL (line " + std::to_string(context.line) + ", position " +
                    std::to_string(context.start_position + 1) + ") ==\n";
  int line_start = start;
  while (line_start >= 0 && start - line_start <= kMaxExtra && text[line_start] != '\n') {
    --line_start;
  }
  const bool start_truncated = start - line_start > kMaxExtra;
  int index = line_start - (start_truncated ? static_cast<int>(kEllipsis.size()) : 0);
  int line_stop = stop;
  while (line_stop < length && line_stop - stop <= kMaxExtra && text[line_stop] != '\n') {
    ++line_stop;
  }
  const bool stop_truncated = line_stop < length && text[line_stop] != '\n';
  std::string shown = (start_truncated ? kEllipsis : "") +
                      std::string(text.substr(line_start + 1, line_stop - line_start - 1)) +
                      (stop_truncated ? kEllipsis : "");
  size_t from = 0;
  while (from <= shown.size()) {
    size_t end = shown.find('\n', from);
    if (end == std::string::npos) end = shown.size();
    std::string_view line(shown.data() + from, end - from);
    out.append(line).push_back('\n');
    ++index;
    for (size_t i = 0; i < line.size(); ++i, ++index) {
      if (index < start) {
        out.push_back(' ');
      } else if (index <= stop) {
        out.push_back('^');
      }
    }
    out.push_back('\n');
    from = end + 1;
  }
  return out;
}

}  // namespace

Status WithStatementText(Status status, std::string_view sql) {
  if (status.ok() || status.error().kind != ErrorKind::kParse) return status;
  SparkError& error = status.mutable_error();
  const bool syntax_error = error.error_class.rfind("PARSE_", 0) == 0;
  if (!error.context) {
    if (!syntax_error) return status;
    QueryContext start;
    start.line = 1;
    error.context = std::move(start);
  }
  const QueryContext& context = *error.context;
  if (!syntax_error) {
    // Conditions raised while building the plan print the context summary instead.
    error.message = "\n" + error.message + "\n" + ContextSummary(sql, context);
    return status;
  }
  // Java's String.split("\n") drops trailing empty lines.
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= sql.size()) {
    size_t end = sql.find('\n', start);
    if (end == std::string_view::npos) end = sql.size();
    lines.push_back(sql.substr(start, end - start));
    start = end + 1;
  }
  // ... except that "" splits into one empty line.
  while (lines.size() > (sql.empty() ? 1 : 0) && lines.back().empty()) lines.pop_back();
  std::string message = "\n" + error.message + " (line " + std::to_string(context.line) + ", pos " +
                        std::to_string(context.start_position) + ")\n\n== SQL ==\n";
  const size_t above = std::min(lines.size(), static_cast<size_t>(std::max(context.line, 0)));
  for (size_t i = 0; i < above; ++i) message.append(lines[i]).push_back('\n');
  message.append(static_cast<size_t>(std::max(context.start_position, 0)), '-');
  message.append("^^^\n");
  for (size_t i = above; i < lines.size(); ++i) message.append(lines[i]).push_back('\n');
  error.message = std::move(message);
  return status;
}

QueryContext SpanContext(std::string_view sql, const Token& first, const Token& last) {
  QueryContext context;
  context.line = first.line;
  context.start_position = first.column;
  context.start_index = first.char_index;
  int end_offset = last.kind == TokenKind::kEnd ? first.end_offset : last.end_offset;
  int char_end = last.kind == TokenKind::kEnd ? first.char_end : last.char_end;
  if (end_offset < first.offset) end_offset = first.end_offset;
  if (char_end <= first.char_index) char_end = first.char_end;
  context.stop_index = char_end - 1;
  // Every node of a long left-deep chain (a + b + c ...) spans the text before it, so copying
  // long fragments would cost quadratic memory; beyond the cap only the positions are kept.
  size_t length = static_cast<size_t>(end_offset - first.offset);
  if (length <= kMaxFragmentBytes) context.fragment = std::string(sql.substr(first.offset, length));
  return context;
}

Status WithSpan(Status status, std::string_view sql, const Token& first, const Token& last) {
  if (status.ok()) return status;
  return std::move(status).WithContext(SpanContext(sql, first, last));
}

}  // namespace sparkling
