// harness_bench: measures, for one dataset and the plugins of a sweep file,
// load+split time, seconds per training epoch, evaluation users per second
// (full ranking) and peak memory. It prints figures and checks nothing;
// results/benchmark-ml-100k.md records them with the machine and command.
#include "data/dataset.h"
#include "metrics/metrics.h"
#include "plugins/registry.h"
#include "runner/run_context.h"
#include "runner/trial_process.h"
#include "split/split.h"
#include "sweep/sweep_config.h"
#include "train/batching.h"
#include "train/epoch.h"
#include "train/evaluator.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <torch/torch.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct PluginFigures {
  std::string plugin;
  double fit_seconds = 0;
  double epoch_seconds = 0;  // median over the timed epochs
  double eval_users_per_second = 0;
  double peak_rss_mb = 0;
};

PluginFigures measure(const harness::sweep::Sweep& sweep,
                      const harness::sweep::Trial& trial,
                      const harness::plugins::LoadedPlugin& plugin,
                      const harness::data::Dataset& dataset,
                      const harness::split::Split& split, int epochs) {
  using namespace harness;
  PluginFigures figures;
  figures.plugin = trial.plugin;
  torch::manual_seed(static_cast<std::uint64_t>(trial.seed));

  DatasetInfo info;
  info.num_items = dataset.num_items();
  info.num_users = dataset.num_users();
  info.max_history = trial.train.max_history > 0
                         ? trial.train.max_history
                         : sweep.config.protocol.max_history;
  info.has_baskets = dataset.has_baskets;
  info.side = &dataset.side;
  auto model = plugin.info->create(trial.params, info);

  auto fit_start = Clock::now();
  model->fit(split.train);
  figures.fit_seconds = since(fit_start);

  train::TrainerOptions options;
  options.train = trial.train;
  options.max_history = info.max_history;
  options.evaluation.num_items = info.num_items;
  options.evaluation.max_history = info.max_history;
  options.evaluation.batch_size = trial.train.eval_batch_size;
  options.evaluation.exclude_history = sweep.config.protocol.exclude_history;
  for (const auto& name : sweep.config.protocol.metrics) {
    options.metrics.push_back(metrics::parse_metric(name));
  }

  auto parameters = model->parameters();
  if (!parameters.empty()) {
    auto windows = train::make_training_windows(split.train, info.max_history);
    torch::optim::Adam optimizer(
        parameters, torch::optim::AdamOptions(trial.train.learning_rate));
    std::mt19937_64 generator(static_cast<std::uint64_t>(trial.seed));
    std::vector<double> seconds;
    for (int epoch = 0; epoch < epochs; ++epoch) {
      auto start = Clock::now();
      train::run_epoch(*model, optimizer, windows, parameters, options,
                       generator);
      seconds.push_back(since(start));
    }
    std::sort(seconds.begin(), seconds.end());
    figures.epoch_seconds = seconds[seconds.size() / 2];
  }

  auto eval_start = Clock::now();
  train::evaluate(*model, split.test, options.metrics, options.evaluation,
                  "test");
  figures.eval_users_per_second = split.test.size() / since(eval_start);
  figures.peak_rss_mb = runner::peak_rss_mb();
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace harness;
  CLI::App app{"Measure load+split time, epoch time, evaluation throughput "
               "and peak memory for the plugins of a sweep file"};
  std::string sweep_file;
  std::vector<std::string> plugin_names;
  std::vector<std::string> overrides;
  int epochs = 3;
  int threads = 0;
  std::vector<std::string> plugin_dirs;
  app.add_option("file", sweep_file, "Sweep file (TOML)")->required();
  app.add_option("--plugin", plugin_names,
                 "Plugins to measure (default: every plugin in the file); "
                 "each uses its first trial's params");
  app.add_option("--epochs", epochs, "Timed training epochs (median kept)")
      ->capture_default_str();
  app.add_option("--threads", threads, "CPU threads (default: all cores)");
  app.add_option("--set", overrides, "Override a sweep key, as in harness run");
  app.add_option("--plugin-dir", plugin_dirs, "Extra plugin folder");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);

  const int thread_count =
      threads > 0 ? threads
                  : static_cast<int>(std::thread::hardware_concurrency());

  plugins::Registry registry;
  for (const auto& folder : plugins::default_plugin_folders()) {
    plugin_dirs.push_back(folder);
  }
  registry.scan(plugin_dirs);
  const sweep::Sweep sweep =
      sweep::load_sweep(sweep_file, registry.schemas(), overrides);

  auto load_start = Clock::now();
  const data::Dataset dataset = data::load_dataset(sweep.config.dataset);
  const double load_seconds = since(load_start);
  auto split_start = Clock::now();
  const split::Split split =
      split::make_split(sweep.config.protocol.kind, dataset);
  const double split_seconds = since(split_start);
  const double rss_after_data = runner::peak_rss_mb();

  fmt::print("dataset {} ({} users, {} items), protocol {}, max_history {}\n",
             dataset.name, dataset.num_users(), dataset.num_items(),
             sweep.config.protocol.kind, sweep.config.protocol.max_history);
  fmt::print("threads {}, BLAS {}\n", thread_count, runner::loaded_blas());
  fmt::print("peak RSS: of the process measuring one plugin, data included\n");
  fmt::print("load {:.3f} s + split {:.3f} s = {:.3f} s, peak RSS after "
             "loading {:.0f} MiB\n\n",
             load_seconds, split_seconds, load_seconds + split_seconds,
             rss_after_data);
  fmt::print("| plugin | fit s | s / epoch | eval users / s | peak RSS MiB |\n");
  fmt::print("|---|---|---|---|---|\n");

  std::vector<std::string> done;
  for (const sweep::Trial& trial : sweep.trials) {
    const bool wanted =
        plugin_names.empty() ||
        std::find(plugin_names.begin(), plugin_names.end(), trial.plugin) !=
            plugin_names.end();
    if (!wanted || std::find(done.begin(), done.end(), trial.plugin) !=
                       done.end()) {
      continue;
    }
    done.push_back(trial.plugin);
    // Each plugin runs in its own child process, so its peak memory is its
    // own (dataset included) and not the maximum of the plugins before it.
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid != 0) {
      int status = 0;
      waitpid(pid, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fmt::print("| {} | failed: {} |\n", trial.plugin,
                   runner::describe_exit(status));
      }
      continue;
    }
    torch::set_num_threads(thread_count);
    PluginFigures figures = measure(sweep, trial, *registry.find(trial.plugin),
                                    dataset, split, epochs);
    fmt::print("| {} | {:.2f} | {} | {:.0f} | {:.0f} |\n", figures.plugin,
               figures.fit_seconds,
               figures.epoch_seconds > 0
                   ? fmt::format("{:.2f}", figures.epoch_seconds)
                   : "no training",
               figures.eval_users_per_second, figures.peak_rss_mb);
    std::fflush(stdout);
    _exit(0);
  }
  return 0;
}
