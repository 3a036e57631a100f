// Plugin entry for the personal-history baseline.
#include <harness/plugin.h>

#include <memory>

#include "last_items_model.h"

namespace {

harness::PluginInfo describe() {
  harness::PluginInfo info;
  info.name = "last_items";
  info.version = "1.0.0";
  info.description =
      "The user's own items by count and recency, then global popularity";
  harness::ParamSpec max_items;
  max_items.name = "max_items";
  max_items.type = harness::ParamType::kInt;
  max_items.default_value = std::int64_t{0};
  max_items.min = 0.0;
  max_items.help =
      "most recent history events that count as the user's own (0 = all)";
  info.params = {max_items};
  info.create = [](const harness::Params& params,
                   const harness::DatasetInfo& dataset) {
    harness::baselines::LastItemsOptions options;
    options.max_items = params.get_int("max_items");
    return std::make_unique<harness::baselines::LastItemsModel>(options,
                                                                dataset);
  };
  return info;
}

}  // namespace

HARNESS_PLUGIN(describe)
