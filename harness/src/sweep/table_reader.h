// Reads the keys of one TOML table strictly: unknown keys are reported
// when the reader is built, and each known key is converted with a rule.
#pragma once

#include "sweep/problems.h"
#include "sweep/value_rules.h"

#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace harness::sweep {

class TableReader {
 public:
  /// `path` is the table's dotted name in messages ("" for the top level,
  /// "train", "models.0.train"); `known` lists its allowed keys.
  TableReader(const toml::table& table, std::string path,
              std::vector<std::string> known, Problems& problems);

  const toml::table& table() const { return table_; }
  const toml::node* find(std::string_view key) const;
  /// The dotted name of `key` for messages, e.g. "train.epochs".
  std::string key_path(std::string_view key) const;

  /// Converts `key` into `out` when present and valid; returns whether it
  /// did. An invalid value is reported and leaves `out` unchanged.
  template <typename T>
  bool read(std::string_view key, const ValueRule& rule, T& out) {
    const toml::node* node = find(key);
    if (node == nullptr) {
      return false;
    }
    auto value = read_value(*node, rule, key_path(key), problems_);
    if (!value) {
      return false;
    }
    out = std::get<T>(*value);
    return true;
  }

  /// Reads an array of strings, each checked with `rule`.
  bool read_strings(std::string_view key, const ValueRule& rule,
                    std::vector<std::string>& out);
  /// Reads an array of integers, each checked with `rule`.
  bool read_ints(std::string_view key, const ValueRule& rule,
                 std::vector<std::int64_t>& out);

  /// Reports a problem about `key` at its value's line.
  void add_problem(std::string_view key, const std::string& message);

 private:
  const toml::array* find_array(std::string_view key);
  template <typename T>
  bool read_list(std::string_view key, const ValueRule& rule,
                 std::vector<T>& out);

  const toml::table& table_;
  std::string path_;
  Problems& problems_;
};

/// A table's entries in the order they were written: the file's keys by
/// position, then keys added by --set overrides, in override order.
/// toml++ itself iterates a table in key order.
std::vector<std::pair<const toml::key*, const toml::node*>> entries_in_order(
    const toml::table& table);

/// The source region of a key: its own, or its value's when the key was
/// created by a --set override and has none.
const toml::source_region& key_source(const toml::key& key,
                                      const toml::node& value);

}  // namespace harness::sweep
