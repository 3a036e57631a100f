#include "runner/sweep_runner.h"

#include "data/dataset.h"
#include "metrics/metrics.h"
#include "runner/dataset_items.h"
#include "runner/run_context.h"
#include "runner/run_queries.h"
#include "runner/trial_process.h"
#include "runner/trial_record.h"
#include "split/split.h"
#include "store/store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <csignal>
#include <map>
#include <set>
#include <thread>

namespace harness::runner {
namespace {

using Clock = std::chrono::steady_clock;

// The signal that stopped the sweep, 0 while none has, so that the exit
// code can follow the shell's 128 + signal convention.
volatile std::sig_atomic_t g_stop_requested = 0;

void request_stop(int signal) { g_stop_requested = signal; }

struct PendingTrial {
  std::size_t index = 0;
  store::RunRecord record;
  std::string previous_status;  // empty when never run
};

struct RunningTrial {
  PendingTrial pending;
  std::int64_t run_id = 0;
  Clock::time_point started;
  std::int64_t slot = 0;
};

// The lowest job slot that no running trial holds.
std::int64_t free_slot(const std::map<pid_t, RunningTrial>& running) {
  for (std::int64_t slot = 0;; ++slot) {
    bool taken = false;
    for (const auto& [pid, trial] : running) taken |= trial.slot == slot;
    if (!taken) return slot;
  }
}

// Whether a trial with this stored status ("" when never run) is skipped.
bool is_done(const std::string& status, bool retry_failed) {
  if (status.empty()) return false;
  if (status == "finished") return true;
  if (status == "running" || status == "interrupted") return false;
  return !retry_failed;  // failed, diverged, crashed, timeout
}

std::vector<metrics::MetricSpec> parse_metrics(
    const sweep::SweepConfig& config, std::size_t& select_index) {
  std::vector<metrics::MetricSpec> specs;
  for (const std::string& name : config.protocol.metrics) {
    specs.push_back(metrics::parse_metric(name));
  }
  const std::string select = metrics::parse_metric(config.protocol.select_by).name;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].name == select) select_index = i;
  }
  return specs;
}

void log_dataset(const data::Dataset& dataset, const split::Split& split,
                 double load_seconds, double split_seconds) {
  std::size_t events = 0;
  for (const auto& items : dataset.items) events += items.size();
  spdlog::info(
      "dataset {}: {} users, {} items, {} events, fingerprint {} "
      "(loaded in {:.2f}s)",
      dataset.name, dataset.num_users(), dataset.num_items(), events,
      dataset.fingerprint.substr(0, 12), load_seconds);
  if (dataset.stats.empty_baskets_skipped > 0) {
    spdlog::info("skipped {} baskets without items",
                 dataset.stats.empty_baskets_skipped);
  }
  if (dataset.stats.users_removed_by_filters > 0 ||
      dataset.stats.items_removed_by_filters > 0) {
    spdlog::info("filters removed {} users and {} items",
                 dataset.stats.users_removed_by_filters,
                 dataset.stats.items_removed_by_filters);
  }
  spdlog::info(
      "split: {} validation and {} test users, {} training-only users "
      "(too short to evaluate) ({:.2f}s)",
      split.valid.size(), split.test.size(), split.training_only_users,
      split_seconds);
}

// `store` is null when the database does not exist yet: a dry run creates
// nothing.
void print_dry_run(const sweep::Sweep& sweep,
                   const std::vector<PendingTrial>& selected,
                   store::Store* store, bool retry_failed) {
  std::size_t done = 0;
  std::map<std::string, std::pair<double, int>> seconds_by_plugin;
  for (const PendingTrial& pending : selected) {
    const sweep::Trial& trial = sweep.trials[pending.index];
    const bool finished = is_done(pending.previous_status, retry_failed);
    if (finished) ++done;
    fmt::print("{:>4}  {:<12} seed {:<4} {:<11} {}\n", pending.index,
               trial.plugin, trial.seed,
               pending.previous_status.empty() ? "new"
                                               : pending.previous_status,
               pending.record.params_json);
  }
  const double estimate = store == nullptr ? 0.0 : estimate_seconds(
      *store,
      [&] {
        std::vector<std::string> keys;
        for (const PendingTrial& pending : selected) {
          if (!is_done(pending.previous_status, retry_failed)) {
            keys.push_back(pending.record.plugin);
          }
        }
        return keys;
      }());
  fmt::print("{} trials, {} already done, {} to run", selected.size(), done,
             selected.size() - done);
  if (done == selected.size()) {
    fmt::print("\n");
  } else if (estimate > 0) {
    fmt::print(", estimated {:.0f} s from finished trials of the same "
               "plugins\n",
               estimate);
  } else {
    fmt::print(" (no finished trials of these plugins to estimate time "
               "from)\n");
  }
}

