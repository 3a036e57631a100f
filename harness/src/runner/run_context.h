// Facts about the machine and build that are stored with every run.
#pragma once

#include <string>

namespace harness::runner {

struct RunContext {
  std::string host;
  std::string git_commit;
  std::string build_type;
  std::string torch_version;
};

/// Reads the host name and the build's git commit and type.
RunContext read_run_context();

/// Names the BLAS library mapped into this process (e.g.
/// "openblas-openmp (/usr/lib/x86_64-linux-gnu/openblas-openmp/
/// libblas.so.3)"), or "unknown". Call it in the process that computes.
std::string loaded_blas();

/// Peak resident set size of this process so far, in MiB.
double peak_rss_mb();

}  // namespace harness::runner
