// Runs the real `harness` binary as a child process for end-to-end tests,
// in its own process group, with stdout and stderr captured to files.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace harness::e2e {

/// A fresh folder under the system temp folder, removed with its contents
/// when the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /// Returns path() / name as a string.
  std::string file(const std::string& name) const;

 private:
  std::filesystem::path path_;
};

/// How a finished harness process ended and what it printed.
struct CommandResult {
  /// The exit code, or 128 + signal number when a signal killed it, or -1
  /// when the test killed it for running past its deadline.
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Returns the harness's arguments with `--plugin-dir` set to the test
/// plugin folder (where `crashy` is) in front of `args`.
std::vector<std::string> with_test_plugins(
    const std::vector<std::string>& args);

/// One running `harness` process. It leads its own process group, so that
/// a signal to the group also reaches the trial processes it forks.
class HarnessProcess {
 public:
  /// Starts HARNESS_BINARY with `args` in the folder `cwd`.
  HarnessProcess(const std::vector<std::string>& args,
                 const std::filesystem::path& cwd);
  /// Kills the whole group if the test did not wait for it.
  ~HarnessProcess();
  HarnessProcess(const HarnessProcess&) = delete;
  HarnessProcess& operator=(const HarnessProcess&) = delete;

  pid_t pid() const { return pid_; }

  /// Waits until stderr contains `text`. Returns false if the process
  /// exits first or `timeout_seconds` pass.
  bool wait_for_stderr(const std::string& text, double timeout_seconds);

  /// Sends `signal` to the harness process only.
  void signal_process(int signal);

  /// Sends `signal` to the harness and every trial process it started.
  void signal_group(int signal);

  /// Waits for the process to exit. Past `timeout_seconds` it kills the
  /// group and reports exit code -1.
  CommandResult wait(double timeout_seconds = 120);

  /// Sends SIGKILL to the group and reaps the harness and every trial
  /// process, so none is left writing to the database.
  CommandResult kill_group_and_reap();

 private:
  bool try_reap();
  CommandResult collect();

  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  bool killed_at_deadline_ = false;
  std::filesystem::path out_path_;
  std::filesystem::path err_path_;
};

/// Runs the harness to completion in `cwd`.
CommandResult run_harness(const std::vector<std::string>& args,
                          const std::filesystem::path& cwd,
                          double timeout_seconds = 120);

/// Reads a whole file, or returns "" when it does not exist.
std::string read_text(const std::filesystem::path& path);

/// Writes `text` to `path`, replacing the file.
void write_text(const std::filesystem::path& path, const std::string& text);

/// Number of times `needle` occurs in `haystack`.
std::size_t count_occurrences(const std::string& haystack,
                              const std::string& needle);

}  // namespace harness::e2e
