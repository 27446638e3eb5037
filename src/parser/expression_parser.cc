// Expressions, by Spark's precedence (loosest first): OR, AND, NOT, predicates (BETWEEN, IN,
// LIKE, IS ...), comparisons, |, ^, &, shifts, + - ||, * / % div, unary - + ~, postfix
// (.field, [index], ::type), primaries.

#include <algorithm>
#include <cctype>
#include <utility>

#include "parser/parse_error.h"
#include "parser/parser.h"

namespace sparkling {

ExprPtr Parser::Call(std::string name, std::vector<ExprPtr> arguments, size_t start_token) const {
  auto function = std::make_shared<UnresolvedFunction>();
  function->name_parts.push_back(std::move(name));
  function->children = std::move(arguments);
  function->origin = ContextFrom(start_token);
  return function;
}

ExprPtr Parser::Not(ExprPtr child, size_t start_token) const {
  return Call("not", {std::move(child)}, start_token);
}

Result<ExprPtr> Parser::ParseNamedExpression() {
  size_t start = pos_;
  SPK_ASSIGN_OR_RAISE(ExprPtr expr, ParseExpr());
  if (AtKeyword("AS") && AtOperator("(", 1)) {  // multi-column alias: AS (a, b)
    Next();
    SPK_ASSIGN_OR_RAISE(std::vector<std::string> names, ParseIdentifierList());
    auto alias = std::make_shared<Alias>();
    alias->children.push_back(std::move(expr));
    alias->names = std::move(names);
    alias->origin = ContextFrom(start);
    return alias;
  }
  SPK_ASSIGN_OR_RAISE(std::optional<std::string> name, ParseOptionalAlias(false));
  if (!name) return expr;
  auto alias = std::make_shared<Alias>();
  alias->children.push_back(std::move(expr));
  alias->names.push_back(std::move(*name));
  alias->origin = ContextFrom(start);
  return alias;
}

Result<ExprPtr> Parser::ParseExpr() {
  SPK_RETURN_NOT_OK(EnterNesting());
  NestingScope scope(this);
  return ParseOr();
}

Result<ExprPtr> Parser::ParseOr() {
  size_t start = pos_;
  SPK_ASSIGN_OR_RAISE(ExprPtr left, ParseAnd());
  while (AcceptKeyword("OR")) {
    SPK_ASSIGN_OR_RAISE(ExprPtr right, ParseAnd());
    left = Call("or", {std::move(left), std::move(right)}, start);
  }
  return left;
}

Result<ExprPtr> Parser::ParseAnd() {
  size_t start = pos_;
  SPK_ASSIGN_OR_RAISE(ExprPtr left, ParseNot());
  while (AcceptKeyword("AND")) {
    SPK_ASSIGN_OR_RAISE(ExprPtr right, ParseNot());
    left = Call("and", {std::move(left), std::move(right)}, start);
  }
  return left;
}

Result<ExprPtr> Parser::ParseNot() {
  size_t start = pos_;
  if (AtKeyword("NOT") || AtOperator("!")) {
    Next();
    SPK_RETURN_NOT_OK(EnterNesting());
    NestingScope scope(this);
    SPK_ASSIGN_OR_RAISE(ExprPtr child, ParseNot());
    return Not(std::move(child), start);
  }
  return ParsePredicate();
}

Result<ExprPtr> Parser::ParsePredicate() {
  size_t start = pos_;
  SPK_ASSIGN_OR_RAISE(ExprPtr value, ParseComparison());
  bool value_is_row = value == last_row_constructor_;

  if (AtKeyword("IS")) {
    Next();
    bool negated = AcceptKeyword("NOT");
    if (AcceptKeyword("NULL") || AcceptKeyword("UNKNOWN")) {
      return Call(negated ? "isnotnull" : "isnull", {std::move(value)}, start);
    }
    if (AtKeyword("TRUE") || AtKeyword("FALSE")) {
      bool truth = Next().value == "TRUE";
      ExprPtr test = Call("<=>", {std::move(value), BooleanLiteral(truth)}, start);
      return negated ? Not(std::move(test), start) : test;
    }
    if (AcceptKeyword("DISTINCT")) {
      SPK_RETURN_NOT_OK(ExpectKeyword("FROM"));
      SPK_ASSIGN_OR_RAISE(ExprPtr other, ParseComparison());
      ExprPtr same = Call("<=>", {std::move(value), std::move(other)}, start);
      return negated ? same : Not(std::move(same), start);
    }
    return ErrorHere();
  }

  bool negated = false;
  if (AtKeyword("NOT") &&
      (AtKeyword("BETWEEN", 1) || AtKeyword("IN", 1) || AtKeyword("LIKE", 1) ||
       AtKeyword("ILIKE", 1) || AtKeyword("RLIKE", 1) || AtKeyword("REGEXP", 1))) {
    Next();
    negated = true;
  }
  auto maybe_not = [&](ExprPtr expr) { return negated ? Not(std::move(expr), start) : expr; };

  if (AcceptKeyword("BETWEEN")) {
    SPK_ASSIGN_OR_RAISE(ExprPtr lower, ParseComparison());
    SPK_RETURN_NOT_OK(ExpectKeyword("AND"));
    SPK_ASSIGN_OR_RAISE(ExprPtr upper, ParseComparison());
    return maybe_not(
        Call("between", {std::move(value), std::move(lower), std::move(upper)}, start));
  }
  if (AtKeyword("IN")) {
    size_t in_token = pos_;
    Next();
    SPK_RETURN_NOT_OK(ExpectOperator("("));
    Result<std::optional<PlanPtr>> subquery = TryParseSubqueryBody();
    if (!subquery.ok()) {
      // Spark reports a malformed IN (...) at the IN keyword.
      if (subquery.status().error().error_class == "PARSE_SYNTAX_ERROR") {
        return SyntaxErrorAt(tokens_[in_token]);
      }
      return subquery.status();
    }
    std::optional<PlanPtr> query = std::move(subquery).ValueOrDie();
    if (query) {
      auto in = std::make_shared<InSubquery>();
      // (a, b) IN (SELECT x, y ...) compares each value with a column.
      if (value_is_row) {
        in->children = value->children;
      } else {
        in->children.push_back(std::move(value));
      }
      in->plan = std::move(*query);
      in->origin = ContextFrom(start);
      return maybe_not(std::move(in));
    }
    if (AtOperator(")")) {  // Spark reports an empty IN list at the IN keyword
      return SyntaxErrorAt(tokens_[in_token]);
    }
    std::vector<ExprPtr> arguments{std::move(value)};
    Result<std::vector<ExprPtr>> list = ParseExpressionList();
    Status closed = list.ok() ? ExpectOperator(")") : list.status();
    if (!closed.ok()) {
      // Spark reports a malformed IN list at the IN keyword.
      if (closed.error().error_class == "PARSE_SYNTAX_ERROR")
        return SyntaxErrorAt(tokens_[in_token]);
      return closed;
    }
    for (auto& item : *list) arguments.push_back(std::move(item));
    return maybe_not(Call("in", std::move(arguments), start));
  }
  if (AtKeyword("LIKE") || AtKeyword("ILIKE")) {
    std::string name = Next().value == "LIKE" ? "like" : "ilike";
    if ((AtKeyword("ANY") || AtKeyword("SOME") || AtKeyword("ALL")) && AtOperator("(", 1)) {
      // Spark's LikeAny / LikeAll family; ILIKE lower-cases both sides first.
      bool all = Next().value == "ALL";
      Next();  // (
      SPK_ASSIGN_OR_RAISE(std::vector<ExprPtr> patterns, ParseExpressionList());
      SPK_RETURN_NOT_OK(ExpectOperator(")"));
      bool lower = name == "ilike";
      std::vector<ExprPtr> arguments{lower ? Call("lower", {std::move(value)}, start)
                                           : std::move(value)};
      for (auto& pattern : patterns) {
        arguments.push_back(lower ? Call("lower", {std::move(pattern)}, start)
                                  : std::move(pattern));
      }
      std::string quantified = std::string(negated ? "not" : "") + "like" + (all ? "all" : "any");
      return Call(std::move(quantified), std::move(arguments), start);
    }
    SPK_ASSIGN_OR_RAISE(ExprPtr pattern, ParseComparison());
    std::vector<ExprPtr> arguments{std::move(value), std::move(pattern)};
    if (AcceptKeyword("ESCAPE")) {
      if (Peek().kind != TokenKind::kString) return ErrorHere();
      SPK_ASSIGN_OR_RAISE(ExprPtr escape, ParseStringLiteral());
      arguments.push_back(std::move(escape));
    }
    return maybe_not(Call(std::move(name), std::move(arguments), start));
  }
  if (AcceptKeyword("RLIKE") || AcceptKeyword("REGEXP")) {
    SPK_ASSIGN_OR_RAISE(ExprPtr pattern, ParseComparison());
    return maybe_not(Call("rlike", {std::move(value), std::move(pattern)}, start));
  }
  return value;
}

Result<ExprPtr> Parser::ParseComparison() {
  size_t start = pos_;
  SPK_ASSIGN_OR_RAISE(ExprPtr left, ParseBitOr());
  while (true) {
    std::string name;
    if (AtOperator("=") || AtOperator("==")) {
      name = "==";
    } else if (AtOperator("<>") || AtOperator("!=")) {
      name = "!=";
    } else if (AtOperator("<=>") || AtOperator("<") || AtOperator("<=") || AtOperator(">") ||
               AtOperator(">=")) {
      name = std::string(Peek().text);
    } else {
      break;
    }
    Next();
    SPK_ASSIGN_OR_RAISE(ExprPtr right, ParseBitOr());
    left = Call(std::move(name), {std::move(left), std::move(right)}, start);
  }
  return left;
}

Result<ExprPtr> Parser::ParseBitOr() {
  size_t start = pos_;
  SPK_ASSIGN_OR_RAISE(ExprPtr left, ParseBitXor());
  while (AtOperator("|")) {
    Next();
    SPK_ASSIGN_OR_RAISE(ExprPtr right, ParseBitXor());
    left = Call("|", {std::move(left), std::move(right)}, start);
  }
  return left;
}

Result<ExprPtr> Parser::ParseBitXor() {
  size_t start = pos_;
  SPK_ASSIGN_OR_RAISE(ExprPtr left, ParseBitAnd());
  while (AtOperator("^")) {
    Next();
    SPK_ASSIGN_OR_RAISE(ExprPtr right, ParseBitAnd());
    left = Call("^", {std::move(left), std::move(right)}, start);
  }
  return left;
}

Result<ExprPtr> Parser::ParseBitAnd() {
  size_t start = pos_;
  SPK_ASSIGN_OR_RAISE(ExprPtr left, ParseShift());
  while (AtOperator("&")) {
    Next();
    SPK_ASSIGN_OR_RAISE(ExprPtr right, ParseShift());
    left = Call("&", {std::move(left), std::move(right)}, start);
  }
  return left;
}

Result<ExprPtr> Parser::ParseShift() {
  size_t start = pos_;
  SPK_ASSIGN_OR_RAISE(ExprPtr left, ParseAdditive());
  while (true) {
    std::string name;
    // `>>` and `>>>` arrive as adjacent `>` tokens (see the lexer).
    auto adjacent_greater = [&](int ahead) {
      return AtOperator(">", ahead) && Peek(ahead).offset == Peek(ahead - 1).end_offset;
    };
    int length = 0;
    if (AtOperator("<<")) {
      name = "shiftleft";
      length = 1;
    } else if (AtOperator(">") && adjacent_greater(1)) {
      if (adjacent_greater(2)) {
        name = "shiftrightunsigned";
        length = 3;
      } else {
        name = "shiftright";
        length = 2;
      }
    } else {
      break;
    }
    for (int i = 0; i < length; ++i) Next();
    SPK_ASSIGN_OR_RAISE(ExprPtr right, ParseAdditive());
    left = Call(std::move(name), {std::move(left), std::move(right)}, start);
  }
  return left;
}

Result<ExprPtr> Parser::ParseAdditive() {
  size_t start = pos_;
  SPK_ASSIGN_OR_RAISE(ExprPtr left, ParseMultiplicative());
  while (AtOperator("+") || AtOperator("-") || AtOperator("||")) {
    std::string op(Next().text);
    SPK_ASSIGN_OR_RAISE(ExprPtr right, ParseMultiplicative());
    left = Call(op == "||" ? "concat" : op, {std::move(left), std::move(right)}, start);
  }
  return left;
}

Result<ExprPtr> Parser::ParseMultiplicative() {
  size_t start = pos_;
  SPK_ASSIGN_OR_RAISE(ExprPtr left, ParseUnary());
  while (AtOperator("*") || AtOperator("/") || AtOperator("%") || AtKeyword("DIV")) {
    const Token& op = Next();
    std::string name = op.kind == TokenKind::kWord ? "div" : std::string(op.text);
    SPK_ASSIGN_OR_RAISE(ExprPtr right, ParseUnary());
    left = Call(std::move(name), {std::move(left), std::move(right)}, start);
  }
  return left;
}

Result<ExprPtr> Parser::ParseUnary() {
  size_t start = pos_;
  // Spark's `number` rule owns the minus sign: -2147483648 is an INT literal named "-2147483648".
  if (AtOperator("-") && Peek(1).IsNumber()) {
    Next();
    return DeferLiteralError(ParseNumberLiteral(/*negate=*/true, start));
  }
  if (AtOperator("-") || AtOperator("+") || AtOperator("~")) {
    std::string op(Next().text);
    SPK_RETURN_NOT_OK(EnterNesting());
    NestingScope scope(this);
    SPK_ASSIGN_OR_RAISE(ExprPtr operand, ParseUnary());
    // SQL's unary operators keep their symbol: Spark names them "(- a)", while the
    // negative()/positive() functions (Connect's F.negative) print as calls.
    return Call(std::move(op), {std::move(operand)}, start);
  }
  return ParsePostfix();
}

Result<ExprPtr> Parser::ParsePostfix() {
  size_t start = pos_;
  SPK_ASSIGN_OR_RAISE(ExprPtr expr, ParsePrimary());
  // A plain (unparenthesised) column name grows by `.part`; anything else extracts a field.
  bool plain_name = expr->kind == ExprKind::kUnresolvedAttribute && tokens_[start].Is("(") == false;
  while (true) {
    if (AtOperator(".") && AtOperator("*", 1) && plain_name) {
      Next();
      Next();
      auto star = std::make_shared<UnresolvedStar>();
      star->target = expr->As<UnresolvedAttribute>().name_parts;
      star->origin = ContextFrom(start);
      expr = std::move(star);
      plain_name = false;
      continue;
    }
    if (AtOperator(".") && !AtIdentifier(1) && !AtOperator("*", 1)) {
      Next();
      return ErrorHere();  // a dot must be followed by a field name
    }
    if (AtOperator(".") && AtIdentifier(1)) {
      Next();
      SPK_ASSIGN_OR_RAISE(std::string field, ParseIdentifier());
      if (plain_name) {
        auto attribute = std::make_shared<UnresolvedAttribute>(expr->As<UnresolvedAttribute>());
        attribute->name_parts.push_back(std::move(field));
        attribute->origin = ContextFrom(start);
        expr = std::move(attribute);
      } else {
        auto extract = std::make_shared<UnresolvedExtractValue>();
        extract->children = {std::move(expr), StringLiteral(field)};
        extract->origin = ContextFrom(start);
        expr = std::move(extract);
      }
      continue;
    }
    if (AtOperator("[")) {
      Next();
      SPK_ASSIGN_OR_RAISE(ExprPtr index, ParseExpr());
      SPK_RETURN_NOT_OK(ExpectWithHint("]"));
      auto extract = std::make_shared<UnresolvedExtractValue>();
      extract->children = {std::move(expr), std::move(index)};
      extract->origin = ContextFrom(start);
      expr = std::move(extract);
      plain_name = false;
      continue;
    }
    if (AtOperator("::")) {
      Next();
      SPK_ASSIGN_OR_RAISE(DataTypePtr type, ParseDataType());
      auto cast = std::make_shared<Cast>();
      cast->children.push_back(std::move(expr));
      cast->target = std::move(type);
      cast->origin = ContextFrom(start);
      expr = std::move(cast);
      plain_name = false;
      continue;
    }
    if (AtKeyword("COLLATE") && AtIdentifier(1)) {  // 'a' COLLATE UTF8_LCASE
      Next();
      SPK_ASSIGN_OR_RAISE(std::string collation, ParseIdentifier());
      expr = Call("collate", {std::move(expr), StringLiteral(std::move(collation))}, start);
      plain_name = false;
      continue;
    }
    return expr;
  }
}

Result<ExprPtr> Parser::ParsePrimary() {
  size_t start = pos_;
  const Token& token = Peek();
  switch (token.kind) {
    case TokenKind::kEnd:
      return ErrorHere();
    case TokenKind::kString:
      return ParseStringLiteral();
    case TokenKind::kQuotedIdentifier:
      return ParseNameOrFunction(start);
    case TokenKind::kWord:
      break;
    case TokenKind::kOperator:
      if (token.Is("(")) return ParseParenthesized(start);
      if (token.Is("*")) {
        Next();
        auto star = std::make_shared<UnresolvedStar>();
        star->origin = ContextFrom(start);
        return star;
      }
      if (token.Is("?")) {
        Next();
        auto parameter = std::make_shared<Parameter>();
        parameter->position = next_positional_parameter_++;
        parameter->origin = ContextFrom(start);
        return parameter;
      }
      if (token.Is(":") && AtIdentifier(1) && Peek(1).offset == token.end_offset) {
        Next();
        SPK_ASSIGN_OR_RAISE(std::string name, ParseIdentifier());
        auto parameter = std::make_shared<Parameter>();
        parameter->name = std::move(name);
        parameter->origin = ContextFrom(start);
        return parameter;
      }
      return ErrorHere();
    default:
      return DeferLiteralError(ParseNumberLiteral(/*negate=*/false, start));
  }

  // Words: special forms first, then column names and function calls.
  const std::string& word = token.value;
  if (AtIdentifier() && AtOperator("->", 1)) {  // x -> body
    auto variable = std::make_shared<LambdaVariable>();
    SPK_ASSIGN_OR_RAISE(variable->name, ParseIdentifier());
    Next();  // ->
    SPK_ASSIGN_OR_RAISE(ExprPtr body, ParseExpr());
    auto lambda = std::make_shared<Lambda>();
    lambda->arguments.push_back(std::move(variable));
    lambda->children.push_back(std::move(body));
    lambda->origin = ContextFrom(start);
    return lambda;
  }
  if (word == "CASE") return ParseCase(start);
  if ((word == "CAST" || word == "TRY_CAST") && AtOperator("(", 1)) {
    return ParseCast(start, word == "CAST" ? CastMode::kDefault : CastMode::kTry);
  }
  if (word == "EXTRACT" && AtOperator("(", 1)) return ParseExtract(start);
  if (word == "EXISTS" && AtOperator("(", 1) && AtQueryStart(2)) {
    Next();
    Next();
    SPK_ASSIGN_OR_RAISE(PlanPtr query, ParseQuery());
    SPK_RETURN_NOT_OK(ExpectOperator(")"));
    auto exists = std::make_shared<Exists>();
    exists->plan = std::move(query);
    exists->origin = ContextFrom(start);
    return exists;
  }
  if (word == "TRUE" || word == "FALSE") {
    Next();
    return BooleanLiteral(word == "TRUE");
  }
  if (word == "NULL") {
    Next();
    return MakeNullLiteral(DataType::Null());
  }
  if (AtTypedLiteral()) return DeferLiteralError(ParseTypedLiteral(start));
  if ((word == "CURRENT_DATE" || word == "CURRENT_TIMESTAMP" || word == "CURRENT_USER") &&
      !AtOperator("(", 1) && !AtOperator(".", 1)) {
    Next();
    std::string name = word;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return Call(std::move(name), {}, start);
  }
  return ParseNameOrFunction(start);
}

Result<ExprPtr> Parser::ParseParenthesized(size_t start) {
  Next();  // (
  SPK_ASSIGN_OR_RAISE(std::optional<PlanPtr> query, TryParseSubqueryBody());
  if (query) {
    auto subquery = std::make_shared<ScalarSubquery>();
    subquery->plan = std::move(*query);
    subquery->origin = ContextFrom(start);
    return subquery;
  }
  // (x, y) -> body
  if (AtIdentifier() && (AtOperator(",", 1) || AtOperator(")", 1))) {
    size_t probe = pos_;
    bool is_lambda = false;
    while (probe < tokens_.size()) {
      const Token& t = tokens_[probe];
      if (!(t.kind == TokenKind::kWord || t.kind == TokenKind::kQuotedIdentifier)) break;
      const Token& after = tokens_[std::min(probe + 1, tokens_.size() - 1)];
      if (after.Is(",")) {
        probe += 2;
        continue;
      }
      is_lambda = after.Is(")") && tokens_[std::min(probe + 2, tokens_.size() - 1)].Is("->");
      break;
    }
    if (is_lambda) {
      auto lambda = std::make_shared<Lambda>();
      do {
        auto variable = std::make_shared<LambdaVariable>();
        SPK_ASSIGN_OR_RAISE(variable->name, ParseIdentifier());
        lambda->arguments.push_back(std::move(variable));
      } while (AcceptOperator(","));
      SPK_RETURN_NOT_OK(ExpectOperator(")"));
      SPK_RETURN_NOT_OK(ExpectOperator("->"));
      SPK_ASSIGN_OR_RAISE(ExprPtr body, ParseExpr());
      lambda->children.push_back(std::move(body));
      lambda->origin = ContextFrom(start);
      return lambda;
    }
  }
  SPK_ASSIGN_OR_RAISE(ExprPtr first, ParseNamedExpression());
  if (AcceptOperator(")")) {
    if (first->kind != ExprKind::kAlias) return first;
    // (a AS x) alone is a one-field row.
    last_row_constructor_ = Call("struct", {std::move(first)}, start);
    return last_row_constructor_;
  }
  std::vector<ExprPtr> fields{std::move(first)};
  while (AcceptOperator(",")) {
    SPK_ASSIGN_OR_RAISE(ExprPtr field, ParseNamedExpression());
    fields.push_back(std::move(field));
  }
  SPK_RETURN_NOT_OK(ExpectOperator(")"));
  last_row_constructor_ = Call("struct", std::move(fields), start);
  return last_row_constructor_;
}

Result<ExprPtr> Parser::ParseCase(size_t start) {
  Next();  // CASE
  std::optional<ExprPtr> operand;
  if (!AtKeyword("WHEN")) {
    SPK_ASSIGN_OR_RAISE(ExprPtr value, ParseExpr());
    operand = std::move(value);
  }
  std::vector<ExprPtr> arguments;
  if (!AtKeyword("WHEN")) return ErrorHere();
  size_t first_condition = pos_ + 1;
  while (AtKeyword("WHEN")) {
    size_t when_start = pos_ + 1;
    Next();
    if (AtKeyword("THEN")) return ErrorHere();  // WHEN without a condition
    SPK_ASSIGN_OR_RAISE(ExprPtr condition, ParseExpr());
    if (operand) condition = Call("==", {*operand, std::move(condition)}, when_start);
    SPK_RETURN_NOT_OK(ExpectKeyword("THEN"));
    SPK_ASSIGN_OR_RAISE(ExprPtr value, ParseExpr());
    arguments.push_back(std::move(condition));
    arguments.push_back(std::move(value));
  }
  if (AcceptKeyword("ELSE")) {
    SPK_ASSIGN_OR_RAISE(ExprPtr otherwise, ParseExpr());
    arguments.push_back(std::move(otherwise));
  }
  // Spark reports a CASE without END at its first condition.
  if (!AcceptKeyword("END")) return SyntaxErrorAt(tokens_[first_condition]);
  return Call("when", std::move(arguments), start);
}

Result<ExprPtr> Parser::ParseCast(size_t start, CastMode mode) {
  Next();  // CAST / TRY_CAST
  Next();  // (
  SPK_ASSIGN_OR_RAISE(ExprPtr value, ParseExpr());
  SPK_RETURN_NOT_OK(ExpectKeyword("AS"));
  SPK_ASSIGN_OR_RAISE(DataTypePtr type, ParseDataType());
  SPK_RETURN_NOT_OK(ExpectOperator(")"));
  auto cast = std::make_shared<Cast>();
  cast->children.push_back(std::move(value));
  cast->target = std::move(type);
  cast->mode = mode;
  cast->origin = ContextFrom(start);
  return cast;
}

Result<ExprPtr> Parser::ParseExtract(size_t start) {
  Next();  // EXTRACT
  Next();  // (
  SPK_ASSIGN_OR_RAISE(std::string field, ParseIdentifier());
  SPK_RETURN_NOT_OK(ExpectKeyword("FROM"));
  SPK_ASSIGN_OR_RAISE(ExprPtr source, ParseExpr());
  SPK_RETURN_NOT_OK(ExpectOperator(")"));
  return Call("extract", {StringLiteral(field), std::move(source)}, start);
}

Result<ExprPtr> Parser::ParseNameOrFunction(size_t start) {
  std::vector<std::string> name;
  SPK_ASSIGN_OR_RAISE(std::string first, ParseIdentifier());
  name.push_back(std::move(first));
  // Qualified function names (db.f(x)) look ahead for the parenthesis; otherwise the dotted
  // parts are left to ParsePostfix so that t.* and a.b[0] work.
  size_t probe = pos_;
  while (probe + 1 < tokens_.size() && tokens_[probe].Is(".") &&
         (tokens_[probe + 1].kind == TokenKind::kWord ||
          tokens_[probe + 1].kind == TokenKind::kQuotedIdentifier)) {
    probe += 2;
  }
  if (probe > pos_ && probe < tokens_.size() && tokens_[probe].Is("(")) {
    while (pos_ < probe) {
      Next();  // .
      SPK_ASSIGN_OR_RAISE(std::string part, ParseIdentifier());
      name.push_back(std::move(part));
    }
  }
  if (AtOperator("(")) return ParseFunctionCall(start, std::move(name));
  auto attribute = std::make_shared<UnresolvedAttribute>();
  attribute->name_parts = std::move(name);
  attribute->origin = ContextFrom(start);
  return attribute;
}

Result<ExprPtr> Parser::ParseFunctionCall(size_t start, std::vector<std::string> name) {
  Next();  // (
  auto function = std::make_shared<UnresolvedFunction>();
  function->name_parts = std::move(name);
  bool special_form = false;
  if (function->name_parts.size() == 1) {
    SPK_ASSIGN_OR_RAISE(special_form, ParseKeywordArguments(tokens_[start].value, *function));
  }
  if (!special_form) SPK_RETURN_NOT_OK(ParseArgumentList(*function));
  // first(x IGNORE NULLS) and first(x) IGNORE NULLS: Spark's ignoreNulls flag, passed on as the
  // boolean argument the registered functions (first, last, any_value, ...) take.
  bool ignore_nulls = false;
  auto null_treatment = [&]() {
    if ((AtKeyword("IGNORE") || AtKeyword("RESPECT")) && AtKeyword("NULLS", 1)) {
      ignore_nulls = Next().value == "IGNORE";
      Next();
    }
  };
  null_treatment();
  SPK_RETURN_NOT_OK(ExpectOperator(")"));
  null_treatment();
  if (ignore_nulls) function->children.push_back(BooleanLiteral(true));
  if (AtKeyword("WITHIN") && AtKeyword("GROUP", 1)) {
    return Status::NotImplemented("WITHIN GROUP").WithContext(ContextFrom(start));
  }
  if (AtKeyword("FILTER") && AtOperator("(", 1)) {
    Next();
    Next();
    SPK_RETURN_NOT_OK(ExpectKeyword("WHERE"));
    SPK_ASSIGN_OR_RAISE(ExprPtr condition, ParseExpr());
    SPK_RETURN_NOT_OK(ExpectOperator(")"));
    function->filter = std::move(condition);
  }
  if (AtKeyword("OVER")) {
    Next();
    return Status::NotImplemented("window functions (OVER clause)").WithContext(ContextFrom(start));
  }
  function->origin = ContextFrom(start);
  return function;
}

Status Parser::ParseArgumentList(UnresolvedFunction& function) {
  if (AtOperator("*") && AtOperator(")", 1)) {
    Next();
    function.is_star_argument = true;
    return Status::OK();
  }
  if (AtOperator(")")) return Status::OK();
  if (AcceptKeyword("DISTINCT")) {
    function.is_distinct = true;
  } else if (AtKeyword("ALL") && !AtOperator(")", 1) && !AtOperator(",", 1)) {
    Next();
  }
  do {
    SPK_ASSIGN_OR_RAISE(ExprPtr argument, ParseFunctionArgument());
    function.children.push_back(std::move(argument));
  } while (AcceptOperator(","));
  return Status::OK();
}

Result<bool> Parser::ParseKeywordArguments(const std::string& name, UnresolvedFunction& function) {
  auto rest = [&]() -> Result<bool> {  // plain `, arg` continuation after the first argument
    while (AcceptOperator(",")) {
      SPK_ASSIGN_OR_RAISE(ExprPtr argument, ParseFunctionArgument());
      function.children.push_back(std::move(argument));
    }
    return true;
  };
  auto add = [&](ExprPtr argument) { function.children.push_back(std::move(argument)); };

  if (name == "STRUCT" && !AtOperator(")")) {  // struct(1 AS a, b): fields may be aliased
    do {
      SPK_ASSIGN_OR_RAISE(ExprPtr field, ParseNamedExpression());
      add(std::move(field));
    } while (AcceptOperator(","));
    return true;
  }
  if (name == "POSITION" && !AtOperator(")")) {  // POSITION(substr IN str) → locate(substr, str)
    SPK_ASSIGN_OR_RAISE(ExprPtr first, ParseComparison());
    add(std::move(first));
    if (!AcceptKeyword("IN")) return rest();
    SPK_ASSIGN_OR_RAISE(ExprPtr haystack, ParseComparison());
    add(std::move(haystack));
    function.name_parts = {"locate"};
    return true;
  }
  if ((name == "SUBSTRING" || name == "SUBSTR") && !AtOperator(")")) {  // s FROM p [FOR l]
    SPK_ASSIGN_OR_RAISE(ExprPtr text, ParseExpr());
    add(std::move(text));
    if (!AcceptKeyword("FROM")) return rest();
    SPK_ASSIGN_OR_RAISE(ExprPtr position, ParseExpr());
    add(std::move(position));
    if (AcceptKeyword("FOR")) {
      SPK_ASSIGN_OR_RAISE(ExprPtr length, ParseExpr());
      add(std::move(length));
    }
    return true;
  }
  if (name == "OVERLAY" && !AtOperator(")")) {  // OVERLAY(s PLACING r FROM p [FOR l])
    SPK_ASSIGN_OR_RAISE(ExprPtr text, ParseExpr());
    add(std::move(text));
    if (!AcceptKeyword("PLACING")) return rest();
    SPK_ASSIGN_OR_RAISE(ExprPtr replacement, ParseExpr());
    add(std::move(replacement));
    SPK_RETURN_NOT_OK(ExpectKeyword("FROM"));
    SPK_ASSIGN_OR_RAISE(ExprPtr position, ParseExpr());
    add(std::move(position));
    if (AcceptKeyword("FOR")) {
      SPK_ASSIGN_OR_RAISE(ExprPtr length, ParseExpr());
      add(std::move(length));
    }
    return true;
  }
  if (name == "TRIM" && !AtOperator(")")) {
    // TRIM([BOTH|LEADING|TRAILING] [chars] FROM s) → trim/ltrim/rtrim([chars,] s): the
    // registered two-argument forms take the characters first, as Spark's do.
    std::string trim_name = "trim";
    bool has_option = false;
    if ((AtKeyword("BOTH") || AtKeyword("LEADING") || AtKeyword("TRAILING")) &&
        !AtOperator(",", 1) && !AtOperator(")", 1)) {
      std::string option = Next().value;
      trim_name = option == "LEADING" ? "ltrim" : option == "TRAILING" ? "rtrim" : "trim";
      has_option = true;
    }
    if (has_option && AcceptKeyword("FROM")) {
      SPK_ASSIGN_OR_RAISE(ExprPtr source, ParseExpr());
      add(std::move(source));
      function.name_parts = {trim_name};
      return true;
    }
    SPK_ASSIGN_OR_RAISE(ExprPtr first, ParseExpr());
    if (AcceptKeyword("FROM")) {
      SPK_ASSIGN_OR_RAISE(ExprPtr source, ParseExpr());
      add(std::move(first));
      add(std::move(source));
      function.name_parts = {trim_name};
      return true;
    }
    if (has_option) return ErrorHere();
    add(std::move(first));
    return rest();
  }
  static constexpr std::string_view kAddNames[] = {"TIMESTAMPADD", "DATEADD", "DATE_ADD"};
  static constexpr std::string_view kDiffNames[] = {"TIMESTAMPDIFF", "DATEDIFF", "DATE_DIFF",
                                                    "TIMESTAMP_DIFF"};
  bool is_add = std::find(std::begin(kAddNames), std::end(kAddNames), name) != std::end(kAddNames);
  bool is_diff =
      std::find(std::begin(kDiffNames), std::end(kDiffNames), name) != std::end(kDiffNames);
  if ((is_add || is_diff) && Peek().kind == TokenKind::kWord && AtOperator(",", 1)) {
    // TIMESTAMPADD(unit, n, ts) / TIMESTAMPDIFF(unit, a, b) with a bare datetime unit.
    static constexpr std::string_view kUnits[] = {
        "MICROSECOND", "MILLISECOND", "SECOND", "MINUTE",  "HOUR", "DAY",
        "DAYOFYEAR",   "WEEK",        "MONTH",  "QUARTER", "YEAR"};
    if (std::find(std::begin(kUnits), std::end(kUnits), Peek().value) != std::end(kUnits)) {
      add(StringLiteral(Next().value));
      function.name_parts = {is_add ? "timestampadd" : "timestampdiff"};
      return rest();
    }
  }
  return false;
}

Result<ExprPtr> Parser::ParseFunctionArgument() {
  if (AtIdentifier() && AtOperator("=>", 1)) {
    return Status::NotImplemented("named function arguments").WithContext(ContextFrom(pos_));
  }
  return ParseExpr();
}

Result<std::vector<ExprPtr>> Parser::ParseExpressionList() {
  std::vector<ExprPtr> list;
  do {
    SPK_ASSIGN_OR_RAISE(ExprPtr expr, ParseExpr());
    list.push_back(std::move(expr));
  } while (AcceptOperator(","));
  return list;
}

}  // namespace sparkling
