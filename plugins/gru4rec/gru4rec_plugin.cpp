// Plugin entry: schema and factory of the GRU4Rec model.
#include "gru4rec_config.h"
#include "gru4rec_model.h"

#include <harness/plugin.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace {

harness::PluginInfo describe() {
  harness::PluginInfo info;
  info.name = "gru4rec";
  info.version = "1.0.0";
  info.description =
      "GRU4Rec: GRU over the history, scores against item embeddings "
      "(Hidasi et al. 2016, 2018)";
  info.params = gru4rec::param_specs();
  info.create = [](const harness::Params& params,
                   const harness::DatasetInfo& dataset)
      -> std::unique_ptr<harness::Model> {
    if (dataset.num_items < 1) {
      throw std::invalid_argument(
          "gru4rec: dataset has num_items = " +
          std::to_string(dataset.num_items) + ", expected at least 1");
    }
    return std::make_unique<gru4rec::Gru4RecModel>(
        gru4rec::config_from_params(params), dataset);
  };
  return info;
}

}  // namespace

HARNESS_PLUGIN(describe)
