// The BERT4Rec network (Sun et al. 2019): item and position embeddings and
// bidirectional post-LN Transformer blocks as in BERT. The masked-item head
// is dense, GELU and layer norm, then a dot product with the shared item
// table plus a bias per item. The layout follows the authors' code
// (github.com/FeiSun/BERT4Rec, modeling.py and get_masked_lm_output in
// run.py). Header only so that the unit test can build the same network.
#pragma once

#include "../common/transformer_layers.h"
#include "../common/transformer_params.h"

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace harness::bert4rec {

struct Bert4recOptions {
  /// Item ids run from 1 to num_items. 0 is padding, num_items + 1 [MASK].
  std::int64_t num_items = 0;
  /// Rows of the position table, which is the widest input accepted.
  std::int64_t max_positions = 0;
  transformer::EncoderParams encoder;
};

/// Layer norm epsilon of BERT's TensorFlow code and of RecBole's BERT4Rec.
constexpr double kLayerNormEps = 1e-12;

/// One BERT block: attention and feed-forward, each followed by dropout,
/// a residual connection and a layer norm.
class Bert4recBlockImpl : public torch::nn::Module {
 public:
  explicit Bert4recBlockImpl(const transformer::EncoderParams& e) {
    auto norm_options =
        torch::nn::LayerNormOptions({e.hidden_size}).eps(kLayerNormEps);
    attention_ = register_module(
        "attention",
        transformer::MultiHeadAttention(e.hidden_size, e.num_heads,
                                        e.attention_dropout,
                                        /*output_projection=*/true));
    attention_norm_ = register_module("attention_norm",
                                      torch::nn::LayerNorm(norm_options));
    feed_forward_ = register_module(
        "feed_forward",
        transformer::FeedForward(e.hidden_size, e.inner_size,
                                 transformer::Activation::kGelu,
                                 /*inner_dropout=*/0.0));
    feed_forward_norm_ = register_module("feed_forward_norm",
                                         torch::nn::LayerNorm(norm_options));
    dropout_ = register_module("dropout", torch::nn::Dropout(e.dropout));
  }

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& allowed) {
    torch::Tensor attended =
        attention_norm_(x + dropout_(attention_(x, x, allowed)));
    return feed_forward_norm_(attended +
                              dropout_(feed_forward_(attended)));
  }

 private:
  transformer::MultiHeadAttention attention_{nullptr};
  torch::nn::LayerNorm attention_norm_{nullptr};
  transformer::FeedForward feed_forward_{nullptr};
  torch::nn::LayerNorm feed_forward_norm_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
};
TORCH_MODULE(Bert4recBlock);

class Bert4recNetImpl : public torch::nn::Module {
 public:
  explicit Bert4recNetImpl(const Bert4recOptions& options)
      : num_items_(options.num_items),
        max_positions_(options.max_positions) {
    const auto& e = options.encoder;
    items_ = register_module(
        "items", torch::nn::Embedding(
                     torch::nn::EmbeddingOptions(options.num_items + 2,
                                                 e.hidden_size)
                         .padding_idx(0)));
    positions_ = register_module(
        "positions",
        torch::nn::Embedding(options.max_positions, e.hidden_size));
    auto norm_options =
        torch::nn::LayerNormOptions({e.hidden_size}).eps(kLayerNormEps);
    embedding_norm_ = register_module("embedding_norm",
                                      torch::nn::LayerNorm(norm_options));
    dropout_ = register_module("dropout", torch::nn::Dropout(e.dropout));
    for (std::int64_t i = 0; i < e.num_layers; ++i) {
      blocks_.push_back(
          register_module("block" + std::to_string(i), Bert4recBlock(e)));
    }
    head_dense_ = register_module(
        "head_dense", torch::nn::Linear(e.hidden_size, e.hidden_size));
    head_norm_ = register_module("head_norm",
                                 torch::nn::LayerNorm(norm_options));
    // One bias per table row except [MASK]. Column 0 (padding) gets no
    // gradient from the loss and stays 0.
    output_bias_ = register_parameter(
        "output_bias", torch::zeros({options.num_items + 1}));

    transformer::init_weights(*this, e.init_std);
    torch::NoGradGuard no_grad;
    items_->weight[0].zero_();
  }

  /// Id of the [MASK] token.
  std::int64_t mask_token() const { return num_items_ + 1; }

  /// Returns the hidden state [B, T, H] of every position of `items`
  /// [B, T] (int64, right-aligned, 0 = padding, mask_token() = [MASK]).
  /// Padding keys are masked, and padded positions hold meaningless values.
  torch::Tensor encode(const torch::Tensor& items) {
    torch::Tensor positions = transformer::right_aligned_positions(
        items.size(1), max_positions_, items.device());
    torch::Tensor x = items_(items) + positions_(positions);
    x = dropout_(embedding_norm_(x));
    torch::Tensor allowed = transformer::attention_mask(items,
                                                        /*causal=*/false);
    for (auto& block : blocks_) {
      x = block(x, allowed);
    }
    return x;
  }

  /// Returns logits [N, count] of table rows first .. first + count - 1
  /// for hidden states [N, H]. Rows stop at num_items: [MASK] is never a
  /// candidate.
  torch::Tensor logits(const torch::Tensor& hidden, std::int64_t first,
                       std::int64_t count) {
    TORCH_CHECK(first >= 0 && first + count <= num_items_ + 1,
                "bert4rec: logits over rows [", first, ", ", first + count,
                ") would include [MASK] or run past the table");
    torch::Tensor projected = head_norm_(torch::gelu(head_dense_(hidden)));
    torch::Tensor table = items_->weight.narrow(0, first, count);
    return projected.matmul(table.t()) + output_bias_.narrow(0, first, count);
  }

 private:
  std::int64_t num_items_;
  std::int64_t max_positions_;
  torch::nn::Embedding items_{nullptr};
  torch::nn::Embedding positions_{nullptr};
  torch::nn::LayerNorm embedding_norm_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  std::vector<Bert4recBlock> blocks_;
  torch::nn::Linear head_dense_{nullptr};
  torch::nn::LayerNorm head_norm_{nullptr};
  torch::Tensor output_bias_;
};
TORCH_MODULE(Bert4recNet);

}  // namespace harness::bert4rec
