#include "parser/parser.h"

#include <pthread.h>

#include <algorithm>
#include <utility>

#include "parser/parse_error.h"

namespace sparkling {
namespace {

/// Nesting beyond any hand-written query. Each level costs a few KB of stack (about fifteen
/// frames per parenthesis), so the remaining stack is checked as well: parsing runs on threads
/// whose stack size the parser does not choose.
constexpr int kMaxNesting = 1000;
constexpr size_t kStackHeadroomBytes = 256 * 1024;

/// The lowest usable address of the calling thread's stack (stacks grow down on the platforms
/// Sparkling supports), or null when unknown.
const char* StackLowAddress() {
  thread_local const char* low = [] {
    const char* address = nullptr;
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
      void* stack = nullptr;
      size_t size = 0;
      if (pthread_attr_getstack(&attributes, &stack, &size) == 0) {
        address = static_cast<const char*>(stack);
      }
      pthread_attr_destroy(&attributes);
    }
    return address;
  }();
  return low;
}

bool StackNearlyExhausted() {
  const char* low = StackLowAddress();
  char marker;
  const char* here = &marker;
  return low != nullptr && here > low && static_cast<size_t>(here - low) < kStackHeadroomBytes;
}

/// Spark's strict non-reserved keywords: identifiers in general, but never table aliases,
/// so that `FROM a JOIN b` and `SELECT ... UNION ...` keep their meaning.
bool IsStrictNonReserved(const std::string& word) {
  static constexpr std::string_view kWords[] = {
      "ANTI",  "CROSS",   "EXCEPT", "FULL",  "INNER", "INTERSECT", "JOIN",  "LATERAL", "LEFT",
      "MINUS", "NATURAL", "ON",     "RIGHT", "SEMI",  "SETMINUS",  "UNION", "USING"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

/// Keywords that may follow a select item or a relation. Spark's grammar lets them be bare
/// aliases only when nothing follows (`SELECT 1 FROM` names the column FROM); otherwise they
/// start the next clause.
bool IsClauseKeyword(const std::string& word) {
  static constexpr std::string_view kWords[] = {
      "FROM",        "WHERE",   "GROUP",      "HAVING", "ORDER",   "LIMIT", "OFFSET",
      "WINDOW",      "CLUSTER", "DISTRIBUTE", "SORT",   "QUALIFY", "PIVOT", "UNPIVOT",
      "TABLESAMPLE", "LATERAL", "INTO",       "FOR",    "VALUES"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

}  // namespace

Parser::Parser(std::string_view sql, std::vector<Token> tokens)
    : sql_(sql), tokens_(std::move(tokens)) {}

const Token& Parser::Peek(int ahead) const {
  size_t index = std::min(pos_ + ahead, tokens_.size() - 1);
  return tokens_[index];
}

const Token& Parser::Next() {
  const Token& token = tokens_[pos_];
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return token;
}

bool Parser::AcceptKeyword(std::string_view keyword) {
  if (!AtKeyword(keyword)) return false;
  Next();
  return true;
}

bool Parser::AcceptOperator(std::string_view op) {
  if (!AtOperator(op)) return false;
  Next();
  return true;
}

Status Parser::ExpectKeyword(std::string_view keyword) {
  if (AcceptKeyword(keyword)) return Status::OK();
  return ErrorHere();
}

Status Parser::ExpectOperator(std::string_view op) {
  if (AcceptOperator(op)) return Status::OK();
  return ErrorHere();  // Spark names the offending token without a hint here
}

Status Parser::ErrorHere(std::string hint) const { return SyntaxErrorAt(Peek(), std::move(hint)); }

Status Parser::ExpectEnd() {
  bool after_semicolon = false;
  while (AcceptOperator(";")) after_semicolon = true;
  if (AtEnd()) return Status::OK();
  // ANTLR's "extraneous input" recovery, which Spark shows as a hint, applies when deleting the
  // one offending token would complete the statement.
  if (after_semicolon || Peek(1).kind == TokenKind::kEnd) {
    return ErrorHere(ExtraInputHint(Peek()));
  }
  return ErrorHere();
}

Status Parser::ExpectWithHint(std::string_view op) {
  if (AcceptOperator(op) || AcceptKeyword(op)) return Status::OK();
  // ANTLR's "missing token" recovery, which Spark shows as a hint.
  std::string hint = ": missing '";
  hint.append(op);
  hint.push_back('\'');
  return ErrorHere(std::move(hint));
}

Status Parser::EnterNesting() {
  if (++depth_ > kMaxNesting || StackNearlyExhausted()) {
    QueryContext context;
    context.line = Peek().line;
    context.start_position = Peek().column;
    context.start_index = Peek().char_index;
    context.stop_index = Peek().char_index;
    return Status::Error("FAILED_TO_PARSE_TOO_COMPLEX").WithContext(std::move(context));
  }
  return Status::OK();
}

void Parser::Defer(Status status) {
  if (deferred_error_.ok()) deferred_error_ = std::move(status);
}

Result<ExprPtr> Parser::DeferLiteralError(Result<ExprPtr> literal) {
  if (literal.ok()) return literal;
  const std::string& error_class = literal.status().error().error_class;
  if (error_class == "INVALID_NUMERIC_LITERAL_RANGE" || error_class == "INVALID_TYPED_LITERAL" ||
      error_class == "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION") {
    Defer(literal.status());
    return MakeNullLiteral(DataType::Null());
  }
  return literal;
}

QueryContext Parser::ContextFrom(size_t first_token) const {
  const Token& first = tokens_[std::min(first_token, tokens_.size() - 1)];
  const Token& last = pos_ > first_token ? Previous() : first;
  return SpanContext(sql_, first, last);
}

std::string Parser::TextFrom(size_t first_token) const {
  const Token& first = tokens_[std::min(first_token, tokens_.size() - 1)];
  if (pos_ <= first_token) return "";
  const Token& last = Previous();
  return std::string(sql_.substr(first.offset, last.end_offset - first.offset));
}

bool Parser::AtIdentifier(int ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kWord || token.kind == TokenKind::kQuotedIdentifier;
}

Result<std::string> Parser::ParseIdentifier() {
  if (!AtIdentifier()) return ErrorHere();
  const Token& token = Next();
  if (token.kind == TokenKind::kQuotedIdentifier) return token.value;
  return std::string(token.text);  // unquoted identifiers keep their case
}

Result<std::vector<std::string>> Parser::ParseMultipartName() {
  std::vector<std::string> parts;
  SPK_ASSIGN_OR_RAISE(std::string first, ParseIdentifier());
  parts.push_back(std::move(first));
  while (AtOperator(".") && AtIdentifier(1)) {
    Next();
    SPK_ASSIGN_OR_RAISE(std::string part, ParseIdentifier());
    parts.push_back(std::move(part));
  }
  return parts;
}

Result<std::vector<std::string>> Parser::ParseIdentifierList() {
  SPK_RETURN_NOT_OK(ExpectOperator("("));
  std::vector<std::string> names;
  do {
    SPK_ASSIGN_OR_RAISE(std::string name, ParseIdentifier());
    names.push_back(std::move(name));
  } while (AcceptOperator(","));
  SPK_RETURN_NOT_OK(ExpectOperator(")"));
  return names;
}

Result<std::optional<std::string>> Parser::ParseOptionalAlias(bool for_relation) {
  auto followed_by_end = [&](int ahead) {
    return Peek(ahead).kind == TokenKind::kEnd || Peek(ahead).Is(";");
  };
  if (AtKeyword("AS")) {
    if (AtIdentifier(1)) {
      Next();
      SPK_ASSIGN_OR_RAISE(std::string name, ParseIdentifier());
      return std::optional<std::string>(std::move(name));
    }
    if (followed_by_end(1)) {  // `SELECT 1 AS`: AS itself is the alias
      Next();
      return std::optional<std::string>("AS");
    }
    if (!for_relation && AtOperator("(", 1)) return std::optional<std::string>();
    Next();
    return ErrorHere();
  }
  const Token& token = Peek();
  if (token.kind == TokenKind::kQuotedIdentifier) {
    Next();
    return std::optional<std::string>(token.value);
  }
  if (token.kind != TokenKind::kWord) return std::optional<std::string>();
  if (IsStrictNonReserved(token.value)) return std::optional<std::string>();
  if (IsClauseKeyword(token.value) && !followed_by_end(1)) return std::optional<std::string>();
  Next();
  return std::optional<std::string>(std::string(token.text));
}

}  // namespace sparkling
