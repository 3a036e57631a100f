#include "store/schema.h"

#include <fmt/format.h>
#include <harness/version.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "store/sqlite_statement.h"
#include "store/store.h"

namespace harness::store {
namespace {

// Version 1: runs, their curves, metrics, per-user values, sweeps, and
// the summary views. Column meanings are in docs/results-database.md.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE sweeps (
  name        TEXT PRIMARY KEY,
  config_path TEXT NOT NULL DEFAULT '',
  config_text TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE runs (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  trial_key           TEXT NOT NULL UNIQUE,
  sweep_name          TEXT NOT NULL DEFAULT '',
  dataset_name        TEXT NOT NULL,
  dataset_fingerprint TEXT NOT NULL,
  protocol            TEXT NOT NULL,
  protocol_json       TEXT NOT NULL DEFAULT '{}',
  select_by           TEXT NOT NULL,
  plugin              TEXT NOT NULL,
  plugin_version      TEXT NOT NULL DEFAULT '',
  plugin_file_hash    TEXT NOT NULL DEFAULT '',
  params_json         TEXT NOT NULL DEFAULT '{}',
  train_json          TEXT NOT NULL DEFAULT '{}',
  seed                INTEGER NOT NULL,
  device              TEXT NOT NULL DEFAULT '',
  threads             INTEGER NOT NULL DEFAULT 0,
  blas                TEXT NOT NULL DEFAULT '',
  harness_version     TEXT NOT NULL DEFAULT '',
  git_commit          TEXT NOT NULL DEFAULT '',
  torch_version       TEXT NOT NULL DEFAULT '',
  host                TEXT NOT NULL DEFAULT '',
  build_type          TEXT NOT NULL DEFAULT '',
  status              TEXT NOT NULL,
  error               TEXT NOT NULL DEFAULT '',
  best_epoch          INTEGER NOT NULL DEFAULT 0,
  epochs_run          INTEGER NOT NULL DEFAULT 0,
  fit_seconds         REAL NOT NULL DEFAULT 0,
  train_seconds       REAL NOT NULL DEFAULT 0,
  eval_seconds        REAL NOT NULL DEFAULT 0,
  total_seconds       REAL NOT NULL DEFAULT 0,
  peak_rss_mb         REAL NOT NULL DEFAULT 0,
  started_at          TEXT NOT NULL,
  finished_at         TEXT
);
CREATE INDEX runs_by_config
  ON runs (dataset_fingerprint, protocol_json, plugin, status);
CREATE INDEX runs_by_sweep ON runs (sweep_name);

CREATE TABLE epochs (
  run_id       INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epoch        INTEGER NOT NULL,
  train_loss   REAL,
  valid_metric REAL,
  seconds      REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, epoch)
) WITHOUT ROWID;

CREATE TABLE metrics (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  split  TEXT NOT NULL,
  metric TEXT NOT NULL,
  value  REAL,
  PRIMARY KEY (run_id, split, metric)
) WITHOUT ROWID;
CREATE INDEX metrics_by_name ON metrics (split, metric);

CREATE TABLE user_metrics (
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  split       TEXT NOT NULL,
  metric      TEXT NOT NULL,
  n_users     INTEGER NOT NULL,
  users       BLOB NOT NULL,
  user_values BLOB NOT NULL,
  PRIMARY KEY (run_id, split, metric)
);

CREATE VIEW run_summary AS
SELECT r.id AS run_id, r.trial_key, r.sweep_name, r.dataset_name,
       r.dataset_fingerprint, r.protocol, r.plugin, r.plugin_version,
       r.params_json, r.seed, r.status, r.select_by,
       v.value AS valid_value, t.value AS test_value,
       r.best_epoch, r.epochs_run, r.train_seconds, r.total_seconds,
       r.peak_rss_mb, r.device, r.started_at, r.finished_at, r.error
FROM runs AS r
LEFT JOIN metrics AS v
  ON v.run_id = r.id AND v.split = 'valid' AND v.metric = r.select_by
LEFT JOIN metrics AS t
  ON t.run_id = r.id AND t.split = 'test' AND t.metric = r.select_by;

CREATE VIEW config_summary AS
WITH finished AS (
  SELECT r.dataset_name, r.dataset_fingerprint, r.protocol, r.protocol_json,
         r.select_by, r.plugin, r.plugin_version, r.params_json,
         r.train_json, m.split, m.metric, m.value,
         AVG(m.value) OVER config AS config_mean
  FROM runs AS r JOIN metrics AS m ON m.run_id = r.id
  WHERE r.status = 'finished' AND m.value IS NOT NULL
  WINDOW config AS (
    PARTITION BY r.dataset_fingerprint, r.protocol_json, r.plugin,
                 r.plugin_version, r.params_json, r.train_json, m.split,
                 m.metric)
)
SELECT dataset_name, dataset_fingerprint, protocol, protocol_json,
       select_by, plugin, plugin_version, params_json, train_json, split,
       metric, COUNT(*) AS n_seeds, AVG(value) AS mean,
       CASE WHEN COUNT(*) > 1
            THEN sqrt(SUM((value - config_mean) * (value - config_mean))
                      / (COUNT(*) - 1))
            ELSE 0.0 END AS std
FROM finished
GROUP BY dataset_fingerprint, protocol_json, plugin, plugin_version,
         params_json, train_json, split, metric;

CREATE VIEW leaderboard AS
WITH ranked AS (
  SELECT *, ROW_NUMBER() OVER (
           PARTITION BY dataset_fingerprint, protocol_json, plugin
           ORDER BY mean DESC, n_seeds DESC, params_json, train_json,
                    plugin_version) AS config_rank
  FROM config_summary
  WHERE split = 'valid' AND metric = select_by
)
SELECT v.dataset_name, v.dataset_fingerprint, v.protocol, v.protocol_json,
       v.plugin, v.plugin_version, v.params_json, v.train_json,
       v.select_by, v.mean AS valid_mean, v.n_seeds AS valid_n_seeds,
       t.metric, t.n_seeds, t.mean AS test_mean, t.std AS test_std
FROM ranked AS v
JOIN config_summary AS t
  ON t.split = 'test'
 AND t.dataset_fingerprint = v.dataset_fingerprint
 AND t.protocol_json = v.protocol_json
 AND t.plugin = v.plugin
 AND t.plugin_version = v.plugin_version
 AND t.params_json = v.params_json
 AND t.train_json = v.train_json
WHERE v.config_rank = 1;
)sql";

