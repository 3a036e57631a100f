// Counts on the real data sets, as stated in their PROVENANCE.md files.
// Skipped where the shared data folder is not present.
#include "data/dataset.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

using harness::data::Dataset;
using harness::data::DatasetOptions;
using harness::data::load_dataset;

namespace {

const std::string kShared = HARNESS_SHARED_DATASETS;

bool missing(const std::string& folder) {
  return !std::filesystem::exists(kShared + "/" + folder);
}

std::int64_t count_baskets(const Dataset& dataset) {
  std::int64_t baskets = 0;
  for (std::int64_t user = 1; user <= dataset.num_users(); ++user) {
    baskets += dataset.baskets[user].back();
  }
  return baskets;
}

Dataset timed_load(const DatasetOptions& options) {
  auto start = std::chrono::steady_clock::now();
  Dataset dataset = load_dataset(options);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  MESSAGE(dataset.name << " loaded in " << seconds << " s");
  return dataset;
}

}  // namespace

TEST_CASE("ml-100k has 943 users and 1682 items" *
          doctest::skip(missing("ml-100k"))) {
  DatasetOptions options;
  options.path = kShared + "/ml-100k/ml-100k.inter";
  options.items_path = kShared + "/ml-100k/ml-100k.item";
  Dataset dataset = timed_load(options);
  CHECK(dataset.name == "ml-100k");
  CHECK(dataset.num_users() == 943);
  CHECK(dataset.num_items() == 1682);
  CHECK(dataset.stats.rows_read == 100000);
  CHECK(dataset.stats.events_kept == 100000);
  CHECK_FALSE(dataset.has_baskets);

  // The first row is user 196 rating item 242 at 881250949.
  CHECK(dataset.user_ids[1] == "196");
  CHECK(dataset.item_ids[1] == "242");
  bool found = false;
  for (std::size_t k = 0; k < dataset.items[1].size(); ++k) {
    found |= dataset.items[1][k] == 1 && dataset.times[1][k] == 881250949.0;
  }
  CHECK(found);

  REQUIRE(dataset.side.names.size() == 1683);
  std::int64_t toy_story = 0;
  for (std::int64_t item = 1; item <= dataset.num_items(); ++item) {
    if (dataset.item_ids[item] == "1") toy_story = item;
  }
  CHECK(dataset.side.names[toy_story] == "Toy Story");
  CHECK(dataset.side.categories.count("release_year") == 1);
}

TEST_CASE("instacart-1k has 1000 users and 15968 baskets" *
          doctest::skip(missing("instacart-1k"))) {
  std::string folder = kShared + "/instacart-1k/";
  DatasetOptions options;
  options.format = "instacart";
  options.path = folder + "orders_demo.csv";
  options.order_products = {folder + "order_items_demo.csv"};
  options.products = folder + "products.csv";
  options.aisles = folder + "aisles.csv";
  options.departments = folder + "departments.csv";
  Dataset dataset = timed_load(options);
  CHECK(dataset.num_users() == 1000);
  CHECK(dataset.num_items() == 14887);
  CHECK(count_baskets(dataset) == 15968);
  CHECK(dataset.stats.empty_baskets_skipped == 1000);
  CHECK(dataset.stats.events_kept == 155824);

  std::int64_t unnamed = 0;
  for (std::int64_t item = 1; item <= dataset.num_items(); ++item) {
    unnamed += dataset.side.names[item].empty();
  }
  CHECK(unnamed == 0);
  const auto& aisles = dataset.category_values.at("aisle");
  CHECK(aisles.size() <= 135);
  std::set<std::string> labels(aisles.begin() + 1, aisles.end());
  CHECK(labels.count("fresh fruits") == 1);
  CHECK(dataset.category_values.at("department").size() <= 22);
}

TEST_CASE("instacart-10 flattened has 10 users and 188 baskets" *
          doctest::skip(missing("instacart-10"))) {
  DatasetOptions options;
  options.format = "csv";
  options.path = kShared + "/instacart-10/transactions.csv";
  options.item_column = "product_id";
  options.time_column = "order_number";
  options.basket_column = "order_id";
  options.position_column = "add_to_cart_order";
  options.products = kShared + "/instacart-10/products.csv";
  Dataset dataset = timed_load(options);
  CHECK(dataset.num_users() == 10);
  CHECK(dataset.num_items() == 577);
  CHECK(count_baskets(dataset) == 188);
  CHECK(dataset.stats.events_kept == 1468);
  CHECK(dataset.side.categories.count("aisle") == 1);

  DatasetOptions flat;
  flat.format = "instacart_flat";
  flat.path = options.path;
  flat.products = options.products;
  CHECK(load_dataset(flat).fingerprint == dataset.fingerprint);
}
