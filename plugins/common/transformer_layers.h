// Layers shared by the Transformer plugins (sasrec, bert4rec): multi-head
// self-attention under a boolean mask, the point-wise feed-forward network,
// attention masks, right-aligned positions and weight initialisation.
// Header-only because plugins/common is not a library of its own.
#pragma once

#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace harness::transformer {

enum class Activation { kRelu, kGelu };

/// Maps the `activation` hyperparameter ("relu" or "gelu") to its enum.
inline Activation parse_activation(const std::string& name) {
  if (name == "relu") return Activation::kRelu;
  if (name == "gelu") return Activation::kGelu;
  throw std::invalid_argument("invalid activation '" + name +
                              "'; expected \"relu\" or \"gelu\"");
}

inline torch::Tensor activate(const torch::Tensor& x, Activation activation) {
  return activation == Activation::kRelu ? torch::relu(x) : torch::gelu(x);
}

/// Multi-head scaled dot-product attention. The output projection is
/// optional because the SASRec authors' code has none and BERT has one.
class MultiHeadAttentionImpl : public torch::nn::Module {
 public:
  MultiHeadAttentionImpl(std::int64_t hidden_size, std::int64_t num_heads,
                         double attention_dropout, bool output_projection)
      : num_heads_(num_heads), head_size_(hidden_size / num_heads) {
    query_ = register_module("query", torch::nn::Linear(hidden_size,
                                                        hidden_size));
    key_ = register_module("key", torch::nn::Linear(hidden_size,
                                                    hidden_size));
    value_ = register_module("value", torch::nn::Linear(hidden_size,
                                                        hidden_size));
    if (output_projection) {
      output_ = register_module(
          "output", torch::nn::Linear(hidden_size, hidden_size));
    }
    attention_dropout_ = register_module(
        "attention_dropout", torch::nn::Dropout(attention_dropout));
  }

  /// Attends from `query` [B, Tq, H] to `key_value` [B, Tk, H]. `allowed`
  /// is bool, broadcastable to [B, 1, Tq, Tk], true where a query may see a
  /// key. Every query row must allow at least one key, because softmax
  /// over only -inf gives NaN. attention_mask() guarantees this.
  torch::Tensor forward(const torch::Tensor& query,
                        const torch::Tensor& key_value,
                        const torch::Tensor& allowed) {
    const std::int64_t batch = query.size(0);
    const std::int64_t hidden = query.size(2);
    auto split_heads = [&](const torch::Tensor& x) {
      return x.view({batch, x.size(1), num_heads_, head_size_})
          .transpose(1, 2);
    };
    torch::Tensor q = split_heads(query_(query));
    torch::Tensor k = split_heads(key_(key_value));
    torch::Tensor v = split_heads(value_(key_value));

    torch::Tensor logits = torch::matmul(q, k.transpose(-2, -1)) /
                           std::sqrt(static_cast<double>(head_size_));
    logits = logits.masked_fill(allowed.logical_not(),
                                -std::numeric_limits<float>::infinity());
    torch::Tensor weights =
        attention_dropout_(torch::softmax(logits, /*dim=*/-1));

    torch::Tensor out = torch::matmul(weights, v)
                            .transpose(1, 2)
                            .reshape({batch, query.size(1), hidden});
    return output_ ? output_(out) : out;
  }

 private:
  std::int64_t num_heads_;
  std::int64_t head_size_;
  torch::nn::Linear query_{nullptr};
  torch::nn::Linear key_{nullptr};
  torch::nn::Linear value_{nullptr};
  torch::nn::Linear output_{nullptr};
  torch::nn::Dropout attention_dropout_{nullptr};
};
TORCH_MODULE(MultiHeadAttention);

/// Point-wise feed-forward network: dense, activation, dropout, dense. The
/// caller applies the output dropout and the residual connection.
class FeedForwardImpl : public torch::nn::Module {
 public:
  FeedForwardImpl(std::int64_t hidden_size, std::int64_t inner_size,
                  Activation activation, double inner_dropout)
      : activation_(activation) {
    inner_ = register_module("inner",
                             torch::nn::Linear(hidden_size, inner_size));
    outer_ = register_module("outer",
                             torch::nn::Linear(inner_size, hidden_size));
    inner_dropout_ = register_module("inner_dropout",
                                     torch::nn::Dropout(inner_dropout));
  }

  torch::Tensor forward(const torch::Tensor& x) {
    return outer_(inner_dropout_(activate(inner_(x), activation_)));
  }

 private:
  Activation activation_;
  torch::nn::Linear inner_{nullptr};
  torch::nn::Linear outer_{nullptr};
  torch::nn::Dropout inner_dropout_{nullptr};
};
TORCH_MODULE(FeedForward);

/// Returns the position ids [width] of a right-aligned batch: the last
/// column always gets max_positions - 1, as in the reference code's
/// left-padded fixed-length inputs.
inline torch::Tensor right_aligned_positions(std::int64_t width,
                                             std::int64_t max_positions,
                                             torch::Device device) {
  if (width > max_positions) {
    throw std::invalid_argument(
        "batch width " + std::to_string(width) +
        " exceeds the model's " + std::to_string(max_positions) +
        " positions; trim batches to the dataset's max_history");
  }
  return torch::arange(max_positions - width, max_positions,
                       torch::dtype(torch::kLong).device(device));
}

/// Returns the bool mask [B, 1, T, T] for `items` [B, T] (0 = padding):
/// query t may see key s when s is not padding and, if `causal`, s <= t.
/// Every query may also see itself, so a padded query, whose keys are all
/// masked otherwise, gets a finite output instead of NaN.
inline torch::Tensor attention_mask(const torch::Tensor& items, bool causal) {
  const std::int64_t batch = items.size(0);
  const std::int64_t width = items.size(1);
  auto bool_options = torch::dtype(torch::kBool).device(items.device());
  torch::Tensor allowed = items.ne(0).view({batch, 1, 1, width});
  if (causal) {
    torch::Tensor lower = torch::ones({width, width}, bool_options).tril();
    allowed = allowed.logical_and(lower.view({1, 1, width, width}));
  }
  torch::Tensor self = torch::eye(width, bool_options);
  return allowed.logical_or(self.view({1, 1, width, width}));
}

/// Initialises weights as RecBole does for its Transformer models:
/// normal(0, std) for linear and embedding weights, zero linear biases,
/// LayerNorm weight 1 and bias 0. Padding rows are the caller's job.
/// Visits submodules only (`module` itself is skipped), so it can run in a
/// constructor, before a shared_ptr owns the module.
inline void init_weights(torch::nn::Module& module, double std) {
  torch::NoGradGuard no_grad;
  for (const auto& child : module.modules(/*include_self=*/false)) {
    if (auto* linear = child->as<torch::nn::Linear>()) {
      linear->weight.normal_(0.0, std);
      if (linear->bias.defined()) linear->bias.zero_();
    } else if (auto* embedding = child->as<torch::nn::Embedding>()) {
      embedding->weight.normal_(0.0, std);
    } else if (auto* norm = child->as<torch::nn::LayerNorm>()) {
      norm->weight.fill_(1.0);
      norm->bias.zero_();
    }
  }
}

}  // namespace harness::transformer
