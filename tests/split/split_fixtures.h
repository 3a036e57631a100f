// Builds small Datasets in memory for the split tests.
#pragma once

#include "data/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace harness::split::testing {

using Items = std::vector<std::int64_t>;

/// One user per entry of `items` (dense ids from 1), with basket ordinals
/// from `baskets` when given, else one basket per event.
inline data::Dataset make_dataset(const std::vector<Items>& items,
                                  const std::vector<Items>& baskets = {}) {
  data::Dataset dataset;
  dataset.name = "fixture";
  dataset.has_baskets = !baskets.empty();
  dataset.user_ids.emplace_back();
  dataset.items.emplace_back();
  dataset.baskets.emplace_back();
  dataset.times.emplace_back();
  std::int64_t max_item = 0;
  for (std::size_t u = 0; u < items.size(); ++u) {
    dataset.user_ids.push_back("u" + std::to_string(u + 1));
    dataset.items.push_back(items[u]);
    Items ordinals;
    for (std::size_t k = 0; k < items[u].size(); ++k) {
      ordinals.push_back(static_cast<std::int64_t>(k) + 1);
      if (items[u][k] > max_item) max_item = items[u][k];
    }
    dataset.baskets.push_back(baskets.empty() ? ordinals : baskets[u]);
    dataset.times.emplace_back(items[u].size(), 0.0);
  }
  for (std::int64_t item = 0; item <= max_item; ++item) {
    dataset.item_ids.push_back(item == 0 ? "" : std::to_string(item));
  }
  return dataset;
}

}  // namespace harness::split::testing
