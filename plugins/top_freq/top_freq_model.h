// Next-basket frequency baselines: G-TopFreq (items in the most training
// baskets), P-TopFreq (items in the most of the user's history baskets) and
// GP-TopFreq (personal first, then global).
#pragma once

#include <harness/model.h>
#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace harness::baselines {

enum class TopFreqMode { kGlobal, kPersonal, kPersonalGlobal };

/// Parses "global", "personal" or "personal_global"; throws
/// std::invalid_argument naming the allowed values for anything else.
TopFreqMode parse_top_freq_mode(const std::string& name);

class TopFreqModel : public Model {
 public:
  TopFreqModel(TopFreqMode mode, const DatasetInfo& dataset);

  /// Counts, per item, the training baskets that contain it.
  void fit(const TrainingData& data) override;

  /// Returns {basket_counts}: int64 [num_items + 1] training baskets per
  /// item.
  std::vector<torch::Tensor> buffers() override;

  torch::Tensor score(const SequenceBatch& histories) override;

 private:
  /// Levels of the personal ranking: 0 for items not in the history, else
  /// baskets containing the item, ties broken by its latest basket.
  torch::Tensor personal_levels(const SequenceBatch& histories) const;

  TopFreqMode mode_;
  std::int64_t num_items_;
  torch::Tensor basket_counts_;
  torch::Tensor global_level_;
  std::int64_t global_levels_ = 0;
};

}  // namespace harness::baselines
