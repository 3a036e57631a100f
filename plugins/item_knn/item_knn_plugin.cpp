// Plugin entry for the sequential item-to-item kNN baseline.
#include <harness/plugin.h>

#include <memory>
#include <string>

#include "item_knn_model.h"

namespace {

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
      harness::int_param("window", defaults.similarity.window, 1, std::nullopt,
                         "pairs co-occur when at most this many events apart"),
      directional,
      harness::float_param(
          "alpha", defaults.similarity.alpha, 0.0, 1.0,
          "similarity count / (n_i^alpha * n_j^(1 - alpha)); 0.5 is "
          "cosine"),
      harness::int_param("neighbors", defaults.similarity.neighbors, 1,
                         std::nullopt, "most similar items kept per item"),
      harness::int_param("num_last", defaults.num_last, 1, std::nullopt,
                         "most recent history events that vote"),
      harness::float_param("decay", defaults.decay, 0.0, 1.0,
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
