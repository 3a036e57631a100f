// Merging results databases with de-duplication by trial key.
#include "store/merge.h"

#include <doctest/doctest.h>

#include "store/sqlite_statement.h"
#include "store/store.h"
#include "store_test_support.h"

namespace harness::store {
namespace {

using testing::add_finished_run;
using testing::make_record;
using testing::make_split;
using testing::TempDir;

// A finished run whose test ndcg@10 is `score`, with one epoch and
// per-user values, finished at the given time.
std::int64_t add_run(Store& store, const RunRecord& record, double score,
                     const std::string& finished_at,
                     const std::string& status = "finished") {
  std::int64_t id = store.start_run(record);
  store.add_epoch(id, {1, 0.5, score, 1.0});
  RunOutcome outcome;
  outcome.status = status;
  outcome.splits = {
      make_split("test", {{"ndcg@10", score}},
                 {{"ndcg@10", {static_cast<float>(score), 0.25f}}})};
  store.finish_run(id, outcome);
  Statement stamp(store.handle(),
                  "UPDATE runs SET finished_at = ? WHERE id = ?");
  stamp.bind(1, finished_at).bind(2, id).run();
  return id;
}

// Test ndcg@10 of the output's row for this trial.
double stored_score(Store& store, const std::string& trial_key) {
  Statement query(store.handle(),
                  "SELECT m.value FROM runs AS r JOIN metrics AS m ON "
                  "m.run_id = r.id WHERE r.trial_key = ? AND m.split = "
                  "'test' AND m.metric = 'ndcg@10'");
  query.bind(1, trial_key);
  REQUIRE(query.step());
  return query.column_double(0);
}

TEST_CASE("merge keeps one row per shared trial") {
  TempDir dir;
  RunRecord shared = make_record("sasrec", "{}", 1);
  RunRecord only_a = make_record("sasrec", "{}", 2);
  RunRecord only_b = make_record("pop", "{}", 1);
  RunRecord failed_later = make_record("gru4rec", "{}", 1);
  {
    Store a(dir.file("a.sqlite"));
    add_run(a, shared, 0.1, "2026-01-01T10:00:00.000Z");
    add_run(a, only_a, 0.2, "2026-01-01T10:00:00.000Z");
    add_run(a, failed_later, 0.3, "2026-01-01T10:00:00.000Z");
    a.record_sweep("toy_sweep", "toy.toml", "old");
    Store b(dir.file("b.sqlite"));
    add_run(b, shared, 0.4, "2026-01-02T10:00:00.000Z");
    add_run(b, only_b, 0.5, "2026-01-01T10:00:00.000Z");
    add_run(b, failed_later, 0.6, "2026-01-03T10:00:00.000Z", "failed");
    b.record_sweep("toy_sweep", "toy.toml", "new");
  }

  std::string output = dir.file("merged/all.sqlite");
  MergeCounts counts =
      merge_databases({dir.file("a.sqlite"), dir.file("b.sqlite")}, output);
  // a: 3 copied; b: the later finished copy of `shared` replaces a's, pop
  // is new, and the failed gru4rec loses to a's finished one.
  CHECK(counts.runs_copied == 5);
  CHECK(counts.runs_replaced == 1);
  CHECK(counts.duplicates_skipped == 1);

  Store merged(output);
  CHECK(merged.count_runs() == 4);
  CHECK(stored_score(merged, shared.trial_key) == 0.4);
  CHECK(stored_score(merged, only_a.trial_key) == 0.2);
  CHECK(stored_score(merged, only_b.trial_key) == 0.5);
  CHECK(stored_score(merged, failed_later.trial_key) == 0.3);
  CHECK(merged.trial_status(failed_later.trial_key) == RunStatus("finished"));

  // Epochs and per-user values travel with their run.
  Statement ids(merged.handle(), "SELECT id FROM runs ORDER BY id");
  int checked = 0;
  while (ids.step()) {
    std::int64_t id = ids.column_int(0);
    CHECK(merged.load_epochs(id).size() == 1);
    auto values = merged.load_user_values(id, "test", "ndcg@10");
    REQUIRE(values.has_value());
    CHECK(values->users == std::vector<std::int64_t>{1, 2});
    CHECK(values->values[1] == 0.25f);
    ++checked;
  }
  CHECK(checked == 4);
  Statement orphans(merged.handle(),
                    "SELECT COUNT(*) FROM metrics WHERE run_id NOT IN "
                    "(SELECT id FROM runs)");
  REQUIRE(orphans.step());
  CHECK(orphans.column_int(0) == 0);
  Statement sweep(merged.handle(), "SELECT config_text FROM sweeps");
  REQUIRE(sweep.step());
  // b's sweep row was written after a's, so it is the newer one.
  CHECK(sweep.column_text(0) == "new");

  // Merging the same input again changes nothing.
  MergeCounts again = merge_databases({dir.file("b.sqlite")}, output);
  CHECK(again.runs_copied == 0);
  CHECK(again.duplicates_skipped == 3);
  CHECK(Store(output).count_runs() == 4);
}

TEST_CASE("merge adds to output with existing runs") {
  TempDir dir;
  std::string output = dir.file("out.sqlite");
  {
    Store out(output);
    add_run(out, make_record("pop", "{}", 9), 0.7, "2026-01-01T00:00:00Z");
    Store in(dir.file("in.sqlite"));
    add_run(in, make_record("pop", "{}", 1), 0.1, "2026-01-01T00:00:00Z");
  }
  MergeCounts counts = merge_databases({dir.file("in.sqlite")}, output);
  CHECK(counts.runs_copied == 1);
  CHECK(counts.duplicates_skipped == 0);
  CHECK(Store(output).count_runs() == 2);
}

TEST_CASE("merge copies target ranks and dataset items") {
  TempDir dir;
  std::string output = dir.file("out.sqlite");
  DatasetItems items;
  items.fingerprint = "fp0123456789abcd";
  items.item_ids = {"", "a", "b"};
  items.categories["department"] = {"", "dairy", "produce"};

  {
    Store in(dir.file("in.sqlite"));
    in.record_dataset_items(items);
    const std::int64_t id = in.start_run(make_record("pop", "{}", 1));
    RunOutcome outcome;
    SplitMetrics test = make_split("test", {{"ndcg@10", 1.0}});
    test.target_ranks = {{1, 2, 1, false}};
    outcome.splits = {test};
    in.finish_run(id, outcome);
    // The output already has the dataset; its rows are kept, not doubled.
    Store out(output);
    out.record_dataset_items(items);
  }
  merge_databases({dir.file("in.sqlite")}, output);

  Store out(output);
  Statement run(out.handle(), "SELECT id FROM runs");
  REQUIRE(run.step());
  const std::vector<TargetRank> ranks =
      out.load_target_ranks(run.column_int(0), "test");
  REQUIRE(ranks.size() == 1);
  CHECK(ranks[0].item == 2);

  CHECK(out.stored_item_count("fp0123456789abcd") == 2);
  CHECK(out.load_item_category("fp0123456789abcd", "department")[2] ==
        "produce");
}

TEST_CASE("merge prefers rows with ranks") {
  TempDir dir;
  const RunRecord record = make_record("pop", "{}", 1);
  {
    // The input's row has ranks; the output's later one, from a harness
    // before schema version 2, has none.
    Store in(dir.file("in.sqlite"));
    const std::int64_t id = in.start_run(record);
    RunOutcome outcome;
    SplitMetrics test = make_split("test", {{"ndcg@10", 1.0}});
    test.target_ranks = {{1, 2, 1, false}};
    outcome.splits = {test};
    in.finish_run(id, outcome);
    Store out(dir.file("out.sqlite"));
    add_run(out, record, 1.0, "2099-01-01T00:00:00.000Z");
  }
  const MergeCounts counts =
      merge_databases({dir.file("in.sqlite")}, dir.file("out.sqlite"));
  CHECK(counts.runs_replaced == 1);
  Store out(dir.file("out.sqlite"));
  Statement run(out.handle(), "SELECT id FROM runs");
  REQUIRE(run.step());
  CHECK(out.load_target_ranks(run.column_int(0), "test").size() == 1);
}

TEST_CASE("merge rejects bad inputs") {
  TempDir dir;
  std::string output = dir.file("out.sqlite");
  CHECK_THROWS_WITH_AS(merge_databases({dir.file("missing.sqlite")}, output),
                       doctest::Contains("merge input not found"), StoreError);
  { Store out(output); }
  CHECK_THROWS_WITH_AS(merge_databases({output}, output),
                       doctest::Contains("merge input is the output"),
                       StoreError);
  {
    Store newer(dir.file("newer.sqlite"));
    exec_sql(newer.handle(),
             "UPDATE meta SET value = '5' WHERE key = 'schema_version'");
  }
  CHECK_THROWS_WITH_AS(merge_databases({dir.file("newer.sqlite")}, output),
                       doctest::Contains("schema version 5"), StoreError);
  {
    Store older(dir.file("older.sqlite"));
    exec_sql(older.handle(),
             "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
  }
  CHECK_THROWS_WITH_AS(
      merge_databases({dir.file("older.sqlite")}, output),
      doctest::Contains("upgrade it by opening it once with this harness"),
      StoreError);
}

}  // namespace
}  // namespace harness::store
