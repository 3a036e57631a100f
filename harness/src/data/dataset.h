// A processed dataset: raw ids mapped to dense ids, events grouped by user
// and ordered. No LibTorch here, so loading stays cheap to build and test.
#pragma once

#include <harness/dataset_info.h>

#include <cstdint>
#include <string>
#include <vector>

namespace harness::data {

/// Options from the sweep file's [dataset] table.
struct DatasetOptions {
  /// "recbole" (.inter atomic file), "csv" (any delimited file with a
  /// column mapping), "instacart" (orders.csv + order_products files),
  /// "movielens" (`::`-separated ratings.dat) or "synthetic".
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
  /// and optional product, aisle and department tables.
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
