#include "data/table_reader.h"

#include "data/data_error.h"
#include "data/parse_number.h"

namespace harness::data {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

Header::Header(std::string path, const std::vector<std::string_view>& fields,
               bool typed)
    : path_(std::move(path)) {
  for (std::string_view field : fields) {
    field = trim(field);
    fields_.emplace_back(field);
    std::size_t colon = typed ? field.rfind(':') : std::string_view::npos;
    if (colon == std::string_view::npos) {
      names_.emplace_back(field);
      types_.emplace_back();
    } else {
      names_.emplace_back(field.substr(0, colon));
      types_.emplace_back(field.substr(colon + 1));
    }
  }
}

std::optional<std::size_t> Header::find(std::string_view column) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == column) return i;
  }
  return std::nullopt;
}

std::size_t Header::require(std::string_view column,
                            std::string_view option) const {
  if (auto index = find(column)) return *index;
  throw_missing(column, "Set the dataset option " + std::string(option) +
                            " to the column to use");
}

std::size_t Header::require_fixed(std::string_view column,
                                  std::string_view layout) const {
  if (auto index = find(column)) return *index;
  throw_missing(column, "Expected the layout " + std::string(layout));
}

void Header::throw_missing(std::string_view column,
                           std::string_view advice) const {
  std::string found;
  for (const std::string& field : fields_) {
    found += (found.empty() ? "" : ", ") + field;
  }
  throw DataError(path_, 1,
                  "column " + quote(column) +
                      " not found in the header; columns found: " + found +
                      ". " + std::string(advice));
}

Header read_header(DelimitedReader* reader, bool typed) {
  std::vector<std::string_view> fields;
  if (!reader->next(&fields)) {
    throw DataError(reader->path(), 0, "file has no header row");
  }
  return Header(reader->path(), fields, typed);
}

void check_field_count(const DelimitedReader& reader,
                       const std::vector<std::string_view>& fields,
                       std::size_t expected) {
  if (fields.size() == expected) return;
  throw DataError(
      reader.path(), reader.line(),
      "found " + std::to_string(fields.size()) + " fields, expected " +
          std::to_string(expected) +
          " as in the header; check the delimiter (" +
          describe_delimiter(reader.delimiter()) +
          ") and the quoting. Line: " + quote(reader.record_excerpt()));
}

double parse_number_field(const DelimitedReader& reader, std::string_view value,
                          std::string_view what, std::string_view column) {
  if (auto number = parse_double(value)) return *number;
  throw DataError(
      reader.path(), reader.line(),
      "invalid " + std::string(what) + " " + quote(value) + " in column " +
          quote(column) +
          ": expected a number. Line: " + quote(reader.record_excerpt()));
}

std::string_view require_id(const DelimitedReader& reader,
                            std::string_view value, std::string_view what,
                            std::string_view column) {
  if (!trim(value).empty()) return value;
  throw DataError(
      reader.path(), reader.line(),
      "empty " + std::string(what) + " in column " + quote(column) +
          "; every row needs one. Line: " + quote(reader.record_excerpt()));
}

std::string describe_delimiter(std::string_view delimiter) {
  if (delimiter == "\t") return "\"\\t\"";
  return quote(delimiter);
}

}  // namespace harness::data
