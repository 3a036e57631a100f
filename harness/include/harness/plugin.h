// The one entry point a plugin exports, and the macro that declares it.
//
//   harness::PluginInfo describe() { ... }
//   HARNESS_PLUGIN(describe)
#pragma once

#include <harness/model.h>
#include <harness/params.h>
#include <harness/version.h>

#include <boost/dll/alias.hpp>
#include <torch/version.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace harness {

/// Everything the host needs from a plugin beyond the versions.
struct PluginInfo {
  /// Name used in sweep files (`plugin = "sasrec"`); unique per folder.
  std::string name;
  std::string version;
  /// One line shown by `harness plugins`.
  std::string description;
  std::vector<ParamSpec> params;
  /// Builds a model; params are validated and complete.
  std::function<std::unique_ptr<Model>(const Params&, const DatasetInfo&)>
      create;
};

/// Exported record. Its layout never changes, so the host can read the ABI
/// and LibTorch versions of any plugin before it touches PluginInfo.
struct PluginHeader {
  std::uint32_t abi_version;
  const char* torch_version;
  const char* name;
  const PluginInfo* info;
};

/// Name of the exported symbol, looked up with Boost.DLL.
constexpr const char* kPluginEntrySymbol = "harness_plugin_entry";

}  // namespace harness

/// Exports `describe` (a function returning harness::PluginInfo) as the
/// plugin's entry point. Use once per shared library, at namespace scope.
#define HARNESS_PLUGIN(describe)                                           \
  namespace harness_plugin_detail {                                        \
  const ::harness::PluginHeader* entry() {                                 \
    static const ::harness::PluginInfo info = describe();                  \
    static const ::harness::PluginHeader header{                           \
        ::harness::kAbiVersion, TORCH_VERSION, info.name.c_str(), &info};  \
    return &header;                                                        \
  }                                                                        \
  }                                                                        \
  BOOST_DLL_ALIAS(harness_plugin_detail::entry, harness_plugin_entry)
