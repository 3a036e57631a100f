// Schema creation, migration checks and the run round trip.
#include "store/store.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cmath>
#include <fstream>

#include "store/sqlite_statement.h"
#include "store_test_support.h"

namespace harness::store {
namespace {

using testing::make_record;
using testing::make_split;
using testing::TempDir;

std::string single_text(Store& store, const std::string& sql) {
  Statement query(store.handle(), sql);
  REQUIRE(query.step());
  return query.column_text(0);
}

std::int64_t single_int(Store& store, const std::string& sql) {
  Statement query(store.handle(), sql);
  REQUIRE(query.step());
  return query.column_int(0);
}

TEST_CASE("store creates schema and records version") {
  TempDir dir;
  std::string path = dir.file("nested/folder/results.sqlite");
  Store store(path);

  CHECK(std::filesystem::exists(path));
  CHECK(single_text(store,
                    "SELECT value FROM meta WHERE key = "
                    "'schema_version'") == std::to_string(kSchemaVersion));
  CHECK(single_text(store, "PRAGMA journal_mode") == "wal");
  CHECK(single_int(store, "PRAGMA foreign_keys") == 1);
  // synchronous = NORMAL is 1.
  CHECK(single_int(store, "PRAGMA synchronous") == 1);
  for (const char* table :
       {"runs", "epochs", "metrics", "user_metrics", "sweeps"}) {
    CAPTURE(table);
    Statement query(store.handle(),
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                    "name = ?");
    query.bind(1, std::string(table));
    CHECK(query.step());
  }
  for (const char* view : {"run_summary", "config_summary", "leaderboard"}) {
    CAPTURE(view);
    Statement query(store.handle(),
                    "SELECT 1 FROM sqlite_master WHERE type = 'view' AND "
                    "name = ?");
    query.bind(1, std::string(view));
    CHECK(query.step());
    // Preparing a SELECT compiles the view, so a missing SQL function
    // (e.g. sqrt) fails here.
    Statement select(store.handle(), std::string("SELECT * FROM ") + view);
    CHECK_FALSE(select.step());
  }
}

TEST_CASE("store reopens existing file") {
  TempDir dir;
  std::string path = dir.file("results.sqlite");
  std::int64_t id = 0;
  {
    Store store(path);
    id = store.start_run(make_record("pop", "{}", 1));
  }
  Store again(path);
  auto run = again.load_run(id);
  REQUIRE(run.has_value());
  CHECK(run->record.plugin == "pop");
  CHECK(run->outcome.status == "running");
  CHECK(again.count_runs() == 1);
}

TEST_CASE("store migrates version 1 file") {
  TempDir dir;
  std::string path = dir.file("results.sqlite");
  std::int64_t id = 0;
  {
    // A version 1 file: the current schema without the version 2 tables.
    Store store(path);
    id = store.start_run(make_record("pop", "{}", 1));
    exec_sql(store.handle(),
             "DROP TABLE target_ranks; DROP TABLE dataset_items; "
             "DROP TABLE item_categories; UPDATE meta SET value = '1' "
             "WHERE key = 'schema_version'");
  }
  Store again(path);
  CHECK(single_int(again, "SELECT value FROM meta WHERE key = "
                          "'schema_version'") == kSchemaVersion);
  CHECK(again.load_run(id)->record.plugin == "pop");
  CHECK(again.load_target_ranks(id, "test").empty());
  CHECK(again.stored_item_count("fp0123456789abcd") == 0);
}

TEST_CASE("store opens empty existing file") {
  TempDir dir;
  std::string path = dir.file("empty.sqlite");
  std::ofstream(path).close();
  Store store(path);
  CHECK(store.count_runs() == 0);
}

TEST_CASE("store rejects newer schema version") {
  TempDir dir;
  std::string path = dir.file("results.sqlite");
  {
    Store store(path);
    exec_sql(store.handle(),
             "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  }
  try {
    Store newer(path);
    FAIL("a file with schema version 99 was opened");
  } catch (const StoreError& error) {
    std::string message = error.what();
    CHECK(message.find(path) != std::string::npos);
    CHECK(message.find("schema version 99") != std::string::npos);
    CHECK(message.find("newer harness") != std::string::npos);
  }
}

TEST_CASE("store rejects foreign sqlite file") {
  TempDir dir;
  std::string path = dir.file("other.sqlite");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  exec_sql(db, "CREATE TABLE notes (text TEXT)");
  sqlite3_close(db);
  CHECK_THROWS_WITH_AS(Store{path},
                       doctest::Contains("not a harness results database"),
                       StoreError);
}

TEST_CASE("store round trips run with per-user values") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  RunRecord record = make_record("sasrec", R"({"dropout":0.2})", 7);
  record.plugin_file_hash = "hash";
  record.threads = 4;
  record.blas = "openblas";
  record.harness_version = "0.1.0";
  record.git_commit = "abc123";
  record.torch_version = "1.13.1";
  record.host = "node1";
  record.build_type = "Release";
  std::int64_t id = store.start_run(record);
  CHECK(store.trial_status(record.trial_key) == RunStatus("running"));
  store.add_epoch(id, {1, 2.5, 0.125, 1.5});
  store.add_epoch(id, {2, 2.0, 0.25, 1.25});

  RunOutcome outcome;
  outcome.best_epoch = 2;
  outcome.epochs_run = 2;
  outcome.fit_seconds = 0.5;
  outcome.train_seconds = 2.75;
  outcome.eval_seconds = 0.25;
  outcome.total_seconds = 3.5;
  outcome.peak_rss_mb = 812.5;
  float nan = std::nanf("");
  SplitMetrics test =
      make_split("test", {{"ndcg@10", 0.375}, {"recall@10", 0.5}},
                 {{"ndcg@10", {0.0f, 0.5f, 1.0f / 3.0f}},
                  {"recall@10", {0.0f, 1.0f, nan}}});
  test.users = {3, 17, 2147483647};
  outcome.splits = {make_split("valid", {{"ndcg@10", 0.25}}), test};
  store.finish_run(id, outcome);

  auto run = store.load_run(id);
  REQUIRE(run.has_value());
  const RunRecord& r = run->record;
  CHECK(r.trial_key == record.trial_key);
  CHECK(r.sweep_name == "toy_sweep");
  CHECK(r.dataset_name == "toy");
  CHECK(r.dataset_fingerprint == record.dataset_fingerprint);
  CHECK(r.protocol == "leave_last_item_out");
  CHECK(r.protocol_json == record.protocol_json);
  CHECK(r.select_by == "ndcg@10");
  CHECK(r.plugin == "sasrec");
  CHECK(r.plugin_version == "1.0");
  CHECK(r.plugin_file_hash == "hash");
  CHECK(r.params_json == R"({"dropout":0.2})");
  CHECK(r.train_json == R"({"epochs":5})");
  CHECK(r.seed == 7);
  CHECK(r.device == "cpu");
  CHECK(r.threads == 4);
  CHECK(r.blas == "openblas");
  CHECK(r.harness_version == "0.1.0");
  CHECK(r.git_commit == "abc123");
  CHECK(r.torch_version == "1.13.1");
  CHECK(r.host == "node1");
  CHECK(r.build_type == "Release");

  const RunOutcome& o = run->outcome;
  CHECK(o.status == "finished");
  CHECK(o.error.empty());
  CHECK(o.best_epoch == 2);
  CHECK(o.epochs_run == 2);
  CHECK(o.fit_seconds == 0.5);
  CHECK(o.train_seconds == 2.75);
  CHECK(o.eval_seconds == 0.25);
  CHECK(o.total_seconds == 3.5);
  CHECK(o.peak_rss_mb == 812.5);
  CHECK(run->started_at.size() == 24);
  CHECK(run->started_at.back() == 'Z');
  CHECK(run->finished_at >= run->started_at);

  REQUIRE(o.splits.size() == 2);
  // Splits come back in name order: "test" before "valid".
  const SplitMetrics& loaded = o.splits[0];
  CHECK(loaded.split == "test");
  CHECK(loaded.means.at("ndcg@10") == 0.375);
  CHECK(loaded.means.at("recall@10") == 0.5);
  CHECK(loaded.users == std::vector<std::int64_t>{3, 17, 2147483647});
  CHECK(loaded.per_user.at("ndcg@10") ==
        std::vector<float>{0.0f, 0.5f, 1.0f / 3.0f});
  const std::vector<float>& recall = loaded.per_user.at("recall@10");
  REQUIRE(recall.size() == 3);
  CHECK(recall[1] == 1.0f);
  CHECK(std::isnan(recall[2]));
  CHECK(o.splits[1].split == "valid");
  CHECK(o.splits[1].means.at("ndcg@10") == 0.25);
  CHECK(o.splits[1].per_user.empty());

  auto values = store.load_user_values(id, "test", "ndcg@10");
  REQUIRE(values.has_value());
  CHECK(values->users == loaded.users);
  CHECK_FALSE(store.load_user_values(id, "valid", "ndcg@10").has_value());
  // Three users at 4 bytes each.
  CHECK(single_int(store, "SELECT length(users) FROM user_metrics LIMIT 1") ==
        12);

  std::vector<EpochRecord> epochs = store.load_epochs(id);
  REQUIRE(epochs.size() == 2);
  CHECK(epochs[0].epoch == 1);
  CHECK(epochs[0].train_loss == 2.5);
  CHECK(epochs[0].valid_metric == 0.125);
  CHECK(epochs[0].seconds == 1.5);
  CHECK(epochs[1].valid_metric == 0.25);
  CHECK(store.trial_status(record.trial_key) == RunStatus("finished"));
  CHECK_FALSE(store.trial_status("no such key").has_value());
}

TEST_CASE("store target ranks round trip") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  const std::int64_t id = store.start_run(make_record("tifu", "{}", 1));
  RunOutcome outcome;
  SplitMetrics test = make_split("test", {{"ndcg@10", 0.5}});
  test.target_ranks = {{2, 9, 3, true}, {1, 4, 14888, false}, {1, 2, 1, true}};
  outcome.splits = {test};
  store.finish_run(id, outcome);

  // Ordered by user, then item.
  const std::vector<TargetRank> ranks = store.load_target_ranks(id, "test");
  REQUIRE(ranks.size() == 3);
  CHECK(ranks[0].user == 1);
  CHECK(ranks[0].item == 2);
  CHECK(ranks[0].rank == 1);
  CHECK(ranks[0].repeat);
  CHECK(ranks[1].item == 4);
  CHECK(ranks[1].rank == 14888);
  CHECK_FALSE(ranks[1].repeat);
  CHECK(ranks[2].user == 2);
  CHECK(store.load_target_ranks(id, "valid").empty());
  CHECK(store.load_run(id)->outcome.splits[0].target_ranks.size() == 3);

  outcome.splits[0].target_ranks = {{5, 5, 5, false}};
  store.finish_run(id, outcome);
  CHECK(store.load_target_ranks(id, "test").size() == 1);
}

TEST_CASE("store dataset items once") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  DatasetItems items;
  items.fingerprint = "fp1";
  items.item_ids = {"", "p7", "p9", "p3"};
  items.names = {"", "Milk", "Pears", "Bag"};
  items.categories["department"] = {"", "dairy eggs", "produce", ""};
  items.categories["aisle"] = {"", "milk", "fresh fruits", "other"};
  store.record_dataset_items(items);
  CHECK(store.stored_item_count("fp1") == 3);
  CHECK(store.item_category_names("fp1") ==
        std::vector<std::string>{"aisle", "department"});
  CHECK(store.load_item_category("fp1", "department") ==
        std::vector<std::string>{"", "dairy eggs", "produce", ""});
  CHECK(store.load_item_category("fp1", "genre").empty());
  CHECK(store.load_item_category("fp2", "department").empty());
  CHECK(single_int(store, "SELECT COUNT(*) FROM dataset_items WHERE "
                          "item_id = 'p9' AND name = 'Pears'") == 1);

