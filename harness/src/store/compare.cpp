#include "store/compare.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/leaderboard.h"
#include "store/run_groups.h"
#include "store/sqlite_statement.h"

namespace harness::store {
namespace {

/// A side with the data and protocol it ran on.
struct Resolved {
  CompareSide side;
  std::string dataset_name;
  std::string fingerprint;
  std::string protocol;
  std::string protocol_json;
};

bool is_run_id(const std::string& text) {
  return !text.empty() && text.size() < 19 &&
         std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::string group_name(const LeaderboardGroup& group) {
  return fmt::format("{} (fingerprint {}) {}", group.dataset_name,
                     group.dataset_fingerprint.substr(0, 12), group.protocol);
}

Resolved resolve_run(Store& store, const std::string& text) {
  std::int64_t run_id = std::stoll(text);
  std::optional<StoredRun> run = store.load_run(run_id);
  if (!run) {
    throw StoreError(
        fmt::format("{}: run id {} not found", store.path(), run_id));
  }
  Resolved resolved;
  resolved.side.label = text;
  resolved.side.plugin = run->record.plugin;
  resolved.side.params_json = run->record.params_json;
  resolved.side.run_ids = {run_id};
  resolved.side.seeds = {run->record.seed};
  resolved.dataset_name = run->record.dataset_name;
  resolved.fingerprint = run->record.dataset_fingerprint;
  resolved.protocol = run->record.protocol;
  resolved.protocol_json = run->record.protocol_json;
  return resolved;
}

const LeaderboardEntry* find_entry(const LeaderboardGroup& group,
                                   const std::string& plugin) {
  for (const LeaderboardEntry& entry : group.entries) {
    if (entry.plugin == plugin) return &entry;
  }
  return nullptr;
}

// The one leaderboard group that contains every plugin side and the data
// of every run side.
const LeaderboardGroup& choose_group(
    const Store& store, const std::vector<LeaderboardGroup>& groups,
    const std::vector<std::string>& plugins,
    const std::vector<Resolved>& runs) {
  std::vector<const LeaderboardGroup*> candidates;
  for (const LeaderboardGroup& group : groups) {
    bool matches = true;
    for (const std::string& plugin : plugins) {
      matches = matches && find_entry(group, plugin) != nullptr;
    }
    for (const Resolved& run : runs) {
      matches = matches && group.dataset_fingerprint == run.fingerprint &&
                group.protocol_json == run.protocol_json;
    }
    if (matches) candidates.push_back(&group);
  }
  if (candidates.size() == 1) return *candidates.front();

  if (candidates.empty()) {
    for (const std::string& plugin : plugins) {
      bool found = std::any_of(groups.begin(), groups.end(),
                               [&](const LeaderboardGroup& group) {
                                 return find_entry(group, plugin) != nullptr;
                               });
      if (!found) {
        throw StoreError(fmt::format(
            "{}: plugin '{}' has no finished runs{}; pass a run id or a "
            "plugin listed by `harness leaderboard`",
            store.path(), plugin,
            groups.empty() ? "" : " matching --dataset/--protocol"));
      }
    }
    throw StoreError(fmt::format(
        "{}: runs used different data: no dataset and protocol has finished "
        "runs of both sides; compare runs on the same dataset fingerprint",
        store.path()));
  }

  std::vector<std::string> names;
  for (const LeaderboardGroup* group : candidates) {
    names.push_back(group_name(*group));
  }
  throw StoreError(fmt::format(
      "{}: '{}' has finished runs on several datasets or protocols: {}; "
      "pass --dataset NAME_OR_FINGERPRINT_PREFIX and/or --protocol KIND",
      store.path(), fmt::join(plugins, "' and '"), fmt::join(names, "; ")));
}

Resolved resolve_plugin(const LeaderboardGroup& group,
                        const std::string& plugin) {
  const LeaderboardEntry* entry = find_entry(group, plugin);
  Resolved resolved;
  resolved.side.label = plugin;
  resolved.side.plugin = plugin;
  resolved.side.params_json = entry->params_json;
  resolved.side.run_ids = entry->run_ids;
  resolved.dataset_name = group.dataset_name;
  resolved.fingerprint = group.dataset_fingerprint;
  resolved.protocol = group.protocol;
  resolved.protocol_json = group.protocol_json;
  return resolved;
}

std::vector<std::string> stored_user_metrics(Store& store,
                                             std::int64_t run_id) {
  Statement query(store.handle(),
                  "SELECT split, metric FROM user_metrics WHERE run_id = ? "
                  "ORDER BY split, metric");
  query.bind(1, run_id);
  std::vector<std::string> names;
  while (query.step()) {
    names.push_back(query.column_text(0) + " " + query.column_text(1));
  }
  return names;
}

// Fills seeds and per-run means, and checks every run has per-user values.
void load_side(Store& store, const CompareRequest& request, CompareSide* side) {
  side->seeds.clear();
  for (std::int64_t run_id : side->run_ids) {
    if (!store.load_user_values(run_id, request.split, request.metric)) {
      std::vector<std::string> stored = stored_user_metrics(store, run_id);
      throw StoreError(fmt::format(
          "{}: run {} ({}) has no per-user values for {} {}; stored: {}",
          store.path(), run_id, side->plugin, request.split, request.metric,
          stored.empty() ? std::string("none")
                         : fmt::format("{}", fmt::join(stored, ", "))));
    }
    StoredRun run = *store.load_run(run_id);
    side->seeds.push_back(run.record.seed);
    for (const SplitMetrics& split : run.outcome.splits) {
      auto found = split.means.find(request.metric);
      if (split.split == request.split && found != split.means.end()) {
        side->run_means.push_back(found->second);
      }
    }
  }
}

void check_same_data(const Store& store, const Resolved& a, const Resolved& b) {
  if (a.fingerprint != b.fingerprint) {
    throw StoreError(fmt::format(
        "{}: runs used different data: '{}' ran on {} (fingerprint {}) and "
        "'{}' on {} (fingerprint {}); compare runs on the same dataset "
        "fingerprint",
        store.path(), a.side.label, a.dataset_name, a.fingerprint, b.side.label,
        b.dataset_name, b.fingerprint));
  }
  if (a.protocol != b.protocol) {
    throw StoreError(fmt::format(
        "{}: runs used different protocols: '{}' used {} and '{}' used {}; "
        "their targets differ, so users cannot be paired",
        store.path(), a.side.label, a.protocol, b.side.label, b.protocol));
  }
}

}  // namespace

CompareReport compare(Store& store, const CompareRequest& request) {
  std::vector<Resolved> runs;
  std::vector<std::string> plugins;
  for (const std::string* text : {&request.a, &request.b}) {
    if (is_run_id(*text)) {
      runs.push_back(resolve_run(store, *text));
    } else {
      plugins.push_back(*text);
    }
  }

  Resolved a;
  Resolved b;
  if (plugins.empty()) {
    a = runs[0];
    b = runs[1];
  } else {
    LeaderboardOptions options;
    options.dataset = request.dataset;
    options.protocol = request.protocol;
    std::vector<LeaderboardGroup> groups = compute_leaderboard(store, options);
    const LeaderboardGroup& group = choose_group(store, groups, plugins, runs);
    a = is_run_id(request.a) ? runs.front() : resolve_plugin(group, request.a);
    b = is_run_id(request.b) ? runs.back() : resolve_plugin(group, request.b);
  }
  check_same_data(store, a, b);

  CompareReport report;
  report.metric = request.metric;
  report.split = request.split;
  report.dataset_name = a.dataset_name;
  report.dataset_fingerprint = a.fingerprint;
  report.protocol = a.protocol;
  report.a = a.side;
  report.b = b.side;
  load_side(store, request, &report.a);
  load_side(store, request, &report.b);

  auto users_a =
      *mean_user_values(store, report.a.run_ids, request.split, request.metric);
  auto users_b =
      *mean_user_values(store, report.b.run_ids, request.split, request.metric);
  std::vector<double> paired_a;
  std::vector<double> paired_b;
  pair_users(users_a, users_b, &paired_a, &paired_b);
  if (paired_a.size() < 2) {
    throw StoreError(fmt::format(
        "{}: '{}' and '{}' share {} users with defined {} {}; a paired test "
        "needs at least 2",
        store.path(), request.a, request.b, paired_a.size(), request.split,
        request.metric));
  }
  report.users = stats::compare_paired(
      paired_a, paired_b, request.bootstrap_samples, request.bootstrap_seed);
  if (report.a.run_means.size() >= 2 && report.b.run_means.size() >= 2) {
    report.seeds = stats::welch_t_test(report.a.run_means, report.b.run_means);
  }
  return report;
}

}  // namespace harness::store
