// Plugin entry for SASRec: the hyperparameter schema and create().
#include "sasrec_model.h"

#include <harness/plugin.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace harness::sasrec {
namespace {

constexpr const char* kName = "sasrec";

std::vector<ParamSpec> schema() {
  // inner_size 256 = 4 * hidden_size as in RecBole and the Transformer;
  // the authors' code uses inner_size = hidden_size.
  transformer::EncoderParams defaults;
  defaults.num_heads = 1;
  std::vector<ParamSpec> specs = transformer::encoder_param_specs(defaults);

  ParamSpec activation;
  activation.name = "activation";
  activation.type = ParamType::kString;
  activation.default_value = std::string("relu");
  activation.choices = {"relu", "gelu"};
  activation.help = "feed-forward activation (relu in the paper)";
  specs.push_back(activation);

  ParamSpec loss;
  loss.name = "loss";
  loss.type = ParamType::kString;
  loss.default_value = std::string("ce");
  loss.choices = {"ce", "bce"};
  loss.help = "ce: softmax over all items, bce: sampled negatives (paper)";
  specs.push_back(loss);

  ParamSpec negatives;
  negatives.name = "num_negatives";
  negatives.type = ParamType::kInt;
  negatives.default_value = std::int64_t{1};
  negatives.min = 1;
  negatives.help = "negatives sampled per position when loss = bce";
  specs.push_back(negatives);
  return specs;
}

std::unique_ptr<Model> create(const Params& params,
                              const DatasetInfo& dataset) {
  transformer::check_dataset_sizes(dataset.num_items, dataset.max_history,
                                   kName);
  SasrecOptions options;
  options.num_items = dataset.num_items;
  options.max_positions = dataset.max_history;
  options.encoder = transformer::read_encoder_params(params, kName);
  options.activation =
      transformer::parse_activation(params.get_string("activation"));

  const std::string& loss_name = params.get_string("loss");
  if (loss_name != "ce" && loss_name != "bce") {
    throw std::invalid_argument("sasrec: invalid loss '" + loss_name +
                                "'; expected \"ce\" or \"bce\"");
  }
  LossKind loss = loss_name == "ce" ? LossKind::kCrossEntropy
                                    : LossKind::kBinaryCrossEntropy;
  if (loss == LossKind::kBinaryCrossEntropy && dataset.num_items < 2) {
    throw std::invalid_argument(
        "sasrec: loss = \"bce\" needs at least 2 items to draw a negative "
        "that differs from the target; use loss = \"ce\"");
  }
  return std::make_unique<SasrecModel>(options, loss,
                                       params.get_int("num_negatives"));
}

PluginInfo describe() {
  PluginInfo info;
  info.name = kName;
  info.version = "1.0.0";
  info.description =
      "SASRec: causal self-attention over the item sequence "
      "(Kang & McAuley 2018)";
  info.params = schema();
  info.create = create;
  return info;
}

}  // namespace
}  // namespace harness::sasrec

HARNESS_PLUGIN(harness::sasrec::describe)
