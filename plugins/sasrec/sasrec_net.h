// The SASRec network (Kang & McAuley 2018): item and position embeddings,
// causal self-attention blocks and a final layer norm, laid out as in the
// authors' TensorFlow code (github.com/kang205/SASRec, model.py). Header
// only so that the unit test can build the network and inspect every
// position's hidden state, which the Model interface does not expose.
#pragma once

#include "../common/transformer_layers.h"
#include "../common/transformer_params.h"

#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace harness::sasrec {

struct SasrecOptions {
  /// Item ids run from 1 to num_items, and row 0 of the table is padding.
  std::int64_t num_items = 0;
  /// Rows of the position table, which is the widest input accepted.
  std::int64_t max_positions = 0;
  transformer::EncoderParams encoder;
  transformer::Activation activation = transformer::Activation::kRelu;
};

/// One block as in the authors' code: the query side is layer-normed, keys
/// and values are not, the residual adds the normed queries, and the
/// feed-forward input is layer-normed and added back to its output.
class SasrecBlockImpl : public torch::nn::Module {
 public:
  explicit SasrecBlockImpl(const SasrecOptions& options) {
    const auto& e = options.encoder;
    auto norm_options =
        torch::nn::LayerNormOptions({e.hidden_size}).eps(kLayerNormEps);
    attention_norm_ = register_module("attention_norm",
                                      torch::nn::LayerNorm(norm_options));
    attention_ = register_module(
        "attention",
        transformer::MultiHeadAttention(e.hidden_size, e.num_heads,
                                        e.attention_dropout,
                                        /*output_projection=*/false));
    feed_forward_norm_ = register_module("feed_forward_norm",
                                         torch::nn::LayerNorm(norm_options));
    feed_forward_ = register_module(
        "feed_forward",
        transformer::FeedForward(e.hidden_size, e.inner_size,
                                 options.activation, e.dropout));
    dropout_ = register_module("dropout", torch::nn::Dropout(e.dropout));
  }

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& allowed) {
    torch::Tensor queries = attention_norm_(x);
    torch::Tensor attended = queries + attention_(queries, x, allowed);
    torch::Tensor normed = feed_forward_norm_(attended);
    return normed + dropout_(feed_forward_(normed));
  }

  /// The authors' normalize() uses epsilon 1e-8.
  static constexpr double kLayerNormEps = 1e-8;

 private:
  torch::nn::LayerNorm attention_norm_{nullptr};
  transformer::MultiHeadAttention attention_{nullptr};
  torch::nn::LayerNorm feed_forward_norm_{nullptr};
  transformer::FeedForward feed_forward_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
};
TORCH_MODULE(SasrecBlock);

class SasrecNetImpl : public torch::nn::Module {
 public:
  explicit SasrecNetImpl(const SasrecOptions& options)
      : max_positions_(options.max_positions),
        embedding_scale_(std::sqrt(
            static_cast<double>(options.encoder.hidden_size))) {
    const auto& e = options.encoder;
    items_ = register_module(
        "items", torch::nn::Embedding(
                     torch::nn::EmbeddingOptions(options.num_items + 1,
                                                 e.hidden_size)
                         .padding_idx(0)));
    positions_ = register_module(
        "positions",
        torch::nn::Embedding(options.max_positions, e.hidden_size));
    dropout_ = register_module("dropout", torch::nn::Dropout(e.dropout));
    for (std::int64_t i = 0; i < e.num_layers; ++i) {
      blocks_.push_back(register_module("block" + std::to_string(i),
                                        SasrecBlock(options)));
    }
    final_norm_ = register_module(
        "final_norm",
        torch::nn::LayerNorm(torch::nn::LayerNormOptions({e.hidden_size})
                                 .eps(SasrecBlockImpl::kLayerNormEps)));

    transformer::init_weights(*this, e.init_std);
    torch::NoGradGuard no_grad;
    items_->weight[0].zero_();
  }

  /// Returns the hidden state [B, T, H] of every position of `items`
  /// [B, T] (int64, right-aligned, 0 = padding). Position t depends only on
  /// items[:, 0..t]. Padded positions hold finite values that mean nothing.
  torch::Tensor encode(const torch::Tensor& items) {
    const std::int64_t width = items.size(1);
    torch::Tensor positions = transformer::right_aligned_positions(
        width, max_positions_, items.device());
    // Zeroing padded rows after each stage follows the authors' code, and
    // keeps padding from drifting into large values through the blocks.
    torch::Tensor keep = items.ne(0).unsqueeze(-1).to(torch::kFloat);

    torch::Tensor x = items_(items) * embedding_scale_ + positions_(positions);
    x = dropout_(x) * keep;
    torch::Tensor allowed = transformer::attention_mask(items,
                                                        /*causal=*/true);
    for (auto& block : blocks_) {
      x = block(x, allowed) * keep;
    }
    return final_norm_(x);
  }

  /// Item embedding table [num_items + 1, H], shared with the output layer.
  const torch::Tensor& item_weights() const { return items_->weight; }

 private:
  std::int64_t max_positions_;
  double embedding_scale_;
  torch::nn::Embedding items_{nullptr};
  torch::nn::Embedding positions_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  std::vector<SasrecBlock> blocks_;
  torch::nn::LayerNorm final_norm_{nullptr};
};
TORCH_MODULE(SasrecNet);

}  // namespace harness::sasrec
