#include "parser/parse_error.h"

#include <utility>

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
