#include "store/merge.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <tuple>

#include "store/schema.h"
#include "store/sqlite_statement.h"
#include "store/store.h"

namespace harness::store {
namespace {

namespace fs = std::filesystem;

// Tables keyed by run_id that travel with their run.
constexpr const char* kRunTables[] = {"epochs", "metrics", "user_metrics",
                                      "target_ranks"};

// Tables keyed by dataset fingerprint; equal fingerprints mean equal rows,
// so rows already in the output are kept.
constexpr const char* kDatasetTables[] = {"dataset_items", "item_categories"};

struct ConnectionCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

Connection open_input(const std::string& path, const std::string& output) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    throw StoreError(
        fmt::format("{}: merge input not found (or not a "
                    "file); pass an existing results database",
                    path));
  }
  if (fs::exists(output, error) && fs::equivalent(path, output, error)) {
    throw StoreError(
        fmt::format("{}: merge input is the output file; pass "
                    "a different output path",
                    path));
  }

  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  Connection db(raw);
  if (rc != SQLITE_OK) {
    throw StoreError(fmt::format("{}: cannot open merge input: {}", path,
                                 sqlite3_errmsg(raw)));
  }
  sqlite3_busy_timeout(raw, 60000);
  int version = stored_schema_version(raw);
  if (version != kSchemaVersion) {
    throw StoreError(fmt::format(
        "{}: merge input has schema version {}, but this harness merges "
        "version {}; {}",
        path, version, kSchemaVersion,
        version == 0 ? "it is empty, not a results database"
        : version < kSchemaVersion
            ? fmt::format("upgrade it by opening it once with this "
                          "harness: `harness leaderboard --db {}`",
                          path)
            : "merge it with a newer harness"));
  }
  return db;
}

// "VERB INTO table (a, b, ...) VALUES (?, ?, ...)" for the columns of
// `row` other than `skip`, where VERB is "INSERT" or "INSERT OR IGNORE".
std::string insert_sql(const std::string& verb, const std::string& table,
                       const Statement& row, const std::string& skip) {
  std::vector<std::string> names;
  for (int c = 0; c < row.column_count(); ++c) {
    if (row.column_name(c) != skip) names.push_back(row.column_name(c));
  }
  std::vector<std::string> marks(names.size(), "?");
  return fmt::format("{} INTO {} ({}) VALUES ({})", verb, table,
                     fmt::join(names, ", "), fmt::join(marks, ", "));
}

// Copies the remaining rows of `rows` into `table` of `output` with `verb`
// (see insert_sql), writing `run_id`, when set, into the run_id column.
void copy_rows(Statement& rows, sqlite3* output, const std::string& table,
               const std::string& verb, std::optional<std::int64_t> run_id) {
  std::unique_ptr<Statement> insert;
  while (rows.step()) {
    if (!insert) {
      insert = std::make_unique<Statement>(
          output, insert_sql(verb, table, rows, /*skip=*/""));
    }
    for (int c = 0; c < rows.column_count(); ++c) {
      if (run_id && rows.column_name(c) == "run_id") {
        insert->bind(c + 1, *run_id);
      } else {
        insert->bind_column(c + 1, rows, c);
      }
    }
    insert->run();
    insert->reset();
  }
}

// Copies the rows of one run-keyed table from `input` to `output`, with
// run_id rewritten to the run's new id.
void copy_run_rows(sqlite3* input, sqlite3* output, const char* table,
                   std::int64_t old_id, std::int64_t new_id) {
  Statement rows(input,
                 fmt::format("SELECT * FROM {} WHERE run_id = ?", table));
  rows.bind(1, old_id);
  copy_rows(rows, output, table, "INSERT", new_id);
}

// Preference of a row among copies of one trial: finished first, then one
// with stored target ranks (a harness before schema version 2 wrote none),
// then the later finished_at (ISO-8601 UTC strings sort in time order).
std::tuple<bool, bool, std::string> preference(const std::string& status,
                                               bool has_ranks,
                                               const std::string& finished_at) {
  return {status == "finished", has_ranks, finished_at};
}

bool has_target_ranks(Statement& query, std::int64_t run_id) {
  query.bind(1, run_id);
  const bool found = query.step();
  query.reset();
  return found;
}

