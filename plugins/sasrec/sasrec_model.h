// SASRec as a harness::Model: the network, its two training losses and
// next-item scoring.
#pragma once

#include "sasrec_net.h"

#include <harness/model.h>

#include <cstdint>
#include <vector>

namespace harness::sasrec {

enum class LossKind {
  /// Full softmax cross-entropy over all items.
  kCrossEntropy,
  /// Binary cross-entropy against sampled negatives.
  kBinaryCrossEntropy,
};

class SasrecModel : public Model {
 public:
  SasrecModel(const SasrecOptions& options, LossKind loss,
              std::int64_t num_negatives);

  std::vector<torch::Tensor> parameters() override;
  torch::Tensor loss(const SequenceBatch& windows) override;
  torch::Tensor score(const SequenceBatch& histories) override;
  void set_training(bool training) override;
  void to(torch::Device device) override;

 private:
  torch::Tensor cross_entropy(const torch::Tensor& hidden,
                              const torch::Tensor& targets);
  torch::Tensor binary_cross_entropy(const torch::Tensor& hidden,
                                     const torch::Tensor& targets);

  std::int64_t num_items_;
  LossKind loss_;
  std::int64_t num_negatives_;
  torch::Device device_ = torch::kCPU;
  SasrecNet net_;
};

}  // namespace harness::sasrec