  // Equal fingerprints mean equal data: a second call writes nothing.
  items.names[2] = "changed";
  store.record_dataset_items(items);
  CHECK(single_int(store, "SELECT COUNT(*) FROM dataset_items WHERE "
                          "name = 'changed'") == 0);

  items.fingerprint = "fp3";
  items.categories["aisle"].pop_back();
  CHECK_THROWS_WITH_AS(
      store.record_dataset_items(items),
      doctest::Contains("dataset fp3 has 4 item ids but 3 values of "
                        "category 'aisle'"),
      StoreError);
  CHECK(store.stored_item_count("fp3") == 0);
}

TEST_CASE("store replaces run with same trial key") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  RunRecord record = make_record("gru4rec", "{}", 1);
  std::int64_t first = testing::add_scored_run(store, record, 0.1, 0.2);
  store.add_epoch(first, {1, 1.0, 0.1, 1.0});

  std::int64_t second = store.start_run(record);
  CHECK(second != first);
  CHECK(store.count_runs() == 1);
  CHECK_FALSE(store.load_run(first).has_value());
  CHECK(store.load_epochs(second).empty());
  CHECK(single_int(store, "SELECT COUNT(*) FROM metrics") == 0);
  CHECK(single_int(store, "SELECT COUNT(*) FROM user_metrics") == 0);
  CHECK(store.trial_status(record.trial_key) == RunStatus("running"));
}

