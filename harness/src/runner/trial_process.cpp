#include "runner/trial_process.h"

#include "runner/run_context.h"
#include "runner/run_queries.h"
#include "train/trainer.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <torch/torch.h>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <new>

namespace harness::runner {
namespace {

// NOTE: the CUDA branches have not run on a GPU yet; only CPU is tested.
torch::Device resolve_device(const std::string& requested,
                             std::int64_t slot) {
  if (requested == "cpu") return torch::kCPU;
  const bool available = torch::cuda::is_available();
  if (requested == "auto" && !available) return torch::kCPU;
  if (!available) {
    throw std::runtime_error(
        "train.device is \"cuda\" but CUDA is not available (this LibTorch "
        "has no CUDA support or no GPU is visible); use \"cpu\" or \"auto\"");
  }
  // One GPU per job slot, so --jobs N spreads trials over N GPUs.
  const auto gpus = static_cast<std::int64_t>(torch::cuda::device_count());
  return {torch::kCUDA, static_cast<torch::DeviceIndex>(slot % gpus)};
}

store::RunOutcome run_trial(const TrialTask& task, store::Store& store) {
  const sweep::Trial& trial = *task.trial;
  const torch::Device device = resolve_device(trial.train.device, task.slot);
  torch::set_num_threads(static_cast<int>(task.threads));
  set_run_environment(store, task.run_id, device.str(), task.threads,
                            loaded_blas());

  torch::manual_seed(static_cast<std::uint64_t>(trial.seed));
  DatasetInfo info;
  info.num_items = task.dataset->num_items();
  info.num_users = task.dataset->num_users();
  info.max_history = trial.train.max_history > 0
                         ? trial.train.max_history
                         : task.config->protocol.max_history;
  info.has_baskets = task.dataset->has_baskets;
  info.side = &task.dataset->side;
  std::unique_ptr<Model> model = task.plugin->info->create(trial.params, info);

  train::TrainerOptions options;
  options.train = trial.train;
  options.metrics = task.metrics;
  options.select_index = task.select_index;
  options.max_history = info.max_history;
  options.seed = static_cast<std::uint64_t>(trial.seed);
  options.evaluation.num_items = info.num_items;
  options.evaluation.max_history = options.max_history;
  options.evaluation.batch_size = trial.train.eval_batch_size;
  options.evaluation.exclude_history = task.config->protocol.exclude_history;
  options.evaluation.device = device;

  const std::string select_name = task.metrics[task.select_index].name;
  auto on_epoch = [&](const train::EpochReport& report) {
    store.add_epoch(task.run_id, {report.epoch, report.train_loss,
                                  report.valid_metric, report.seconds});
    spdlog::info("{} epoch {:>3}/{} loss {:.4f} valid {} {:.4f}{} "
                 "{:.1f}s ETA {:.0f}s",
                 task.label, report.epoch, trial.train.epochs,
                 report.train_loss, select_name, report.valid_metric,
                 report.improved ? " *" : "  ", report.seconds,
                 report.eta_seconds);
  };

  const auto start = std::chrono::steady_clock::now();
  train::TrainResult result =
      train::train_and_evaluate(*model, *task.split, options, on_epoch);
  store::RunOutcome outcome;
  outcome.status = result.status;
  outcome.error = result.error;
  outcome.best_epoch = result.best_epoch;
  outcome.epochs_run = result.epochs_run;
  outcome.fit_seconds = result.fit_seconds;
  outcome.train_seconds = result.train_seconds;
  outcome.eval_seconds = result.eval_seconds;
  outcome.total_seconds = std::chrono::duration<double>(
                              std::chrono::steady_clock::now() - start)
                              .count();
  if (result.status == "finished") {
    outcome.splits = {std::move(result.valid), std::move(result.test)};
  }
  return outcome;
}

[[noreturn]] void child_main(const TrialTask& task) {
  // Ctrl-C reaches the whole process group; the parent decides what to do
  // and stops children with SIGTERM.
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGTERM, SIG_DFL);
  // A child whose parent was killed (kill -9) would go on training while no
  // process waits for it. The kernel kills it instead, and the next run
  // reruns the trial.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != task.parent_pid) _exit(4);
  int code = 0;
  try {
    store::Store store(task.db_path);
    store::RunOutcome outcome;
    try {
      outcome = run_trial(task, store);
    } catch (const std::bad_alloc&) {
      outcome.status = "failed";
      outcome.error = "out of memory (std::bad_alloc)";
    } catch (const std::exception& error) {
      outcome.status = "failed";
      outcome.error = error.what();
    }
    outcome.peak_rss_mb = peak_rss_mb();
    store.finish_run(task.run_id, outcome);
    if (outcome.status == "finished") {
      spdlog::info("{} finished", task.label);
    } else {
      spdlog::error("{} {}: {}", task.label, outcome.status, outcome.error);
    }
  } catch (const std::exception& error) {
    spdlog::error("{} could not record its result: {}", task.label,
                  error.what());
    code = 3;
  }
  std::fflush(nullptr);
  // _exit skips destructors and atexit handlers that belong to the parent
  // (its SQLite connection, loaded plugins).
  _exit(code);
}

}  // namespace

pid_t start_trial_process(TrialTask task) {
  std::fflush(nullptr);
  task.parent_pid = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    throw std::runtime_error(
        fmt::format("fork failed: {}", std::strerror(errno)));
  }
  if (pid == 0) child_main(task);
  return pid;
}

std::string describe_exit(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int signal = WTERMSIG(wait_status);
    std::string text = fmt::format("killed by signal {} ({})", signal,
                                   strsignal(signal));
    if (signal == SIGKILL) {
      text += "; the kernel's out-of-memory killer or a user sent it";
    }
    return text;
  }
  if (WIFEXITED(wait_status)) {
    return fmt::format("exited with code {} before recording a result",
                       WEXITSTATUS(wait_status));
  }
  return "ended in an unknown way";
}

}  // namespace harness::runner
