// The data a model receives besides batches: sizes, side data and,
// once, the training sequences. Free of LibTorch so the host's data code
// builds without it. Plugins never see files or raw ids.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace harness {

/// Item side data, indexed by dense item id (entry 0 is the padding item).
struct ItemSideData {
  /// Display names; empty when the dataset has none.
  std::vector<std::string> names;
  /// Categorical features such as "aisle" or "department": per item a code
  /// from 1 upward, 0 where the item has no value.
  std::map<std::string, std::vector<std::int64_t>> categories;
};

/// Sizes and options of the processed dataset a model is built for.
struct DatasetInfo {
  /// Dense item ids run from 1 to num_items; 0 is padding.
  std::int64_t num_items = 0;
  /// Dense user ids run from 1 to num_users.
  std::int64_t num_users = 0;
  /// Most recent events kept in a history; batches are at most this wide
  /// (training windows are max_history + 1 wide, see SequenceBatch).
  std::int64_t max_history = 0;
  /// True when events come in baskets (orders) rather than one by one.
  bool has_baskets = false;
  /// Never null; empty when the dataset has no side data.
  const ItemSideData* side = nullptr;
};

/// One user's training events in order, with basket ordinals from 1.
struct UserSequence {
  std::int64_t user = 0;
  std::vector<std::int64_t> items;
  std::vector<std::int64_t> baskets;
};

/// Every training event of the split; validation and test targets are not in
/// it. Users too short for evaluation contribute all their events.
struct TrainingData {
  std::vector<UserSequence> users;
};

}  // namespace harness
