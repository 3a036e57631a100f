#include "sweep/value_rules.h"

#include "sweep/names.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace harness::sweep {
namespace {

std::string format_bound(double bound, ParamType type) {
  if (type == ParamType::kInt) {
    return fmt::format("{}", static_cast<std::int64_t>(bound));
  }
  return fmt::format("{}", bound);
}

std::string describe_range(const ValueRule& rule) {
  const char* low_sign = rule.min_exclusive ? ">" : ">=";
  if (rule.min && rule.max) {
    return fmt::format(" in {}{}, {}]", rule.min_exclusive ? "(" : "[",
                       format_bound(*rule.min, rule.type),
                       format_bound(*rule.max, rule.type));
  }
  if (rule.min) {
    return fmt::format(" {} {}", low_sign,
                       format_bound(*rule.min, rule.type));
  }
  if (rule.max) {
    return fmt::format(" <= {}", format_bound(*rule.max, rule.type));
  }
  return "";
}

bool in_range(double value, const ValueRule& rule) {
  if (rule.min && (rule.min_exclusive ? value <= *rule.min
                                      : value < *rule.min)) {
    return false;
  }
  return !(rule.max && value > *rule.max);
}

bool looks_like_number(const std::string& text) {
  if (text.empty()) {
    return false;
  }
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return *end == '\0';
}

// Digits with an optional sign that do not fit an int64.
bool is_out_of_range_integer(const std::string& text) {
  const bool has_sign = !text.empty() && (text[0] == '-' || text[0] == '+');
  const std::size_t first = has_sign ? 1 : 0;
  if (text.size() == first) return false;
  for (std::size_t i = first; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  errno = 0;
  std::strtoll(text.c_str(), nullptr, 10);
  return errno == ERANGE;
}

// How to fix a value of the wrong type, when there is a common cause.
std::string type_hint(const toml::node& node, const ValueRule& rule) {
  const ParamType type = rule.type;
  if (type == ParamType::kInt && node.is_floating_point()) {
    const double value = node.as_floating_point()->get();
    if (std::isfinite(value) && value == std::floor(value)) {
      return fmt::format("; write it without a decimal point: {}",
                         static_cast<std::int64_t>(value));
    }
    return "; use a whole number";
  }
  if (type == ParamType::kBool && node.is_number()) {
    return "; write true or false";
  }
  if (type == ParamType::kInt && node.is_string() &&
      is_out_of_range_integer(node.as_string()->get())) {
    // TOML reads such a --set value as a string, so the quotes are not
    // the cause.
    return fmt::format("; it is outside the 64-bit integer range (at most "
                       "{})",
                       std::numeric_limits<std::int64_t>::max());
  }
  if (type != ParamType::kString && node.is_string() &&
      looks_like_number(node.as_string()->get())) {
    return "; remove the quotes";
  }
  if (type == ParamType::kString && rule.choices.empty() &&
      !node.is_array() && !node.is_table()) {
    return "; put the value in quotes";
  }
  return "";
}

std::optional<ParamValue> convert(const toml::node& node, ParamType type) {
  switch (type) {
    case ParamType::kInt:
      if (node.is_integer()) {
        return ParamValue{node.as_integer()->get()};
      }
      break;
    case ParamType::kFloat:
      if (node.is_floating_point()) {
        return ParamValue{node.as_floating_point()->get()};
      }
      if (node.is_integer()) {
        return ParamValue{static_cast<double>(node.as_integer()->get())};
      }
      break;
    case ParamType::kBool:
      if (node.is_boolean()) {
        return ParamValue{node.as_boolean()->get()};
      }
      break;
    case ParamType::kString:
      if (node.is_string()) {
        return ParamValue{node.as_string()->get()};
      }
      break;
  }
  return std::nullopt;
}

}  // namespace

ValueRule rule_for(const ParamSpec& spec) {
  ValueRule rule;
  rule.type = spec.type;
  rule.min = spec.min;
  rule.max = spec.max;
  rule.choices = spec.choices;
  return rule;
}

std::string describe_rule(const ValueRule& rule) {
  switch (rule.type) {
    case ParamType::kInt:
      return "an integer" + describe_range(rule);
    case ParamType::kFloat:
      return "a number" + describe_range(rule);
    case ParamType::kBool:
      return "a boolean (true or false)";
    case ParamType::kString:
      if (rule.choices.empty()) {
        return "a string";
      }
      return "a string (one of: " + join_names(rule.choices) + ")";
  }
  return "";
}

std::string check_value(const ParamValue& value, const ValueRule& rule) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    if (!in_range(static_cast<double>(*integer), rule)) {
      return "is out of range: expected " + describe_rule(rule);
    }
  } else if (const auto* number = std::get_if<double>(&value)) {
    if (!std::isfinite(*number)) {
      return "is not a finite number: expected " + describe_rule(rule);
    }
    if (!in_range(*number, rule)) {
      return "is out of range: expected " + describe_rule(rule);
    }
  } else if (const auto* text = std::get_if<std::string>(&value)) {
    if (rule.choices.empty()) {
      return "";
    }
    for (const std::string& choice : rule.choices) {
      if (choice == *text) {
        return "";
      }
    }
    return "is not allowed: expected " + describe_rule(rule) +
           suggest_name(*text, rule.choices);
  }
  return "";
}