TEST_CASE("store rejects invalid finish") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  std::int64_t id = store.start_run(make_record("pop", "{}", 1));

  RunOutcome bad_status;
  bad_status.status = "done";
  CHECK_THROWS_WITH_AS(store.finish_run(id, bad_status),
                       doctest::Contains("invalid run status 'done'"),
                       StoreError);

  RunOutcome bad_sizes;
  SplitMetrics split = make_split("test", {}, {{"ndcg@10", {0.5f, 0.5f}}});
  split.users.pop_back();
  bad_sizes.splits = {split};
  CHECK_THROWS_WITH_AS(store.finish_run(id, bad_sizes),
                       doctest::Contains("2 per-user values for 1 users"),
                       StoreError);

  RunOutcome wide_ids;
  SplitMetrics wide = make_split("test", {}, {{"ndcg@10", {0.5f}}});
  wide.users = {std::int64_t{1} << 40};
  wide_ids.splits = {wide};
  CHECK_THROWS_WITH_AS(store.finish_run(id, wide_ids),
                       doctest::Contains("does not fit"), StoreError);
  // A failed finish leaves the run as it was.
  CHECK(store.load_run(id)->outcome.status == "running");

  CHECK_THROWS_WITH_AS(store.finish_run(id + 100, RunOutcome{}),
                       doctest::Contains("not found"), StoreError);
  CHECK_THROWS_WITH_AS(store.add_epoch(id + 100, EpochRecord{}),
                       doctest::Contains("not found"), StoreError);
}

