// The leaderboard: per dataset and protocol, each plugin's configuration
// chosen by its mean validation metric over seeds, reported with its test
// metrics, and tested against the best plugin over users.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace harness::store {

struct LeaderboardOptions {
  /// Keep only groups whose dataset name equals this or whose fingerprint
  /// starts with it; empty keeps all.
  std::string dataset;
  /// Keep only groups with this protocol kind; empty keeps all.
  std::string protocol;
  /// Significance level for the Holm-adjusted paired t-test p-values.
  double alpha = 0.05;
  /// Bootstrap resamples passed to compare_paired. The leaderboard reports
  /// only the t-test, so a small number keeps it fast.
  int bootstrap_samples = 200;
};

/// Mean and sample standard deviation of one metric over seeds.
struct MetricSummary {
  double mean = 0;
  /// Over n - 1; 0 for one seed.
  double std = 0;
  std::int64_t n = 0;
};

/// One plugin's selected configuration.
struct LeaderboardEntry {
  std::string plugin;
  std::string plugin_version;
  std::string params_json;
  std::string train_json;
  /// Finished seeds of the selected config, and the most finished seeds of
  /// any config in the group (what a complete config has).
  std::int64_t n_seeds = 0;
  std::int64_t max_seeds = 0;
  /// Configurations of this plugin that were compared on validation.
  std::int64_t n_configs = 0;
  /// Mean over seeds of the validation select_by metric.
  double valid_mean = 0;
  /// Test metric -> summary over seeds.
  std::map<std::string, MetricSummary> test;
  double mean_epochs_run = 0;
  double mean_train_seconds = 0;
  std::vector<std::int64_t> run_ids;

  /// Paired t-test over users on the test select_by metric against the
  /// group's best entry. Unset for the best entry itself, and when either
  /// side has no per-user values or the two share fewer than 2 users.
  std::optional<double> p_value;
  std::optional<double> adjusted_p_value;
  std::int64_t n_users_compared = 0;
  /// Adjusted p-value below alpha.
  bool significant = false;
};

/// One dataset and protocol, with its entries sorted by test select_by
/// mean, best first.
struct LeaderboardGroup {
  std::string dataset_name;
  std::string dataset_fingerprint;
  std::string protocol;
  std::string protocol_json;
  std::string select_by;
  /// Test metric columns, in the order the sweep listed them.
  std::vector<std::string> metrics;
  double alpha = 0.05;
  std::vector<LeaderboardEntry> entries;
};

/// Builds the leaderboard from the finished runs. Configurations are
/// ranked by mean validation select_by; ties go to the config with more
/// finished seeds, then to the smaller params_json text. The test split is
/// never used for selection.
std::vector<LeaderboardGroup> compute_leaderboard(
    Store& store, const LeaderboardOptions& options = {});

/// Output formats: "table", "csv", "json" and "markdown".
const std::vector<std::string>& leaderboard_formats();

/// Renders the leaderboard. For no groups, "table" and "markdown" return a
/// line naming `database_path` and the command that fills it. Throws
/// std::invalid_argument for an unknown format.
std::string format_leaderboard(
    const std::vector<LeaderboardGroup>& groups, const std::string& format,
    const std::string& database_path = "results/results.sqlite");

}  // namespace harness::store
