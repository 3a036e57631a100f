#include "sweep/problems.h"

#include "sweep/sweep_config.h"

#include <fmt/format.h>

#include <algorithm>

namespace harness::sweep {

void Problems::add(const toml::source_region& source,
                   const std::string& message) {
  const std::string path = source.path ? *source.path : file_;
  if (path.rfind(kOverridePrefix, 0) == 0) {
    entries_.push_back({2, 0, fmt::format("{}: {}", path, message)});
  } else if (source.begin.line > 0) {
    entries_.push_back({1, source.begin.line,
                        fmt::format("{}:{}: {}", path, source.begin.line,
                                    message)});
  } else {
    entries_.push_back({0, 0, fmt::format("{}: {}", path, message)});
  }
}

void Problems::add_override(const std::string& text,
                            const std::string& message) {
  entries_.push_back(
      {2, 0, fmt::format("{}{}: {}", kOverridePrefix, text, message)});
}

void Problems::add_file(const std::string& message) {
  entries_.push_back({0, 0, fmt::format("{}: {}", file_, message)});
}

void Problems::raise_if_any() const {
  if (entries_.empty()) {
    return;
  }
  std::vector<Entry> sorted = entries_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Entry& a, const Entry& b) {
                     if (a.origin != b.origin) {
                       return a.origin < b.origin;
                     }
                     return a.line < b.line;
                   });
  std::vector<std::string> texts;
  texts.reserve(sorted.size());
  for (const Entry& entry : sorted) {
    texts.push_back(entry.text);
  }
  throw ConfigError(std::move(texts));
}

}  // namespace harness::sweep
