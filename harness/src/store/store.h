// The results database: one row per trial, with its context, per-epoch
// curve, metrics per split and per-user values. SQLite in WAL mode, so
// several processes may write to one file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store_error.h"

struct sqlite3;

namespace harness::store {

/// Version of the schema written by this build; older files are migrated
/// when opened, newer ones are rejected.
constexpr int kSchemaVersion = 2;

/// Identity of a trial and the context it ran in.
struct RunRecord {
  /// Digest of dataset fingerprint, protocol, plugin name and version,
  /// params, training options and seed: equal keys mean the same trial.
  std::string trial_key;
  std::string sweep_name;
  std::string dataset_name;
  std::string dataset_fingerprint;
  std::string protocol;        // e.g. "leave_last_item_out"
  /// All protocol options, as JSON. A "metrics" array in it gives the
  /// order of the leaderboard's metric columns.
  std::string protocol_json;
  std::string select_by;       // validation metric used for selection
  std::string plugin;
  std::string plugin_version;
  std::string plugin_file_hash;
  std::string params_json;     // resolved hyperparameters, as JSON
  /// Resolved training options, as JSON, without the seed: runs that
  /// differ only in seed must have equal train_json to form one config.
  std::string train_json;
  std::int64_t seed = 0;
  std::string device;
  std::int64_t threads = 0;
  std::string blas;
  std::string harness_version;
  std::string git_commit;
  std::string torch_version;
  std::string host;
  std::string build_type;
};

/// Lifecycle of a run row: "running", then one of "finished", "failed"
/// (an exception), "diverged" (NaN loss), "crashed" (signal or exit),
/// "timeout", or "interrupted" (the harness was stopped).
using RunStatus = std::string;

/// Every status finish_run accepts ("running" is set by start_run).
const std::vector<std::string>& run_statuses();

struct EpochRecord {
  std::int64_t epoch = 0;
  double train_loss = 0;
  double valid_metric = 0;
  double seconds = 0;
};

/// The rank of one target item of one evaluation case. Every metric of the
/// split can be recomputed from these, for any K and any subset of the
/// items (such as one department).
struct TargetRank {
  std::int64_t user = 0;
  std::int64_t item = 0;
  /// Pessimistic 1-based rank among all items; num_items + 1 for a target
  /// masked from the ranking.
  std::int64_t rank = 0;
  /// The user had the item in their history before the target.
  bool repeat = false;
};

/// Metric means of one split, per-user values in user order, and the rank
/// of every target.
struct SplitMetrics {
  std::string split;  // "valid" or "test"
  std::map<std::string, double> means;
  std::vector<std::int64_t> users;
  std::map<std::string, std::vector<float>> per_user;
  std::vector<TargetRank> target_ranks;
};

/// The items of a processed dataset as the results database keeps them,
/// so that reports can name items and group them by side data. Indexed by
/// dense item id; entry 0 (padding) is ignored.
struct DatasetItems {
  std::string fingerprint;
  std::vector<std::string> item_ids;
  /// Display names; empty or as long as item_ids.
  std::vector<std::string> names;
  /// Category (such as "department") -> per item its value, "" for none.
  std::map<std::string, std::vector<std::string>> categories;
};

struct RunOutcome {
  RunStatus status = "finished";
  std::string error;
  std::int64_t best_epoch = 0;
  std::int64_t epochs_run = 0;
  double fit_seconds = 0;
  double train_seconds = 0;
  double eval_seconds = 0;
  double total_seconds = 0;
  double peak_rss_mb = 0;
  std::vector<SplitMetrics> splits;
};

/// A stored run as read back.
struct StoredRun {
  std::int64_t id = 0;
  RunRecord record;
  RunOutcome outcome;
  /// UTC ISO-8601 times; finished_at is empty while the run is running.
  std::string started_at;
  std::string finished_at;
};

/// Per-user values of one metric of one run and split.
struct UserValues {
  std::vector<std::int64_t> users;
  std::vector<float> values;
};

class Store {
 public:
  /// Opens or creates the database, creating parent folders, enabling WAL
  /// and a busy timeout, and migrating older schemas. Throws StoreError.
  /// Use one Store per thread or process: each is one SQLite connection,
  /// and each write is its own BEGIN IMMEDIATE transaction.
  explicit Store(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Inserts the trial as "running" and returns its run id. A row with the
  /// same trial key is replaced, with its epochs and metrics.
  std::int64_t start_run(const RunRecord& record);
  /// Stores one epoch of the curve; an epoch stored again is replaced.
  void add_epoch(std::int64_t run_id, const EpochRecord& epoch);
  /// Sets the final status, timings and metrics, replacing metrics from
  /// an earlier call. Throws StoreError for an unknown run id, a status not
  /// in run_statuses(), or per-user vectors whose size differs from users.
  void finish_run(std::int64_t run_id, const RunOutcome& outcome);

  /// Stores or updates a sweep's name and file text.
  void record_sweep(const std::string& name, const std::string& config_path,
                    const std::string& config_text);

  /// Status of the stored trial with this key, if any.
  std::optional<RunStatus> trial_status(const std::string& trial_key);

  std::optional<StoredRun> load_run(std::int64_t run_id);
  std::vector<EpochRecord> load_epochs(std::int64_t run_id);
  std::optional<UserValues> load_user_values(std::int64_t run_id,
                                             const std::string& split,
                                             const std::string& metric);
  /// Target ranks of one run and split, ordered by user and item; empty
  /// for runs recorded before schema version 2 stored them.
  std::vector<TargetRank> load_target_ranks(std::int64_t run_id,
                                            const std::string& split);

  /// Stores a dataset's items and categories once per fingerprint; a
  /// fingerprint already stored is left as it is (equal fingerprints mean
  /// equal processed data). Throws StoreError when names or a category
  /// differ in size from item_ids.
  void record_dataset_items(const DatasetItems& items);
  /// Category values per dense item id (entry 0 is "") of one dataset;
  /// empty when the dataset or category is not stored.
  std::vector<std::string> load_item_category(const std::string& fingerprint,
                                              const std::string& category);
  /// Category names stored for a dataset, in name order.
  std::vector<std::string> item_category_names(const std::string& fingerprint);
  /// Number of items stored for a dataset; 0 when it is not stored.
  std::int64_t stored_item_count(const std::string& fingerprint);
  std::int64_t count_runs();

  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  void require_run(std::int64_t run_id);
  std::vector<SplitMetrics> load_splits(std::int64_t run_id);

  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace harness::store
