#include "split/sequence_slices.h"
#include "split/split.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

namespace harness::split {
namespace {

// Index of the first event whose basket ordinal exceeds `basket`; baskets
// are numbered 1, 2, ... in stored order, so this ends basket `basket`.
std::size_t end_of_basket(const std::vector<std::int64_t>& baskets,
                          std::int64_t basket) {
  return static_cast<std::size_t>(
      std::upper_bound(baskets.begin(), baskets.end(), basket) -
      baskets.begin());
}

// The distinct items of events [begin, end), in order of first occurrence.
std::vector<std::int64_t> distinct_items(const std::vector<std::int64_t>& items,
                                         std::size_t begin, std::size_t end) {
  std::vector<std::int64_t> distinct;
  std::unordered_set<std::int64_t> seen;
  for (std::size_t i = begin; i < end; ++i) {
    if (seen.insert(items[i]).second) distinct.push_back(items[i]);
  }
  return distinct;
}

}  // namespace

Split leave_last_basket_out(const data::Dataset& dataset) {
  if (!dataset.has_baskets) {
    throw std::invalid_argument(
        "protocol leave_last_basket_out needs baskets, but dataset \"" +
        dataset.name +
        "\" has none; set a basket column (csv basket_column, or format "
        "instacart) or use protocol leave_last_item_out");
  }
  // One basket to train on, one to validate and one to test.
  constexpr std::int64_t kMinBaskets = 3;
  Split split;
  for (std::int64_t user = 1; user <= dataset.num_users(); ++user) {
    const std::vector<std::int64_t>& items = dataset.items[user];
    const std::vector<std::int64_t>& baskets = dataset.baskets[user];
    if (items.empty()) continue;
    std::int64_t m = baskets.back();
    if (m < kMinBaskets) {
      split.train.users.push_back(training_prefix(dataset, user, items.size()));
      ++split.training_only_users;
      continue;
    }
    std::size_t valid_begin = end_of_basket(baskets, m - 2);
    std::size_t test_begin = end_of_basket(baskets, m - 1);
    split.train.users.push_back(training_prefix(dataset, user, valid_begin));
    split.valid.push_back(
        eval_case(dataset, user, valid_begin,
                  distinct_items(items, valid_begin, test_begin)));
    split.test.push_back(
        eval_case(dataset, user, test_begin,
                  distinct_items(items, test_begin, items.size())));
  }
  return split;
}

}  // namespace harness::split
