// Bad input is rejected before anything trains: exit code 2, a message on
// stderr naming the file, line and value, and the database left as it was.
// Also --dry-run, which reports trials without training them.
#include "harness_process.h"
#include "results_db.h"
#include "sweep_text.h"

#include <doctest/doctest.h>

#include <sstream>

namespace harness::e2e {
namespace {

// A sweep over a RecBole file, with one pop entry.
std::string recbole_sweep(const std::string& path) {
  return "name = \"recbole\"\n\n[dataset]\nformat = \"recbole\"\n"
         "path = \"" + path + "\"\n\n[train]\nepochs = 1\n" + pop_entry();
}

constexpr const char* kRecboleHeader =
    "user_id:token\titem_id:token\ttimestamp:float\n";

struct BadInput {
  std::string name;
  /// Extra files of the case: name and content.
  std::vector<std::pair<std::string, std::string>> files;
  std::string sweep;
  /// Fragments stderr must contain.
  std::vector<std::string> messages;
};

std::vector<BadInput> bad_inputs() {
  std::vector<BadInput> cases;
  cases.push_back({"missing dataset file",
                   {},
                   recbole_sweep("missing.inter"),
                   {"bad.toml:5:", "missing.inter"}});
  cases.push_back({"bad recbole header",
                   {{"header.inter",
                     "user:token\titem_id:token\ttimestamp:float\n1\t2\t3\n"}},
                   recbole_sweep("header.inter"),
                   {"header.inter:1:", "\"user_id\"", "user:token"}});
  cases.push_back(
      {"non-numeric timestamp",
       {{"time.inter",
         std::string(kRecboleHeader) + "1\t2\t100\n1\t3\tsoon\n"}},
       recbole_sweep("time.inter"),
       {"time.inter:3:", "soon", "timestamp"}});
  cases.push_back({"unknown plugin",
                   {},
                   tiny_sweep("bad") + "\n[[models]]\nplugin = \"nosuch\"\n",
                   {"bad.toml:22:", "nosuch", "pop", "sasrec", "crashy"}});
  cases.push_back({"bad TOML syntax",
                   {},
                   "name = \"bad\"\n[train]\nepochs = = 3\n",
                   {"bad.toml:3:", "invalid TOML"}});
  // An unknown key, a value out of range and a wrong type, all at once.
  cases.push_back({"several problems",
                   {},
                   tiny_sweep("bad") + "learnin_rate = 0.1\n" +
                       "\n[[models]]\nplugin = \"crashy\"\n"
                       "[models.grid]\ndim = [8, 0]\nmode = \"melt\"\n",
                   {"bad.toml:20:", "learnin_rate", "learning_rate",
                    "bad.toml:25:", "dim", "bad.toml:26:", "melt"}});
  cases.push_back({"float for an integer",
                   {},
                   tiny_sweep("bad") + pop_entry() +
                       "[models.train]\nepochs = 9.0\n",
                   {"bad.toml:24:", "9.0", "expected an integer"}});
  return cases;
}

using Rows = std::vector<std::vector<std::string>>;

Rows everything(const std::string& db) {
  const ResultsDb results(db);
  Rows rows = results.rows("SELECT * FROM runs ORDER BY id");
  for (const char* table : {"metrics", "epochs", "user_metrics", "sweeps"}) {
    rows.push_back({table, std::to_string(results.count(
                               std::string("SELECT count(*) FROM ") +
                               table))});
  }
  return rows;
}

// Status column of each trial line of a --dry-run listing, in order.
std::vector<std::string> dry_run_statuses(const std::string& out) {
  std::vector<std::string> statuses;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string index, plugin, seed_word, seed, status;
    words >> index >> plugin >> seed_word >> seed >> status;
    if (seed_word == "seed") statuses.push_back(status);
  }
  return statuses;
}

}  // namespace

