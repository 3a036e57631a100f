// Helpers for the store tests: temporary database files and finished runs
// built from given metric values.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "store/store.h"

namespace harness::store::testing {

/// A fresh folder under the system temp folder, removed on destruction.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("harness_store_test_" + std::to_string(::getpid()) + "_" +
             std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string file(const std::string& name) const {
    return (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

/// A record on dataset "toy" under leave_last_item_out, selected by valid
/// ndcg@10, with metrics listed as recall@10 then ndcg@10.
inline RunRecord make_record(
    const std::string& plugin, const std::string& params_json,
    std::int64_t seed, const std::string& fingerprint = "fp0123456789abcd") {
  RunRecord record;
  record.trial_key = fingerprint + "|" + plugin + "|" + params_json + "|" +
                     std::to_string(seed);
  record.sweep_name = "toy_sweep";
  record.dataset_name = fingerprint == "fp0123456789abcd" ? "toy" : "other";
  record.dataset_fingerprint = fingerprint;
  record.protocol = "leave_last_item_out";
  record.protocol_json =
      R"({"kind":"leave_last_item_out","metrics":["recall@10","ndcg@10"],)"
      R"("select_by":"ndcg@10"})";
  record.select_by = "ndcg@10";
  record.plugin = plugin;
  record.plugin_version = "1.0";
  record.params_json = params_json;
  record.train_json = R"({"epochs":5})";
  record.seed = seed;
  record.device = "cpu";
  return record;
}

/// Means of a split; per-user values, when given, are for users 1..n.
inline SplitMetrics make_split(
    const std::string& name, std::map<std::string, double> means,
    std::map<std::string, std::vector<float>> per_user = {}) {
  SplitMetrics split;
  split.split = name;
  split.means = std::move(means);
  if (!per_user.empty()) {
    for (std::size_t u = 1; u <= per_user.begin()->second.size(); ++u) {
      split.users.push_back(static_cast<std::int64_t>(u));
    }
  }
  split.per_user = std::move(per_user);
  return split;
}

/// Starts and finishes a run with these splits; returns its id.
inline std::int64_t add_finished_run(Store& store, const RunRecord& record,
                                     std::vector<SplitMetrics> splits,
                                     std::int64_t epochs_run = 10,
                                     double train_seconds = 2.0) {
  std::int64_t id = store.start_run(record);
  RunOutcome outcome;
  outcome.epochs_run = epochs_run;
  outcome.best_epoch = epochs_run;
  outcome.train_seconds = train_seconds;
  outcome.splits = std::move(splits);
  store.finish_run(id, outcome);
  return id;
}

/// A finished run with valid and test ndcg@10 means and no per-user values.
inline std::int64_t add_scored_run(Store& store, const RunRecord& record,
                                   double valid_ndcg, double test_ndcg,
                                   double test_recall = 0.5) {
  return add_finished_run(store, record,
                          {make_split("valid", {{"ndcg@10", valid_ndcg}}),
                           make_split("test", {{"ndcg@10", test_ndcg},
                                               {"recall@10", test_recall}})});
}

}  // namespace harness::store::testing
