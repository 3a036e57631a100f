// Item-to-item kNN over sequences: the last few history items vote for
// their co-occurrence neighbours; items without votes follow by global
// popularity.
#pragma once

#include <harness/model.h>
#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "item_similarity.h"

namespace harness::baselines {

struct ItemKnnOptions {
  ItemSimilarityOptions similarity;
  /// Most recent history events whose neighbours are summed.
  std::int64_t num_last = 3;
  /// Weight of the event s steps before the last one: decay^s.
  double decay = 0.8;
};

class ItemKnnModel : public Model {
 public:
  ItemKnnModel(const ItemKnnOptions& options, const DatasetInfo& dataset);

  /// Counts co-occurrences and item popularity in the training sequences.
  void fit(const TrainingData& data) override;

  /// Returns {neighbor_items, neighbor_similarities, popularity}: int64 and
  /// float64 [num_items + 1, neighbors], int64 [num_items + 1].
  std::vector<torch::Tensor> buffers() override;

  torch::Tensor score(const SequenceBatch& histories) override;

 private:
  ItemKnnOptions options_;
  std::int64_t num_items_;
  ItemNeighbors neighbors_;
  torch::Tensor popularity_;
};

}  // namespace harness::baselines
