#include "harness_process.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace harness::e2e {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

// Makes this test process the parent of orphaned trial processes, so a test
// that kills the harness with SIGKILL can still reap the harness's children.
void become_subreaper() {
  static const bool done = [] {
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    return true;
  }();
  (void)done;
}

[[noreturn]] void exec_harness(const std::vector<std::string>& args,
                               const fs::path& cwd, const fs::path& out,
                               const fs::path& err) {
  setpgid(0, 0);
  // A crashing trial must not leave core files in the test folder.
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  if (chdir(cwd.c_str()) != 0) _exit(126);
  const int out_fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err_fd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out_fd < 0 || err_fd < 0) _exit(126);
  dup2(out_fd, STDOUT_FILENO);
  dup2(err_fd, STDERR_FILENO);
  close(out_fd);
  close(err_fd);

  std::vector<char*> argv;
  std::string binary = HARNESS_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copies = args;
  for (std::string& arg : copies) argv.push_back(arg.data());
  argv.push_back(nullptr);
  execv(binary.c_str(), argv.data());
  std::fprintf(stderr, "exec %s failed: %s\n", binary.c_str(),
               std::strerror(errno));
  _exit(127);
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

TempDir::TempDir() {
  std::string pattern =
      (fs::temp_directory_path() / "harness-e2e-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed: " +
                             std::string(std::strerror(errno)));
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string TempDir::file(const std::string& name) const {
  return (path_ / name).string();
}

std::vector<std::string> with_test_plugins(
    const std::vector<std::string>& args) {
  std::vector<std::string> full = {"--plugin-dir", HARNESS_TEST_PLUGIN_DIR};
  full.insert(full.end(), args.begin(), args.end());
  return full;
}

HarnessProcess::HarnessProcess(const std::vector<std::string>& args,
                               const fs::path& cwd) {
  static int counter = 0;
  ++counter;
  out_path_ = cwd / ("harness-" + std::to_string(counter) + ".out");
  err_path_ = cwd / ("harness-" + std::to_string(counter) + ".err");
  become_subreaper();
  pid_ = fork();
  if (pid_ < 0) {
    throw std::runtime_error("fork failed: " +
                             std::string(std::strerror(errno)));
  }
  if (pid_ == 0) exec_harness(args, cwd, out_path_, err_path_);
  // Set the group from both sides, so a signal sent right after the fork
  // already reaches the right group.
  setpgid(pid_, pid_);
}

HarnessProcess::~HarnessProcess() {
  if (!reaped_) kill_group_and_reap();
}

bool HarnessProcess::try_reap() {
  if (reaped_) return true;
  const pid_t done = waitpid(pid_, &status_, WNOHANG);
  if (done == pid_) reaped_ = true;
  return reaped_;
}

bool HarnessProcess::wait_for_stderr(const std::string& text,
                                     double timeout_seconds) {
  const auto deadline =
      Clock::now() + std::chrono::duration<double>(timeout_seconds);
  while (Clock::now() < deadline) {
    if (read_text(err_path_).find(text) != std::string::npos) return true;
    if (try_reap()) {
      return read_text(err_path_).find(text) != std::string::npos;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

void HarnessProcess::signal_process(int signal) {
  if (!reaped_) kill(pid_, signal);
}

void HarnessProcess::signal_group(int signal) {
  if (!reaped_) kill(-pid_, signal);
}

CommandResult HarnessProcess::wait(double timeout_seconds) {
  const auto deadline =
      Clock::now() + std::chrono::duration<double>(timeout_seconds);
  while (!try_reap()) {
    if (Clock::now() >= deadline) {
      killed_at_deadline_ = true;
      return kill_group_and_reap();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return collect();
}

CommandResult HarnessProcess::kill_group_and_reap() {
  kill(-pid_, SIGKILL);
  // The harness and, once it is gone, its orphaned trial processes (this
  // process is their subreaper) share the group id pid_.
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(-pid_, &status, 0);
    if (done < 0 && errno == EINTR) continue;
    if (done < 0) break;
    if (done == pid_) {
      status_ = status;
      reaped_ = true;
    }
  }
  reaped_ = true;
  return collect();
}

CommandResult HarnessProcess::collect() {
  CommandResult result;
  result.exit_code = killed_at_deadline_ ? -1 : exit_code_of(status_);
  result.out = read_text(out_path_);
  result.err = read_text(err_path_);
  return result;
}

CommandResult run_harness(const std::vector<std::string>& args,
                          const fs::path& cwd, double timeout_seconds) {
  HarnessProcess process(args, cwd);
  return process.wait(timeout_seconds);
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("failed to write " + path.string());
}

std::size_t count_occurrences(const std::string& haystack,
                              const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

}  // namespace harness::e2e
