// Properties that must hold on any data: a target is never part of its
// own input, and validation targets never reach training.
#include "data/dataset.h"
#include "split/split.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>

using harness::data::Dataset;
using harness::data::DatasetOptions;
using harness::data::load_dataset;
using harness::split::EvalCase;
using harness::split::leave_last_basket_out;
using harness::split::leave_last_item_out;
using harness::split::Split;

namespace {

const std::string kShared = HARNESS_SHARED_DATASETS;

bool missing(const std::string& folder) {
  return !std::filesystem::exists(kShared + "/" + folder);
}

bool is_prefix(const std::vector<std::int64_t>& prefix,
               const std::vector<std::int64_t>& whole) {
  return prefix.size() <= whole.size() &&
         std::equal(prefix.begin(), prefix.end(), whole.begin());
}

// The events of each case are a strict prefix of the user's sequence, and
// the training events of an evaluated user are exactly the validation
// history, so neither target event is trained on or seen as input.
void check_no_leakage(const Dataset& dataset, const Split& split) {
  REQUIRE(split.valid.size() == split.test.size());
  std::size_t train_index = 0;
  for (std::size_t c = 0; c < split.valid.size(); ++c) {
    const EvalCase& valid = split.valid[c];
    const EvalCase& test = split.test[c];
    CAPTURE(valid.user);
    REQUIRE(test.user == valid.user);
    const auto& items = dataset.items[valid.user];
    const auto& baskets = dataset.baskets[valid.user];
    REQUIRE(is_prefix(valid.history_items, items));
    REQUIRE(is_prefix(test.history_items, items));
    REQUIRE(is_prefix(valid.history_baskets, baskets));
    REQUIRE(is_prefix(test.history_baskets, baskets));
    REQUIRE(valid.history_items.size() < test.history_items.size());
    REQUIRE(test.history_items.size() < items.size());
    REQUIRE_FALSE(valid.targets.empty());
    REQUIRE_FALSE(test.targets.empty());

    while (split.train.users[train_index].user != valid.user) ++train_index;
    REQUIRE(split.train.users[train_index].items == valid.history_items);
    REQUIRE(split.train.users[train_index].baskets == valid.history_baskets);
  }
}

// Under the basket protocol, histories end on basket boundaries and the
// targets are the items of the next basket.
void check_basket_targets(const Dataset& dataset, const Split& split) {
  for (const auto* cases : {&split.valid, &split.test}) {
    for (const EvalCase& eval : *cases) {
      CAPTURE(eval.user);
      const auto& items = dataset.items[eval.user];
      const auto& baskets = dataset.baskets[eval.user];
      std::size_t begin = eval.history_items.size();
      std::int64_t target_basket = baskets[begin];
      REQUIRE(target_basket == eval.history_baskets.back() + 1);
      for (std::size_t k = begin;
           k < items.size() && baskets[k] == target_basket; ++k) {
        REQUIRE(std::count(eval.targets.begin(), eval.targets.end(),
                           items[k]) == 1);
      }
    }
  }
}

}  // namespace

TEST_CASE("synthetic split has no leakage") {
  DatasetOptions options;
  options.format = "synthetic";
  Dataset dataset = load_dataset(options);
  Split split = leave_last_item_out(dataset);
  CHECK(split.valid.size() == static_cast<std::size_t>(dataset.num_users()));
  CHECK(split.training_only_users == 0);
  check_no_leakage(dataset, split);
}

TEST_CASE("ml-100k split evaluates 943 users" *
          doctest::skip(missing("ml-100k"))) {
  DatasetOptions options;
  options.path = kShared + "/ml-100k/ml-100k.inter";
  Dataset dataset = load_dataset(options);
  Split split = leave_last_item_out(dataset);
  CHECK(split.valid.size() == 943);
  CHECK(split.test.size() == 943);
  CHECK(split.training_only_users == 0);
  std::size_t train_events = 0;
  for (const auto& user : split.train.users) train_events += user.items.size();
  CHECK(train_events == 100000 - 2 * 943);
  check_no_leakage(dataset, split);
}

TEST_CASE("instacart-1k basket split has no leakage" *
          doctest::skip(missing("instacart-1k"))) {
  std::string folder = kShared + "/instacart-1k/";
  DatasetOptions options;
  options.format = "instacart";
  options.path = folder + "orders_demo.csv";
  options.order_products = {folder + "order_items_demo.csv"};
  Dataset dataset = load_dataset(options);

  Split baskets = leave_last_basket_out(dataset);
  // Every user has at least 3 prior orders.
  CHECK(baskets.valid.size() == 1000);
  CHECK(baskets.training_only_users == 0);
  check_no_leakage(dataset, baskets);
  check_basket_targets(dataset, baskets);

  Split items = leave_last_item_out(dataset);
  CHECK(items.valid.size() == 1000);
  check_no_leakage(dataset, items);
}
