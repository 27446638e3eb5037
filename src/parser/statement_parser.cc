// Statements: queries, and the commands that become Command nodes (SET, RESET, USE, SHOW,
// CREATE/DROP VIEW and DATABASE, EXPLAIN, DESCRIBE, CACHE). Other statements are reported as
// not implemented, naming the statement.

#include <cctype>
#include <utility>

#include "parser/parse_error.h"
#include "parser/parser.h"

namespace sparkling {
namespace {

std::shared_ptr<Command> MakeCommand(CommandKind kind) {
  auto command = std::make_shared<Command>();
  command->command = kind;
  return command;
}

std::string_view TrimSpace(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

/// Spark's configuration key pattern for unquoted keys: [a-zA-Z_\d\\.:]+.
bool IsPlainConfigKey(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '\\' || c == '.' ||
          c == ':')) {
      return false;
    }
  }
  return true;
}

/// Reads a backquoted name at the start of `text` (`` doubles a backquote); advances `text`.
std::optional<std::string> ReadBackquoted(std::string_view& text) {
  if (text.empty() || text.front() != '`') return std::nullopt;
  std::string value;
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '`') {
      if (i + 1 < text.size() && text[i + 1] == '`') {
        value += '`';
        ++i;
        continue;
      }
      text.remove_prefix(i + 1);
      return value;
    }
    value += text[i];
  }
  return std::nullopt;
}

