// Plugin entry for the global popularity baseline.
#include <harness/plugin.h>

#include <memory>

#include "pop_model.h"

namespace {

harness::PluginInfo describe() {
  harness::PluginInfo info;
  info.name = "pop";
  info.version = "1.0.0";
  info.description =
      "Global popularity: ranks items by their number of training events";
  info.create = [](const harness::Params& /*params*/,
                   const harness::DatasetInfo& dataset) {
    return std::make_unique<harness::baselines::PopModel>(dataset);
  };
  return info;
}

}  // namespace

HARNESS_PLUGIN(describe)
