#include "cli/commands.h"

#include "data/data_error.h"
#include "plugins/registry.h"
#include "runner/sweep_runner.h"
#include "sweep/sweep_config.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <stdexcept>

namespace harness::cli {
namespace {

plugins::Registry load_registry(const CommonOptions& common) {
  plugins::Registry registry;
  std::vector<std::string> folders = common.plugin_dirs;
  for (const std::string& folder : plugins::default_plugin_folders()) {
    folders.push_back(folder);
  }
  registry.scan(folders);
  return registry;
}

// Parses "I/N" (1-based) into a 0-based index and a count.
void parse_shard(const std::string& text, runner::RunOptions& options) {
  const auto slash = text.find('/');
  try {
    if (slash == std::string::npos) throw std::invalid_argument(text);
    std::size_t used = 0;
    const long index = std::stol(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument(text);
    const std::string count_text = text.substr(slash + 1);
    const long count = std::stol(count_text, &used);
    if (used != count_text.size()) throw std::invalid_argument(text);
    if (count < 1 || index < 1 || index > count) {
      throw std::invalid_argument(text);
    }
    options.shard_index = index - 1;
    options.shard_count = count;
  } catch (const std::logic_error&) {
    throw std::invalid_argument(fmt::format(
        "invalid --shard '{}'; expected I/N with 1 <= I <= N, e.g. 2/4 "
        "(Slurm: --shard $((SLURM_ARRAY_TASK_ID + 1))/N)",
        text));
  }
}

}  // namespace

int run_command(const RunCommand& command, const CommonOptions& common) {
  runner::RunOptions options;
  options.db_path = command.db_path;
  options.jobs = command.jobs;
  options.threads = command.threads;
  options.dry_run = command.dry_run;
  options.retry_failed = command.retry_failed;
  if (!command.shard.empty()) {
    try {
      parse_shard(command.shard, options);
    } catch (const std::invalid_argument& error) {
      fmt::print(stderr, "error: {}\n", error.what());
      return 2;
    }
  }

  plugins::Registry registry = load_registry(common);
  try {
    const sweep::Sweep sweep =
        sweep::load_sweep(command.sweep_file, registry.schemas(),
                          command.overrides);
    return runner::run_sweep(sweep, registry, options);
  } catch (const sweep::ConfigError& error) {
    fmt::print(stderr, "error: invalid sweep file {}:\n",
               command.sweep_file);
    for (const std::string& problem : error.problems()) {
      fmt::print(stderr, "  {}\n", problem);
    }
    if (registry.plugins().empty()) {
      fmt::print(stderr,
                 "no plugins were found; searched {}. Pass --plugin-dir "
                 "DIR or set HARNESS_PLUGIN_PATH.\n",
                 fmt::join(registry.folders(), ", "));
    }
    return 2;
  } catch (const data::DataError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return 2;
  }
}

int plugins_command(const CommonOptions& common) {
  plugins::Registry registry = load_registry(common);
  fmt::print("plugin folders searched: {}\n\n",
             fmt::join(registry.folders(), ", "));
  for (const auto& plugin : registry.plugins()) {
    const PluginInfo& info = *plugin->info;
    fmt::print("{} {} — {}\n  file {} (LibTorch {}, ABI {})\n", info.name,
               info.version, info.description, plugin->path,
               plugin->torch_version, kAbiVersion);
    for (const ParamSpec& spec : info.params) {
      std::string type;
      std::string fallback;
      switch (spec.type) {
        case ParamType::kInt:
          type = "int";
          fallback = std::to_string(std::get<std::int64_t>(spec.default_value));
          break;
        case ParamType::kFloat:
          type = "float";
          fallback = fmt::format("{}", std::get<double>(spec.default_value));
          break;
        case ParamType::kBool:
          type = "bool";
          fallback = std::get<bool>(spec.default_value) ? "true" : "false";
          break;
        case ParamType::kString:
          type = "string";
          fallback = "\"" + std::get<std::string>(spec.default_value) + "\"";
          break;
      }
      std::string range;
      if (spec.min || spec.max) {
        range = fmt::format(" [{}, {}]",
                            spec.min ? fmt::format("{}", *spec.min) : "-inf",
                            spec.max ? fmt::format("{}", *spec.max) : "inf");
      }
      if (!spec.choices.empty()) {
        range = fmt::format(" {{{}}}", fmt::join(spec.choices, ", "));
      }
      fmt::print("    {:<20} {:<6} = {:<10}{}  {}\n", spec.name, type,
                 fallback, range, spec.help);
    }
    fmt::print("\n");
  }
  for (const auto& rejected : registry.rejected()) {
    fmt::print("rejected {}: {}\n", rejected.path, rejected.reason);
  }
  if (registry.plugins().empty()) {
    fmt::print("no plugins found; pass --plugin-dir DIR or set "
               "HARNESS_PLUGIN_PATH\n");
    return 1;
  }
  return 0;
}

}  // namespace harness::cli
