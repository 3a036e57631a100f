// A small sweep end to end: what it writes to the database and what the
// result commands print from it.
#include "harness_process.h"
#include "results_db.h"
#include "sweep_text.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <set>

namespace harness::e2e {
namespace {

// sasrec (one seed), pop and crashy (two seeds each): five trials.
std::string small_sweep() {
  return tiny_sweep("small", /*epochs=*/2, "[1, 2]") +
         sasrec_entry() + "[models.train]\nseeds = [1]\n" +
         pop_entry() + crashy_entry("ok");
}

// The sweep runs once per test program and is shared by the cases below.
struct SmallSweep {
  TempDir dir;
  std::string db = dir.file("results.sqlite");
  CommandResult run;

  SmallSweep() {
    write_text(dir.file("small.toml"), small_sweep());
    run = run_harness(
        with_test_plugins({"run", "small.toml", "--db", db}), dir.path());
  }
};

SmallSweep& small() {
  static SmallSweep sweep;
  return sweep;
}

// The first line of `text` that starts with `prefix`, or "".
std::string line_starting(const std::string& text, const std::string& prefix) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    if (text.compare(begin, prefix.size(), prefix) == 0) {
      return text.substr(begin, end - begin);
    }
    begin = end + 1;
  }
  return "";
}

CommandResult run_in_small(const std::vector<std::string>& args) {
  return run_harness(args, small().dir.path());
}

}  // namespace

TEST_CASE("small sweep: every trial finishes with one row") {
  const SmallSweep& sweep = small();
  INFO("stderr: " << sweep.run.err);
  REQUIRE(sweep.run.exit_code == 0);
  const ResultsDb db(sweep.db);
  CHECK(db.count("SELECT count(*) FROM runs") == 5);
  CHECK(db.count("SELECT count(DISTINCT trial_key) FROM runs") == 5);
  CHECK(db.count("SELECT count(*) FROM runs WHERE status = 'finished'") == 5);
  CHECK(db.count("SELECT count(*) FROM runs WHERE error <> ''") == 0);
  CHECK(db.column("SELECT plugin || ':' || seed FROM runs ORDER BY id") ==
        std::vector<std::string>{"sasrec:1", "pop:1", "pop:2", "crashy:1",
                                 "crashy:2"});
  CHECK(db.count("SELECT count(*) FROM runs WHERE sweep_name <> 'small'") ==
        0);
  CHECK(db.count("SELECT count(*) FROM runs WHERE finished_at IS NULL") == 0);
}

TEST_CASE("small sweep: metrics stored for valid and test") {
  const ResultsDb db(small().db);
  for (const std::string& split : {"valid", "test"}) {
    CAPTURE(split);
    // 5 runs x 3 metrics.
    CHECK(db.count("SELECT count(*) FROM metrics WHERE split = '" + split +
                   "'") == 15);
    CHECK(db.count("SELECT count(*) FROM metrics WHERE split = '" + split +
                   "' AND (value IS NULL OR value < 0 OR value > 1)") == 0);
  }
  CHECK(db.column("SELECT DISTINCT metric FROM metrics ORDER BY metric") ==
        std::vector<std::string>{"mrr@10", "ndcg@10", "recall@10"});
  // The protocol's select_by metric is stored with each run.
  CHECK(db.count("SELECT count(*) FROM runs WHERE select_by <> 'ndcg@10'") ==
        0);
}

TEST_CASE("small sweep: per-user values stored") {
  const ResultsDb db(small().db);
  CHECK(db.count("SELECT count(*) FROM user_metrics") == 30);
  // 4 bytes per user in both blobs, and every run scores the same users.
  CHECK(db.count("SELECT count(*) FROM user_metrics WHERE n_users < 1 OR "
                 "length(users) <> 4 * n_users OR "
                 "length(user_values) <> 4 * n_users") == 0);
  CHECK(db.count("SELECT count(DISTINCT n_users) FROM user_metrics") == 1);
  CHECK(db.count("SELECT count(DISTINCT users) FROM user_metrics") == 1);

  // The mean of the per-user values is the stored mean (float32 copies).
  const auto rows = db.rows(
      "SELECT u.user_values, m.value FROM user_metrics u JOIN metrics m "
      "USING (run_id, split, metric)");
  REQUIRE(rows.size() == 30);
  for (const auto& row : rows) {
    const std::string& blob = row[0];
    double sum = 0;
    for (std::size_t at = 0; at < blob.size(); at += 4) {
      float value = 0;
      std::memcpy(&value, blob.data() + at, 4);
      sum += value;
    }
    CHECK(sum / (blob.size() / 4) ==
          doctest::Approx(std::stod(row[1])).epsilon(1e-5));
  }
}