void merge_sweeps(sqlite3* input, sqlite3* output) {
  Statement rows(input,
                 "SELECT name, config_path, config_text, created_at, "
                 "updated_at FROM sweeps");
  Statement upsert(output,
                   "INSERT INTO sweeps (name, config_path, config_text, "
                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                   "ON CONFLICT (name) DO UPDATE SET "
                   "config_path = excluded.config_path, "
                   "config_text = excluded.config_text, "
                   "updated_at = excluded.updated_at "
                   "WHERE excluded.updated_at > sweeps.updated_at");
  while (rows.step()) {
    for (int c = 0; c < 5; ++c) upsert.bind_column(c + 1, rows, c);
    upsert.run();
    upsert.reset();
  }
}

void merge_datasets(sqlite3* input, sqlite3* output) {
  for (const char* table : kDatasetTables) {
    Statement rows(input, fmt::format("SELECT * FROM {}", table));
    copy_rows(rows, output, table, "INSERT OR IGNORE", std::nullopt);
  }
}

void merge_one(sqlite3* input, sqlite3* output, MergeCounts* counts) {
  Statement runs(input, "SELECT * FROM runs ORDER BY id");
  int id_column = -1;
  int key_column = -1;
  int status_column = -1;
  int finished_column = -1;
  for (int c = 0; c < runs.column_count(); ++c) {
    std::string name = runs.column_name(c);
    if (name == "id") id_column = c;
    if (name == "trial_key") key_column = c;
    if (name == "status") status_column = c;
    if (name == "finished_at") finished_column = c;
  }

  Statement existing(output,
                     "SELECT id, status, COALESCE(finished_at, '') FROM "
                     "runs WHERE trial_key = ?");
  const char* ranks_sql = "SELECT 1 FROM target_ranks WHERE run_id = ? LIMIT 1";
  Statement input_ranks(input, ranks_sql);
  Statement output_ranks(output, ranks_sql);
  Statement remove(output, "DELETE FROM runs WHERE id = ?");
  std::unique_ptr<Statement> insert;
  while (runs.step()) {
    existing.bind(1, runs.column_text(key_column));
    bool has_existing = existing.step();
    if (has_existing) {
      auto stored_rank = preference(
          existing.column_text(1),
          has_target_ranks(output_ranks, existing.column_int(0)),
          existing.column_text(2));
      auto input_rank = preference(
          runs.column_text(status_column),
          has_target_ranks(input_ranks, runs.column_int(id_column)),
          runs.column_text(finished_column));
      if (!(input_rank > stored_rank)) {
        ++counts->duplicates_skipped;
        existing.reset();
        continue;
      }
      remove.bind(1, existing.column_int(0)).run();
      remove.reset();
      ++counts->runs_replaced;
    }
    existing.reset();

    if (!insert) {
      insert = std::make_unique<Statement>(
          output, insert_sql("INSERT", "runs", runs, /*skip=*/"id"));
    }
    int index = 1;
    for (int c = 0; c < runs.column_count(); ++c) {
      if (c != id_column) insert->bind_column(index++, runs, c);
    }
    insert->run();
    insert->reset();
    std::int64_t new_id = sqlite3_last_insert_rowid(output);
    for (const char* table : kRunTables) {
      copy_run_rows(input, output, table, runs.column_int(id_column), new_id);
    }
    ++counts->runs_copied;
  }
}

}  // namespace

MergeCounts merge_databases(const std::vector<std::string>& inputs,
                            const std::string& output) {
  // Check every input before writing anything.
  std::vector<Connection> connections;
  for (const std::string& path : inputs) {
    connections.push_back(open_input(path, output));
  }

  Store store(output);
  MergeCounts counts;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    sqlite3* input = connections[i].get();
    // A read transaction gives a consistent snapshot of an input that a
    // sweep may still be writing.
    exec_sql(input, "BEGIN");
    WriteTransaction transaction(store.handle());
    merge_one(input, store.handle(), &counts);
    merge_sweeps(input, store.handle());
    merge_datasets(input, store.handle());
    transaction.commit();
    exec_sql(input, "COMMIT");
  }
  return counts;
}

}  // namespace harness::store
