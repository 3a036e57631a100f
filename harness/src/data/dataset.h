// A processed dataset: raw ids mapped to dense ids, events grouped by user
// and ordered. No LibTorch here, so loading stays cheap to build and test.
#pragma once

#include <harness/dataset_info.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace harness::data {

/// Options from the sweep file's [dataset] table.
struct DatasetOptions {
  /// "recbole" (.inter atomic file), "csv" (any delimited file with a
  /// column mapping), "instacart" (orders.csv + order_products files),
  /// "movielens" (`::`-separated ratings.dat) or "synthetic".
  /// "instacart_flat" is "csv" for the one-table Instacart form: columns
  /// left at their defaults become item product_id, time order_number,
  /// basket order_id and position add_to_cart_order.
  std::string format = "recbole";
  /// Interaction file; for "instacart" the orders file.
  std::string path;
  /// Column names for "csv"; basket and position columns are optional.
  std::string user_column = "user_id";
  std::string item_column = "item_id";
  std::string time_column = "timestamp";
  std::string basket_column;
  std::string position_column;
  /// Field delimiter for "csv"; "\t" is written as a tab in TOML.
  char delimiter = ',';
  /// Instacart layout: product rows of each order (order_products__*.csv),
  /// and optional product, aisle and department tables. "csv" reads
  /// `products` too, for the flattened form's products.csv.
  std::vector<std::string> order_products;
  std::string products;
  std::string aisles;
  std::string departments;
  /// Item side-data file for "csv" or "recbole" (optional).
  std::string items_path;
  /// Filters found in papers; 0 switches them off.
  std::int64_t min_user_events = 0;
  std::int64_t min_item_events = 0;
  /// Synthetic data: size and seed of the generated data set.
  std::int64_t synthetic_users = 2000;
  std::int64_t synthetic_items = 500;
  std::int64_t synthetic_seed = 7;
};

/// Counts reported with every run, so nothing is dropped silently.
struct LoadStats {
  /// Data rows of the interaction files (for Instacart, the product rows
  /// of the order_products files); events_kept counts them after filters.
  std::int64_t rows_read = 0;
  std::int64_t events_kept = 0;
  /// Instacart orders without products (its `test` orders).
  std::int64_t empty_baskets_skipped = 0;
  std::int64_t users_removed_by_filters = 0;
  std::int64_t items_removed_by_filters = 0;
};

/// Events of every user, ordered by time, then basket, then position in the
/// basket, then file order. Index 0 of every per-user vector is unused so
/// that vectors are indexed by dense user id.
///
/// Dense ids follow the first appearance of a raw id among the kept events
/// in file order (for Instacart, the order_products rows). With baskets, a
/// basket sorts by its earliest time and then by its first row, so its
/// events stay together. Times are 0 when the data has no time column.
struct Dataset {
  std::string name;
  /// Raw ids by dense id; entry 0 is "" (padding / no user).
  std::vector<std::string> user_ids;
  std::vector<std::string> item_ids;
  /// Per dense user id: item ids, basket ordinals (1, 2, ... per user;
  /// every event is its own basket when the data has none) and timestamps.
  std::vector<std::vector<std::int64_t>> items;
  std::vector<std::vector<std::int64_t>> baskets;
  std::vector<std::vector<double>> times;
  bool has_baskets = false;
  ItemSideData side;
  /// Per category in `side.categories`, the value behind each code (such
  /// as the aisle name); entry 0 is "" (missing).
  std::map<std::string, std::vector<std::string>> category_values;
  LoadStats stats;
  /// Hex digest of the processed content and the options that shaped it.
  std::string fingerprint;

  std::int64_t num_users() const {
    return static_cast<std::int64_t>(user_ids.size()) - 1;
  }
  std::int64_t num_items() const {
    return static_cast<std::int64_t>(item_ids.size()) - 1;
  }
};

/// Loads and processes a dataset. Throws DataError on bad input.
Dataset load_dataset(const DatasetOptions& options);

}  // namespace harness::data
