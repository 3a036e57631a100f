#include "runner/dataset_items.h"

namespace harness::runner {

store::DatasetItems dataset_items(const data::Dataset& dataset) {
  store::DatasetItems items;
  items.fingerprint = dataset.fingerprint;
  items.item_ids = dataset.item_ids;
  items.names = dataset.side.names;
  for (const auto& [category, codes] : dataset.side.categories) {
    // Codes index category_values; a category without value names (a
    // plugin-only feature) is stored by its codes.
    const auto named = dataset.category_values.find(category);
    std::vector<std::string>& values = items.categories[category];
    values.resize(codes.size());
    for (std::size_t item = 1; item < codes.size(); ++item) {
      const std::int64_t code = codes[item];
      if (code <= 0) continue;
      const bool has_name = named != dataset.category_values.end() &&
                            static_cast<std::size_t>(code) <
                                named->second.size() &&
                            !named->second[code].empty();
      values[item] = has_name ? named->second[code] : std::to_string(code);
    }
  }
  return items;
}

}  // namespace harness::runner
