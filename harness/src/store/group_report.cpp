#include "store/group_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "metrics/metrics.h"
#include "stats/paired_tests.h"
#include "store/run_groups.h"
#include "store/text_table.h"

namespace harness::store {
namespace {

// Means closer than this, relative to their size, tie: seeds averaged in
// another order can differ in the last bit.
constexpr double kTieTolerance = 1e-12;

bool ties(double a, double b) {
  const double scale = std::max({1.0, std::abs(a), std::abs(b)});
  return std::abs(a - b) <= kTieTolerance * scale;
}

bool counted(const metrics::MetricSpec& spec, bool repeat) {
  switch (spec.subset) {
    case metrics::TargetSubset::kRepeat:
      return repeat;
    case metrics::TargetSubset::kExplore:
      return !repeat;
    case metrics::TargetSubset::kAll:
      break;
  }
  return true;
}

/// Category values of a dataset as small indices, so that a run's targets
/// can be counted per value without string lookups. Index 0 stands for
/// items without a value.
struct ValueIndex {
  std::vector<std::string> values;
  /// Per dense item id, its index in values.
  std::vector<std::size_t> of_item;
  /// Groups targets by their repeat flag instead: 1 repeat, 2 explore.
  bool by_repeat = false;

  std::size_t of(const TargetRank& target) const {
    if (by_repeat) return target.repeat ? 1 : 2;
    const auto i = static_cast<std::size_t>(target.item);
    // An item beyond the stored table has no value.
    return i < of_item.size() ? of_item[i] : 0;
  }
};

ValueIndex repeat_index() {
  ValueIndex index;
  index.values = {"", "repeat", "explore"};
  index.by_repeat = true;
  return index;
}

ValueIndex index_values(const std::vector<std::string>& item_values) {
  ValueIndex index;
  index.values.emplace_back();
  std::map<std::string, std::size_t> seen;
  index.of_item.assign(item_values.size(), 0);
  for (std::size_t item = 1; item < item_values.size(); ++item) {
    const std::string& value = item_values[item];
    if (value.empty()) continue;
    auto [found, added] = seen.emplace(value, index.values.size());
    if (added) index.values.push_back(value);
    index.of_item[item] = found->second;
  }
  return index;
}

/// One run's cases of one category value: the targets and users of the
/// value, and the metric of each user where it is defined, in user order.
struct ValueCases {
  std::int64_t targets = 0;
  std::int64_t users = 0;
  std::vector<std::pair<std::int64_t, double>> user_values;
};

// One user's targets, split by category value into the cases the metric is
// computed on. Ranks stay those of the full ranking, as for the _repeat and
// _explore metrics.
void add_user(std::int64_t user,
              const std::map<std::size_t, metrics::CaseRanks>& by_value,
              const metrics::MetricSpec& spec,
              std::vector<ValueCases>* cases) {
  for (const auto& [value, ranks] : by_value) {
    const auto targets = static_cast<std::int64_t>(
        std::count_if(ranks.repeat.begin(), ranks.repeat.end(),
                      [&](bool repeat) { return counted(spec, repeat); }));
    if (targets == 0) continue;
    ValueCases& value_cases = (*cases)[value];
    value_cases.targets += targets;
    ++value_cases.users;
    const double x = metrics::metric_value(spec, ranks);
    if (!std::isnan(x)) value_cases.user_values.emplace_back(user, x);
  }
}

// Ranks come ordered by user, as load_target_ranks returns them.
std::vector<ValueCases> run_cases(const std::vector<TargetRank>& ranks,
                                  const ValueIndex& index,
                                  const metrics::MetricSpec& spec,
                                  std::int64_t num_items) {
  std::vector<ValueCases> cases(index.values.size());
  std::map<std::size_t, metrics::CaseRanks> by_value;
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    if (i > 0 && ranks[i].user != ranks[i - 1].user) {
      add_user(ranks[i - 1].user, by_value, spec, &cases);
      by_value.clear();
    }
    metrics::CaseRanks& user = by_value[index.of(ranks[i])];
    user.num_items = num_items;
    user.ranks.push_back(ranks[i].rank);
    user.repeat.push_back(ranks[i].repeat);
  }
  if (!ranks.empty()) add_user(ranks.back().user, by_value, spec, &cases);
  return cases;
}

/// One plugin's results for one category value over its seeds.
struct PluginValue {
  /// Per run with ranks, the metric's mean over users.
  std::vector<double> run_means;
  /// Per user: the sum of its values over runs, and in how many runs.
  std::map<std::int64_t, std::pair<double, std::size_t>> user_sums;

