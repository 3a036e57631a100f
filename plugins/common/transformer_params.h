// Hyperparameters that the Transformer plugins share, under the same names
// in sweep files: their schema entries and their checks.
#pragma once

#include <harness/params.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace harness::transformer {

/// Sizes and regularisation of a Transformer encoder.
struct EncoderParams {
  /// Width of item embeddings and hidden states.
  std::int64_t hidden_size = 64;
  /// Number of self-attention blocks.
  std::int64_t num_layers = 2;
  /// Number of attention heads, which must divide hidden_size.
  std::int64_t num_heads = 1;
  /// Width of the point-wise feed-forward layer.
  std::int64_t inner_size = 256;
  /// Dropout on embeddings and block outputs, in [0, 1).
  double dropout = 0.2;
  /// Dropout on attention weights, in [0, 1).
  double attention_dropout = 0.2;
  /// Standard deviation of the normal weight initialisation.
  double init_std = 0.02;
};

/// Returns the schema entries for EncoderParams with `defaults` as defaults.
inline std::vector<ParamSpec> encoder_param_specs(
    const EncoderParams& defaults) {
  return {
      int_param("hidden_size", defaults.hidden_size, 1, std::nullopt,
                "width of item embeddings and hidden states"),
      int_param("num_layers", defaults.num_layers, 1, std::nullopt,
                "number of self-attention blocks"),
      int_param("num_heads", defaults.num_heads, 1, std::nullopt,
                "attention heads; must divide hidden_size"),
      int_param("inner_size", defaults.inner_size, 1, std::nullopt,
                "width of the point-wise feed-forward layer"),
      float_param("dropout", defaults.dropout, 0.0, 1.0,
                  "dropout on embeddings and block outputs, in [0, 1)"),
      float_param("attention_dropout", defaults.attention_dropout, 0.0, 1.0,
                  "dropout on attention weights, in [0, 1)"),
      float_param("init_std", defaults.init_std, 0.0, 1.0,
                  "standard deviation of the normal weight initialisation"),
  };
}

/// Reads EncoderParams and checks what the schema bounds cannot express.
/// Throws std::invalid_argument naming the plugin, values and fix.
inline EncoderParams read_encoder_params(const Params& params,
                                         const std::string& plugin) {
  EncoderParams out;
  out.hidden_size = params.get_int("hidden_size");
  out.num_layers = params.get_int("num_layers");
  out.num_heads = params.get_int("num_heads");
  out.inner_size = params.get_int("inner_size");
  out.dropout = params.get_float("dropout");
  out.attention_dropout = params.get_float("attention_dropout");
  out.init_std = params.get_float("init_std");

  if (out.num_heads <= 0 || out.hidden_size % out.num_heads != 0) {
    throw std::invalid_argument(
        plugin + ": num_heads = " + std::to_string(out.num_heads) +
        " does not divide hidden_size = " + std::to_string(out.hidden_size) +
        "; choose num_heads among the divisors of hidden_size");
  }
  for (const auto& [name, value] :
       {std::pair<std::string, double>{"dropout", out.dropout},
        {"attention_dropout", out.attention_dropout}}) {
    if (!(value >= 0.0 && value < 1.0)) {
      throw std::invalid_argument(plugin + ": " + name + " = " +
                                  std::to_string(value) +
                                  " is invalid; use a value in [0, 1)");
    }
  }
  return out;
}

/// Checks the dataset sizes every sequence model needs.
inline void check_dataset_sizes(std::int64_t num_items,
                                std::int64_t max_history,
                                const std::string& plugin) {
  if (num_items < 1) {
    throw std::invalid_argument(
        plugin + ": the dataset has num_items = " + std::to_string(num_items) +
        "; it needs at least one item");
  }
  if (max_history < 1) {
    throw std::invalid_argument(
        plugin + ": max_history = " + std::to_string(max_history) +
        " is invalid; set it to at least 1");
  }
}

}  // namespace harness::transformer
