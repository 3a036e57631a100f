// Runs one trial in a forked child process, so that a plugin that crashes,
// aborts or runs out of memory takes down only its own trial.
#pragma once

#include "data/dataset.h"
#include "metrics/metrics.h"
#include "plugins/registry.h"
#include "split/split.h"
#include "store/store.h"
#include "sweep/sweep_config.h"

#include <sys/types.h>

#include <string>
#include <vector>

namespace harness::runner {

/// Everything a child needs; it is inherited through fork().
struct TrialTask {
  const sweep::SweepConfig* config = nullptr;
  const sweep::Trial* trial = nullptr;
  const plugins::LoadedPlugin* plugin = nullptr;
  const data::Dataset* dataset = nullptr;
  const split::Split* split = nullptr;
  std::vector<metrics::MetricSpec> metrics;
  std::size_t select_index = 0;
  std::string db_path;
  std::int64_t run_id = 0;
  std::int64_t threads = 1;
  /// Job slot of the trial (0-based, below --jobs). With several GPUs,
  /// slot i uses GPU i modulo their count.
  std::int64_t slot = 0;
  /// Set by start_trial_process, so the child can tell whether its parent
  /// died before it could ask to be killed with it.
  pid_t parent_pid = 0;
  /// Short label for log lines, e.g. "[3/24] sasrec seed 1".
  std::string label;
};

/// Forks a child that trains and evaluates the trial and records the
/// outcome itself. Returns the child's pid; throws on fork failure.
pid_t start_trial_process(TrialTask task);

/// Describes how a child ended, for a run whose child recorded nothing:
/// e.g. "killed by signal 11 (Segmentation fault)".
std::string describe_exit(int wait_status);

}  // namespace harness::runner
