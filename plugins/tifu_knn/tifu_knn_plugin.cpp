// Plugin entry for TIFU-KNN. Defaults are the Instacart values run by Li et
// al., "A Next Basket Recommendation Reality Check" (their README command:
// k 900, r_b 0.9, r_g 0.7, alpha 0.9, 3 groups).
#include <harness/plugin.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "tifu_knn_model.h"

namespace {

using harness::baselines::WithinDecayOrigin;

WithinDecayOrigin parse_origin(const std::string& name) {
  if (name == "group") return WithinDecayOrigin::kGroup;
  if (name == "history") return WithinDecayOrigin::kHistory;
  throw std::invalid_argument("tifu_knn: invalid within_decay_origin '" + name +
                              "'; expected group or history");
}

harness::PluginInfo describe() {
  const harness::baselines::TifuKnnOptions defaults;
  harness::PluginInfo info;
  info.name = "tifu_knn";
  info.version = "1.0.0";
  info.description =
      "TIFU-KNN: time-decayed personal item frequencies blended with the k "
      "nearest users";

  harness::ParamSpec origin;
  origin.name = "within_decay_origin";
  origin.type = harness::ParamType::kString;
  origin.default_value = std::string("group");
  origin.choices = {"group", "history"};
  origin.help =
      "within-group decay counts baskets back from the group's last basket "
      "(paper) or the history's last basket (authors' code)";
  info.params = {
      harness::int_param("k", defaults.k, 1, std::nullopt,
                         "nearest training users averaged"),
      harness::float_param(
          "alpha", defaults.alpha, 0.0, 1.0,
          "weight of the user's own vector against the neighbours'"),
      harness::int_param(
          "num_groups", defaults.vectors.num_groups, 1, std::nullopt,
          "m, the number of groups the history baskets are split into"),
      harness::float_param("within_decay", defaults.vectors.within_decay, 0.0,
                           1.0, "r_b, decay per basket inside a group"),
      harness::float_param("group_decay", defaults.vectors.group_decay, 0.0,
                           1.0, "r_g, decay per group"),
      origin,
  };

  info.create = [](const harness::Params& params,
                   const harness::DatasetInfo& dataset) {
    harness::baselines::TifuKnnOptions options;
    options.k = params.get_int("k");
    options.alpha = params.get_float("alpha");
    options.vectors.num_groups = params.get_int("num_groups");
    options.vectors.within_decay = params.get_float("within_decay");
    options.vectors.group_decay = params.get_float("group_decay");
    options.vectors.origin =
        parse_origin(params.get_string("within_decay_origin"));
    return std::make_unique<harness::baselines::TifuKnnModel>(options, dataset);
  };
  return info;
}

}  // namespace

HARNESS_PLUGIN(describe)
