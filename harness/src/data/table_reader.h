// Helpers shared by the readers of files with a header row: column lookup
// by name and field checks that fail with the file, line and value.
#pragma once

#include "data/delimited_reader.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace harness::data {

/// Column names of a header row. With `typed` (RecBole atomic files), a
/// field `name:type` is matched on the part before the colon.
class Header {
 public:
  Header(std::string path, const std::vector<std::string_view>& fields,
         bool typed);

  /// Index of `column`, or nullopt.
  std::optional<std::size_t> find(std::string_view column) const;
  /// Index of `column`; throws DataError listing the columns found and
  /// naming `option`, the dataset option that selects the column.
  std::size_t require(std::string_view column, std::string_view option) const;
  /// Index of a column that a fixed layout needs; throws DataError listing
  /// the columns found and the `layout` expected.
  std::size_t require_fixed(std::string_view column,
                            std::string_view layout) const;

  std::size_t size() const { return names_.size(); }
  const std::string& name(std::size_t index) const { return names_[index]; }
  /// The `:type` suffix of a typed header field, "" when there is none.
  const std::string& type(std::size_t index) const { return types_[index]; }

 private:
  [[noreturn]] void throw_missing(std::string_view column,
                                  std::string_view advice) const;

  std::string path_;
  std::vector<std::string> fields_;
  std::vector<std::string> names_;
  std::vector<std::string> types_;
};

/// Reads the header row of `reader`; throws DataError if there is none.
Header read_header(DelimitedReader* reader, bool typed);

/// Throws DataError unless the record has as many fields as the header.
void check_field_count(const DelimitedReader& reader,
                       const std::vector<std::string_view>& fields,
                       std::size_t expected);

/// Parses a number; throws DataError quoting the value and the line, and
/// naming `what` ("timestamp", "position") and its column.
double parse_number_field(const DelimitedReader& reader, std::string_view value,
                          std::string_view what, std::string_view column);

/// Returns `value` or throws DataError when it is empty: an id must be
/// non-empty, but any other string is valid ("0" is an ordinary id).
std::string_view require_id(const DelimitedReader& reader,
                            std::string_view value, std::string_view what,
                            std::string_view column);

/// Writes a delimiter for a message, spelling out a tab as \t.
std::string describe_delimiter(std::string_view delimiter);

}  // namespace harness::data
