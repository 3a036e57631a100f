// Stopping a sweep part way, by SIGINT, SIGTERM or SIGKILL of the harness
// and its trial process, and resuming it with the same command.
#include "harness_process.h"
#include "results_db.h"
#include "sweep_text.h"

#include <doctest/doctest.h>

#include <csignal>

namespace harness::e2e {
namespace {

// Milliseconds the slow trial sleeps in each training batch.
constexpr int kSleepMs = 40;

// A slow trial (10 epochs of a few batches each, about 1.5 s in all), then
// two quick ones.
std::string slow_sweep() {
  return tiny_sweep("slow", /*epochs=*/10) +
         crashy_entry("ok", 8,
                      "sleep_ms = " + std::to_string(kSleepMs) + "\n") +
         crashy_entry("ok", 9) + pop_entry();
}

// The first epoch line of the slow trial, printed once it is running.
constexpr const char* kFirstEpoch = "epoch   1/10";

void check_sweep_complete(const std::string& db) {
  const ResultsDb results(db);
  CHECK(results.count("SELECT count(*) FROM runs") == 3);
  CHECK(results.count("SELECT count(DISTINCT trial_key) FROM runs") == 3);
  CHECK(results.count("SELECT count(*) FROM runs WHERE status = "
                      "'finished'") == 3);
}

}  // namespace

TEST_CASE("interrupt: a stop signal ends the sweep, a rerun finishes it") {
  TempDir dir;
  const std::string db = dir.file("results.sqlite");
  write_text(dir.file("slow.toml"), slow_sweep());
  const auto args = with_test_plugins({"run", "slow.toml", "--db", db});

  int signal = SIGINT;
  bool to_group = false;
  SUBCASE("SIGINT to the harness process") {}
  SUBCASE("SIGINT to the process group, as Ctrl-C does") { to_group = true; }
  SUBCASE("SIGTERM to the harness process") { signal = SIGTERM; }

  {
    HarnessProcess process(args, dir.path());
    REQUIRE(process.wait_for_stderr(kFirstEpoch, 60));
    if (to_group) {
      process.signal_group(signal);
    } else {
      process.signal_process(signal);
    }
    const CommandResult stopped = process.wait(60);
    INFO("stderr: " << stopped.err);
    // 128 + the signal, as a shell reports a process the signal killed.
    CHECK(stopped.exit_code == 128 + signal);
    CHECK(stopped.err.find("interrupted: 2 trials not started") !=
          std::string::npos);
  }
  {
    const ResultsDb results(db);
    const auto rows = results.rows("SELECT status, error FROM runs");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0] == "interrupted");
    CHECK(rows[0][1] == "the sweep was interrupted");
  }

  const CommandResult resumed = run_harness(args, dir.path());
  INFO("stderr: " << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.err.find("3 trials selected, 0 already done, 3 to run") !=
        std::string::npos);
  check_sweep_complete(db);
}

TEST_CASE("interrupt: after SIGKILL of harness and trial, a rerun finishes") {
  TempDir dir;
  const std::string db = dir.file("results.sqlite");
  write_text(dir.file("slow.toml"), slow_sweep());
  const auto args = with_test_plugins({"run", "slow.toml", "--db", db});

  {
    HarnessProcess process(args, dir.path());
    REQUIRE(process.wait_for_stderr(kFirstEpoch, 60));
    const CommandResult killed = process.kill_group_and_reap();
    CHECK(killed.exit_code == 128 + SIGKILL);
  }
  // No process was left to record an outcome.
  CHECK(ResultsDb(db).column("SELECT status FROM runs") ==
        std::vector<std::string>{"running"});

  const CommandResult resumed = run_harness(args, dir.path());
  INFO("stderr: " << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  check_sweep_complete(db);
  CHECK(ResultsDb(db).count("SELECT count(*) FROM epochs e JOIN runs r ON "
                            "r.id = e.run_id WHERE r.status = 'finished' "
                            "AND json_extract(r.params_json, '$.sleep_ms') "
                            "= " + std::to_string(kSleepMs)) == 10);
}

}  // namespace harness::e2e