std::optional<ParamValue> read_value(const toml::node& node,
                                     const ValueRule& rule,
                                     const std::string& key,
                                     Problems& problems) {
  std::optional<ParamValue> value = convert(node, rule.type);
  if (!value) {
    problems.add(node, fmt::format("{} = {}: expected {}, got {}{}", key,
                                   format_node(node), describe_rule(rule),
                                   type_name(node),
                                   type_hint(node, rule)));
    return std::nullopt;
  }
  const std::string reason = check_value(*value, rule);
  if (!reason.empty()) {
    problems.add(node,
                 fmt::format("{} = {} {}", key, format_node(node), reason));
    return std::nullopt;
  }
  return value;
}

std::string format_node(const toml::node& node) {
  if (const auto* integer = node.as_integer()) {
    return fmt::format("{}", integer->get());
  }
  if (const auto* number = node.as_floating_point()) {
    return format_value(number->get());
  }
  if (const auto* flag = node.as_boolean()) {
    return flag->get() ? "true" : "false";
  }
  if (const auto* text = node.as_string()) {
    return format_value(text->get());
  }
  if (const auto* array = node.as_array()) {
    std::string items;
    for (const toml::node& element : *array) {
      items += (items.empty() ? "" : ", ") + format_node(element);
    }
    return "[" + items + "]";
  }
  if (const auto* table = node.as_table()) {
    std::string items;
    for (auto&& [key, value] : *table) {
      items += fmt::format("{}{} = {}", items.empty() ? "" : ", ", key.str(),
                           format_node(value));
    }
    return "{ " + items + " }";
  }
  std::ostringstream text;  // Dates and times, as TOML writes them.
  node.visit([&text](const auto& concrete) { text << concrete; });
  return text.str();
}

std::string format_value(const ParamValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    return fmt::format("{}", *integer);
  }
  if (const auto* number = std::get_if<double>(&value)) {
    // Shortest form that reads back the same, with ".0" on whole numbers
    // so that 9.0 is not shown as the integer 9.
    std::string text = fmt::format("{}", *number);
    if (std::isfinite(*number) &&
        text.find_first_of(".e") == std::string::npos) {
      text += ".0";
    }
    return text;
  }
  if (const auto* flag = std::get_if<bool>(&value)) {
    return *flag ? "true" : "false";
  }
  std::string quoted = "\"";
  for (char c : std::get<std::string>(value)) {
    if (c == '\t') {
      quoted += "\\t";
    } else if (c == '\n') {
      quoted += "\\n";
    } else {
      quoted += (c == '"' || c == '\\') ? "\\" : "";
      quoted += c;
    }
  }
  return quoted + "\"";
}

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

}  // namespace harness::sweep
