#include "store/text_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace harness::store {
namespace {

constexpr std::size_t kFingerprintPrefix = 12;

std::string markdown_cell(std::string text) {
  // Aligned tables pad unmarked cells to keep marks in one column.
  while (!text.empty() && text.back() == ' ') text.pop_back();
  std::string escaped;
  for (char c : text) {
    if (c == '|') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

}  // namespace

std::string short_fingerprint(const std::string& fingerprint) {
  return fingerprint.substr(0, kFingerprintPrefix);
}

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

std::string aligned(const Table& table) {
  if (table.empty()) return "";
  std::vector<std::size_t> widths(table.front().size(), 0);
  for (const auto& row : table) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  std::string out;
  for (const auto& row : table) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size() && c < widths.size()) {
        line += std::string(widths[c] - display_width(row[c]) + 2, ' ');
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string markdown_table(const Table& table) {
  std::string out;
  for (std::size_t r = 0; r < table.size(); ++r) {
    std::vector<std::string> cells;
    for (const std::string& cell : table[r]) {
      cells.push_back(markdown_cell(cell));
    }
    out += fmt::format("| {} |\n", fmt::join(cells, " | "));
    if (r == 0) {
      std::vector<std::string> rule(cells.size(), "---");
      out += fmt::format("| {} |\n", fmt::join(rule, " | "));
    }
  }
  return out;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string csv_number(const std::optional<double>& value) {
  if (!value || std::isnan(*value)) return "";
  return fmt::format("{}", *value);
}

}  // namespace harness::store