TEST_CASE("store records failed run with error") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  std::int64_t id = store.start_run(make_record("pop", "{}", 1));
  RunOutcome outcome;
  outcome.status = "diverged";
  outcome.error = "loss is NaN at epoch 3";
  store.finish_run(id, outcome);
  auto run = store.load_run(id);
  CHECK(run->outcome.status == "diverged");
  CHECK(run->outcome.error == "loss is NaN at epoch 3");
  CHECK(run->outcome.splits.empty());
}

TEST_CASE("store records sweep") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  store.record_sweep("toy_sweep", "sweeps/toy.toml", "name = 'toy'");
  store.record_sweep("toy_sweep", "sweeps/toy.toml", "name = 'toy2'");
  CHECK(single_int(store, "SELECT COUNT(*) FROM sweeps") == 1);
  CHECK(single_text(store, "SELECT config_text FROM sweeps") ==
        "name = 'toy2'");
}

TEST_CASE("run_summary view joins select_by metric") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  std::int64_t id =
      testing::add_scored_run(store, make_record("pop", "{}", 1), 0.125, 0.25);
  Statement query(store.handle(),
                  "SELECT run_id, status, valid_value, test_value FROM "
                  "run_summary");
  REQUIRE(query.step());
  CHECK(query.column_int(0) == id);
  CHECK(query.column_text(1) == "finished");
  CHECK(query.column_double(2) == 0.125);
  CHECK(query.column_double(3) == 0.25);
}

}  // namespace
}  // namespace harness::store