// The trials of this shard, each once. Overlapping [[models]] entries can
// list one trial (equal plugin, params, training options and seed) twice;
// it runs once, and shards are cut after that so no two shards share it.
std::vector<PendingTrial> select_trials(const sweep::Sweep& sweep,
                                        const data::Dataset& dataset,
                                        const plugins::Registry& registry,
                                        const RunContext& context,
                                        const RunOptions& options) {
  std::vector<PendingTrial> unique;
  std::set<std::string> keys;
  for (std::size_t i = 0; i < sweep.trials.size(); ++i) {
    const sweep::Trial& trial = sweep.trials[i];
    PendingTrial pending;
    pending.index = i;
    pending.record =
        make_run_record(sweep.config, dataset.name, dataset.fingerprint,
                        trial, *registry.find(trial.plugin), context);
    if (keys.insert(pending.record.trial_key).second) {
      unique.push_back(std::move(pending));
    }
  }
  const std::size_t repeated = sweep.trials.size() - unique.size();
  if (repeated > 0) {
    spdlog::warn("{} of the {} trials repeat an earlier trial of the sweep "
                 "(overlapping [[models]] entries with equal plugin, params, "
                 "training options and seed); each runs once",
                 repeated, sweep.trials.size());
  }

  std::vector<PendingTrial> selected;
  for (std::size_t i = 0; i < unique.size(); ++i) {
    if (static_cast<std::int64_t>(i) % options.shard_count ==
        options.shard_index) {
      selected.push_back(std::move(unique[i]));
    }
  }
  return selected;
}

}  // namespace

