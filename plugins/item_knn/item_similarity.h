// Sparse item-to-item similarity from co-occurrence inside a sliding window
// of the training sequences.
#pragma once

#include <harness/dataset_info.h>
#include <torch/torch.h>

#include <cstdint>

namespace harness::baselines {

struct ItemSimilarityOptions {
  /// A pair (i, j) co-occurs when j comes 1..window events after i.
  std::int64_t window = 5;
  /// True: only the forward pair (i, j) counts. False: (j, i) counts too.
  bool directional = false;
  /// sim(i, j) = count(i, j) / (events(i)^alpha * events(j)^(1 - alpha)).
  double alpha = 0.5;
  /// Most similar items kept per item.
  std::int64_t neighbors = 100;
};

/// Top neighbours of each item: row i lists item ids (0 where the row has
/// fewer neighbours) and their similarities (0 there), best first, ties by
/// smaller item id. Both are [num_items + 1, neighbors]; row 0 is empty.
struct ItemNeighbors {
  torch::Tensor items;         // int64
  torch::Tensor similarities;  // float64
};

/// Counts co-occurring pairs (an item never pairs with itself) and keeps
/// each item's best `neighbors`. `events` is the training event count per
/// item.
ItemNeighbors build_item_neighbors(const TrainingData& data,
                                   const torch::Tensor& events,
                                   std::int64_t num_items,
                                   const ItemSimilarityOptions& options);

}  // namespace harness::baselines
