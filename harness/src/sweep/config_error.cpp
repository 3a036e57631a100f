#include "sweep/sweep_config.h"

#include <fmt/format.h>

namespace harness::sweep {
namespace {

std::string join_problems(const std::vector<std::string>& problems) {
  std::string text = fmt::format("invalid sweep configuration ({} {}):",
                                 problems.size(),
                                 problems.size() == 1 ? "problem"
                                                      : "problems");
  for (const std::string& problem : problems) {
    text += "\n  " + problem;
  }
  return text;
}

}  // namespace

ConfigError::ConfigError(std::vector<std::string> problems)
    : std::runtime_error(join_problems(problems)),
      problems_(std::move(problems)) {}

}  // namespace harness::sweep
