#include "store/store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "store/schema.h"
#include "store/sqlite_statement.h"
#include "store/user_values.h"

namespace harness::store {
namespace {

/// How long a writer waits for another process's transaction, in ms. Write
/// transactions here take milliseconds, so this is only reached when a
/// process holds the lock abnormally long (e.g. a stopped sqlite3 shell).
constexpr int kBusyTimeoutMs = 60000;

// Columns of runs written from a RunRecord, in bind order.
constexpr const char* kRecordColumns =
    "trial_key, sweep_name, dataset_name, dataset_fingerprint, protocol, "
    "protocol_json, select_by, plugin, plugin_version, plugin_file_hash, "
    "params_json, train_json, seed, device, threads, blas, harness_version, "
    "git_commit, torch_version, host, build_type";
constexpr int kRecordColumnCount = 21;

// Binds in the order of kRecordColumns.
void bind_record(Statement& insert, const RunRecord& r) {
  const std::string* texts[] = {
      &r.trial_key,           &r.sweep_name,  &r.dataset_name,
      &r.dataset_fingerprint, &r.protocol,    &r.protocol_json,
      &r.select_by,           &r.plugin,      &r.plugin_version,
      &r.plugin_file_hash,    &r.params_json, &r.train_json};
  int index = 1;
  for (const std::string* text : texts) insert.bind(index++, *text);
  insert.bind(index++, r.seed);
  insert.bind(index++, r.device);
  insert.bind(index++, r.threads);
  const std::string* context[] = {&r.blas,       &r.harness_version,
                                  &r.git_commit, &r.torch_version,
                                  &r.host,       &r.build_type};
  for (const std::string* text : context) insert.bind(index++, *text);
}

RunRecord read_record(const Statement& row, int first) {
  int i = first;
  RunRecord r;
  r.trial_key = row.column_text(i++);
  r.sweep_name = row.column_text(i++);
  r.dataset_name = row.column_text(i++);
  r.dataset_fingerprint = row.column_text(i++);
  r.protocol = row.column_text(i++);
  r.protocol_json = row.column_text(i++);
  r.select_by = row.column_text(i++);
  r.plugin = row.column_text(i++);
  r.plugin_version = row.column_text(i++);
  r.plugin_file_hash = row.column_text(i++);
  r.params_json = row.column_text(i++);
  r.train_json = row.column_text(i++);
  r.seed = row.column_int(i++);
  r.device = row.column_text(i++);
  r.threads = row.column_int(i++);
  r.blas = row.column_text(i++);
  r.harness_version = row.column_text(i++);
  r.git_commit = row.column_text(i++);
  r.torch_version = row.column_text(i++);
  r.host = row.column_text(i++);
  r.build_type = row.column_text(i++);
  return r;
}

// NaN (an undefined metric) is stored as NULL, as SQLite would anyway.
void bind_metric(Statement& statement, int index, double value) {
  if (std::isnan(value)) {
    statement.bind_null(index);
  } else {
    statement.bind(index, value);
  }
}

void check_status(const std::string& path, const RunStatus& status) {
  const auto& allowed = run_statuses();
  if (std::find(allowed.begin(), allowed.end(), status) != allowed.end()) {
    return;
  }
  throw StoreError(
      fmt::format("{}: invalid run status '{}'; expected one "
                  "of: {}",
                  path, status, fmt::join(allowed, ", ")));
}

void check_split(const std::string& path, std::int64_t run_id,
                 const SplitMetrics& split) {
  for (const auto& [metric, values] : split.per_user) {
    if (values.size() == split.users.size()) continue;
    throw StoreError(fmt::format(
        "{}: run {} split '{}' metric '{}' has {} per-user values for {} "
        "users; pass one value per user",
        path, run_id, split.split, metric, values.size(), split.users.size()));
  }
}

void insert_target_ranks(sqlite3* db, std::int64_t run_id,
                         const SplitMetrics& split) {
  if (split.target_ranks.empty()) return;
  Statement insert(db,
                   "INSERT INTO target_ranks (run_id, split, user, item, "
                   "rank, is_repeat) VALUES (?, ?, ?, ?, ?, ?)");
  for (const TargetRank& target : split.target_ranks) {
    insert.bind(1, run_id).bind(2, split.split).bind(3, target.user);
    insert.bind(4, target.item).bind(5, target.rank);
    insert.bind(6, static_cast<std::int64_t>(target.repeat ? 1 : 0));
    insert.run();
    insert.reset();
  }
}

void insert_split(sqlite3* db, std::int64_t run_id, const SplitMetrics& split) {
  insert_target_ranks(db, run_id, split);
  Statement mean(db,
                 "INSERT INTO metrics (run_id, split, metric, value) "
                 "VALUES (?, ?, ?, ?)");
  for (const auto& [metric, value] : split.means) {
    mean.bind(1, run_id).bind(2, split.split).bind(3, metric);
    bind_metric(mean, 4, value);
    mean.run();
    mean.reset();
  }

  if (split.per_user.empty()) return;
  std::vector<unsigned char> users = encode_users(split.users);
  Statement per_user(db,
                     "INSERT INTO user_metrics (run_id, split, metric, "
                     "n_users, users, user_values) VALUES (?, ?, ?, ?, ?, ?)");
  for (const auto& [metric, values] : split.per_user) {
    per_user.bind(1, run_id).bind(2, split.split).bind(3, metric);
    per_user.bind(4, static_cast<std::int64_t>(values.size()));
    per_user.bind_blob(5, users).bind_blob(6, encode_values(values));
    per_user.run();
    per_user.reset();
  }
}

void open_database(const std::string& path, sqlite3** db) {
  int rc = sqlite3_open_v2(
      path.c_str(), db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
      nullptr);
  if (rc != SQLITE_OK) {
    std::string message =
        *db != nullptr ? sqlite3_errmsg(*db) : sqlite3_errstr(rc);
    sqlite3_close(*db);
    *db = nullptr;
    throw StoreError(
        fmt::format("{}: cannot open results database: {}", path, message));
  }
}

// The busy timeout comes first: switching to WAL and reading the schema
// already take locks that another process may hold.
void configure_connection(sqlite3* db, const std::string& path) {
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  Statement journal(db, "PRAGMA journal_mode = WAL");
  std::string mode = journal.step() ? journal.column_text(0) : "";
  if (mode != "wal" && path != ":memory:") {
    throw StoreError(fmt::format(
        "{}: cannot switch the database to WAL mode (journal mode is '{}'); "
        "WAL needs a local file system with shared memory, not a network "
        "mount",
        path, mode));
  }
  exec_sql(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL");
}

}  // namespace

const std::vector<std::string>& run_statuses() {
  static const std::vector<std::string> kStatuses = {
      "finished", "failed", "diverged", "crashed", "timeout", "interrupted"};
  return kStatuses;
}

Store::Store(const std::string& path) : path_(path) {
  if (path != ":memory:") {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code error;
    if (!parent.empty()) std::filesystem::create_directories(parent, error);
    if (error) {
      throw StoreError(fmt::format("{}: cannot create folder '{}': {}", path,
                                   parent.string(), error.message()));
    }
  }
  open_database(path, &db_);
  try {
    configure_connection(db_, path);
    migrate_schema(db_);
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

Store::~Store() { sqlite3_close(db_); }

std::int64_t Store::start_run(const RunRecord& record) {
  if (record.trial_key.empty()) {
    throw StoreError(path_ + ": start_run needs a non-empty trial_key");
  }
  WriteTransaction transaction(db_);
  // Deleting the old row cascades to its epochs, metrics and user values.
  Statement remove(db_, "DELETE FROM runs WHERE trial_key = ?");
  remove.bind(1, record.trial_key).run();

  std::vector<std::string> marks(kRecordColumnCount + 2, "?");
  Statement insert(db_, fmt::format("INSERT INTO runs ({}, status, "
                                    "started_at) VALUES ({})",
                                    kRecordColumns, fmt::join(marks, ", ")));
  bind_record(insert, record);
  insert.bind(kRecordColumnCount + 1, std::string("running"));
  insert.bind(kRecordColumnCount + 2, utc_now_iso8601());
  insert.run();
  std::int64_t run_id = sqlite3_last_insert_rowid(db_);
  transaction.commit();
  return run_id;
}

void Store::add_epoch(std::int64_t run_id, const EpochRecord& epoch) {
  WriteTransaction transaction(db_);
  require_run(run_id);
  Statement insert(db_,
                   "INSERT OR REPLACE INTO epochs (run_id, epoch, "
                   "train_loss, valid_metric, seconds) VALUES (?, ?, ?, ?, "
                   "?)");
  insert.bind(1, run_id).bind(2, epoch.epoch);
  bind_metric(insert, 3, epoch.train_loss);
  bind_metric(insert, 4, epoch.valid_metric);
  insert.bind(5, epoch.seconds).run();
  transaction.commit();
}

void Store::finish_run(std::int64_t run_id, const RunOutcome& outcome) {
  check_status(path_, outcome.status);
  for (const SplitMetrics& split : outcome.splits) {
    check_split(path_, run_id, split);
  }

  WriteTransaction transaction(db_);
  require_run(run_id);
  Statement update(db_,
                   "UPDATE runs SET status = ?, error = ?, best_epoch = ?, "
                   "epochs_run = ?, fit_seconds = ?, train_seconds = ?, "
                   "eval_seconds = ?, total_seconds = ?, peak_rss_mb = ?, "
                   "finished_at = ? WHERE id = ?");
  update.bind(1, outcome.status).bind(2, outcome.error);
  update.bind(3, outcome.best_epoch).bind(4, outcome.epochs_run);
  update.bind(5, outcome.fit_seconds).bind(6, outcome.train_seconds);
  update.bind(7, outcome.eval_seconds).bind(8, outcome.total_seconds);
  update.bind(9, outcome.peak_rss_mb).bind(10, utc_now_iso8601());
  update.bind(11, run_id).run();

  Statement clear_means(db_, "DELETE FROM metrics WHERE run_id = ?");
  clear_means.bind(1, run_id).run();
  Statement clear_users(db_, "DELETE FROM user_metrics WHERE run_id = ?");
  clear_users.bind(1, run_id).run();
  Statement clear_ranks(db_, "DELETE FROM target_ranks WHERE run_id = ?");
  clear_ranks.bind(1, run_id).run();
  for (const SplitMetrics& split : outcome.splits) {
    insert_split(db_, run_id, split);
  }
  transaction.commit();
}

void Store::record_sweep(const std::string& name,
                         const std::string& config_path,
                         const std::string& config_text) {
  WriteTransaction transaction(db_);
  Statement upsert(db_,
                   "INSERT INTO sweeps (name, config_path, config_text, "
                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                   "ON CONFLICT (name) DO UPDATE SET "
                   "config_path = excluded.config_path, "
                   "config_text = excluded.config_text, "
                   "updated_at = excluded.updated_at");
  std::string now = utc_now_iso8601();
  upsert.bind(1, name).bind(2, config_path).bind(3, config_text);
  upsert.bind(4, now).bind(5, now).run();
  transaction.commit();
}

std::optional<RunStatus> Store::trial_status(const std::string& trial_key) {
  Statement query(db_, "SELECT status FROM runs WHERE trial_key = ?");
  query.bind(1, trial_key);
  if (!query.step()) return std::nullopt;
  return query.column_text(0);
}

std::optional<StoredRun> Store::load_run(std::int64_t run_id) {
  Statement query(db_, fmt::format("SELECT id, {}, status, error, "
                                   "best_epoch, epochs_run, fit_seconds, "
                                   "train_seconds, eval_seconds, "
                                   "total_seconds, peak_rss_mb, started_at, "
                                   "finished_at FROM runs WHERE id = ?",
                                   kRecordColumns));
  query.bind(1, run_id);
  if (!query.step()) return std::nullopt;

  StoredRun run;
  run.id = query.column_int(0);
  run.record = read_record(query, 1);
  int i = 1 + kRecordColumnCount;
  RunOutcome& outcome = run.outcome;
  outcome.status = query.column_text(i++);
  outcome.error = query.column_text(i++);
  outcome.best_epoch = query.column_int(i++);
  outcome.epochs_run = query.column_int(i++);
  outcome.fit_seconds = query.column_double(i++);
  outcome.train_seconds = query.column_double(i++);
  outcome.eval_seconds = query.column_double(i++);
  outcome.total_seconds = query.column_double(i++);
  outcome.peak_rss_mb = query.column_double(i++);
  run.started_at = query.column_text(i++);
  run.finished_at = query.column_text(i++);
  outcome.splits = load_splits(run_id);
  return run;
}

std::vector<SplitMetrics> Store::load_splits(std::int64_t run_id) {
  std::map<std::string, SplitMetrics> splits;
  Statement means(db_,
                  "SELECT split, metric, value FROM metrics WHERE run_id = ? "
                  "ORDER BY split, metric");
  means.bind(1, run_id);
  while (means.step()) {
    SplitMetrics& split = splits[means.column_text(0)];
    split.split = means.column_text(0);
    split.means[means.column_text(1)] =
        means.column_optional_double(2).value_or(std::nan(""));
  }

  Statement users(db_,
                  "SELECT split, metric, users, user_values FROM "
                  "user_metrics WHERE run_id = ? ORDER BY split, metric");
  users.bind(1, run_id);
  while (users.step()) {
    SplitMetrics& split = splits[users.column_text(0)];
    split.split = users.column_text(0);
    std::string blob_name = fmt::format("{}: run {} {} {}", path_, run_id,
                                        split.split, users.column_text(1));
    split.users = decode_users(users.column_blob(2), blob_name + " users");
    split.per_user[users.column_text(1)] =
        decode_values(users.column_blob(3), blob_name + " user_values");
  }

  std::vector<SplitMetrics> result;
  for (auto& [name, split] : splits) {
    split.target_ranks = load_target_ranks(run_id, name);
    result.push_back(std::move(split));
  }
  return result;
}

std::vector<EpochRecord> Store::load_epochs(std::int64_t run_id) {
  Statement query(db_,
                  "SELECT epoch, train_loss, valid_metric, seconds FROM "
                  "epochs WHERE run_id = ? ORDER BY epoch");
  query.bind(1, run_id);
  std::vector<EpochRecord> epochs;
  while (query.step()) {
    EpochRecord epoch;
    epoch.epoch = query.column_int(0);
    epoch.train_loss = query.column_optional_double(1).value_or(std::nan(""));
    epoch.valid_metric = query.column_optional_double(2).value_or(std::nan(""));
    epoch.seconds = query.column_double(3);
    epochs.push_back(epoch);
  }
  return epochs;
}

std::optional<UserValues> Store::load_user_values(std::int64_t run_id,
                                                  const std::string& split,
                                                  const std::string& metric) {
  Statement query(db_,
                  "SELECT users, user_values FROM user_metrics WHERE "
                  "run_id = ? AND split = ? AND metric = ?");
  query.bind(1, run_id).bind(2, split).bind(3, metric);
  if (!query.step()) return std::nullopt;
  std::string blob_name =
      fmt::format("{}: run {} {} {}", path_, run_id, split, metric);
  UserValues result;
  result.users = decode_users(query.column_blob(0), blob_name + " users");
  result.values =
      decode_values(query.column_blob(1), blob_name + " user_values");
  if (result.users.size() != result.values.size()) {
    throw StoreError(
        fmt::format("{}: {} users but {} values; the database "
                    "is damaged",
                    blob_name, result.users.size(), result.values.size()));
  }
  return result;
}

std::vector<TargetRank> Store::load_target_ranks(std::int64_t run_id,
                                                const std::string& split) {
  Statement query(db_,
                  "SELECT user, item, rank, is_repeat FROM target_ranks "
                  "WHERE run_id = ? AND split = ? ORDER BY user, item");
  query.bind(1, run_id).bind(2, split);
  std::vector<TargetRank> ranks;
  while (query.step()) {
    ranks.push_back({query.column_int(0), query.column_int(1),
                     query.column_int(2), query.column_int(3) != 0});
  }
  return ranks;
}

void Store::record_dataset_items(const DatasetItems& items) {
  const std::size_t size = items.item_ids.size();
  auto check_size = [&](std::size_t actual, const std::string& what) {
    if (actual == size) return;
    throw StoreError(fmt::format(
        "{}: dataset {} has {} item ids but {} {}; pass one per item",
        path_, items.fingerprint, size, actual, what));
  };
  if (!items.names.empty()) check_size(items.names.size(), "names");
  for (const auto& [category, values] : items.categories) {
    check_size(values.size(), "values of category '" + category + "'");
  }

  WriteTransaction transaction(db_);
  if (stored_item_count(items.fingerprint) > 0) return;
  Statement item(db_,
                 "INSERT INTO dataset_items (dataset_fingerprint, item, "
                 "item_id, name) VALUES (?, ?, ?, ?)");
  for (std::size_t i = 1; i < size; ++i) {
    item.bind(1, items.fingerprint).bind(2, static_cast<std::int64_t>(i));
    item.bind(3, items.item_ids[i]);
    item.bind(4, items.names.empty() ? std::string() : items.names[i]);
    item.run();
    item.reset();
  }
  Statement category_row(db_,
                         "INSERT INTO item_categories (dataset_fingerprint, "
                         "category, item, value) VALUES (?, ?, ?, ?)");
  for (const auto& [category, values] : items.categories) {
    for (std::size_t i = 1; i < size; ++i) {
      if (values[i].empty()) continue;
      category_row.bind(1, items.fingerprint).bind(2, category);
      category_row.bind(3, static_cast<std::int64_t>(i)).bind(4, values[i]);
      category_row.run();
      category_row.reset();
    }
  }
  transaction.commit();
}

std::vector<std::string> Store::load_item_category(
    const std::string& fingerprint, const std::string& category) {
  std::vector<std::string> values;
  Statement query(db_,
                  "SELECT item, value FROM item_categories WHERE "
                  "dataset_fingerprint = ? AND category = ?");
  query.bind(1, fingerprint).bind(2, category);
  while (query.step()) {
    const auto item = static_cast<std::size_t>(query.column_int(0));
    if (item >= values.size()) values.resize(item + 1);
    values[item] = query.column_text(1);
  }
  if (values.empty()) return values;
  values.resize(std::max<std::size_t>(
      values.size(),
      static_cast<std::size_t>(stored_item_count(fingerprint)) + 1));
  return values;
}

std::vector<std::string> Store::item_category_names(
    const std::string& fingerprint) {
  Statement query(db_,
                  "SELECT DISTINCT category FROM item_categories WHERE "
                  "dataset_fingerprint = ? ORDER BY category");
  query.bind(1, fingerprint);
  std::vector<std::string> names;
  while (query.step()) names.push_back(query.column_text(0));
  return names;
}

std::int64_t Store::stored_item_count(const std::string& fingerprint) {
  Statement query(db_,
                  "SELECT COUNT(*) FROM dataset_items WHERE "
                  "dataset_fingerprint = ?");
  query.bind(1, fingerprint);
  query.step();
  return query.column_int(0);
}

std::int64_t Store::count_runs() {
  Statement query(db_, "SELECT COUNT(*) FROM runs");
  query.step();
  return query.column_int(0);
}

void Store::require_run(std::int64_t run_id) {
  Statement query(db_, "SELECT 1 FROM runs WHERE id = ?");
  query.bind(1, run_id);
  if (query.step()) return;
  throw StoreError(
      fmt::format("{}: run id {} not found; it may have been "
                  "replaced by a later start_run of its trial",
                  path_, run_id));
}

}  // namespace harness::store
