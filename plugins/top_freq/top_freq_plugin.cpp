// Plugin entry for the G-, P- and GP-TopFreq baselines.
#include <harness/plugin.h>

#include <memory>

#include "top_freq_model.h"

namespace {

harness::PluginInfo describe() {
  harness::PluginInfo info;
  info.name = "top_freq";
  info.version = "1.0.0";
  info.description =
      "Basket frequency: global (G-TopFreq), personal (P-TopFreq) or both "
      "(GP-TopFreq)";
  harness::ParamSpec mode;
  mode.name = "mode";
  mode.type = harness::ParamType::kString;
  mode.default_value = std::string("personal_global");
  mode.choices = {"global", "personal", "personal_global"};
  mode.help =
      "global: items in most training baskets; personal: items in most of "
      "the user's baskets; personal_global: personal, then global";
  info.params = {mode};
  info.create = [](const harness::Params& params,
                   const harness::DatasetInfo& dataset) {
    return std::make_unique<harness::baselines::TopFreqModel>(
        harness::baselines::parse_top_freq_mode(params.get_string("mode")),
        dataset);
  };
  return info;
}

}  // namespace

HARNESS_PLUGIN(describe)
