// Runs a validated sweep: loads and splits the data once, then runs each
// pending trial in its own child process, several at once with --jobs.
#pragma once

#include "plugins/registry.h"
#include "sweep/sweep_config.h"

#include <cstdint>
#include <string>

namespace harness::runner {

struct RunOptions {
  std::string db_path = "results/results.sqlite";
  /// Trials run at the same time.
  std::int64_t jobs = 1;
  /// CPU threads in all, split evenly between jobs; 0 means all cores.
  std::int64_t threads = 0;
  bool dry_run = false;
  /// Reruns trials recorded as failed, diverged, crashed or timed out.
  bool retry_failed = false;
  /// This process runs the trials whose position among the sweep's unique
  /// trials, modulo shard_count, equals shard_index (0-based).
  std::int64_t shard_index = 0;
  std::int64_t shard_count = 1;
};

/// Returns the process exit code: 0 when every trial ran (whatever its
/// outcome), 128 + the signal number when SIGINT (130) or SIGTERM (143)
/// stopped the sweep.
int run_sweep(const sweep::Sweep& sweep, const plugins::Registry& registry,
              const RunOptions& options);

}  // namespace harness::runner
