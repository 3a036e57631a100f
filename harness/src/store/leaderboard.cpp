#include "store/leaderboard.h"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "stats/paired_tests.h"
#include "store/run_groups.h"

namespace harness::store {
namespace {

bool group_selected(const RunGroup& group, const LeaderboardOptions& options) {
  if (!options.protocol.empty() && group.protocol != options.protocol) {
    return false;
  }
  if (options.dataset.empty()) return true;
  return group.dataset_name == options.dataset ||
         group.dataset_fingerprint.rfind(options.dataset, 0) == 0;
}

LeaderboardEntry summarize(const ConfigRuns& config, const RunGroup& group) {
  LeaderboardEntry entry;
  entry.plugin = config.plugin;
  entry.plugin_version = config.plugin_version;
  entry.params_json = config.params_json;
  entry.train_json = config.train_json;
  entry.n_seeds = static_cast<std::int64_t>(config.runs.size());
  entry.valid_mean = mean_of(metric_values(config, "valid", group.select_by));
  for (const std::string& metric : group.metrics) {
    std::vector<double> values = metric_values(config, "test", metric);
    if (values.empty()) continue;
    entry.test[metric] = {mean_of(values), sample_std(values),
                          static_cast<std::int64_t>(values.size())};
  }

  std::vector<double> epochs;
  std::vector<double> seconds;
  for (const RunSummary& run : config.runs) {
    epochs.push_back(static_cast<double>(run.epochs_run));
    seconds.push_back(run.train_seconds);
    entry.run_ids.push_back(run.id);
  }
  entry.mean_epochs_run = mean_of(epochs);
  entry.mean_train_seconds = mean_of(seconds);
  return entry;
}

// True when `a` ranks above `b` in selection: higher mean validation
// metric, then more finished seeds, then the smaller params text.
bool selected_before(const LeaderboardEntry& a, const LeaderboardEntry& b) {
  if (a.valid_mean != b.valid_mean) return a.valid_mean > b.valid_mean;
  if (a.n_seeds != b.n_seeds) return a.n_seeds > b.n_seeds;
  return std::tie(a.params_json, a.train_json, a.plugin_version) <
         std::tie(b.params_json, b.train_json, b.plugin_version);
}

// Each plugin's best config on validation. Configs without the validation
// select_by metric cannot be ranked and are left out.
std::vector<LeaderboardEntry> select_configs(const RunGroup& group) {
  std::map<std::string, LeaderboardEntry> best;
  std::map<std::string, std::int64_t> n_configs;
  std::int64_t max_seeds = 0;
  for (const ConfigRuns& config : group.configs) {
    max_seeds =
        std::max(max_seeds, static_cast<std::int64_t>(config.runs.size()));
    if (metric_values(config, "valid", group.select_by).empty()) continue;
    LeaderboardEntry entry = summarize(config, group);
    ++n_configs[entry.plugin];
    auto found = best.find(entry.plugin);
    if (found == best.end() || selected_before(entry, found->second)) {
      best[entry.plugin] = std::move(entry);
    }
  }

  std::vector<LeaderboardEntry> entries;
  for (auto& [plugin, entry] : best) {
    entry.n_configs = n_configs[plugin];
    entry.max_seeds = max_seeds;
    entries.push_back(std::move(entry));
  }
  return entries;
}

double test_mean(const LeaderboardEntry& entry, const std::string& metric) {
  auto found = entry.test.find(metric);
  // An entry without the metric sorts last.
  return found == entry.test.end() ? -1e300 : found->second.mean;
}

// Paired t-tests of every entry against the first, Holm-adjusted together.
void test_against_best(Store& store, const LeaderboardOptions& options,
                       LeaderboardGroup* group) {
  if (group->entries.size() < 2) return;
  const std::string& metric = group->select_by;
  auto best =
      mean_user_values(store, group->entries[0].run_ids, "test", metric);
  if (!best) return;

  std::vector<std::size_t> tested;
  std::vector<double> p_values;
  for (std::size_t i = 1; i < group->entries.size(); ++i) {
    LeaderboardEntry& entry = group->entries[i];
    auto other = mean_user_values(store, entry.run_ids, "test", metric);
    if (!other) continue;
    std::vector<double> a;
    std::vector<double> b;
    pair_users(*best, *other, &a, &b);
    entry.n_users_compared = static_cast<std::int64_t>(a.size());
    if (a.size() < 2) continue;
    stats::PairedComparison result =
        stats::compare_paired(a, b, options.bootstrap_samples);
    entry.p_value = result.t_p_value;
    tested.push_back(i);
    p_values.push_back(result.t_p_value);
  }

  std::vector<double> adjusted = stats::holm_adjust(p_values);
  for (std::size_t j = 0; j < tested.size(); ++j) {
    LeaderboardEntry& entry = group->entries[tested[j]];
    entry.adjusted_p_value = adjusted[j];
    entry.significant = adjusted[j] < options.alpha;
  }
}

}  // namespace

std::vector<LeaderboardGroup> compute_leaderboard(
    Store& store, const LeaderboardOptions& options) {
  if (!(options.alpha > 0 && options.alpha < 1)) {
    throw std::invalid_argument("leaderboard alpha must be in (0, 1), got " +
                                std::to_string(options.alpha));
  }
  std::vector<LeaderboardGroup> result;
  for (const RunGroup& runs : load_finished_groups(store)) {
    if (!group_selected(runs, options)) continue;
    LeaderboardGroup group;
    group.dataset_name = runs.dataset_name;
    group.dataset_fingerprint = runs.dataset_fingerprint;
    group.protocol = runs.protocol;
    group.protocol_json = runs.protocol_json;
    group.select_by = runs.select_by;
    group.metrics = runs.metrics;
    group.alpha = options.alpha;
    group.entries = select_configs(runs);
    if (group.entries.empty()) continue;

    std::stable_sort(group.entries.begin(), group.entries.end(),
                     [&](const LeaderboardEntry& a, const LeaderboardEntry& b) {
                       return test_mean(a, group.select_by) >
                              test_mean(b, group.select_by);
                     });
    test_against_best(store, options, &group);
    result.push_back(std::move(group));
  }
  return result;
}

}  // namespace harness::store
