// Personal history first: the items of the user's own history by count,
// most recent first among equal counts, then every other item by global
// popularity (training events).
#pragma once

#include <harness/model.h>
#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace harness::baselines {

struct LastItemsOptions {
  /// Most recent history events that count as the user's own (0 = all).
  std::int64_t max_items = 0;
};

class LastItemsModel : public Model {
 public:
  LastItemsModel(const LastItemsOptions& options, const DatasetInfo& dataset);

  /// Counts training events per item for the popularity fallback.
  void fit(const TrainingData& data) override;

  /// Returns {popularity}: int64 [num_items + 1] training events per item.
  std::vector<torch::Tensor> buffers() override;

  torch::Tensor score(const SequenceBatch& histories) override;

 private:
  LastItemsOptions options_;
  std::int64_t num_items_;
  torch::Tensor popularity_;
  /// Dense rank of each item's popularity, and how many ranks there are.
  torch::Tensor popularity_level_;
  std::int64_t popularity_levels_ = 0;
};

}  // namespace harness::baselines
