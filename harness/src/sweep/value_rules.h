// Strict conversion of TOML values to declared types. toml++ converts 9.0
// to 9 and 1 to true when asked; these readers never ask. The one widening
// accepted is an integer where a float is declared (`weight_decay = 0`).
#pragma once

#include "sweep/problems.h"

#include <harness/params.h>

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

namespace harness::sweep {

/// Constraints on one value: its type, inclusive bounds (or an exclusive
/// lower bound) and, for strings, the allowed values.
struct ValueRule {
  ParamType type = ParamType::kFloat;
  std::optional<double> min;
  std::optional<double> max;
  /// Whether `min` itself is rejected, as for `learning_rate > 0`.
  bool min_exclusive = false;
  /// Allowed strings; empty means any string.
  std::vector<std::string> choices;
};

ValueRule rule_for(const ParamSpec& spec);

/// Describes the rule for messages, e.g. "an integer in [1, 4096]".
std::string describe_rule(const ValueRule& rule);

/// Converts `node` to the rule's type and checks it. On failure adds a
/// problem naming `key`, the value, what is allowed and how to fix it, and
/// returns nullopt.
std::optional<ParamValue> read_value(const toml::node& node,
                                     const ValueRule& rule,
                                     const std::string& key,
                                     Problems& problems);

/// Checks a value that already has the rule's type; returns why it is
/// rejected, or "" when it is valid.
std::string check_value(const ParamValue& value, const ValueRule& rule);

/// The value as TOML writes it (`9.0`, `"ce"`, `[1, 2]`).
std::string format_node(const toml::node& node);
std::string format_value(const ParamValue& value);

/// "an integer", "a float", "a string", ... for messages.
std::string type_name(const toml::node& node);

}  // namespace harness::sweep
