// One function per `harness` subcommand; each returns the exit code.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace harness::cli {

struct CommonOptions {
  std::vector<std::string> plugin_dirs;
  std::string log_level = "info";
};

struct RunCommand {
  std::string sweep_file;
  std::string db_path = "results/results.sqlite";
  std::vector<std::string> overrides;
  std::int64_t jobs = 1;
  std::int64_t threads = 0;
  bool dry_run = false;
  bool retry_failed = false;
  std::string shard;  // "I/N", 1-based
};

int run_command(const RunCommand& command, const CommonOptions& common);
int plugins_command(const CommonOptions& common);

}  // namespace harness::cli

namespace CLI {
class App;
}

namespace harness::cli {

/// Adds `leaderboard`, `compare`, `show` and `merge` to the app.
void register_result_commands(CLI::App& app, const CommonOptions& common);

/// Runs whichever of those subcommands was parsed.
int run_result_command(CLI::App& app);

}  // namespace harness::cli
