// Plugin entry for BERT4Rec: the hyperparameter schema and create().
#include "bert4rec_model.h"

#include <harness/plugin.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace harness::bert4rec {
namespace {

constexpr const char* kName = "bert4rec";

ParamSpec probability_spec(std::string name, double value, std::string help) {
  ParamSpec spec;
  spec.name = std::move(name);
  spec.type = ParamType::kFloat;
  spec.default_value = value;
  spec.min = 0.0;
  spec.max = 1.0;
  spec.help = std::move(help);
  return spec;
}

std::vector<ParamSpec> schema() {
  // Defaults are those of the authors' ML-1m configuration
  // (bert_config_ml-1m_64.json, run_ml-1m.sh).
  transformer::EncoderParams defaults;
  defaults.num_heads = 2;
  std::vector<ParamSpec> specs = transformer::encoder_param_specs(defaults);
  specs.push_back(probability_spec(
      "mask_prob", 0.2,
      "probability that a training item is replaced by [MASK]"));
  specs.push_back(probability_spec(
      "last_mask_prob", 0.1,
      "share of training rows in which only the last item is masked"));
  return specs;
}

std::unique_ptr<Model> create(const Params& params,
                              const DatasetInfo& dataset) {
  transformer::check_dataset_sizes(dataset.num_items, dataset.max_history,
                                   kName);
  Bert4recOptions options;
  options.num_items = dataset.num_items;
  options.max_positions = dataset.max_history;
  options.encoder = transformer::read_encoder_params(params, kName);

  MaskingOptions masking;
  masking.mask_prob = params.get_float("mask_prob");
  masking.last_mask_prob = params.get_float("last_mask_prob");
  return std::make_unique<Bert4recModel>(options, masking);
}

PluginInfo describe() {
  PluginInfo info;
  info.name = kName;
  info.version = "1.0.0";
  info.description =
      "BERT4Rec: bidirectional self-attention trained by masked-item "
      "prediction (Sun et al. 2019)";
  info.params = schema();
  info.create = create;
  return info;
}

}  // namespace
}  // namespace harness::bert4rec

HARNESS_PLUGIN(harness::bert4rec::describe)