// Version 2: the rank of every target item, and each dataset's items with
// their side data, so reports can recompute any metric for any group of
// items (such as one department) without rerunning.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE target_ranks (
  run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  split     TEXT NOT NULL,
  user      INTEGER NOT NULL,
  item      INTEGER NOT NULL,
  rank      INTEGER NOT NULL,
  is_repeat INTEGER NOT NULL,
  PRIMARY KEY (run_id, split, user, item)
) WITHOUT ROWID;

CREATE TABLE dataset_items (
  dataset_fingerprint TEXT NOT NULL,
  item                INTEGER NOT NULL,
  item_id             TEXT NOT NULL,
  name                TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (dataset_fingerprint, item)
) WITHOUT ROWID;

CREATE TABLE item_categories (
  dataset_fingerprint TEXT NOT NULL,
  category            TEXT NOT NULL,
  item                INTEGER NOT NULL,
  value               TEXT NOT NULL,
  PRIMARY KEY (dataset_fingerprint, category, item)
) WITHOUT ROWID;
)sql";

struct Migration {
  int to_version;
  const char* sql;
};

// Append a step for every new version; never edit a released step.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kSteps = {{1, kSchemaV1},
                                                {2, kSchemaV2}};
  return kSteps;
}

bool has_table(sqlite3* db, const std::string& name) {
  Statement query(db,
                  "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                  "name = ?");
  query.bind(1, name);
  return query.step();
}

void check_not_newer(sqlite3* db, int version) {
  if (version <= kSchemaVersion) return;
  throw StoreError(fmt::format(
      "{}: results database has schema version {}, but this harness "
      "(version {}) reads versions up to {}; open it with a newer harness",
      database_path(db), version, harness::kHarnessVersion, kSchemaVersion));
}

void write_version(sqlite3* db, int version) {
  Statement upsert(db,
                   "INSERT INTO meta (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  upsert.bind(1, std::string("schema_version"))
      .bind(2, std::to_string(version))
      .run();
}

}  // namespace

int stored_schema_version(sqlite3* db) {
  if (!has_table(db, "meta")) {
    Statement tables(db,
                     "SELECT name FROM sqlite_master WHERE type = 'table' "
                     "LIMIT 1");
    if (tables.step()) {
      throw StoreError(fmt::format(
          "{}: not a harness results database (it has table '{}' but no "
          "meta table); pass a new file or one written by harness",
          database_path(db), tables.column_text(0)));
    }
    return 0;
  }
  Statement query(db, "SELECT value FROM meta WHERE key = 'schema_version'");
  if (!query.step()) {
    throw StoreError(fmt::format(
        "{}: meta table has no schema_version row; the file is damaged or "
        "not a harness results database",
        database_path(db)));
  }
  std::string text = query.column_text(0);
  char* end = nullptr;
  long version = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || version < 1) {
    throw StoreError(
        fmt::format("{}: invalid schema_version '{}' in the meta table",
                    database_path(db), text));
  }
  return static_cast<int>(version);
}

void migrate_schema(sqlite3* db) {
  // Fast path without a write lock: most opens find an up-to-date file.
  int version = stored_schema_version(db);
  check_not_newer(db, version);
  if (version == kSchemaVersion) return;

  for (const Migration& step : migrations()) {
    WriteTransaction transaction(db);
    version = stored_schema_version(db);
    check_not_newer(db, version);
    if (version >= step.to_version) continue;
    if (version == 0) {
      exec_sql(db,
               "CREATE TABLE meta (key TEXT PRIMARY KEY, "
               "value TEXT NOT NULL)");
      Statement created(db,
                        "INSERT INTO meta (key, value) VALUES "
                        "('created_at', ?), ('created_by', ?)");
      created.bind(1, utc_now_iso8601())
          .bind(2, std::string(harness::kHarnessVersion))
          .run();
    }
    exec_sql(db, step.sql);
    write_version(db, step.to_version);
    transaction.commit();
  }
}

}  // namespace harness::store
