// Collects the problems of one sweep file, each tagged with where it was
// written: a line of the file, or the --set override it came from.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <vector>

namespace harness::sweep {

/// Source name given to values parsed from a --set override; messages about
/// such values start with it instead of "FILE:LINE".
constexpr const char* kOverridePrefix = "--set ";

class Problems {
 public:
  explicit Problems(std::string file) : file_(std::move(file)) {}

  /// Adds a problem located at `source` (a node's or a key's region).
  void add(const toml::source_region& source, const std::string& message);
  void add(const toml::node& node, const std::string& message) {
    add(node.source(), message);
  }
  /// Adds a problem about the --set override `text` ("key=value").
  void add_override(const std::string& text, const std::string& message);
  /// Adds a problem that concerns the whole file (no line).
  void add_file(const std::string& message);

  bool empty() const { return entries_.empty(); }

  /// Throws ConfigError with every problem, ordered by line, when any was
  /// added.
  void raise_if_any() const;

 private:
  struct Entry {
    /// 0: whole file, 1: a file line, 2: a --set override.
    int origin = 0;
    std::uint32_t line = 0;
    std::string text;
  };

  std::string file_;
  std::vector<Entry> entries_;
};

}  // namespace harness::sweep
