// Hyperparameter schema (what a plugin accepts) and values (what it gets).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace harness {

enum class ParamType { kInt, kFloat, kBool, kString };

/// One hyperparameter value. The host stores exactly the schema's type:
/// an int is never passed where a float is declared, nor the reverse.
using ParamValue = std::variant<std::int64_t, double, bool, std::string>;

/// Description of one hyperparameter, validated by the host before training.
struct ParamSpec {
  std::string name;
  ParamType type = ParamType::kFloat;
  ParamValue default_value = 0.0;
  /// Inclusive bounds for kInt and kFloat; unset means unbounded.
  std::optional<double> min;
  std::optional<double> max;
  /// Allowed values for kString; empty means any string.
  std::vector<std::string> choices;
  /// One line shown by `harness plugins`.
  std::string help;
};

/// Builds the schema entry of an integer hyperparameter. Bounds are
/// inclusive, and std::nullopt leaves that side unbounded.
inline ParamSpec int_param(std::string name, std::int64_t default_value,
                           std::optional<double> min, std::optional<double> max,
                           std::string help) {
  ParamSpec spec;
  spec.name = std::move(name);
  spec.type = ParamType::kInt;
  spec.default_value = default_value;
  spec.min = min;
  spec.max = max;
  spec.help = std::move(help);
  return spec;
}

/// Builds the schema entry of a float hyperparameter, bounded as in
/// int_param.
inline ParamSpec float_param(std::string name, double default_value,
                             std::optional<double> min,
                             std::optional<double> max, std::string help) {
  ParamSpec spec;
  spec.name = std::move(name);
  spec.type = ParamType::kFloat;
  spec.default_value = default_value;
  spec.min = min;
  spec.max = max;
  spec.help = std::move(help);
  return spec;
}

/// Hyperparameter values after validation: every schema entry is present
/// with its declared type, so the getters only fail on a plugin bug.
class Params {
 public:
  Params() = default;
  explicit Params(std::map<std::string, ParamValue> values)
      : values_(std::move(values)) {}

  std::int64_t get_int(const std::string& name) const {
    return get<std::int64_t>(name);
  }
  double get_float(const std::string& name) const { return get<double>(name); }
  bool get_bool(const std::string& name) const { return get<bool>(name); }
  const std::string& get_string(const std::string& name) const {
    return get<std::string>(name);
  }

  const std::map<std::string, ParamValue>& values() const { return values_; }

 private:
  template <typename T>
  const T& get(const std::string& name) const {
    auto found = values_.find(name);
    if (found == values_.end()) {
      throw std::invalid_argument("hyperparameter '" + name +
                                  "' is missing; declare it in the schema");
    }
    const T* value = std::get_if<T>(&found->second);
    if (value == nullptr) {
      throw std::invalid_argument("hyperparameter '" + name +
                                  "' has another type than requested");
    }
    return *value;
  }

  std::map<std::string, ParamValue> values_;
};

}  // namespace harness
