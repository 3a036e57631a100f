// The leaderboard broken down by item side data: for each value of a
// category (such as each department), how well each plugin's selected
// config ranks the target items of that value. Recomputed from the stored
// target ranks, so any metric and K can be asked for after the runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/leaderboard.h"
#include "store/store.h"

namespace harness::store {

/// The category every dataset has: "repeat" for targets the user had in
/// their history, "explore" for new ones. A stored item category of that
/// name takes precedence.
inline constexpr const char* kRepeatCategory = "repeat";

struct GroupReportOptions {
  /// Dataset and protocol filters, as for the leaderboard.
  LeaderboardOptions leaderboard;
  /// Item category to group by, such as "department", or kRepeatCategory.
  std::string category;
  /// Metric in parse_metric form. Empty means each group's select_by.
  std::string metric;
  /// "test" or "valid".
  std::string split = "test";
  /// Number of values kept, those with the most target items. 0 keeps all.
  std::int64_t top = 0;
};

/// One value of the category.
struct ItemGroupRow {
  /// The category value; empty for the row of items without one.
  std::string value;
  bool missing = false;
  /// Target items of this value in the split that the metric counts (only
  /// repeat items for a _repeat metric, only new ones for _explore), and
  /// the users who have such a target.
  std::int64_t n_targets = 0;
  std::int64_t n_users = 0;
  /// One cell per plugin, in the report's plugin order: the mean over
  /// seeds of each run's metric. The mean is NaN when n is 0, because the
  /// runs have no stored ranks or no user has such targets.
  std::vector<MetricSummary> cells;
  /// Indices of the plugins with the highest mean (several on a tie), in
  /// plugin order. Empty when no plugin has a value.
  std::vector<std::size_t> best;
  /// The plugin with the next lower mean, and the paired t-test over users
  /// of the first best against it (per-user values averaged over seeds),
  /// Holm-adjusted over every tested row, shown or not. Means within a
  /// relative 1e-12 of each other tie. The test is unset on a tie for
  /// best, with fewer than two plugins or 2 shared users, or when the
  /// per-user differences have no spread (the t statistic is undefined).
  std::optional<std::size_t> runner_up;
  std::optional<double> p_value;
  std::optional<double> adjusted_p_value;
  bool significant = false;
};

/// One dataset and protocol of the leaderboard, grouped by the category.
struct GroupReport {
  std::string dataset_name;
  std::string dataset_fingerprint;
  std::string protocol;
  std::string category;
  std::string metric;
  std::string split;
  /// The leaderboard's entries, in its order.
  std::vector<LeaderboardEntry> entries;
  /// Plugins whose runs have no stored target ranks because a harness
  /// before schema version 2 recorded them. Their cells are NaN.
  std::vector<std::string> without_ranks;
  /// Plugins with ranks for only some of their runs, as "plugin (k of n
  /// seeds)": their cells average over the ranked runs only.
  std::vector<std::string> partly_ranked;
  /// Rows sorted by n_targets, most first, then by value, and cut to `top`.
  std::vector<ItemGroupRow> rows;
  /// Values of the category among the counted targets, before the cut,
  /// how many of them had a test, and all counted target items.
  std::int64_t n_values = 0;
  std::int64_t n_tested = 0;
  std::int64_t n_targets = 0;
  /// Significance level of `significant`.
  double alpha = 0.05;
};

/// Builds one report per leaderboard group whose dataset has the category.
/// Throws std::invalid_argument for an unknown metric or split, or when no
/// selected dataset has the category (the message names the categories
/// that are stored).
std::vector<GroupReport> compute_group_report(Store& store,
                                              const GroupReportOptions& options);

/// Renders the reports as "table", "markdown", "csv" (one row per value and
/// plugin) or "json". Throws std::invalid_argument for another format.
std::string format_group_report(const std::vector<GroupReport>& reports,
                                const std::string& format);

}  // namespace harness::store
