#include "function/java_regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace sparkling {
namespace {

struct MatchData {
  explicit MatchData(const pcre2_code* code)
      : data(pcre2_match_data_create_from_pattern(code, nullptr)) {}
  ~MatchData() { pcre2_match_data_free(data); }
  pcre2_match_data* data;
};

size_t NextCharacter(std::string_view text, size_t position) {
  if (position >= text.size()) return position + 1;
  ++position;
  while (position < text.size() && (static_cast<unsigned char>(text[position]) & 0xC0) == 0x80) {
    ++position;
  }
  return position;
}

// Runs one match at or after `start`; returns the ovector or nullptr.
const PCRE2_SIZE* MatchAt(const pcre2_code* code, MatchData& match, std::string_view text,
                          size_t start) {
  int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), start, 0,
                       match.data, nullptr);
  if (rc < 0) return nullptr;
  return pcre2_get_ovector_pointer(match.data);
}

}  // namespace

Result<std::shared_ptr<const JavaRegex>> JavaRegex::Compile(const std::string& pattern,
                                                            const std::string& function_name) {
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   PCRE2_UTF, &error_code, &error_offset, nullptr);
  if (code == nullptr) {
    return Status::Error("INVALID_PARAMETER_VALUE.PATTERN",
                         {{"parameter", "`regexp`"},
                          {"functionName", "`" + function_name + "`"},
                          {"value", "'" + pattern + "'"}});
  }
  std::shared_ptr<JavaRegex> regex(new JavaRegex());
  regex->code_ = code;
  uint32_t groups = 0;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
  regex->group_count_ = static_cast<int>(groups);
  return std::shared_ptr<const JavaRegex>(std::move(regex));
}

JavaRegex::~JavaRegex() { pcre2_code_free(static_cast<pcre2_code*>(code_)); }

bool JavaRegex::Find(std::string_view text) const {
  const auto* code = static_cast<const pcre2_code*>(code_);
  MatchData match(code);
  return MatchAt(code, match, text, 0) != nullptr;
}

std::string JavaRegex::ReplaceAll(std::string_view text, std::string_view replacement,
                                  size_t from) const {
  const auto* code = static_cast<const pcre2_code*>(code_);
  MatchData match(code);
  std::string out(text.substr(0, std::min(from, text.size())));
  size_t position = std::min(from, text.size());
  size_t copied = position;
  while (position <= text.size()) {
    const PCRE2_SIZE* ov = MatchAt(code, match, text, position);
    if (ov == nullptr) break;
    size_t begin = ov[0], end = ov[1];
    out.append(text.substr(copied, begin - copied));
    for (size_t k = 0; k < replacement.size(); ++k) {
      char c = replacement[k];
      if (c == '\\' && k + 1 < replacement.size()) {
        out.push_back(replacement[++k]);
      } else if (c == '$' && k + 1 < replacement.size() &&
                 std::isdigit(static_cast<unsigned char>(replacement[k + 1]))) {
        int group = replacement[++k] - '0';
        if (group <= group_count_ && ov[2 * group] != PCRE2_UNSET) {
          out.append(text.substr(ov[2 * group], ov[2 * group + 1] - ov[2 * group]));
        }
      } else {
        out.push_back(c);
      }
    }
    copied = end;
    if (end == begin) {
      // An empty match: copy one character and move past it.
      size_t next = NextCharacter(text, end);
      if (end < text.size()) out.append(text.substr(end, next - end));
      copied = std::min(next, text.size());
      position = next;
    } else {
      position = end;
    }
  }
  if (copied < text.size()) out.append(text.substr(copied));
  return out;
}

bool JavaRegex::Extract(std::string_view text, int group, std::string* out) const {
  if (group < 0 || group > group_count_) return false;
  const auto* code = static_cast<const pcre2_code*>(code_);
  MatchData match(code);
  out->clear();
  const PCRE2_SIZE* ov = MatchAt(code, match, text, 0);
  if (ov != nullptr && ov[2 * group] != PCRE2_UNSET) {
    out->assign(text.substr(ov[2 * group], ov[2 * group + 1] - ov[2 * group]));
  }
  return true;
}

bool JavaRegex::ExtractAll(std::string_view text, int group, std::vector<std::string>* out) const {
  if (group < 0 || group > group_count_) return false;
  const auto* code = static_cast<const pcre2_code*>(code_);
  MatchData match(code);
  size_t position = 0;
  while (position <= text.size()) {
    const PCRE2_SIZE* ov = MatchAt(code, match, text, position);
    if (ov == nullptr) break;
    if (ov[2 * group] != PCRE2_UNSET) {
      out->emplace_back(text.substr(ov[2 * group], ov[2 * group + 1] - ov[2 * group]));
    } else {
      out->emplace_back();
    }
    position = ov[1] == ov[0] ? NextCharacter(text, ov[1]) : ov[1];
  }
  return true;
}

std::vector<std::string> JavaRegex::Split(std::string_view text, int limit) const {
  const auto* code = static_cast<const pcre2_code*>(code_);
  MatchData match(code);
  std::vector<std::string> pieces;
  if (text.empty()) return {""};
  size_t piece_start = 0, position = 0;
  while (position <= text.size()) {
    if (limit > 0 && static_cast<int>(pieces.size()) == limit - 1) break;
    const PCRE2_SIZE* ov = MatchAt(code, match, text, position);
    if (ov == nullptr) break;
    size_t begin = ov[0], end = ov[1];
    if (end == begin) {
      // Java skips a zero-width match at the very beginning and at the end.
      if (begin == 0 || begin >= text.size()) {
        position = NextCharacter(text, begin);
        continue;
      }
    }
    pieces.emplace_back(text.substr(piece_start, begin - piece_start));
    piece_start = end;
    position = end == begin ? NextCharacter(text, end) : end;
  }
  pieces.emplace_back(text.substr(std::min(piece_start, text.size())));
  return pieces;
}

std::string LikePatternToRegex(std::string_view pattern, char escape) {
  std::string regex = "^(?s:";
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == escape && i + 1 < pattern.size()) {
      char next = pattern[++i];
      regex += "\\Q";
      regex.push_back(next);
      regex += "\\E";
    } else if (c == '%') {
      regex += ".*";
    } else if (c == '_') {
      regex += ".";
    } else if (std::isalnum(static_cast<unsigned char>(c)) ||
               (static_cast<unsigned char>(c) & 0x80)) {
      regex.push_back(c);
    } else {
      regex.push_back('\\');
      regex.push_back(c);
    }
  }
  return regex + ")$";
}

}  // namespace sparkling
