// Plugin entry for the sequential item-to-item kNN baseline.
#include <harness/plugin.h>

#include <memory>
#include <string>

#include "item_knn_model.h"

namespace {

harness::ParamSpec int_param(const std::string& name, std::int64_t value,
                             double min, const std::string& help) {
  harness::ParamSpec spec;
  spec.name = name;
  spec.type = harness::ParamType::kInt;
  spec.default_value = value;
  spec.min = min;
  spec.help = help;
  return spec;
}

harness::ParamSpec float_param(const std::string& name, double value,
                               const std::string& help) {
  harness::ParamSpec spec;
  spec.name = name;
  spec.type = harness::ParamType::kFloat;
  spec.default_value = value;
  spec.min = 0.0;
  spec.max = 1.0;
  spec.help = help;
  return spec;
}

harness::PluginInfo describe() {
  const harness::baselines::ItemKnnOptions defaults;
  harness::PluginInfo info;
  info.name = "item_knn";
  info.version = "1.0.0";
  info.description =
      "Item-to-item kNN on windowed co-occurrence; the last items vote for "
      "their neighbours";

  harness::ParamSpec directional;
  directional.name = "directional";
  directional.type = harness::ParamType::kBool;
  directional.default_value = defaults.similarity.directional;
  directional.help =
      "true: count only pairs (i, j) with j after i; false: both orders";
  info.params = {
      int_param("window", defaults.similarity.window, 1,
                "pairs co-occur when at most this many events apart"),
      directional,
      float_param("alpha", defaults.similarity.alpha,
                  "similarity count / (n_i^alpha * n_j^(1 - alpha)); 0.5 is "
                  "cosine"),
      int_param("neighbors", defaults.similarity.neighbors, 1,
                "most similar items kept per item"),
      int_param("num_last", defaults.num_last, 1,
                "most recent history events that vote"),
      float_param("decay", defaults.decay,
                  "vote weight per step back from the last event"),
  };

  info.create = [](const harness::Params& params,
                   const harness::DatasetInfo& dataset) {
    harness::baselines::ItemKnnOptions options;
    options.similarity.window = params.get_int("window");
    options.similarity.directional = params.get_bool("directional");
    options.similarity.alpha = params.get_float("alpha");
    options.similarity.neighbors = params.get_int("neighbors");
    options.num_last = params.get_int("num_last");
    options.decay = params.get_float("decay");
    return std::make_unique<harness::baselines::ItemKnnModel>(options, dataset);
  };
  return info;
}

}  // namespace

HARNESS_PLUGIN(describe)
