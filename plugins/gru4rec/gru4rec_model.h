// GRU4Rec (Hidasi et al. 2016; Hidasi & Karatzoglou 2018) as a harness
// model: stacked GRUs over the history, scores = state . item embeddings.
#pragma once

#include "gru4rec_config.h"
#include "gru_layer.h"

#include <harness/model.h>

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace gru4rec {

/// The network: input embedding (or one-hot lookup), GRU layers, output
/// item embeddings with a bias.
class Gru4RecNetImpl : public torch::nn::Module {
 public:
  Gru4RecNetImpl(const Gru4RecConfig& config, std::int64_t num_items);

  /// Returns the last layer's state after each event of items [B, T]
  /// (left padded with 0), [B, T, H]. The state stays zero over padding.
  torch::Tensor encode(const torch::Tensor& items);

  /// Returns scores [N, num_items + 1] of states [N, H] for every item.
  torch::Tensor score_all(const torch::Tensor& states) const;

  const torch::Tensor& output_embedding() const { return output_embedding_; }
  const torch::Tensor& output_bias() const { return output_bias_; }

  /// Unnormalised sampling weights of negatives [num_items + 1], 0 for
  /// padding. A buffer, so that to(device) moves it.
  torch::Tensor& sample_weights() { return sample_weights_; }

 private:
  Gru4RecConfig config_;
  torch::Tensor input_embedding_;
  std::vector<GruLayer> layers_;
  torch::Tensor output_embedding_;
  torch::Tensor output_bias_;
  torch::Tensor sample_weights_;
};
TORCH_MODULE(Gru4RecNet);

/// The harness::Model over Gru4RecNet.
class Gru4RecModel : public harness::Model {
 public:
  Gru4RecModel(const Gru4RecConfig& config,
               const harness::DatasetInfo& dataset);

  /// Counts item popularity for negative sampling. Until it is called,
  /// negatives are drawn uniformly.
  void fit(const harness::TrainingData& data) override;
  std::vector<torch::Tensor> parameters() override;
  std::vector<torch::Tensor> buffers() override;
  torch::Tensor loss(const harness::SequenceBatch& windows) override;
  torch::Tensor score(const harness::SequenceBatch& histories) override;
  void set_training(bool training) override;
  void to(torch::Device device) override;

 private:
  torch::Tensor sample_negatives();

  Gru4RecConfig config_;
  std::int64_t num_items_;
  Gru4RecNet net_;
};

}  // namespace gru4rec
