#include "store/run_groups.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "store/sqlite_statement.h"

namespace harness::store {
namespace {

using GroupKey = std::tuple<std::string, std::string, std::string>;
using ConfigKey =
    std::tuple<std::string, std::string, std::string, std::string>;

// Metric order as the sweep listed it; protocol_json that is not JSON or
// has no "metrics" array gives no order.
std::vector<std::string> listed_metrics(const std::string& protocol_json) {
  std::vector<std::string> metrics;
  nlohmann::json protocol =
      nlohmann::json::parse(protocol_json, nullptr, /*allow_exceptions=*/false);
  if (!protocol.is_object()) return metrics;
  auto found = protocol.find("metrics");
  if (found == protocol.end() || !found->is_array()) return metrics;
  for (const auto& name : *found) {
    if (name.is_string()) metrics.push_back(name.get<std::string>());
  }
  return metrics;
}

void order_metrics(RunGroup* group) {
  std::set<std::string> stored;
  for (const ConfigRuns& config : group->configs) {
    for (const RunSummary& run : config.runs) {
      for (const auto& [key, value] : run.metrics) stored.insert(key.second);
    }
  }
  for (const std::string& name : listed_metrics(group->protocol_json)) {
    if (stored.erase(name) > 0) group->metrics.push_back(name);
  }
  group->metrics.insert(group->metrics.end(), stored.begin(), stored.end());
}

std::map<std::int64_t, RunSummary::Metrics> load_metrics(Store& store) {
  std::map<std::int64_t, RunSummary::Metrics> by_run;
  Statement query(store.handle(),
                  "SELECT m.run_id, m.split, m.metric, m.value FROM metrics "
                  "AS m JOIN runs AS r ON r.id = m.run_id WHERE r.status = "
                  "'finished' AND m.value IS NOT NULL");
  while (query.step()) {
    by_run[query.column_int(0)][{query.column_text(1), query.column_text(2)}] =
        query.column_double(3);
  }
  return by_run;
}

}  // namespace

std::vector<RunGroup> load_finished_groups(Store& store) {
  std::map<std::int64_t, RunSummary::Metrics> metrics = load_metrics(store);
  Statement query(store.handle(),
                  "SELECT id, dataset_name, dataset_fingerprint, protocol, "
                  "protocol_json, select_by, plugin, plugin_version, "
                  "params_json, train_json, seed, epochs_run, train_seconds "
                  "FROM runs WHERE status = 'finished' ORDER BY "
                  "dataset_name, protocol, dataset_fingerprint, "
                  "protocol_json, plugin, params_json, seed, id");

  std::vector<RunGroup> groups;
  std::map<GroupKey, std::size_t> group_index;
  std::map<std::pair<std::size_t, ConfigKey>, std::size_t> config_index;
  while (query.step()) {
    GroupKey group_key{query.column_text(2), query.column_text(4),
                       query.column_text(5)};
    auto [group_it, new_group] =
        group_index.try_emplace(group_key, groups.size());
    if (new_group) {
      RunGroup group;
      group.dataset_name = query.column_text(1);
      group.dataset_fingerprint = query.column_text(2);
      group.protocol = query.column_text(3);
      group.protocol_json = query.column_text(4);
      group.select_by = query.column_text(5);
      groups.push_back(std::move(group));
    }
    RunGroup& group = groups[group_it->second];

    ConfigKey config_key{query.column_text(6), query.column_text(7),
                         query.column_text(8), query.column_text(9)};
    auto [config_it, new_config] = config_index.try_emplace(
        {group_it->second, config_key}, group.configs.size());
    if (new_config) {
      ConfigRuns config;
      std::tie(config.plugin, config.plugin_version, config.params_json,
               config.train_json) = config_key;
      group.configs.push_back(std::move(config));
    }

    RunSummary run;
    run.id = query.column_int(0);
    run.seed = query.column_int(10);
    run.epochs_run = query.column_int(11);
    run.train_seconds = query.column_double(12);
    run.metrics = std::move(metrics[run.id]);
    group.configs[config_it->second].runs.push_back(std::move(run));
  }
  for (RunGroup& group : groups) order_metrics(&group);
  return groups;
}

double mean_of(const std::vector<double>& values) {
  if (values.empty()) return 0;
  double sum = 0;
  for (double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

double sample_std(const std::vector<double>& values) {
  if (values.size() < 2) return 0;
  double mean = mean_of(values);
  double squares = 0;
  for (double value : values) squares += (value - mean) * (value - mean);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

std::vector<double> metric_values(const ConfigRuns& config,
                                  const std::string& split,
                                  const std::string& metric) {
  std::vector<double> values;
  for (const RunSummary& run : config.runs) {
    auto found = run.metrics.find({split, metric});
    if (found != run.metrics.end()) values.push_back(found->second);
  }
  return values;
}

std::optional<std::map<std::int64_t, double>> mean_user_values(
    Store& store, const std::vector<std::int64_t>& run_ids,
    const std::string& split, const std::string& metric) {
  std::map<std::int64_t, double> sums;
  std::map<std::int64_t, std::size_t> counts;
  for (std::int64_t run_id : run_ids) {
    std::optional<UserValues> values =
        store.load_user_values(run_id, split, metric);
    if (!values) return std::nullopt;
    for (std::size_t i = 0; i < values->users.size(); ++i) {
      sums[values->users[i]] += values->values[i];
      ++counts[values->users[i]];
    }
  }

  std::map<std::int64_t, double> means;
  for (const auto& [user, sum] : sums) {
    // NaN propagates through the sum, so one undefined seed drops the
    // user, as does a user missing from some run.
    if (counts[user] != run_ids.size() || std::isnan(sum)) continue;
    means[user] = sum / static_cast<double>(run_ids.size());
  }
  return means;
}

void pair_users(const std::map<std::int64_t, double>& a,
                const std::map<std::int64_t, double>& b,
                std::vector<double>* paired_a, std::vector<double>* paired_b) {
  paired_a->clear();
  paired_b->clear();
  for (const auto& [user, value] : a) {
    auto found = b.find(user);
    if (found == b.end()) continue;
    paired_a->push_back(value);
    paired_b->push_back(found->second);
  }
}

}  // namespace harness::store