TEST_CASE("bad input: exit code 2, clear message, database unchanged") {
  TempDir dir;
  const std::string db = dir.file("results.sqlite");
  write_text(dir.file("good.toml"), tiny_sweep("good") + pop_entry());
  REQUIRE(run_harness(with_test_plugins({"run", "good.toml", "--db", db}),
                      dir.path())
              .exit_code == 0);
  const Rows before = everything(db);
  REQUIRE(before.size() == 5);

  for (const BadInput& bad : bad_inputs()) {
    CAPTURE(bad.name);
    for (const auto& [name, content] : bad.files) {
      write_text(dir.file(name), content);
    }
    write_text(dir.file("bad.toml"), bad.sweep);
    const CommandResult result = run_harness(
        with_test_plugins({"run", "bad.toml", "--db", db}), dir.path());
    INFO("stderr: " << result.err);
    CHECK(result.exit_code == 2);
    for (const std::string& message : bad.messages) {
      CAPTURE(message);
      CHECK(result.err.find(message) != std::string::npos);
    }
    CHECK(result.err.find("terminate") == std::string::npos);
    CHECK(result.out.find("starting") == std::string::npos);
    CHECK(everything(db) == before);
  }
}

TEST_CASE("bad input: a missing sweep file is rejected") {
  TempDir dir;
  const CommandResult result = run_harness(
      with_test_plugins({"run", "nowhere.toml", "--db", "r.sqlite"}),
      dir.path());
  CHECK(result.exit_code == 2);
  CHECK((result.err + result.out).find("nowhere.toml") != std::string::npos);
  CHECK(!std::filesystem::exists(dir.file("r.sqlite")));
}

TEST_CASE("bad input: an invalid option value names value and limit") {
  TempDir dir;
  write_text(dir.file("sweep.toml"), tiny_sweep("options") + pop_entry());
  const CommandResult jobs = run_harness(
      {"run", "sweep.toml", "--db", "r.sqlite", "--jobs", "0"}, dir.path());
  CHECK(jobs.exit_code == 2);
  CHECK(jobs.err.find("--jobs: must be at least 1, got 0") !=
        std::string::npos);
  const CommandResult threads = run_harness(
      {"run", "sweep.toml", "--db", "r.sqlite", "--threads", "two"},
      dir.path());
  CHECK(threads.exit_code == 2);
  CHECK(threads.err.find("--threads: expected an integer >= 0, got 'two'") !=
        std::string::npos);
  CHECK(!std::filesystem::exists(dir.file("r.sqlite")));
}

TEST_CASE("dry run: lists trials as new or finished, trains nothing") {
  TempDir dir;
  const std::string db = dir.file("results.sqlite");
  write_text(dir.file("sweep.toml"),
             tiny_sweep("dry", 2, "[1, 2]") + pop_entry() +
                 crashy_entry("ok"));
  const auto args = with_test_plugins({"run", "sweep.toml", "--db", db});
  auto dry_args = args;
  dry_args.push_back("--dry-run");

  const CommandResult fresh = run_harness(dry_args, dir.path());
  INFO("stdout: " << fresh.out << "\nstderr: " << fresh.err);
  REQUIRE(fresh.exit_code == 0);
  CHECK(dry_run_statuses(fresh.out) ==
        std::vector<std::string>{"new", "new", "new", "new"});
  CHECK(fresh.out.find("4 trials, 0 already done, 4 to run") !=
        std::string::npos);
  CHECK(fresh.err.find("starting") == std::string::npos);
  if (std::filesystem::exists(db)) CHECK(count_runs(db) == 0);

  // Shard 1/2 runs trials 0 and 2.
  auto shard_args = args;
  shard_args.insert(shard_args.end(), {"--shard", "1/2"});
  REQUIRE(run_harness(shard_args, dir.path()).exit_code == 0);
  REQUIRE(count_runs(db) == 2);

  const CommandResult partial = run_harness(dry_args, dir.path());
  INFO("stdout: " << partial.out << "\nstderr: " << partial.err);
  REQUIRE(partial.exit_code == 0);
  CHECK(dry_run_statuses(partial.out) ==
        std::vector<std::string>{"finished", "new", "finished", "new"});
  CHECK(partial.out.find("4 trials, 2 already done, 2 to run") !=
        std::string::npos);
  CHECK(partial.out.find("estimated") != std::string::npos);
  CHECK(count_runs(db) == 2);
}

}  // namespace harness::e2e
