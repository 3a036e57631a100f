#include "plugins/registry.h"

#include <boost/dll/runtime_symbol_info.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace harness::plugins {
namespace {

namespace fs = std::filesystem;

std::string hash_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a 64 offset basis
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      hash ^= static_cast<unsigned char>(buffer[i]);
      hash *= 1099511628211ULL;  // FNV-1a 64 prime
    }
  }
  return fmt::format("{:016x}", hash);
}

}  // namespace

void Registry::scan(const std::vector<std::string>& folders) {
  for (const std::string& folder : folders) {
    folders_.push_back(folder);
    std::error_code error;
    if (!fs::is_directory(folder, error)) {
      spdlog::debug("plugin folder {} does not exist; skipped", folder);
      continue;
    }
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
      if (entry.path().extension() == ".so") {
        files.push_back(entry.path().string());
      }
    }
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) {
      load_file(file);
    }
  }
}

void Registry::load_file(const std::string& path) {
  auto reject = [&](const std::string& reason) {
    spdlog::warn("plugin {} rejected: {}", path, reason);
    rejected_.push_back({path, reason});
  };

  auto plugin = std::make_unique<LoadedPlugin>();
  plugin->path = path;
  try {
    plugin->library.load(path, boost::dll::load_mode::rtld_now |
                                   boost::dll::load_mode::rtld_local);
  } catch (const std::exception& error) {
    reject(fmt::format("cannot be loaded: {}", error.what()));
    return;
  }
  if (!plugin->library.has(kPluginEntrySymbol)) {
    reject(fmt::format("no entry point '{}'; declare one with "
                       "HARNESS_PLUGIN(describe)",
                       kPluginEntrySymbol));
    return;
  }

  const PluginHeader* header = nullptr;
  try {
    auto entry =
        plugin->library.get_alias<const PluginHeader*()>(kPluginEntrySymbol);
    header = entry();
  } catch (const std::exception& error) {
    reject(fmt::format("entry point '{}' threw: {}", kPluginEntrySymbol,
                       error.what()));
    return;
  }
  if (header->abi_version != kAbiVersion) {
    reject(fmt::format("plugin ABI version {} does not match the host's "
                       "ABI version {}; rebuild the plugin against this SDK",
                       header->abi_version, kAbiVersion));
    return;
  }
  if (std::string(header->torch_version) != TORCH_VERSION) {
    reject(fmt::format("built with LibTorch {} but the host uses LibTorch "
                       "{}; rebuild the plugin against the host's LibTorch",
                       header->torch_version, TORCH_VERSION));
    return;
  }
  const std::string name = header->info->name;
  if (const LoadedPlugin* other = find(name)) {
    reject(fmt::format("plugin name '{}' is already taken by {}", name,
                       other->path));
    return;
  }

  plugin->info = header->info;
  plugin->torch_version = header->torch_version;
  plugin->file_hash = hash_file(path);
  spdlog::debug("loaded plugin {} {} from {}", name, plugin->info->version,
                path);
  plugins_.push_back(std::move(plugin));
}

const LoadedPlugin* Registry::find(const std::string& name) const {
  for (const auto& plugin : plugins_) {
    if (plugin->info->name == name) {
      return plugin.get();
    }
  }
  return nullptr;
}

std::map<std::string, std::vector<ParamSpec>> Registry::schemas() const {
  std::map<std::string, std::vector<ParamSpec>> result;
  for (const auto& plugin : plugins_) {
    result[plugin->info->name] = plugin->info->params;
  }
  return result;
}

std::vector<std::string> default_plugin_folders() {
  std::vector<std::string> folders;
  if (const char* env = std::getenv("HARNESS_PLUGIN_PATH")) {
    std::string paths = env;
    std::size_t start = 0;
    while (start <= paths.size()) {
      std::size_t end = paths.find(':', start);
      if (end == std::string::npos) end = paths.size();
      if (end > start) folders.push_back(paths.substr(start, end - start));
      start = end + 1;
    }
  }
  fs::path exe = boost::dll::program_location().string();
  folders.push_back(
      (exe.parent_path().parent_path() / "lib" / "harness" / "plugins")
          .lexically_normal()
          .string());
  return folders;
}

}  // namespace harness::plugins