TEST_CASE("small sweep: epochs stored for trained models") {
  const ResultsDb db(small().db);
  CHECK(db.count("SELECT count(*) FROM runs WHERE plugin <> 'pop' AND "
                 "epochs_run <> 2") == 0);
  CHECK(db.count("SELECT count(*) FROM epochs JOIN runs ON run_id = id "
                 "WHERE plugin <> 'pop'") == 6);
  CHECK(db.count("SELECT count(*) FROM epochs JOIN runs ON run_id = id "
                 "WHERE plugin = 'pop'") == 0);
  CHECK(db.count("SELECT count(*) FROM epochs WHERE train_loss IS NULL OR "
                 "valid_metric IS NULL") == 0);
  CHECK(db.count("SELECT count(*) FROM runs WHERE plugin <> 'pop' AND "
                 "best_epoch NOT IN (1, 2)") == 0);
}

TEST_CASE("leaderboard lists each plugin in every format") {
  for (const std::string& format : {"table", "csv", "json", "markdown"}) {
    CAPTURE(format);
    const CommandResult result = run_in_small(
        {"leaderboard", "--db", small().db, "--format", format});
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    for (const std::string& plugin : {"sasrec", "pop", "crashy"}) {
      CHECK(result.out.find(plugin) != std::string::npos);
    }
    if (format == "json") {
      const auto parsed = nlohmann::json::parse(result.out);
      REQUIRE(parsed.is_array());
      REQUIRE(parsed.size() == 1);
      std::set<std::string> plugins;
      for (const auto& entry : parsed[0].at("entries")) {
        plugins.insert(entry.at("plugin").get<std::string>());
      }
      CHECK(plugins == std::set<std::string>{"crashy", "pop", "sasrec"});
    }
    if (format == "csv") {
      CHECK(result.out.find(',') != std::string::npos);
    }
    if (format == "markdown") {
      CHECK(result.out.find("| ") != std::string::npos);
    }
  }
}

TEST_CASE("leaderboard rejects an unknown format") {
  const CommandResult result = run_in_small(
      {"leaderboard", "--db", small().db, "--format", "xml"});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("xml") != std::string::npos);
}

TEST_CASE("show prints a run with its curve") {
  const ResultsDb db(small().db);
  const std::string run_id =
      db.value("SELECT id FROM runs WHERE plugin = 'crashy' AND seed = 1");
  const std::string best_epoch =
      db.value("SELECT best_epoch FROM runs WHERE id = " + run_id);
  const CommandResult result =
      run_in_small({"show", run_id, "--db", small().db});
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("run " + run_id + "  crashy  finished") !=
        std::string::npos);
  CHECK(result.out.find("valid ndcg@10") != std::string::npos);
  CHECK(result.out.find("test ") != std::string::npos);
  // One curve line per epoch, the best one marked.
  CHECK(!line_starting(result.out, "    1  ").empty());
  CHECK(!line_starting(result.out, "    2  ").empty());
  CHECK(count_occurrences(result.out, "  best\n") == 1);
  const std::string best_line =
      line_starting(result.out, "    " + best_epoch + "  ");
  CHECK(best_line.size() > 6);
  CHECK(best_line.substr(best_line.size() - 6) == "  best");
}

TEST_CASE("show of a missing run fails with its id") {
  const CommandResult result =
      run_in_small({"show", "9999", "--db", small().db});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("run 9999 not found") != std::string::npos);
}

TEST_CASE("compare tests two plugins") {
  const CommandResult result =
      run_in_small({"compare", "crashy", "pop", "--db", small().db});
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("crashy") != std::string::npos);
  CHECK(result.out.find("pop") != std::string::npos);
  const CommandResult json = run_in_small(
      {"compare", "sasrec", "pop", "--db", small().db, "--format", "json"});
  INFO("stderr: " << json.err);
  REQUIRE(json.exit_code == 0);
  CHECK(nlohmann::json::parse(json.out).is_object());
}

}  // namespace harness::e2e
