// Hyperparameters of the GRU4Rec plugin: the schema and the typed struct.
#pragma once

#include <harness/params.h>

#include <cstdint>
#include <string>
#include <vector>

namespace gru4rec {

/// Loss names accepted by the `loss` hyperparameter.
constexpr const char* kLossCrossEntropy = "ce";
constexpr const char* kLossBprMax = "bpr_max";

/// GRU4Rec settings; defaults are those of the authors' official code.
struct Gru4RecConfig {
  /// Number of stacked GRU layers, all of width hidden_size.
  std::int64_t num_layers = 1;
  /// GRU units per layer (the authors' `layers=[100]`).
  std::int64_t hidden_size = 100;
  /// Input embedding width; 0 feeds the item as a one-hot vector, so the
  /// first layer's input weights act as a [num_items + 1, 3 * hidden] lookup.
  std::int64_t embedding_size = 0;
  /// Reuse the output item embeddings as input embeddings.
  bool constrained_embedding = false;
  /// Dropout on the input embedding (unused with one-hot input).
  double dropout_input = 0.0;
  /// Dropout on every layer's hidden state, carried to the next step.
  double dropout_hidden = 0.0;
  /// kLossCrossEntropy or kLossBprMax.
  std::string loss = kLossCrossEntropy;
  /// Sampled negatives per training batch for bpr_max.
  std::int64_t num_negatives = 2048;
  /// Negatives are drawn with probability popularity^sample_alpha.
  double sample_alpha = 0.5;
  /// Weight of the BPR-max score regularisation term.
  double bpreg = 1.0;
  /// ELU alpha applied to scores inside the bpr_max loss; 0 disables it.
  double elu_param = 0.5;
};

/// Returns the hyperparameter schema declared by the plugin.
std::vector<harness::ParamSpec> param_specs();

/// Builds the config from validated params. Throws std::invalid_argument
/// for combinations the schema cannot express.
Gru4RecConfig config_from_params(const harness::Params& params);

}  // namespace gru4rec
