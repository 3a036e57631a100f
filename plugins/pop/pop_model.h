// Global popularity: every history gets the same scores, the number of
// training events of each item.
#pragma once

#include <harness/model.h>
#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace harness::baselines {

class PopModel : public Model {
 public:
  explicit PopModel(const DatasetInfo& dataset);

  /// Counts the training events of each item.
  void fit(const TrainingData& data) override;

  /// Returns {counts}: int64 [num_items + 1] training events per item.
  std::vector<torch::Tensor> buffers() override;

  /// Returns the counts as float scores, one identical row per history.
  torch::Tensor score(const SequenceBatch& histories) override;

 private:
  std::int64_t num_items_;
  torch::Tensor counts_;
  torch::Tensor scores_;
};

}  // namespace harness::baselines
