// Trials in parallel (--jobs), several processes on one database, and
// shards merged back into one database.
#include "harness_process.h"
#include "results_db.h"
#include "sweep_text.h"

#include <doctest/doctest.h>

#include <memory>
#include <set>

namespace harness::e2e {
namespace {

// crashy with three dims and two seeds: six trials.
std::string six_trials(const std::string& name, const std::string& extra) {
  return tiny_sweep(name, 3, "[1, 2]") +
         "\n[[models]]\nplugin = \"crashy\"\n[models.grid]\n"
         "dim = [8, 12, 16]\n" +
         extra;
}

std::set<std::string> trial_keys(const std::string& db) {
  const auto keys = ResultsDb(db).column("SELECT trial_key FROM runs");
  return {keys.begin(), keys.end()};
}

}  // namespace

TEST_CASE("jobs: two trials at a time complete a sweep") {
  TempDir dir;
  const std::string db = dir.file("results.sqlite");
  // 30 ms per batch keeps each trial long enough for two to overlap.
  write_text(dir.file("sweep.toml"), six_trials("jobs", "sleep_ms = 30\n"));
  const CommandResult result = run_harness(
      with_test_plugins({"run", "sweep.toml", "--db", db, "--jobs", "2",
                         "--threads", "2"}),
      dir.path());
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);

  const ResultsDb results(db);
  CHECK(results.count("SELECT count(*) FROM runs") == 6);
  CHECK(results.count("SELECT count(DISTINCT trial_key) FROM runs") == 6);
  CHECK(results.count("SELECT count(*) FROM runs WHERE status = "
                      "'finished'") == 6);
  // The two jobs share the two threads.
  CHECK(results.count("SELECT count(*) FROM runs WHERE threads <> 1") == 0);
  CHECK(results.count("SELECT count(*) FROM runs a JOIN runs b ON a.id < "
                      "b.id WHERE a.started_at < b.finished_at AND "
                      "b.started_at < a.finished_at") > 0);
}

TEST_CASE("shards: two processes on one database lose no rows") {
  TempDir dir;
  const std::string db = dir.file("results.sqlite");
  write_text(dir.file("sweep.toml"), six_trials("shared", ""));
  std::vector<std::unique_ptr<HarnessProcess>> processes;
  for (const std::string shard : {"1/2", "2/2"}) {
    processes.push_back(std::make_unique<HarnessProcess>(
        with_test_plugins(
            {"run", "sweep.toml", "--db", db, "--shard", shard}),
        dir.path()));
  }
  for (auto& process : processes) {
    const CommandResult result = process->wait();
    INFO("stderr: " << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.err.find("database is locked") == std::string::npos);
    CHECK(result.err.find("3 trials selected") != std::string::npos);
  }
  const ResultsDb results(db);
  CHECK(results.count("SELECT count(*) FROM runs") == 6);
  CHECK(results.count("SELECT count(DISTINCT trial_key) FROM runs") == 6);
  CHECK(results.count("SELECT count(*) FROM runs WHERE status = "
                      "'finished'") == 6);
  CHECK(results.count("SELECT count(*) FROM metrics") == 36);
}

TEST_CASE("shards: three shards run each trial once and merge") {
  TempDir dir;
  write_text(dir.file("sweep.toml"),
             tiny_sweep("sharded", 2, "[1, 2]") +
                 "\n[[models]]\nplugin = \"crashy\"\n[models.grid]\n"
                 "dim = [8, 12]\n" +
                 pop_entry());
  const std::vector<std::string> shard_dbs = {"s1.sqlite", "s2.sqlite",
                                              "s3.sqlite"};
  for (std::size_t i = 0; i < shard_dbs.size(); ++i) {
    const std::string shard = std::to_string(i + 1) + "/3";
    CAPTURE(shard);
    const CommandResult result = run_harness(
        with_test_plugins(
            {"run", "sweep.toml", "--db", shard_dbs[i], "--shard", shard}),
        dir.path());
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
  }
  const CommandResult whole = run_harness(
      with_test_plugins({"run", "sweep.toml", "--db", "whole.sqlite"}),
      dir.path());
  INFO("stderr: " << whole.err);
  REQUIRE(whole.exit_code == 0);
  const std::set<std::string> all_keys = trial_keys(dir.file("whole.sqlite"));
  REQUIRE(all_keys.size() == 6);

  // Six trials over three shards: two each, and no trial twice.
  std::set<std::string> union_keys;
  for (const std::string& name : shard_dbs) {
    const std::set<std::string> keys = trial_keys(dir.file(name));
    CHECK(keys.size() == 2);
    CHECK(count_runs(dir.file(name)) == 2);
    for (const std::string& key : keys) {
      CHECK(union_keys.insert(key).second);
    }
  }
  CHECK(union_keys == all_keys);

  std::vector<std::string> merge_args = {"merge"};
  merge_args.insert(merge_args.end(), shard_dbs.begin(), shard_dbs.end());
  merge_args.insert(merge_args.end(), {"-o", "merged.sqlite"});
  const CommandResult merged = run_harness(merge_args, dir.path());
  INFO("merge stdout: " << merged.out << "\nstderr: " << merged.err);
  REQUIRE(merged.exit_code == 0);
  CHECK(merged.out.find("6 runs copied") != std::string::npos);
  CHECK(trial_keys(dir.file("merged.sqlite")) == all_keys);
  CHECK(count_runs(dir.file("merged.sqlite")) == 6);

  // A second merge of the same shards finds only duplicates.
  const CommandResult again = run_harness(merge_args, dir.path());
  INFO("second merge stdout: " << again.out << "\nstderr: " << again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.find("0 runs copied") != std::string::npos);
  CHECK(again.out.find("6 duplicates skipped") != std::string::npos);
  CHECK(count_runs(dir.file("merged.sqlite")) == 6);
  const std::string metric_count = "SELECT count(*) FROM metrics";
  CHECK(ResultsDb(dir.file("merged.sqlite")).count(metric_count) ==
        ResultsDb(dir.file("whole.sqlite")).count(metric_count));
}

TEST_CASE("shards: an invalid --shard is rejected") {
  TempDir dir;
  write_text(dir.file("sweep.toml"), tiny_sweep("bad_shard") + pop_entry());
  const CommandResult result = run_harness(
      with_test_plugins({"run", "sweep.toml", "--db", "r.sqlite", "--shard",
                         "4/3"}),
      dir.path());
  CHECK(result.exit_code != 0);
  CHECK(result.err.find("invalid --shard '4/3'") != std::string::npos);
  CHECK(!std::filesystem::exists(dir.file("r.sqlite")));
}

}  // namespace harness::e2e
