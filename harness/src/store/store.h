// The results database: one row per trial, with its context, per-epoch
// curve, metrics per split and per-user values. SQLite in WAL mode, so
// several processes may write to one file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace harness::store {

/// Version of the schema written by this build; older files are migrated
/// when opened, newer ones are rejected.
constexpr int kSchemaVersion = 1;

/// What identifies a trial and the context it ran in.
struct RunRecord {
  /// Digest of dataset fingerprint, protocol, plugin name and version,
  /// params, training options and seed: equal keys mean the same trial.
  std::string trial_key;
  std::string sweep_name;
  std::string dataset_name;
  std::string dataset_fingerprint;
  std::string protocol;        // e.g. "leave_last_item_out"
  std::string protocol_json;   // all protocol options, as JSON
  std::string select_by;       // validation metric used for selection
  std::string plugin;
  std::string plugin_version;
  std::string plugin_file_hash;
  std::string params_json;     // resolved hyperparameters, as JSON
  std::string train_json;      // resolved training options, as JSON
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

struct EpochRecord {
  std::int64_t epoch = 0;
  double train_loss = 0;
  double valid_metric = 0;
  double seconds = 0;
};

/// Metric means of one split, and per-user values in user order.
struct SplitMetrics {
  std::string split;  // "valid" or "test"
  std::map<std::string, double> means;
  std::vector<std::int64_t> users;
  std::map<std::string, std::vector<float>> per_user;
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
  std::string started_at;
};

class Store {
 public:
  /// Opens or creates the database, creating parent folders, enabling WAL
  /// and a busy timeout, and migrating older schemas.
  explicit Store(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Inserts the trial as "running" and returns its run id. A row with the
  /// same trial key is replaced, with its epochs and metrics.
  std::int64_t start_run(const RunRecord& record);
  void add_epoch(std::int64_t run_id, const EpochRecord& epoch);
  void finish_run(std::int64_t run_id, const RunOutcome& outcome);

  /// Status of the stored trial with this key, if any.
  std::optional<RunStatus> trial_status(const std::string& trial_key);

  std::optional<StoredRun> load_run(std::int64_t run_id);
  std::vector<EpochRecord> load_epochs(std::int64_t run_id);

  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace harness::store
