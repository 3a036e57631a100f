#include "runner/run_context.h"

#include <torch/version.h>

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

// Written at build time by cmake/WriteGitCommit.cmake.
#include "git_commit.h"

#ifndef HARNESS_BUILD_TYPE
#define HARNESS_BUILD_TYPE "unknown"
#endif

namespace harness::runner {

RunContext read_run_context() {
  RunContext context;
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) == 0) context.host = name;
  context.git_commit = HARNESS_GIT_COMMIT;
  context.build_type = HARNESS_BUILD_TYPE;
  context.torch_version = TORCH_VERSION;
  return context;
}

std::string loaded_blas() {
  // Debian's LibTorch links libblas.so.3, which the alternatives system
  // points at the reference BLAS, OpenBLAS, BLIS or MKL: the mapped path
  // shows which one this process really runs.
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    const auto slash = line.find('/');
    if (slash == std::string::npos) continue;
    const std::string path = line.substr(slash);
    const std::string file = std::filesystem::path(path).filename();
    if (file.rfind("libblas.so", 0) == 0 || file.rfind("libopenblas", 0) == 0 ||
        file.rfind("libmkl_rt", 0) == 0 || file.rfind("libblis", 0) == 0) {
      std::error_code error;
      const std::string real = std::filesystem::canonical(path, error);
      const std::string resolved = error ? path : real;
      const std::string folder =
          std::filesystem::path(resolved).parent_path().filename();
      return folder + " (" + resolved + ")";
    }
  }
  return "unknown";
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // ru_maxrss is in KiB on Linux
}

}  // namespace harness::runner
