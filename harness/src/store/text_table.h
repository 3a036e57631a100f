// Plain-text renderings shared by the report formats: aligned columns,
// Markdown tables and CSV fields.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace harness::store {

/// Rows of cells; the first row is the header.
using Table = std::vector<std::vector<std::string>>;

/// The first characters of a dataset fingerprint, like a short git hash:
/// enough to tell datasets apart in a heading.
std::string short_fingerprint(const std::string& fingerprint);

/// Display width in terminal columns: UTF-8 continuation bytes (as in
/// "±") take no column.
std::size_t display_width(const std::string& text);

/// Columns padded to their widest cell, two spaces apart, one line per row.
std::string aligned(const Table& table);

/// A Markdown table with a rule under the header; "|" in cells is escaped
/// and trailing spaces are dropped.
std::string markdown_table(const Table& table);

/// Quotes a field that contains a comma, a quote or a line break, as RFC
/// 4180 requires.
std::string csv_field(const std::string& text);

/// A number as CSV text in the shortest form that reads back exactly, or
/// "" for a missing or NaN value.
std::string csv_number(const std::optional<double>& value);

}  // namespace harness::store
