// Finished runs read back and grouped the way the leaderboard and compare
// see them: by dataset and protocol, then by configuration (plugin,
// version, params and training options), one run per seed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"

namespace harness::store {

/// One finished run with its metric means.
struct RunSummary {
  /// (split, metric) -> mean over users; undefined metrics are absent.
  using Metrics = std::map<std::pair<std::string, std::string>, double>;

  std::int64_t id = 0;
  std::int64_t seed = 0;
  Metrics metrics;
  std::int64_t epochs_run = 0;
  double train_seconds = 0;
};

/// The finished runs of one configuration, ordered by seed.
struct ConfigRuns {
  std::string plugin;
  std::string plugin_version;
  std::string params_json;
  std::string train_json;
  std::vector<RunSummary> runs;
};

/// Runs on the same data and protocol: only these are comparable.
struct RunGroup {
  std::string dataset_name;
  std::string dataset_fingerprint;
  std::string protocol;
  std::string protocol_json;
  std::string select_by;
  /// Metric order from protocol_json's "metrics" array, then any other
  /// stored metric in name order.
  std::vector<std::string> metrics;
  std::vector<ConfigRuns> configs;
};

/// Reads every run with status "finished", grouped by dataset fingerprint
/// and protocol_json, in the order (dataset name, protocol, fingerprint).
std::vector<RunGroup> load_finished_groups(Store& store);

/// Mean of values over runs; 0 for an empty list.
double mean_of(const std::vector<double>& values);
/// Sample standard deviation (over n - 1); 0 for fewer than two values.
double sample_std(const std::vector<double>& values);

/// Values of one metric over a config's runs, skipping runs without it.
std::vector<double> metric_values(const ConfigRuns& config,
                                  const std::string& split,
                                  const std::string& metric);

/// Per-user values of a metric averaged over runs (seeds), keyed by user,
/// for users present in every run. A user whose value is NaN in any run
/// is left out. Returns std::nullopt when a run has no per-user values
/// for this split and metric.
std::optional<std::map<std::int64_t, double>> mean_user_values(
    Store& store, const std::vector<std::int64_t>& run_ids,
    const std::string& split, const std::string& metric);

/// Values of two per-user maps for the users present in both, in user
/// order.
void pair_users(const std::map<std::int64_t, double>& a,
                const std::map<std::int64_t, double>& b,
                std::vector<double>* paired_a, std::vector<double>* paired_b);

}  // namespace harness::store
