// Each way a trial can fail, with the `crashy` plugin: the failure is
// recorded with its status and error, and the sweep goes on.
#include "harness_process.h"
#include "results_db.h"
#include "sweep_text.h"

#include <doctest/doctest.h>

namespace harness::e2e {
namespace {

struct CrashCase {
  std::string mode;
  std::string status;
  /// Text the stored error must contain.
  std::string error;
};

const std::vector<CrashCase>& crash_cases() {
  static const std::vector<CrashCase> kCases = {
      {"throw", "failed", "deliberate failure"},
      {"segfault", "crashed", "signal 11"},
      {"abort", "crashed", "signal 6"},
      {"nan", "diverged", "NaN"},
      {"hang", "timeout", "train.timeout of 2 s"},
      {"exit", "crashed", "exited with code 7"},
  };
  return kCases;
}

// Each failing trial is followed by an `ok` trial with its own dim, so its
// key differs from every other ok trial.
std::string crash_sweep() {
  std::string text = tiny_sweep("crashes");
  int dim = 9;
  for (const CrashCase& crash : crash_cases()) {
    text += crashy_entry(crash.mode);
    if (crash.mode == "hang") text += "[models.train]\ntimeout = 2\n";
    text += crashy_entry("ok", dim++);
  }
  return text;
}

}  // namespace

TEST_CASE("crashes: each failure kind is recorded, the sweep goes on") {
  TempDir dir;
  const std::string db = dir.file("results.sqlite");
  write_text(dir.file("crash.toml"), crash_sweep());
  const CommandResult result = run_harness(
      with_test_plugins({"run", "crash.toml", "--db", db}), dir.path());
  INFO("stderr: " << result.err);
  // Failed trials are outcomes, not errors of the sweep.
  REQUIRE(result.exit_code == 0);

  const ResultsDb results(db);
  const auto rows = results.rows(
      "SELECT json_extract(params_json, '$.mode'), status, error, "
      "total_seconds, id FROM runs ORDER BY id");
  REQUIRE(rows.size() == 2 * crash_cases().size());
  for (std::size_t i = 0; i < crash_cases().size(); ++i) {
    const CrashCase& crash = crash_cases()[i];
    CAPTURE(crash.mode);
    const auto& failed = rows[2 * i];
    const auto& ok = rows[2 * i + 1];
    CHECK(failed[0] == crash.mode);
    CHECK(failed[1] == crash.status);
    CAPTURE(failed[2]);
    CHECK(failed[2].find(crash.error) != std::string::npos);
    CHECK(ok[0] == "ok");
    CHECK(ok[1] == "finished");
    CHECK(ok[2] == "");
    CHECK(results.count("SELECT count(*) FROM metrics WHERE run_id = " +
                        ok[4]) == 6);
    CHECK(results.count("SELECT count(*) FROM metrics WHERE run_id = " +
                        failed[4]) == 0);
    CHECK(results.count("SELECT count(*) FROM runs WHERE id = " + failed[4] +
                        " AND finished_at IS NOT NULL") == 1);
    if (crash.mode == "hang") CHECK(std::stod(failed[3]) >= 2.0);
  }
}

}  // namespace harness::e2e
