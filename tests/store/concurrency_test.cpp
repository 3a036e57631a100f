// Several writers on one database file: no lost rows, no "database is
// locked".
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <exception>
#include <iostream>
#include <thread>

#include "store/sqlite_statement.h"
#include "store/store.h"
#include "store_test_support.h"

namespace harness::store {
namespace {

using testing::make_record;
using testing::make_split;
using testing::TempDir;

constexpr int kRunsPerWriter = 200;

// Writes kRunsPerWriter complete runs; returns the number of failures.
int write_runs(const std::string& path, const std::string& writer) {
  int failures = 0;
  try {
    Store store(path);
    for (int i = 0; i < kRunsPerWriter; ++i) {
      RunRecord record = make_record(writer, "{}", i);
      std::int64_t id = store.start_run(record);
      store.add_epoch(id, {1, 1.0, 0.5, 0.01});
      RunOutcome outcome;
      outcome.splits = {make_split("test", {{"ndcg@10", 0.5}},
                                   {{"ndcg@10", {0.5f, 0.25f, 1.0f}}})};
      store.finish_run(id, outcome);
    }
  } catch (const std::exception& error) {
    std::cerr << writer << ": " << error.what() << "\n";
    ++failures;
  }
  return failures;
}

std::int64_t count_finished(const std::string& path) {
  Store store(path);
  Statement query(store.handle(),
                  "SELECT COUNT(*) FROM runs WHERE status = 'finished'");
  query.step();
  return query.column_int(0);
}

TEST_CASE("store survives concurrent writer processes") {
  TempDir dir;
  // The file does not exist yet, so the children also race to create the
  // schema.
  std::string path = dir.file("shared.sqlite");
  std::vector<pid_t> children;
  for (int writer = 0; writer < 2; ++writer) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int failures = write_runs(path, "process" + std::to_string(writer));
      // _exit skips doctest's and static destructors in the child.
      _exit(failures == 0 ? 0 : 1);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  CHECK(count_finished(path) == 2 * kRunsPerWriter);
  Store store(path);
  Statement users(store.handle(), "SELECT COUNT(*) FROM user_metrics");
  users.step();
  CHECK(users.column_int(0) == 2 * kRunsPerWriter);
}

TEST_CASE("store survives concurrent writer threads") {
  TempDir dir;
  std::string path = dir.file("shared.sqlite");
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int writer = 0; writer < 2; ++writer) {
    threads.emplace_back([&, writer] {
      failures += write_runs(path, "thread" + std::to_string(writer));
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(failures == 0);
  CHECK(count_finished(path) == 2 * kRunsPerWriter);
}

}  // namespace
}  // namespace harness::store
