// Item coverage: the fraction of the catalogue that appears in at least
// one user's top-K list.
#pragma once

#include <cstdint>
#include <vector>

namespace harness::metrics {

/// The k best items of one score row (`scores` has num_items + 1 entries),
/// best first. Padding (0) and the ids in `masked` are skipped. Higher
/// scores come first, equal scores by lower item id, and NaN counts as
/// -infinity. Returns fewer than k items when fewer candidates exist.
/// Throws std::invalid_argument when scores is null, num_items < 1, k < 1
/// or a masked id is outside 0..num_items.
std::vector<std::int64_t> top_k_items(const float* scores,
                                      std::int64_t num_items, std::int64_t k,
                                      const std::vector<std::int64_t>& masked);

/// Accumulates top-K lists over users, then reports coverage@K.
class ItemCoverage {
 public:
  /// Throws std::invalid_argument when num_items < 1 or k < 1.
  ItemCoverage(std::int64_t num_items, std::int64_t k);

  /// Adds one user's top-K list, computed as in top_k_items.
  void add_row(const float* scores, const std::vector<std::int64_t>& masked);

  /// Distinct items recommended so far divided by num_items, which is 0
  /// before the first row.
  double coverage() const;

  std::int64_t num_items() const { return num_items_; }
  std::int64_t k() const { return k_; }

 private:
  std::int64_t num_items_;
  std::int64_t k_;
  std::vector<bool> recommended_;
  std::int64_t distinct_ = 0;
};

}  // namespace harness::metrics
