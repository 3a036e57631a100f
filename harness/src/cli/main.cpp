// `harness`: runs sweeps, lists plugins and reads the results database.
#include "cli/commands.h"
#include "cli/validators.h"

#include <harness/version.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <exception>

namespace {

void set_up_logging(const std::string& level) {
  // Logs go to stderr; tables and results go to stdout.
  auto logger = spdlog::stderr_color_mt("harness");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%H:%M:%S %^%l%$ %v");
  spdlog::set_level(spdlog::level::from_str(level));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace harness::cli;
  CLI::App app{"harness: benchmark sequential and next-basket recommenders "
               "under one protocol"};
  app.set_version_flag("--version", harness::kHarnessVersion);
  app.require_subcommand(1);

  CommonOptions common;
  app.add_option("--plugin-dir", common.plugin_dirs,
                 "Folder with plugin .so files, searched before the "
                 "default folders (repeatable)");
  app.add_option("--log-level", common.log_level,
                 "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

  RunCommand run;
  CLI::App* run_app = app.add_subcommand("run", "Run a sweep file");
  run_app->add_option("file", run.sweep_file, "Sweep file (TOML)")
      ->required()
      ->check(CLI::ExistingFile);
  run_app->add_option("--db", run.db_path, "Results database")
      ->capture_default_str();
  run_app->add_option("--set", run.overrides,
                      "Override a key, e.g. --set train.epochs=5 "
                      "(repeatable)");
  run_app->add_option("--jobs,-j", run.jobs, "Trials run at once")
      ->check(at_least(1))
      ->capture_default_str();
  run_app->add_option("--threads", run.threads,
                      "CPU threads in all, split between jobs (default: "
                      "all cores)")
      ->check(at_least(0));
  run_app->add_flag("--dry-run", run.dry_run,
                    "List the trials and what is already done; train "
                    "nothing");
  run_app->add_flag("--retry-failed", run.retry_failed,
                    "Rerun trials recorded as failed, diverged, crashed or "
                    "timed out");
  run_app->add_option("--shard", run.shard,
                      "Run share I of N of the trials, e.g. 1/4");

  CLI::App* plugins_app =
      app.add_subcommand("plugins", "List plugins found and rejected");

  register_result_commands(app, common);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version exit 0; every invalid command line exits 2, as
    // an invalid sweep file does, whatever CLI11's own code for it.
    return app.exit(error) == 0 ? 0 : 2;
  }
  set_up_logging(common.log_level);

  try {
    if (run_app->parsed()) return run_command(run, common);
    if (plugins_app->parsed()) return plugins_command(common);
    return run_result_command(app);
  } catch (const std::exception& error) {
    spdlog::error("{}", error.what());
    return 1;
  }
}
