#include "main/show_string.h"

#include <arrow/api.h>

#include <algorithm>

#include "main/pretty_string.h"

namespace sparkling {
namespace {

constexpr size_t kMinimumColumnWidth = 3;

// Decodes one UTF-8 code point at `*i` (advancing it); invalid bytes count as one unit.
char32_t NextCodePoint(std::string_view text, size_t* i) {
  auto byte = static_cast<unsigned char>(text[*i]);
  int extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
  if (*i + extra >= text.size()) extra = 0;  // truncated sequence: take the byte alone
  char32_t cp = extra == 0 ? byte : byte & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(text[*i + k]) & 0x3F);
  *i += extra + 1;
  return cp;
}

size_t Utf16Units(char32_t cp) { return cp >= 0x10000 ? 2 : 1; }

// Spark's Utils.stringHalfWidth: Java length plus one per full-width character.
bool IsFullWidth(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6);
}

size_t JavaLength(std::string_view text) {
  size_t units = 0;
  for (size_t i = 0; i < text.size();) units += Utf16Units(NextCodePoint(text, &i));
  return units;
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = NextCodePoint(text, &i);
    width += Utf16Units(cp) + (IsFullWidth(cp) ? 1 : 0);
  }
  return width;
}

// The first `units` UTF-16 units of `text` (never splitting a character).
std::string JavaPrefix(std::string_view text, size_t units) {
  size_t taken = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    size_t needed = Utf16Units(NextCodePoint(text, &i));
    if (taken + needed > units) return std::string(text.substr(0, start));
    taken += needed;
  }
  return std::string(text);
}

std::string Truncate(std::string cell, int truncate) {
  if (truncate <= 0 || JavaLength(cell) <= static_cast<size_t>(truncate)) return cell;
  if (truncate < 4) return JavaPrefix(cell, truncate);
  return JavaPrefix(cell, truncate - 3) + "...";
}

std::string Spaces(size_t n) { return std::string(n, ' '); }

// Header and cell texts of the rows to print, as Dataset.getRows builds them.
struct ShowRows {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  bool has_more = false;
};

Result<ShowRows> GetRows(const arrow::Table& table, const Schema& schema,
                         const ShowOptions& options) {
  ShowRows out;
  int64_t num_rows = std::max(options.num_rows, 0);
  out.has_more = table.num_rows() > num_rows;
  int64_t shown = std::min(table.num_rows(), num_rows);
  for (const auto& field : schema) out.header.push_back(EscapeMetaCharacters(field.name));
  out.rows.assign(static_cast<size_t>(shown), std::vector<std::string>(schema.size()));
  if (static_cast<size_t>(table.num_columns()) != schema.size()) {
    return Status::Internal("show: the table has " + std::to_string(table.num_columns()) +
                            " columns but the schema " + std::to_string(schema.size()));
  }
  for (size_t c = 0; c < schema.size(); ++c) {
    auto column = table.column(static_cast<int>(c))->Slice(0, shown);
    int64_t row = 0;
    for (const auto& chunk : column->chunks()) {
      SPK_ASSIGN_OR_RAISE(auto cells, PrettyStrings(*chunk, *schema[c].type, options.time_zone));
      for (auto& cell : cells) {
        out.rows[row++][c] = Truncate(EscapeMetaCharacters(cell), options.truncate);
      }
    }
  }
  return out;
}

std::string Footer(int num_rows) {
  return "only showing top " + std::to_string(num_rows) + (num_rows == 1 ? " row" : " rows");
}

std::string RenderTable(const ShowRows& data, const ShowOptions& options) {
  std::vector<size_t> widths(data.header.size(), kMinimumColumnWidth);
  for (size_t c = 0; c < widths.size(); ++c) {
    widths[c] = std::max(widths[c], DisplayWidth(data.header[c]));
    for (const auto& row : data.rows) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  // "+---+--+\n"; with no columns "++\n", like Spark's addString.
  std::string separator = "+";
  for (size_t c = 0; c < widths.size(); ++c) {
    if (c > 0) separator += "+";
    separator += std::string(widths[c], '-');
  }
  separator += "+\n";
  // Right-aligned when truncating (Spark's default), left-aligned otherwise.
  auto render_row = [&](const std::vector<std::string>& cells) {
    std::string line = "|";
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) line += "|";
      std::string padding = Spaces(widths[c] - DisplayWidth(cells[c]));
      line += options.truncate > 0 ? padding + cells[c] : cells[c] + padding;
    }
    return line + "|\n";
  };
  std::string out = separator + render_row(data.header) + separator;
  for (const auto& row : data.rows) out += render_row(row);
  out += separator;
  if (data.has_more) out += Footer(options.num_rows);
  return out;
}

std::string RenderVertical(const ShowRows& data, const ShowOptions& options) {
  if (data.rows.empty()) return "(0 rows)";
  size_t name_width = kMinimumColumnWidth;
  for (const auto& name : data.header) name_width = std::max(name_width, DisplayWidth(name));
  size_t data_width = kMinimumColumnWidth;
  for (const auto& row : data.rows) {
    for (const auto& cell : row) data_width = std::max(data_width, DisplayWidth(cell));
  }
  std::string out;
  for (size_t r = 0; r < data.rows.size(); ++r) {
    std::string record = "-RECORD " + std::to_string(r);
    size_t total = name_width + data_width + 5;
    if (record.size() < total) record += std::string(total - record.size(), '-');
    out += record + "\n";
    for (size_t c = 0; c < data.header.size(); ++c) {
      const std::string& name = data.header[c];
      const std::string& cell = data.rows[r][c];
      out += " " + name + Spaces(name_width - DisplayWidth(name)) + " | " + cell +
             Spaces(data_width - DisplayWidth(cell)) + " \n";
    }
  }
  if (data.has_more) out += Footer(options.num_rows);
  return out;
}

std::string EscapeHtml(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

Result<std::string> ShowString(const arrow::Table& table, const Schema& schema,
                               const ShowOptions& options) {
  SPK_ASSIGN_OR_RAISE(auto data, GetRows(table, schema, options));
  return options.vertical ? RenderVertical(data, options) : RenderTable(data, options);
}

Result<std::string> HtmlString(const arrow::Table& table, const Schema& schema,
                               const ShowOptions& options) {
  SPK_ASSIGN_OR_RAISE(auto data, GetRows(table, schema, options));
  std::string out = "<table border='1'>\n<tr>";
  for (const auto& name : data.header) out += "<th>" + EscapeHtml(name) + "</th>";
  out += "</tr>\n";
  for (const auto& row : data.rows) {
    out += "<tr>";
    for (const auto& cell : row) out += "<td>" + EscapeHtml(cell) + "</td>";
    out += "</tr>\n";
  }
  out += "</table>\n";
  if (data.has_more) out += Footer(options.num_rows) + "\n";
  return out;
}

}  // namespace sparkling
