#include "gru4rec_config.h"

#include <optional>
#include <stdexcept>

namespace gru4rec {

std::vector<harness::ParamSpec> param_specs() {
  const Gru4RecConfig defaults;
  std::vector<harness::ParamSpec> specs;
  specs.push_back(harness::int_param("num_layers", defaults.num_layers, 1, 16,
                                     "number of stacked GRU layers"));
  specs.push_back(harness::int_param("hidden_size", defaults.hidden_size, 1,
                                     8192, "GRU units per layer"));
  specs.push_back(harness::int_param(
      "embedding_size", defaults.embedding_size, 0, 8192,
      "input embedding width; 0 feeds items one-hot into the first GRU"));

  harness::ParamSpec constrained;
  constrained.name = "constrained_embedding";
  constrained.type = harness::ParamType::kBool;
  constrained.default_value = defaults.constrained_embedding;
  constrained.help = "use the output item embeddings as input embeddings";
  specs.push_back(constrained);

  specs.push_back(harness::float_param(
      "dropout_input", defaults.dropout_input, 0.0, 0.99,
      "dropout probability on the input embedding (not one-hot input)"));
  specs.push_back(
      harness::float_param("dropout_hidden", defaults.dropout_hidden, 0.0, 0.99,
                           "dropout probability on each GRU hidden state"));

  harness::ParamSpec loss;
  loss.name = "loss";
  loss.type = harness::ParamType::kString;
  loss.default_value = defaults.loss;
  loss.choices = {kLossCrossEntropy, kLossBprMax};
  loss.help = "ce: softmax over all items; bpr_max: BPR-max over negatives";
  specs.push_back(loss);

  specs.push_back(harness::int_param(
      "num_negatives", defaults.num_negatives, 0, 1e6,
      "bpr_max: sampled negatives per batch, besides in-batch targets"));
  specs.push_back(harness::float_param(
      "sample_alpha", defaults.sample_alpha, 0.0, 1.0,
      "bpr_max: negatives drawn by popularity^alpha (0 uniform, 1 pop)"));
  specs.push_back(
      harness::float_param("bpreg", defaults.bpreg, 0.0, std::nullopt,
                           "bpr_max: weight of the score regulariser"));
  specs.push_back(harness::float_param(
      "elu_param", defaults.elu_param, 0.0, std::nullopt,
      "bpr_max: ELU alpha on scores inside the loss; 0 turns ELU off"));
  return specs;
}

Gru4RecConfig config_from_params(const harness::Params& params) {
  Gru4RecConfig config;
  config.num_layers = params.get_int("num_layers");
  config.hidden_size = params.get_int("hidden_size");
  config.embedding_size = params.get_int("embedding_size");
  config.constrained_embedding = params.get_bool("constrained_embedding");
  config.dropout_input = params.get_float("dropout_input");
  config.dropout_hidden = params.get_float("dropout_hidden");
  config.loss = params.get_string("loss");
  config.num_negatives = params.get_int("num_negatives");
  config.sample_alpha = params.get_float("sample_alpha");
  config.bpreg = params.get_float("bpreg");
  config.elu_param = params.get_float("elu_param");

  // The authors' code silently ignores `embedding` when the embedding is
  // constrained; an explicit error keeps a sweep from recording a setting
  // that had no effect.
  if (config.constrained_embedding && config.embedding_size != 0) {
    throw std::invalid_argument(
        "gru4rec: embedding_size = " + std::to_string(config.embedding_size) +
        " conflicts with constrained_embedding = true, which feeds the "
        "output embeddings (width hidden_size = " +
        std::to_string(config.hidden_size) +
        ") as input; set embedding_size = 0 or constrained_embedding = "
        "false");
  }
  return config;
}

}  // namespace gru4rec
