// Loads a built plugin for a unit test and fills in schema defaults, so
// plugin tests exercise the real shared library through the SDK only.
#pragma once

#include <harness/plugin.h>

#include <boost/dll/shared_library.hpp>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

namespace harness::testing {

class LoadedPlugin {
 public:
  /// Loads HARNESS_PLUGIN_DIR/<name>.so.
  explicit LoadedPlugin(const std::string& name)
      : library_(std::string(HARNESS_PLUGIN_DIR) + "/" + name + ".so",
                 boost::dll::load_mode::rtld_now) {
    auto entry = library_.get_alias<const PluginHeader*()>(kPluginEntrySymbol);
    header_ = entry();
    if (header_->abi_version != kAbiVersion) {
      throw std::runtime_error("plugin " + name + " has another ABI version");
    }
  }

  const PluginInfo& info() const { return *header_->info; }

  /// Schema defaults, with `overrides` replacing some of them.
  Params params(const std::map<std::string, ParamValue>& overrides = {}) const {
    std::map<std::string, ParamValue> values;
    for (const ParamSpec& spec : info().params) {
      values[spec.name] = spec.default_value;
    }
    for (const auto& [key, value] : overrides) {
      if (values.count(key) == 0) {
        throw std::invalid_argument("no hyperparameter " + key);
      }
      values[key] = value;
    }
    return Params(values);
  }

  std::unique_ptr<Model> create(
      const DatasetInfo& dataset,
      const std::map<std::string, ParamValue>& overrides = {}) const {
    return info().create(params(overrides), dataset);
  }

 private:
  boost::dll::shared_library library_;
  const PluginHeader* header_ = nullptr;
};

}  // namespace harness::testing