  void add_run(const ValueCases& cases) {
    if (cases.user_values.empty()) return;
    double sum = 0;
    for (const auto& [user, value] : cases.user_values) {
      sum += value;
      auto& [user_sum, count] = user_sums[user];
      user_sum += value;
      ++count;
    }
    run_means.push_back(sum / static_cast<double>(cases.user_values.size()));
  }

  /// Per-user values averaged over runs, for users defined in every run,
  /// as the leaderboard pairs users.
  std::map<std::int64_t, double> user_means() const {
    std::map<std::int64_t, double> means;
    for (const auto& [user, sum_count] : user_sums) {
      if (sum_count.second != run_means.size()) continue;
      means[user] = sum_count.first / static_cast<double>(sum_count.second);
    }
    return means;
  }
};

// Sets best and runner_up from the cells, and the unadjusted p-value of
// the best against the runner-up.
void test_best(const std::vector<std::vector<PluginValue>>& plugins,
               std::size_t value, ItemGroupRow* row) {
  double best_mean = -std::numeric_limits<double>::infinity();
  for (std::size_t e = 0; e < row->cells.size(); ++e) {
    if (row->cells[e].n > 0) {
      best_mean = std::max(best_mean, row->cells[e].mean);
    }
  }
  std::optional<std::size_t> runner_up;
  for (std::size_t e = 0; e < row->cells.size(); ++e) {
    const MetricSummary& cell = row->cells[e];
    if (cell.n == 0) continue;
    if (ties(cell.mean, best_mean)) {
      row->best.push_back(e);
    } else if (!runner_up || cell.mean > row->cells[*runner_up].mean) {
      runner_up = e;
    }
  }
  if (row->best.size() != 1 || !runner_up) return;
  row->runner_up = runner_up;

  std::vector<double> a;
  std::vector<double> b;
  pair_users(plugins[row->best[0]][value].user_means(),
             plugins[*runner_up][value].user_means(), &a, &b);
  if (a.size() < 2) return;
  std::vector<double> differences(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) differences[i] = a[i] - b[i];
  // Equal differences (two users who each differ by one hit, say) give an
  // infinite t and p = 0, which means nothing with so few users.
  if (sample_std(differences) == 0) return;
  row->p_value = stats::paired_t_test(differences).p_value;
}

void adjust_p_values(GroupReport* report) {
  std::vector<ItemGroupRow*> tested;
  std::vector<double> p_values;
  for (ItemGroupRow& row : report->rows) {
    if (!row.p_value) continue;
    tested.push_back(&row);
    p_values.push_back(*row.p_value);
  }
  report->n_tested = static_cast<std::int64_t>(tested.size());
  const std::vector<double> adjusted = stats::holm_adjust(p_values);
  for (std::size_t i = 0; i < tested.size(); ++i) {
    tested[i]->adjusted_p_value = adjusted[i];
    tested[i]->significant = adjusted[i] < report->alpha;
  }
}

// The missing category's message names what is stored instead, once per
// dataset.
std::string stored_categories_text(
    Store& store, const std::vector<LeaderboardGroup>& groups) {
  std::vector<std::string> parts;
  std::set<std::string> listed;
  for (const LeaderboardGroup& group : groups) {
    if (!listed.insert(group.dataset_fingerprint).second) continue;
    std::vector<std::string> names =
        store.item_category_names(group.dataset_fingerprint);
    parts.push_back(fmt::format(
        "{} ({}): {}", group.dataset_name,
        short_fingerprint(group.dataset_fingerprint),
        names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "))));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

GroupReport build_report(Store& store, const LeaderboardGroup& group,
                         const GroupReportOptions& options,
                         const ValueIndex& index) {
  GroupReport report;
  report.dataset_name = group.dataset_name;
  report.dataset_fingerprint = group.dataset_fingerprint;
  report.protocol = group.protocol;
  report.category = options.category;
  report.metric = options.metric.empty() ? group.select_by : options.metric;
  report.split = options.split;
  report.entries = group.entries;
  const metrics::MetricSpec spec = metrics::parse_metric(report.metric);
  report.metric = spec.name;

  const std::int64_t num_items =
      store.stored_item_count(group.dataset_fingerprint);
  // Per plugin, per value, its runs' results.
  std::vector<std::vector<PluginValue>> plugins(group.entries.size());
  std::vector<ValueCases> counts;
  for (std::size_t e = 0; e < group.entries.size(); ++e) {
    plugins[e].resize(index.values.size());
    std::size_t ranked_runs = 0;
    for (std::int64_t run_id : group.entries[e].run_ids) {
      const std::vector<TargetRank> ranks =
          store.load_target_ranks(run_id, options.split);
      if (ranks.empty()) continue;
      ++ranked_runs;
      std::vector<ValueCases> cases = run_cases(ranks, index, spec, num_items);
      for (std::size_t v = 0; v < cases.size(); ++v) {
        plugins[e][v].add_run(cases[v]);
      }
      // Every run of a group evaluates the same cases.
      if (counts.empty()) counts = std::move(cases);
    }
    const std::size_t runs = group.entries[e].run_ids.size();
    if (ranked_runs == 0) {
      report.without_ranks.push_back(group.entries[e].plugin);
    } else if (ranked_runs < runs) {
      report.partly_ranked.push_back(fmt::format(
          "{} ({} of {} seeds)", group.entries[e].plugin, ranked_runs, runs));
    }
  }

  for (std::size_t v = 0; v < counts.size(); ++v) {
    if (counts[v].targets == 0) continue;
    ItemGroupRow row;
    row.value = index.values[v];
    row.missing = v == 0;
    row.n_targets = counts[v].targets;
    row.n_users = counts[v].users;
    for (std::size_t e = 0; e < group.entries.size(); ++e) {
      const std::vector<double>& means = plugins[e][v].run_means;
      MetricSummary cell;
      cell.n = static_cast<std::int64_t>(means.size());
      cell.mean = means.empty() ? std::nan("") : mean_of(means);
      cell.std = sample_std(means);
      row.cells.push_back(cell);
    }
    test_best(plugins, v, &row);
    report.n_targets += row.n_targets;
    report.rows.push_back(std::move(row));
  }
  report.alpha = options.leaderboard.alpha;
  adjust_p_values(&report);
  std::sort(report.rows.begin(), report.rows.end(),
            [](const ItemGroupRow& a, const ItemGroupRow& b) {
              if (a.n_targets != b.n_targets) return a.n_targets > b.n_targets;
              return a.value < b.value;
            });
  report.n_values = static_cast<std::int64_t>(report.rows.size());
  if (options.top > 0 &&
      report.rows.size() > static_cast<std::size_t>(options.top)) {
    report.rows.resize(static_cast<std::size_t>(options.top));
  }
  return report;
}

}  // namespace

std::vector<GroupReport> compute_group_report(
    Store& store, const GroupReportOptions& options) {
  if (options.split != "test" && options.split != "valid") {
    throw std::invalid_argument(fmt::format(
        "invalid split '{}'; expected test or valid", options.split));
  }
  if (options.top < 0) {
    throw std::invalid_argument(fmt::format(
        "invalid --top {}; pass 0 (all values) or a positive count",
        options.top));
  }
  // Checked before any work, so a typo fails fast.
  if (!options.metric.empty()) metrics::parse_metric(options.metric);

  const std::vector<LeaderboardGroup> groups =
      compute_leaderboard(store, options.leaderboard);
  std::vector<GroupReport> reports;
  for (const LeaderboardGroup& group : groups) {
    std::vector<std::string> item_values =
        store.load_item_category(group.dataset_fingerprint, options.category);
    if (!item_values.empty()) {
      reports.push_back(
          build_report(store, group, options, index_values(item_values)));
    } else if (options.category == kRepeatCategory) {
      reports.push_back(build_report(store, group, options, repeat_index()));
    }
  }
  if (reports.empty() && !groups.empty()) {
    throw std::invalid_argument(fmt::format(
        "no selected dataset has the item category '{}'; stored categories: "
        "{}, and '{}' (repeat against explore targets) for every dataset. "
        "Pass one of them with --by. Categories come from the dataset's "
        "side-data files (Instacart's products, aisles and departments, or "
        "items_path), and adding such a file makes a new dataset whose "
        "trials run again. A database written before schema version 2 "
        "gets the categories of its data by running its sweep again, which "
        "reruns no finished trial",
        options.category, stored_categories_text(store, groups),
        kRepeatCategory));
  }
  return reports;
}

}  // namespace harness::store