/// Statements Sparkling recognises but does not run yet, by their leading keywords.
std::optional<std::string> UnsupportedStatementName(const Token& first, const Token& second) {
  static constexpr std::string_view kSingleWord[] = {
      "DELETE",  "ANALYZE", "MSCK",   "LOAD",   "ADD",   "LIST",     "DECLARE",  "EXECUTE",
      "COMMENT", "GRANT",   "REVOKE", "REPAIR", "BEGIN", "COMMIT",   "ROLLBACK", "FOR",
      "WHILE",   "IF",      "CASE",   "REPEAT", "LOOP",  "OPTIMIZE", "VACUUM"};
  for (std::string_view word : kSingleWord) {
    if (first.IsKeyword(word)) {
      std::string name(word);
      if (second.kind == TokenKind::kWord &&
          (word == "INSERT" || word == "ALTER" || word == "ANALYZE" || word == "REFRESH")) {
        name += " " + second.value;
      }
      return name;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<PlanPtr> Parser::ParseSingleStatement() {
  SPK_ASSIGN_OR_RAISE(PlanPtr plan, ParseStatement());
  SPK_RETURN_NOT_OK(ExpectEnd());
  SPK_RETURN_NOT_OK(deferred_error_);
  return plan;
}

Result<PlanPtr> Parser::ParseStatement() {
  size_t start = pos_;
  if (AtQueryStart()) return ParseQuery();
  const Token& first = Peek();
  if (first.kind != TokenKind::kWord) return ErrorHere();
  const std::string& word = first.value;
  if (word == "SET") return ParseSet(start);
  if (word == "RESET") return ParseReset(start);
  if (word == "USE") return ParseUse();
  if (word == "SHOW") return ParseShow();
  if (word == "CREATE" || (word == "REPLACE" && AtKeyword("TABLE", 1))) return ParseCreate(start);
  if (word == "DROP") return ParseDrop();
  if (word == "EXPLAIN") return ParseExplain();
  if (word == "DESCRIBE" || word == "DESC") return ParseDescribe();
  if (word == "CACHE") return ParseCache();
  if (word == "INSERT") return ParseInsert();
  if (word == "DELETE" && AtKeyword("FROM", 1)) return ParseDeleteFrom();
  if (word == "UPDATE") return ParseUpdate();
  if (word == "MERGE") return ParseMerge();
  if (word == "ALTER") return ParseAlter();
  if (word == "TRUNCATE") return ParseTruncate();
  if (word == "CALL") return ParseCall();
  if (word == "REFRESH") return ParseRefresh();
  if (word == "UNCACHE") return ParseUncache();
  if (word == "CLEAR" && AtKeyword("CACHE", 1)) {
    Next();
    Next();
    return PlanPtr(MakeCommand(CommandKind::kClearCache));
  }
  if (std::optional<std::string> name = UnsupportedStatementName(first, Peek(1))) {
    return Status::NotImplemented(*name + " statements").WithContext(ContextFrom(start));
  }
  return ErrorHere();
}

std::string_view Parser::RawTextAfter(const Token& keyword) const {
  // Up to the last token, so that trailing comments are left out as Spark's grammar does; all
  // of the text when only the keyword was tokenized (the rest did not lex, see sql_parser.cc).
  size_t end = tokens_.size() >= 2 ? tokens_[tokens_.size() - 2].end_offset : sql_.size();
  if (end <= static_cast<size_t>(keyword.end_offset)) end = sql_.size();
  return sql_.substr(keyword.end_offset, end - keyword.end_offset);
}

Result<PlanPtr> Parser::ParseSet(size_t start) {
  const Token& set = Next();
  auto command = MakeCommand(CommandKind::kSetConfig);
  if (AtKeyword("TIME") && AtKeyword("ZONE", 1)) {
    Next();
    Next();
    if (Peek().kind != TokenKind::kString) {
      return Status::NotImplemented("SET TIME ZONE " + std::string(Peek().text))
          .WithContext(ContextFrom(start));
    }
    command->key = "spark.sql.session.timeZone";
    command->value = Next().value;
    return PlanPtr(std::move(command));
  }
  if (AtKeyword("CATALOG") && (AtIdentifier(1) || Peek(1).kind == TokenKind::kString)) {
    return Status::NotImplemented("SET CATALOG").WithContext(ContextFrom(start));
  }
  if ((AtKeyword("VAR") || AtKeyword("VARIABLE")) && AtIdentifier(1)) {
    return Status::NotImplemented("SQL session variables (SET VAR)")
        .WithContext(ContextFrom(start));
  }

  // The rest of the text is raw (values may hold any character), matched like Spark's regexes.
  std::string_view rest = RawTextAfter(set);
  while (!rest.empty() &&
         (rest.back() == ';' || std::isspace(static_cast<unsigned char>(rest.back())))) {
    rest.remove_suffix(1);
  }
  std::string_view statement_text =
      sql_.substr(set.offset, rest.data() + rest.size() - (sql_.data() + set.offset));
  rest = TrimSpace(rest);
  while (!AtEnd()) Next();  // the raw text replaces the tokens

  auto invalid = [&]() {
    QueryContext context;
    context.line = set.line;
    context.start_position = set.column;
    context.start_index = set.char_index;
    context.stop_index = set.char_index + static_cast<int>(statement_text.size()) - 1;
    context.fragment = std::string(statement_text);
    return Status::Error("INVALID_SET_SYNTAX").WithContext(std::move(context));
  };
  auto read_value = [&](std::string_view text) -> std::optional<std::string> {
    text = TrimSpace(text);
    if (!text.empty() && text.front() == '`') {
      std::optional<std::string> quoted = ReadBackquoted(text);
      if (!quoted || !TrimSpace(text).empty()) return std::nullopt;
      return quoted;
    }
    if (text.find(';') != std::string_view::npos) return std::nullopt;
    return std::string(text);
  };

  if (rest.empty()) return PlanPtr(std::move(command));
  if (rest == "-v") {
    command->key = "-v";
    return PlanPtr(std::move(command));
  }
  std::string key;
  std::string_view after_key;
  if (rest.front() == '`') {
    std::optional<std::string> quoted = ReadBackquoted(rest);
    if (!quoted) return invalid();
    key = std::move(*quoted);
    after_key = TrimSpace(rest);
  } else {
    size_t equals = rest.find('=');
    std::string_view raw_key = TrimSpace(rest.substr(0, equals));
    if (!IsPlainConfigKey(raw_key)) return invalid();
    key = std::string(raw_key);
    after_key = equals == std::string_view::npos ? std::string_view() : rest.substr(equals);
  }
  command->key = std::move(key);
  if (after_key.empty()) return PlanPtr(std::move(command));
  if (after_key.front() != '=') return invalid();
  std::optional<std::string> value = read_value(after_key.substr(1));
  if (!value) return invalid();
  command->value = std::move(*value);
  return PlanPtr(std::move(command));
}

Result<PlanPtr> Parser::ParseReset(size_t start) {
  const Token& reset = Next();
  auto command = MakeCommand(CommandKind::kResetConfig);
  std::string_view rest = RawTextAfter(reset);
  while (!rest.empty() &&
         (rest.back() == ';' || std::isspace(static_cast<unsigned char>(rest.back())))) {
    rest.remove_suffix(1);
  }
  rest = TrimSpace(rest);
  while (!AtEnd()) Next();
  if (rest.empty()) return PlanPtr(std::move(command));
  if (rest.front() == '`') {
    std::optional<std::string> quoted = ReadBackquoted(rest);
    if (!quoted || !TrimSpace(rest).empty()) {
      return SyntaxErrorAt(tokens_[start]);
    }
    command->key = std::move(*quoted);
  } else {
    command->key = std::string(rest);
  }
  return PlanPtr(std::move(command));
}

Result<PlanPtr> Parser::ParseUse() {
  Next();  // USE
  if ((AtKeyword("NAMESPACE") || AtKeyword("DATABASE") || AtKeyword("SCHEMA")) && AtIdentifier(1)) {
    Next();
  }
  auto command = MakeCommand(CommandKind::kUse);
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  return PlanPtr(std::move(command));
}

Result<std::optional<std::string>> Parser::ParseOptionalLikePattern() {
  bool like = AcceptKeyword("LIKE");
  if (Peek().kind == TokenKind::kString) {
    std::string pattern;
    while (Peek().kind == TokenKind::kString) pattern += Next().value;
    return std::optional<std::string>(std::move(pattern));
  }
  if (like) return ErrorHere();
  return std::optional<std::string>();
}

Result<PlanPtr> Parser::ParseShow() {
  size_t start = pos_;
  Next();  // SHOW
  auto in_namespace = [&](std::vector<std::string>* out) -> Status {
    if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {
      SPK_ASSIGN_OR_RAISE(*out, ParseMultipartName());
    }
    return Status::OK();
  };
  if (AtKeyword("DATABASES") || AtKeyword("NAMESPACES") || AtKeyword("SCHEMAS")) {
    Next();
    auto command = MakeCommand(CommandKind::kShowDatabases);
    SPK_RETURN_NOT_OK(in_namespace(&command->name_parts));
    SPK_ASSIGN_OR_RAISE(command->key, ParseOptionalLikePattern());
    return PlanPtr(std::move(command));
  }
  if (AtKeyword("TABLES")) {
    Next();
    auto command = MakeCommand(CommandKind::kShowTables);
    SPK_RETURN_NOT_OK(in_namespace(&command->name_parts));
    SPK_ASSIGN_OR_RAISE(command->key, ParseOptionalLikePattern());
    return PlanPtr(std::move(command));
  }
  if (AtKeyword("CATALOGS")) {
    Next();
    auto command = MakeCommand(CommandKind::kShowCatalogs);
    SPK_ASSIGN_OR_RAISE(command->key, ParseOptionalLikePattern());
    return PlanPtr(std::move(command));
  }
  if (AtKeyword("FUNCTIONS") || ((AtKeyword("USER") || AtKeyword("SYSTEM") || AtKeyword("ALL")) &&
                                 AtKeyword("FUNCTIONS", 1))) {
    auto command = MakeCommand(CommandKind::kShowFunctions);
    if (!AtKeyword("FUNCTIONS")) {
      std::string scope = Next().value;
      for (char& c : scope) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      command->value = std::move(scope);  // user / system / all
    }
    Next();  // FUNCTIONS
    SPK_RETURN_NOT_OK(in_namespace(&command->name_parts));
    SPK_ASSIGN_OR_RAISE(command->key, ParseOptionalLikePattern());
    if (!command->key && AtIdentifier()) {  // SHOW FUNCTIONS name: a legacy pattern form
      SPK_ASSIGN_OR_RAISE(std::vector<std::string> name, ParseMultipartName());
      std::string pattern;
      for (const auto& part : name) pattern += (pattern.empty() ? "" : ".") + part;
      command->key = std::move(pattern);
    }
    return PlanPtr(std::move(command));
  }
  SPK_ASSIGN_OR_RAISE(PlanPtr table_statement, ParseShowTableStatement());
  if (table_statement != nullptr) return table_statement;
  if (AtKeyword("COLUMNS")) {
    Next();
    auto command = MakeCommand(CommandKind::kShowColumns);
    if (!AcceptKeyword("FROM") && !AcceptKeyword("IN")) return ErrorHere();
    SPK_ASSIGN_OR_RAISE(std::vector<std::string> table, ParseMultipartName());
    std::vector<std::string> ns;
    SPK_RETURN_NOT_OK(in_namespace(&ns));
    command->name_parts = std::move(ns);
    for (auto& part : table) command->name_parts.push_back(std::move(part));
    return PlanPtr(std::move(command));
  }
  if (AtIdentifier()) {
    std::string what(Peek().value);
    if (AtKeyword("TABLE") || AtKeyword("CREATE") || AtKeyword("CURRENT")) {
      what += " " + std::string(Peek(1).value);
    }
    return Status::NotImplemented("SHOW " + what).WithContext(ContextFrom(start));
  }
  return ErrorHere();
}

Result<std::string> Parser::ParsePropertyKey() {
  if (Peek().kind == TokenKind::kString) return Next().value;
  SPK_ASSIGN_OR_RAISE(std::vector<std::string> parts, ParseMultipartName());
  std::string key;
  for (const auto& part : parts) key += (key.empty() ? "" : ".") + part;
  return key;
}

bool Parser::AcceptIfNotExists() {
  if (!(AtKeyword("IF") && AtKeyword("NOT", 1) && AtKeyword("EXISTS", 2))) return false;
  Next();
  Next();
  Next();
  return true;
}

Result<std::vector<std::pair<std::string, std::string>>> Parser::ParsePropertyList() {
  SPK_RETURN_NOT_OK(ExpectOperator("("));
  std::vector<std::pair<std::string, std::string>> properties;
  if (AcceptOperator(")")) return properties;
  do {
    SPK_ASSIGN_OR_RAISE(std::string key, ParsePropertyKey());
    AcceptOperator("=");
    std::string value;
    const Token& token = Peek();
    if (token.kind == TokenKind::kString) {
      value = Next().value;
    } else if (token.IsNumber() || token.kind == TokenKind::kWord) {
      value = std::string(Next().text);
    } else if ((token.Is("-") || token.Is("+")) && Peek(1).IsNumber()) {
      value = std::string(Next().text);
      value += std::string(Next().text);
    } else {
      return ErrorHere();
    }
    properties.emplace_back(std::move(key), std::move(value));
  } while (AcceptOperator(","));
  SPK_RETURN_NOT_OK(ExpectOperator(")"));
  return properties;
}

Result<PlanPtr> Parser::ParseCreate(size_t start) {
  bool replace = false;
  if (AcceptKeyword("REPLACE")) {
    replace = true;  // REPLACE TABLE
  } else {
    Next();  // CREATE
    if (AtKeyword("OR") && AtKeyword("REPLACE", 1)) {
      Next();
      Next();
      replace = true;
    }
  }
  if (AtKeyword("MATERIALIZED") || AtKeyword("STREAMING") || AtKeyword("FLOW") ||
      (AtKeyword("OR") && AtKeyword("REFRESH", 1))) {
    return ParsePipelineDefinition(start, replace);
  }
  if (AtKeyword("GLOBAL") || AtKeyword("TEMP") || AtKeyword("TEMPORARY") || AtKeyword("VIEW")) {
    size_t probe = pos_;
    if (AtKeyword("GLOBAL")) ++probe;
    if (tokens_[probe].IsKeyword("TEMP") || tokens_[probe].IsKeyword("TEMPORARY")) ++probe;
    if (tokens_[probe].IsKeyword("VIEW")) return ParseCreateView(start, replace);
  }
  if (!replace && (AtKeyword("DATABASE") || AtKeyword("SCHEMA") || AtKeyword("NAMESPACE"))) {
    return ParseCreateDatabase();
  }
  if (AtKeyword("TABLE") || (AtKeyword("EXTERNAL") && AtKeyword("TABLE", 1))) {
    // REPLACE TABLE (no CREATE) replaces an existing table; CREATE OR REPLACE creates it too.
    bool or_replace = replace && tokens_[start].IsKeyword("CREATE");
    return ParseCreateTable(start, replace, or_replace);
  }
  std::string what = tokens_[start].value;  // CREATE, or REPLACE (TABLE)
  for (int i = 0; i < 2 && AtIdentifier(i); ++i) {
    what += " " + Peek(i).value;
    if (Peek(i).value != "TEMPORARY" && Peek(i).value != "TEMP" && Peek(i).value != "EXTERNAL" &&
        Peek(i).value != "GLOBAL") {
      break;
    }
  }
  return Status::NotImplemented(what + " statements").WithContext(ContextFrom(start));
}

Result<PlanPtr> Parser::ParseCreateView(size_t start, bool replace) {
  auto command = MakeCommand(CommandKind::kCreateTempView);
  command->replace = replace;
  command->is_global = AcceptKeyword("GLOBAL");
  if (!AcceptKeyword("TEMP") && !AcceptKeyword("TEMPORARY")) {
    if (command->is_global) return ErrorHere();
    return ParseCreatePersistentView(start, replace);
  }
  SPK_RETURN_NOT_OK(ExpectKeyword("VIEW"));
  if (AtKeyword("IF") && AtKeyword("NOT", 1) && AtKeyword("EXISTS", 2)) {
    // Spark rejects IF NOT EXISTS on temporary views at parse time.
    return Status::Error("_LEGACY_ERROR_TEMP_0053").WithContext(ContextFrom(start));
  }
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  if (AtKeyword("USING")) {
    return Status::NotImplemented("CREATE TEMPORARY VIEW ... USING (data source views)")
        .WithContext(ContextFrom(start));
  }
  SPK_RETURN_NOT_OK(ParseViewDefinition(*command, start, true));
  return PlanPtr(std::move(command));
}

Result<PlanPtr> Parser::ParseCreateDatabase() {
  size_t start = pos_ > 0 ? pos_ - 1 : 0;  // CREATE
  Next();                                  // DATABASE / SCHEMA / NAMESPACE
  auto command = MakeCommand(CommandKind::kCreateDatabase);
  command->if_not_exists = AcceptIfNotExists();
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  while (true) {
    if (AcceptKeyword("COMMENT")) {
      if (Peek().kind != TokenKind::kString) return ErrorHere();
      command->properties.emplace_back("comment", Next().value);
    } else if (AcceptKeyword("LOCATION")) {
      if (Peek().kind != TokenKind::kString) return ErrorHere();
      command->properties.emplace_back("location", Next().value);
    } else if (AtKeyword("WITH") && (AtKeyword("DBPROPERTIES", 1) || AtKeyword("PROPERTIES", 1))) {
      Next();
      Next();
      SPK_ASSIGN_OR_RAISE(auto properties, ParsePropertyList());
      SPK_RETURN_NOT_OK(CheckReservedProperties(properties, true, start));
      for (auto& property : properties) command->properties.push_back(std::move(property));
    } else {
      return PlanPtr(std::move(command));
    }
  }
}

Result<PlanPtr> Parser::ParseDrop() {
  size_t start = pos_;
  Next();  // DROP
  auto if_exists = [&]() {
    if (AtKeyword("IF") && AtKeyword("EXISTS", 1)) {
      Next();
      Next();
      return true;
    }
    return false;
  };
  if (AtKeyword("VIEW")) {
    Next();
    auto command = MakeCommand(CommandKind::kDropView);
    command->if_exists = if_exists();
    SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
    return PlanPtr(std::move(command));
  }
  if (AtKeyword("DATABASE") || AtKeyword("SCHEMA") || AtKeyword("NAMESPACE")) {
    Next();
    auto command = MakeCommand(CommandKind::kDropDatabase);
    command->if_exists = if_exists();
    SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
    if (AcceptKeyword("CASCADE")) {
      command->cascade = true;
    } else {
      AcceptKeyword("RESTRICT");
    }
    return PlanPtr(std::move(command));
  }
  if (AtKeyword("TABLE")) return ParseDropTable();
  std::string what = "DROP";
  if (AtIdentifier()) what += " " + Peek().value;
  if ((AtKeyword("TEMPORARY") || AtKeyword("TEMP")) && AtIdentifier(1)) {
    what += " " + Peek(1).value;
  }
  return Status::NotImplemented(what + " statements").WithContext(ContextFrom(start));
}

Result<PlanPtr> Parser::ParseExplain() {
  Next();  // EXPLAIN
  auto command = MakeCommand(CommandKind::kExplain);
  command->key = "simple";
  for (std::string_view mode : {"LOGICAL", "FORMATTED", "EXTENDED", "CODEGEN", "COST"}) {
    if (AtKeyword(mode) && !AtOperator(",", 1)) {
      std::string lower(mode);
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      command->key = std::move(lower);
      Next();
      break;
    }
  }
  SPK_ASSIGN_OR_RAISE(command->query, ParseStatement());
  return PlanPtr(std::move(command));
}

Result<PlanPtr> Parser::ParseDescribe() {
  size_t start = pos_;
  Next();  // DESCRIBE / DESC
  if (AtKeyword("FUNCTION")) {
    Next();
    auto command = MakeCommand(CommandKind::kDescribeFunction);
    if (AcceptKeyword("EXTENDED")) command->key = "extended";
    if (Peek().kind == TokenKind::kString) {
      command->name_parts.push_back(Next().value);
    } else if (Peek().kind == TokenKind::kOperator && !AtEnd()) {
      command->name_parts.push_back(std::string(Next().text));  // DESCRIBE FUNCTION +
    } else {
      SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
    }
    return PlanPtr(std::move(command));
  }
  bool table_keyword = AtKeyword("TABLE") && AtIdentifier(1);  // DESC TABLE t is no query
  if (AtKeyword("QUERY") && AtQueryStart(1)) Next();
  if (!table_keyword && AtQueryStart()) {
    auto command = MakeCommand(CommandKind::kDescribeQuery);
    SPK_ASSIGN_OR_RAISE(command->query, ParseQuery());
    return PlanPtr(std::move(command));
  }
  if ((AtKeyword("DATABASE") || AtKeyword("SCHEMA") || AtKeyword("NAMESPACE")) && AtIdentifier(1)) {
    return ParseDescribeNamespace();
  }
  if (AtKeyword("CATALOG") && AtIdentifier(1)) {
    return Status::NotImplemented("DESCRIBE " + Peek().value).WithContext(ContextFrom(start));
  }
  if (AtKeyword("TABLE") && AtIdentifier(1)) Next();
  auto command = MakeCommand(CommandKind::kDescribeQuery);
  if ((AtKeyword("EXTENDED") || AtKeyword("FORMATTED")) && AtIdentifier(1)) {
    std::string mode = Next().value;
    for (char& c : mode) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    command->key = std::move(mode);
  }
  size_t name_start = pos_;
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  auto relation = std::make_shared<UnresolvedRelation>();
  relation->name_parts = command->name_parts;
  relation->origin = ContextFrom(name_start);
  command->query = std::move(relation);
  if (AtKeyword("PARTITION") || AtIdentifier()) {
    return Status::NotImplemented("DESCRIBE of a partition or column")
        .WithContext(ContextFrom(start));
  }
  return PlanPtr(std::move(command));
}

Result<PlanPtr> Parser::ParseCache() {
  Next();  // CACHE
  auto command = MakeCommand(CommandKind::kCacheTable);
  command->is_lazy = AcceptKeyword("LAZY");
  SPK_RETURN_NOT_OK(ExpectKeyword("TABLE"));
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  if (AcceptKeyword("OPTIONS")) {
    SPK_ASSIGN_OR_RAISE(command->properties, ParsePropertyList());
  }
  if (AtKeyword("AS") && AtQueryStart(1)) Next();
  if (AtQueryStart()) {
    size_t query_start = pos_;
    SPK_ASSIGN_OR_RAISE(command->query, ParseQuery());
    command->query_text = TextFrom(query_start);
  }
  return PlanPtr(std::move(command));
}

Result<PlanPtr> Parser::ParseUncache() {
  Next();  // UNCACHE
  SPK_RETURN_NOT_OK(ExpectKeyword("TABLE"));
  auto command = MakeCommand(CommandKind::kUncacheTable);
  if (AtKeyword("IF") && AtKeyword("EXISTS", 1)) {
    Next();
    Next();
    command->if_exists = true;
  }
  SPK_ASSIGN_OR_RAISE(command->name_parts, ParseMultipartName());
  return PlanPtr(std::move(command));
}

}  // namespace sparkling
