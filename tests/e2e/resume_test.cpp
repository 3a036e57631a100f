// Running a sweep again: finished trials are skipped, new grid points run,
// failed ones rerun only on request; and seeds make runs repeatable.
#include "harness_process.h"
#include "results_db.h"
#include "sweep_text.h"

#include <doctest/doctest.h>

namespace harness::e2e {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// What must not change for a trial that is skipped.
Rows run_rows(const std::string& db) {
  return ResultsDb(db).rows(
      "SELECT id, trial_key, status, started_at, finished_at FROM runs "
      "ORDER BY id");
}

std::string crashy_grid(const std::string& dims) {
  return "\n[[models]]\nplugin = \"crashy\"\n[models.grid]\ndim = " + dims +
         "\n";
}

}  // namespace

TEST_CASE("resume: second run of a sweep runs nothing") {
  TempDir dir;
  const std::string db = dir.file("results.sqlite");
  write_text(dir.file("sweep.toml"),
             tiny_sweep("resume", 2, "[1, 2]") + pop_entry() +
                 crashy_grid("[8]"));
  const auto args = with_test_plugins({"run", "sweep.toml", "--db", db});

  const CommandResult first = run_harness(args, dir.path());
  INFO("first stderr: " << first.err);
  REQUIRE(first.exit_code == 0);
  const Rows before = run_rows(db);
  REQUIRE(before.size() == 4);

  const CommandResult second = run_harness(args, dir.path());
  INFO("second stderr: " << second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(second.err.find("4 trials selected, 4 already done, 0 to run") !=
        std::string::npos);
  CHECK(second.err.find("starting") == std::string::npos);
  CHECK(run_rows(db) == before);
}

TEST_CASE("overlapping entries: a repeated trial runs once") {
  TempDir dir;
  const std::string db = dir.file("results.sqlite");
  // The two crashy grids share dim 8, and pop is listed twice.
  write_text(dir.file("sweep.toml"),
             tiny_sweep("overlap", 2, "[1]") + pop_entry() + pop_entry() +
                 crashy_grid("[4, 8]") + crashy_grid("[8, 16]"));
  const CommandResult result = run_harness(
      with_test_plugins({"run", "sweep.toml", "--db", db}), dir.path());
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find("2 of the 6 trials repeat an earlier trial") !=
        std::string::npos);
  CHECK(result.err.find("4 trials selected, 0 already done, 4 to run") !=
        std::string::npos);
  // Each trial started once: run ids are never reused, so a second start
  // of one trial would leave a gap.
  const Rows rows = run_rows(db);
  REQUIRE(rows.size() == 4);
  CHECK(rows.back()[0] == "4");
}

TEST_CASE("resume: a new grid value runs only its trials") {
  TempDir dir;
  const std::string db = dir.file("results.sqlite");
  const auto args = with_test_plugins({"run", "sweep.toml", "--db", db});
  write_text(dir.file("sweep.toml"),
             tiny_sweep("grid", 2, "[1, 2]") + crashy_grid("[8]"));
  REQUIRE(run_harness(args, dir.path()).exit_code == 0);
  const Rows before = run_rows(db);
  REQUIRE(before.size() == 2);

  write_text(dir.file("sweep.toml"),
             tiny_sweep("grid", 2, "[1, 2]") + crashy_grid("[8, 12]"));
  const CommandResult second = run_harness(args, dir.path());
  INFO("stderr: " << second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(second.err.find("4 trials selected, 2 already done, 2 to run") !=
        std::string::npos);

  const Rows after = run_rows(db);
  REQUIRE(after.size() == 4);
  // The old rows are untouched and come first. The new ones have dim 12.
  CHECK(Rows(after.begin(), after.begin() + 2) == before);
  const ResultsDb results(db);
  CHECK(results.column("SELECT json_extract(params_json, '$.dim') || ':' || "
                       "seed FROM runs ORDER BY id") ==
        std::vector<std::string>{"8:1", "8:2", "12:1", "12:2"});
  CHECK(results.count("SELECT count(*) FROM runs WHERE status <> "
                      "'finished'") == 0);
}

TEST_CASE("resume: --retry-failed reruns only failed trials") {
  TempDir dir;
  const std::string db = dir.file("results.sqlite");
  write_text(dir.file("sweep.toml"), tiny_sweep("retry") +
                                         crashy_entry("throw") +
                                         crashy_entry("ok"));
  const auto args = with_test_plugins({"run", "sweep.toml", "--db", db});
  REQUIRE(run_harness(args, dir.path()).exit_code == 0);
  const Rows first = run_rows(db);
  REQUIRE(first.size() == 2);
  CHECK(first[0][2] == "failed");
  CHECK(first[1][2] == "finished");

  // Without the flag a failed trial counts as done.
  const CommandResult again = run_harness(args, dir.path());
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("2 already done, 0 to run") != std::string::npos);
  CHECK(run_rows(db) == first);

  auto retry_args = args;
  retry_args.push_back("--retry-failed");
  const CommandResult retry = run_harness(retry_args, dir.path());
  INFO("stderr: " << retry.err);
  REQUIRE(retry.exit_code == 0);
  CHECK(retry.err.find("1 already done, 1 to run") != std::string::npos);
  const Rows after = run_rows(db);
  REQUIRE(after.size() == 2);
  // The finished row is kept, and the failed trial got a new row and id.
  CHECK(after[0] == first[1]);
  CHECK(after[1][1] == first[0][1]);
  CHECK(std::stoll(after[1][0]) > std::stoll(first[1][0]));
  CHECK(after[1][2] == "failed");
}

TEST_CASE("seeds: same trial in two databases gives equal metrics") {
  TempDir dir;
  // sasrec with dropout draws random numbers in every batch.
  write_text(dir.file("sweep.toml"),
             tiny_sweep("repeat", 2) +
                 sasrec_entry("dropout = 0.3\n") +
                 crashy_entry("ok"));
  for (const std::string name : {"a.sqlite", "b.sqlite"}) {
    const CommandResult result = run_harness(
        with_test_plugins({"run", "sweep.toml", "--db", name, "--threads",
                           "2"}),
        dir.path());
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
  }
  const std::string by_key =
      "SELECT r.trial_key, m.metric, m.value FROM metrics m JOIN runs r ON "
      "r.id = m.run_id WHERE m.split = 'test' ORDER BY r.trial_key, "
      "m.metric";
  const Rows a = ResultsDb(dir.file("a.sqlite")).rows(by_key);
  const Rows b = ResultsDb(dir.file("b.sqlite")).rows(by_key);
  REQUIRE(a.size() == 6);
  CHECK(a == b);

  const std::string users =
      "SELECT r.trial_key, u.metric, u.users, u.user_values FROM "
      "user_metrics u JOIN runs r ON r.id = u.run_id WHERE u.split = 'test' "
      "ORDER BY r.trial_key, u.metric";
  CHECK(ResultsDb(dir.file("a.sqlite")).rows(users) ==
        ResultsDb(dir.file("b.sqlite")).rows(users));

  const std::string curve =
      "SELECT r.trial_key, e.epoch, e.train_loss, e.valid_metric FROM "
      "epochs e JOIN runs r ON r.id = e.run_id ORDER BY r.trial_key, "
      "e.epoch";
  const Rows curve_a = ResultsDb(dir.file("a.sqlite")).rows(curve);
  CHECK(curve_a.size() == 4);
  CHECK(curve_a == ResultsDb(dir.file("b.sqlite")).rows(curve));
}

}  // namespace harness::e2e
