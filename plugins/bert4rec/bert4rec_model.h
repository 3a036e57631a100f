// BERT4Rec as a harness::Model: Cloze training on windows and next-item
// scoring through a [MASK] appended to the history.
#pragma once

#include "bert4rec_net.h"

#include <harness/model.h>

#include <cstdint>
#include <vector>

namespace harness::bert4rec {

/// Masking settings of Cloze training.
struct MaskingOptions {
  /// Probability that a non-padding position is replaced by [MASK].
  double mask_prob = 0.2;
  /// Fraction of rows in which only the last item is masked.
  double last_mask_prob = 0.1;
};

class Bert4recModel : public Model {
 public:
  Bert4recModel(const Bert4recOptions& options, const MaskingOptions& masking);

  std::vector<torch::Tensor> parameters() override;
  torch::Tensor loss(const SequenceBatch& windows) override;
  torch::Tensor score(const SequenceBatch& histories) override;
  void set_training(bool training) override;
  void to(torch::Device device) override;

 private:
  torch::Tensor choose_masked(const torch::Tensor& items) const;

  std::int64_t num_items_;
  std::int64_t max_positions_;
  MaskingOptions masking_;
  torch::Device device_ = torch::kCPU;
  Bert4recNet net_;
};

}  // namespace harness::bert4rec
