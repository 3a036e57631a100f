// A plugin whose exported record claims another ABI version or another
// LibTorch version, so tests can check that the host rejects it with both
// versions named and without calling into it.
#include <harness/plugin.h>

namespace {

harness::PluginInfo describe() {
  harness::PluginInfo info;
  info.name = MISMATCHED_PLUGIN_NAME;
  info.version = "1.0.0";
  info.description = "test plugin with mismatched versions";
  return info;
}

const harness::PluginHeader* entry() {
  static const harness::PluginInfo info = describe();
  static const harness::PluginHeader header{
      MISMATCHED_ABI_VERSION, MISMATCHED_TORCH_VERSION, info.name.c_str(),
      &info};
  return &header;
}

}  // namespace

BOOST_DLL_ALIAS(entry, harness_plugin_entry)