int run_sweep(const sweep::Sweep& sweep, const plugins::Registry& registry,
              const RunOptions& options) {
  const sweep::SweepConfig& config = sweep.config;
  std::size_t select_index = 0;
  const std::vector<metrics::MetricSpec> specs =
      parse_metrics(config, select_index);

  auto load_start = Clock::now();
  const data::Dataset dataset = data::load_dataset(config.dataset);
  const double load_seconds =
      std::chrono::duration<double>(Clock::now() - load_start).count();
  auto split_start = Clock::now();
  const split::Split split = split::make_split(config.protocol.kind, dataset);
  const double split_seconds =
      std::chrono::duration<double>(Clock::now() - split_start).count();
  log_dataset(dataset, split, load_seconds, split_seconds);
  if (split.valid.empty()) {
    throw std::runtime_error(fmt::format(
        "no user in {} is long enough to evaluate under {}", config.dataset.path,
        config.protocol.kind));
  }

  const RunContext context = read_run_context();
  std::vector<PendingTrial> selected =
      select_trials(sweep, dataset, registry, context, options);
  if (options.dry_run && !std::filesystem::exists(options.db_path)) {
    print_dry_run(sweep, selected, nullptr, options.retry_failed);
    return 0;
  }

  store::Store store(options.db_path);
  // Reports group target items by side data (such as department) from
  // these rows, so they are written before any run that needs them.
  if (!options.dry_run) store.record_dataset_items(dataset_items(dataset));
  for (PendingTrial& pending : selected) {
    pending.previous_status =
        store.trial_status(pending.record.trial_key).value_or("");
  }

  if (options.dry_run) {
    print_dry_run(sweep, selected, &store, options.retry_failed);
    return 0;
  }

  std::vector<PendingTrial> queue;
  for (PendingTrial& pending : selected) {
    if (!is_done(pending.previous_status, options.retry_failed)) {
      queue.push_back(std::move(pending));
    }
  }
  spdlog::info("{} trials selected, {} already done, {} to run",
               selected.size(), selected.size() - queue.size(), queue.size());
  std::size_t skipped_failures = 0;
  for (const PendingTrial& pending : selected) {
    const std::string& status = pending.previous_status;
    if (!status.empty() && status != "finished" &&
        is_done(status, options.retry_failed)) {
      ++skipped_failures;
    }
  }
  if (skipped_failures > 0) {
    spdlog::warn("{} of the trials already done ended as failed, diverged, "
                 "crashed or timeout; rerun them with --retry-failed",
                 skipped_failures);
  }

  const std::int64_t cores =
      std::max<std::int64_t>(1, std::thread::hardware_concurrency());
  const std::int64_t total_threads = options.threads > 0 ? options.threads : cores;
  const std::int64_t jobs = std::max<std::int64_t>(1, options.jobs);
  const std::int64_t threads_per_job =
      std::max<std::int64_t>(1, total_threads / jobs);

  g_stop_requested = 0;
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);

  std::map<pid_t, RunningTrial> running;
  std::size_t next = 0;
  std::size_t completed = 0;
  // After a stop request no trial starts, so the loop ends once the
  // running ones are reaped.
  while ((!g_stop_requested && next < queue.size()) || !running.empty()) {
    while (!g_stop_requested && next < queue.size() &&
           static_cast<std::int64_t>(running.size()) < jobs) {
      PendingTrial& pending = queue[next++];
      const sweep::Trial& trial = sweep.trials[pending.index];
      pending.record.threads = threads_per_job;
      const std::int64_t run_id = store.start_run(pending.record);

      TrialTask task;
      task.config = &config;
      task.trial = &trial;
      task.plugin = registry.find(trial.plugin);
      task.dataset = &dataset;
      task.split = &split;
      task.metrics = specs;
      task.select_index = select_index;
      task.db_path = options.db_path;
      task.run_id = run_id;
      task.threads = threads_per_job;
      task.slot = free_slot(running);
      task.label = fmt::format("[{}/{}] {} seed {}", completed + running.size() + 1,
                               queue.size(), trial.plugin, trial.seed);
      spdlog::info("{} starting (run {}) {}", task.label, run_id,
                   pending.record.params_json);
      const pid_t pid = start_trial_process(task);
      running[pid] = {pending, run_id, Clock::now(), task.slot};
    }

    if (g_stop_requested) {
      for (const auto& [pid, trial] : running) kill(pid, SIGTERM);
    }

    int status = 0;
    const pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid > 0) {
      auto found = running.find(pid);
      if (found == running.end()) continue;
      const RunningTrial& trial = found->second;
      const std::string recorded =
          store.trial_status(trial.pending.record.trial_key).value_or("");
      if (recorded == "running") {
        store::RunOutcome outcome;
        outcome.status = g_stop_requested ? "interrupted" : "crashed";
        outcome.error = g_stop_requested ? "the sweep was interrupted"
                                         : describe_exit(status);
        outcome.total_seconds =
            std::chrono::duration<double>(Clock::now() - trial.started).count();
        outcome.epochs_run = static_cast<std::int64_t>(
            store.load_epochs(trial.run_id).size());
        store.finish_run(trial.run_id, outcome);
        spdlog::error("run {} {}: {}", trial.run_id, outcome.status,
                      outcome.error);
      }
      running.erase(found);
      ++completed;
      continue;
    }

    for (auto& [child, trial] : running) {
      const double timeout = sweep.trials[trial.pending.index].train.timeout;
      const double elapsed =
          std::chrono::duration<double>(Clock::now() - trial.started).count();
      if (timeout > 0 && elapsed > timeout) {
        kill(child, SIGKILL);
        int ignored = 0;
        waitpid(child, &ignored, 0);
        store::RunOutcome outcome;
        outcome.status = "timeout";
        outcome.error = fmt::format(
            "exceeded train.timeout of {:.0f} s; raise the timeout or shrink "
            "the budget",
            timeout);
        outcome.total_seconds = elapsed;
        outcome.epochs_run = static_cast<std::int64_t>(
            store.load_epochs(trial.run_id).size());
        store.finish_run(trial.run_id, outcome);
        spdlog::error("run {} timeout after {:.0f}s", trial.run_id, elapsed);
        running.erase(child);
        ++completed;
        break;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (g_stop_requested) {
    const std::size_t left = queue.size() - next;
    spdlog::warn("interrupted: {} {} not started; run the same command "
                 "again to resume",
                 left, left == 1 ? "trial" : "trials");
    return 128 + static_cast<int>(g_stop_requested);
  }
  std::map<std::string, int> outcomes;
  for (const PendingTrial& pending : queue) {
    ++outcomes[store.trial_status(pending.record.trial_key).value_or("?")];
  }
  std::vector<std::string> counts;
  for (const auto& [status, count] : outcomes) {
    counts.push_back(fmt::format("{} {}", count, status));
  }
  spdlog::info("sweep {} done: {} trials run ({}); see `harness leaderboard "
               "--db {}`",
               config.name, completed,
               counts.empty() ? "none" : fmt::format("{}", fmt::join(counts, ", ")),
               options.db_path);
  return 0;
}

}  // namespace harness::runner
