#pragma once

#include <string>
#include <string_view>

namespace sparkling {

/// Lexical categories of Spark SQL. Keywords are not separate kinds: they are kWord tokens the
/// parser compares case-insensitively, because in Spark's default mode nearly every keyword is
/// also a valid identifier.
enum class TokenKind {
  kEnd,
  kWord,               // unquoted identifier or keyword
  kQuotedIdentifier,   // `name`
  kString,             // 'text' or "text" (value is unescaped)
  kInteger,            // 123
  kDecimal,            // 1.5, .5, 1.
  kExponent,           // 1e3, 1.5E-2
  kTinyintLiteral,     // 10Y
  kSmallintLiteral,    // 10S
  kBigintLiteral,      // 10L
  kFloatLiteral,       // 1.5F
  kDoubleLiteral,      // 1.5D
  kBigDecimalLiteral,  // 1.5BD
  kOperator,           // punctuation and operators: ( ) , . ; + - * / % == <=> ...
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;  // the source slice (including quotes and suffixes)
  std::string value;      // unescaped string / identifier text; upper case for kWord
  int offset = 0;         // byte offset of the first character
  int end_offset = 0;     // byte offset one past the last character
  int char_index = 0;     // character (code point) offset, for query contexts
  int char_end = 0;       // character offset one past the last character
  int line = 1;           // 1-based
  int column = 0;         // 0-based character position in the line

  bool Is(std::string_view op) const { return kind == TokenKind::kOperator && text == op; }
  /// True for an unquoted word equal to `keyword` (given in upper case).
  bool IsKeyword(std::string_view keyword) const {
    return kind == TokenKind::kWord && value == keyword;
  }
  bool IsNumber() const {
    return kind >= TokenKind::kInteger && kind <= TokenKind::kBigDecimalLiteral;
  }
};

}  // namespace sparkling
