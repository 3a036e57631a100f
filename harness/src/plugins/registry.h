// Finds plugin shared libraries in folders, checks their ABI and LibTorch
// versions, and keeps every accepted library loaded for the registry's
// lifetime, so models and exceptions from a plugin never outlive its code.
#pragma once

#include <harness/plugin.h>

#include <boost/dll/shared_library.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace harness::plugins {

struct LoadedPlugin {
  std::string path;
  /// FNV-1a 64-bit digest of the library file, stored with each run.
  std::string file_hash;
  const PluginInfo* info = nullptr;
  std::string torch_version;
  boost::dll::shared_library library;
};

/// A file that looked like a plugin but was not accepted, and why.
struct RejectedPlugin {
  std::string path;
  std::string reason;
};

class Registry {
 public:
  /// Loads every *.so in each folder (folders that do not exist are
  /// skipped). A later plugin with an already registered name is rejected.
  void scan(const std::vector<std::string>& folders);

  /// Returns the plugin with this name, or nullptr.
  const LoadedPlugin* find(const std::string& name) const;

  const std::vector<std::unique_ptr<LoadedPlugin>>& plugins() const {
    return plugins_;
  }
  const std::vector<RejectedPlugin>& rejected() const { return rejected_; }
  const std::vector<std::string>& folders() const { return folders_; }

  /// Plugin name -> hyperparameter schema, for sweep validation.
  std::map<std::string, std::vector<ParamSpec>> schemas() const;

 private:
  void load_file(const std::string& path);

  std::vector<std::string> folders_;
  std::vector<std::unique_ptr<LoadedPlugin>> plugins_;
  std::vector<RejectedPlugin> rejected_;
};

/// Folders searched by default: $HARNESS_PLUGIN_PATH (colon-separated),
/// then ../lib/harness/plugins next to the running executable.
std::vector<std::string> default_plugin_folders();

}  // namespace harness::plugins
