#include "parser/lexer.h"

#include <cctype>
#include <string>

#include "parser/parse_error.h"

namespace sparkling {
namespace {

bool IsWordChar(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsOctal(char c) { return c >= '0' && c <= '7'; }

void AppendUtf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

bool ParseHex(std::string_view digits, uint32_t* out) {
  uint32_t value = 0;
  for (char c : digits) {
    int digit;
    if (c >= '0' && c <= '9')
      digit = c - '0';
    else if (c >= 'a' && c <= 'f')
      digit = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      digit = c - 'A' + 10;
    else
      return false;
    value = value * 16 + digit;
  }
  *out = value;
  return true;
}

/// Spark's unescapeSQLString for the body of a quoted literal (quotes stripped).
std::string UnescapeStringBody(std::string_view body, char quote) {
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == quote && i + 1 < body.size() && body[i + 1] == quote) {  // '' inside '...'
      out += quote;
      ++i;
      continue;
    }
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    char next = body[i + 1];
    uint32_t code_point;
    if (next == 'u' && i + 6 <= body.size() && ParseHex(body.substr(i + 2, 4), &code_point)) {
      AppendUtf8(out, code_point);
      i += 5;
      continue;
    }
    if (next == 'U' && i + 10 <= body.size() && ParseHex(body.substr(i + 2, 8), &code_point)) {
      AppendUtf8(out, code_point);
      i += 9;
      continue;
    }
    if (i + 3 < body.size() && next >= '0' && next <= '3' && IsOctal(body[i + 2]) &&
        IsOctal(body[i + 3])) {
      out += static_cast<char>((next - '0') * 64 + (body[i + 2] - '0') * 8 + (body[i + 3] - '0'));
      i += 3;
      continue;
    }
    switch (next) {
      case '0':
        out += '\0';
        break;
      case 'b':
        out += '\b';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'Z':
        out += '\x1A';
        break;
      case '%':  // \% and \_ stay escaped so that LIKE patterns keep them literal
        out += "\\%";
        break;
      case '_':
        out += "\\_";
        break;
      default:
        out += next;
        break;
    }
    ++i;
  }
  return out;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      SPK_RETURN_NOT_OK(SkipSpaceAndComments());
      Token token;
      token.offset = static_cast<int>(pos_);
      token.char_index = char_index_;
      token.line = line_;
      token.column = column_;
      if (pos_ >= text_.size()) {
        token.kind = TokenKind::kEnd;
        token.end_offset = token.offset;
        token.char_end = char_index_;
        tokens.push_back(std::move(token));
        return tokens;
      }
      SPK_RETURN_NOT_OK(LexOne(token));
      token.end_offset = static_cast<int>(pos_);
      token.char_end = char_index_;
      token.text = text_.substr(token.offset, token.end_offset - token.offset);
      tokens.push_back(std::move(token));
    }
  }

 private:
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  void Advance(size_t count = 1) {
    for (size_t i = 0; i < count && pos_ < text_.size(); ++i) {
      unsigned char c = text_[pos_++];
      if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte: same character
      ++char_index_;
      if (c == '\n') {
        ++line_;
        column_ = 0;
      } else {
        ++column_;
      }
    }
  }

  Status SkipSpaceAndComments() {
    while (pos_ < text_.size()) {
      char c = Peek();
      if (std::isspace(static_cast<unsigned char>(c))) {
        Advance();
      } else if (c == '-' && Peek(1) == '-') {
        while (pos_ < text_.size() && Peek() != '\n') Advance();
      } else if (c == '/' && Peek(1) == '*') {
        SPK_RETURN_NOT_OK(SkipBracketedComment());
      } else {
        break;
      }
    }
    return Status::OK();
  }

  Status SkipBracketedComment() {
    int depth = 0;
    while (pos_ < text_.size()) {
      if (Peek() == '/' && Peek(1) == '*') {
        ++depth;
        Advance(2);
      } else if (Peek() == '*' && Peek(1) == '/') {
        Advance(2);
        if (--depth == 0) return Status::OK();
      } else {
        Advance();
      }
    }
    return Status::Error("UNCLOSED_BRACKETED_COMMENT");
  }

  Status LexOne(Token& token) {
    char c = Peek();
    if ((c == 'r' || c == 'R') && (Peek(1) == '\'' || Peek(1) == '"')) {
      return LexString(token, /*raw=*/true);
    }
    if (c == '\'' || c == '"') return LexString(token, /*raw=*/false);
    if (c == '`') return LexQuotedIdentifier(token);
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) {
      LexNumberOrWord(token);
      return Status::OK();
    }
    if (IsWordChar(static_cast<unsigned char>(c))) {
      while (pos_ < text_.size() && IsWordChar(static_cast<unsigned char>(Peek()))) Advance();
      token.kind = TokenKind::kWord;
      token.value = Upper(text_.substr(token.offset, pos_ - token.offset));
      return Status::OK();
    }
    // `>>` is deliberately not a token: nested types close with `>>` (array<array<int>>); the
    // expression parser joins adjacent `>` tokens into shift operators instead.
    static constexpr std::string_view kOperators[] = {
        "<=>", "<<", "<=", ">=", "<>", "!=", "==", "||", "::", "->", "=>", "(",
        ")",   "[",  "]",  "{",  "}",  ",",  ".",  ";",  ":",  "+",  "-",  "*",
        "/",   "%",  "~",  "&",  "|",  "^",  "!",  "<",  ">",  "=",  "?"};
    for (std::string_view op : kOperators) {
      if (text_.substr(pos_, op.size()) == op) {
        token.kind = TokenKind::kOperator;
        Advance(op.size());
        return Status::OK();
      }
    }
    std::string error = {'\'', c, '\''};
    return SyntaxErrorAtPosition(error, line_, column_, char_index_);
  }

  Status LexString(Token& token, bool raw) {
    int start_line = line_, start_column = column_, start_char = char_index_;
    if (raw) Advance();
    char quote = Peek();
    Advance();
    size_t body_start = pos_;
    while (true) {
      if (pos_ >= text_.size()) {
        std::string error = {'\'', quote, '\''};
        return SyntaxErrorAtPosition(std::move(error), start_line, start_column + (raw ? 1 : 0),
                                     start_char + (raw ? 1 : 0));
      }
      char c = Peek();
      if (c == '\\' && !raw && pos_ + 1 < text_.size()) {
        Advance(2);
      } else if (c == quote && Peek(1) == quote && !raw) {
        Advance(2);
      } else if (c == quote) {
        break;
      } else {
        Advance();
      }
    }
    std::string_view body = text_.substr(body_start, pos_ - body_start);
    Advance();  // closing quote
    token.kind = TokenKind::kString;
    token.value = raw ? std::string(body) : UnescapeStringBody(body, quote);
    return Status::OK();
  }

  Status LexQuotedIdentifier(Token& token) {
    int start_line = line_, start_column = column_, start_char = char_index_;
    Advance();
    std::string value;
    while (true) {
      if (pos_ >= text_.size()) {
        return SyntaxErrorAtPosition("'`'", start_line, start_column, start_char);
      }
      char c = Peek();
      if (c == '`') {
        if (Peek(1) == '`') {
          value += '`';
          Advance(2);
          continue;
        }
        Advance();
        break;
      }
      value += c;
      Advance();
    }
    token.kind = TokenKind::kQuotedIdentifier;
    token.value = std::move(value);
    return Status::OK();
  }

  /// Numbers, with ANTLR's longest-match rule against identifiers: "1_000" and "1abc" are
  /// identifiers, "10L" and "1e3" are numbers (ties go to the number).
  void LexNumberOrWord(Token& token) {
    size_t start = pos_;
    size_t word_end = start;
    while (word_end < text_.size() && IsWordChar(static_cast<unsigned char>(text_[word_end]))) {
      ++word_end;
    }
    size_t p = start;
    auto digit_at = [&](size_t i) { return i < text_.size() && IsDigit(text_[i]); };
    while (digit_at(p)) ++p;
    bool has_dot = false, has_exponent = false;
    if (p < text_.size() && text_[p] == '.' && (p > start || digit_at(p + 1))) {
      has_dot = true;
      ++p;
      while (digit_at(p)) ++p;
    }
    if (p < text_.size() && (text_[p] == 'e' || text_[p] == 'E')) {
      size_t q = p + 1;
      if (q < text_.size() && (text_[q] == '+' || text_[q] == '-')) ++q;
      if (digit_at(q)) {
        has_exponent = true;
        p = q;
        while (digit_at(p)) ++p;
      }
    }
    TokenKind kind = has_exponent ? TokenKind::kExponent
                     : has_dot    ? TokenKind::kDecimal
                                  : TokenKind::kInteger;
    auto suffix_is = [&](std::string_view suffix) {
      if (p + suffix.size() > text_.size()) return false;
      for (size_t i = 0; i < suffix.size(); ++i) {
        if (std::toupper(static_cast<unsigned char>(text_[p + i])) != suffix[i]) return false;
      }
      return true;
    };
    size_t number_end = p;
    if (suffix_is("BD")) {
      kind = TokenKind::kBigDecimalLiteral;
      number_end = p + 2;
    } else if (suffix_is("D")) {
      kind = TokenKind::kDoubleLiteral;
      number_end = p + 1;
    } else if (suffix_is("F")) {
      kind = TokenKind::kFloatLiteral;
      number_end = p + 1;
    } else if (kind == TokenKind::kInteger && suffix_is("L")) {
      kind = TokenKind::kBigintLiteral;
      number_end = p + 1;
    } else if (kind == TokenKind::kInteger && suffix_is("S")) {
      kind = TokenKind::kSmallintLiteral;
      number_end = p + 1;
    } else if (kind == TokenKind::kInteger && suffix_is("Y")) {
      kind = TokenKind::kTinyintLiteral;
      number_end = p + 1;
    }
    if (word_end > number_end && !has_dot) {
      token.kind = TokenKind::kWord;
      Advance(word_end - start);
      token.value = Upper(text_.substr(start, word_end - start));
      return;
    }
    token.kind = kind;
    Advance(number_end - start);
  }

  static std::string Upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int char_index_ = 0;
  int line_ = 1;
  int column_ = 0;
};

}  // namespace

Result<std::vector<Token>> Tokenize(std::string_view text) { return Lexer(text).Run(); }

}  // namespace sparkling
