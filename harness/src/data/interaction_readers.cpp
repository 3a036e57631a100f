// Readers for files with one interaction per row: RecBole, csv, MovieLens.
#include "data/data_error.h"
#include "data/delimited_reader.h"
#include "data/readers.h"
#include "data/table_reader.h"

#include <optional>

namespace harness::data {
namespace {

// Column index of each field that is read; optional ones may be absent.
struct ColumnMap {
  std::size_t user = 0;
  std::size_t item = 0;
  std::optional<std::size_t> time;
  std::optional<std::size_t> basket;
  std::optional<std::size_t> position;
};

ColumnMap map_columns(const Header& header, const DatasetOptions& options) {
  ColumnMap map;
  map.user = header.require(options.user_column, "user_column");
  map.item = header.require(options.item_column, "item_column");
  if (!options.time_column.empty()) {
    map.time = header.require(options.time_column, "time_column");
  }
  if (!options.basket_column.empty()) {
    map.basket = header.require(options.basket_column, "basket_column");
  }
  if (!options.position_column.empty()) {
    map.position = header.require(options.position_column, "position_column");
  }
  return map;
}

// Reads a file with a header row; RecBole files have a typed header and
// no quoting, csv files a plain header and RFC 4180 quoting.
EventTable read_with_header(const DatasetOptions& options, char delimiter,
                            bool typed, LoadStats* stats) {
  DelimitedReader reader(options.path, std::string(1, delimiter),
                         /*quoting=*/!typed);
  Header header = read_header(&reader, typed);
  ColumnMap map = map_columns(header, options);

  EventTable table;
  table.has_baskets = map.basket.has_value();
  table.reserve(reader.count_lines());
  std::vector<std::string_view> fields;
  while (reader.next(&fields)) {
    check_field_count(reader, fields, header.size());
    std::string_view user =
        require_id(reader, fields[map.user], "user id", options.user_column);
    std::string_view item =
        require_id(reader, fields[map.item], "item id", options.item_column);
    double time = 0.0;
    if (map.time) {
      time = parse_number_field(reader, fields[*map.time], "timestamp",
                                options.time_column);
    }
    std::string_view basket;
    if (map.basket) {
      basket = require_id(reader, fields[*map.basket], "basket id",
                          options.basket_column);
    }
    double position = 0.0;
    if (map.position) {
      position = parse_number_field(reader, fields[*map.position], "position",
                                    options.position_column);
    }
    table.add(user, item, time, basket, position);
  }
  if (table.size() == 0) {
    throw DataError(options.path, 0, "file has a header but no data rows");
  }
  stats->rows_read = table.size();
  return table;
}

}  // namespace

EventTable read_recbole(const DatasetOptions& options, LoadStats* stats) {
  return read_with_header(options, '\t', /*typed=*/true, stats);
}

EventTable read_csv(const DatasetOptions& options, LoadStats* stats) {
  return read_with_header(options, options.delimiter, /*typed=*/false, stats);
}

EventTable read_movielens(const DatasetOptions& options, LoadStats* stats) {
  constexpr std::size_t kFields = 4;  // user::item::rating::timestamp
  DelimitedReader reader(options.path, "::", /*quoting=*/false);
  EventTable table;
  table.reserve(reader.count_lines());
  std::vector<std::string_view> fields;
  while (reader.next(&fields)) {
    if (fields.size() != kFields) {
      throw DataError(options.path, reader.line(),
                      "found " + std::to_string(fields.size()) +
                          " fields, expected 4 (user::item::rating::"
                          "timestamp). Line: " +
                          quote(reader.record_excerpt()));
    }
    std::string_view user = require_id(reader, fields[0], "user id", "1");
    std::string_view item = require_id(reader, fields[1], "item id", "2");
    double time = parse_number_field(reader, fields[3], "timestamp", "4");
    table.add(user, item, time, {}, 0.0);
  }
  stats->rows_read = table.size();
  return table;
}

}  // namespace harness::data
