#include "sweep/models.h"

#include "sweep/names.h"
#include "sweep/table_reader.h"

#include <fmt/format.h>

#include <cmath>

namespace harness::sweep {
namespace {

constexpr const char* kSamplesKey = "samples";
constexpr const char* kSeedKey = "search_seed";

const std::vector<std::string> kDistributions = {"uniform", "log_uniform",
                                                 "int_uniform", "choice"};

const char* type_word(ParamType type) {
  switch (type) {
    case ParamType::kInt:
      return "an integer";
    case ParamType::kFloat:
      return "a float";
    case ParamType::kBool:
      return "a boolean";
    case ParamType::kString:
      return "a string";
  }
  return "";
}

// Reads the two bounds of a [low, high] array with the key's rule; the
// bounds themselves must be allowed values.
bool read_bounds(const toml::node& node, const ValueRule& rule,
                 const std::string& name, ParamValue& low, ParamValue& high,
                 Problems& problems) {
  const toml::array* array = node.as_array();
  if (array == nullptr || array->size() != 2) {
    problems.add(node, fmt::format("{} = {}: expected two bounds [low, "
                                   "high]",
                                   name, format_node(node)));
    return false;
  }
  auto first = read_value(*array->get(0), rule, name + "[0]", problems);
  auto second = read_value(*array->get(1), rule, name + "[1]", problems);
  if (!first || !second) {
    return false;
  }
  low = *first;
  high = *second;
  return true;
}

class DimensionReader {
 public:
  DimensionReader(const std::string& name, const ValueRule& rule,
                  Problems& problems)
      : name_(name), rule_(rule), problems_(problems) {}

  /// Reads `{ kind = value }` into `dimension`; returns whether it is valid.
  bool read(const toml::node& node, SearchDimension& dimension);

 private:
  bool read_float_range(const toml::node& bounds, bool log_scale,
                        SearchDimension& dimension);
  bool read_int_range(const toml::node& bounds, SearchDimension& dimension);
  bool read_choices(const toml::node& list, SearchDimension& dimension);
  bool expect_type(const toml::node& node, const std::string& name,
                   ParamType type, const char* instead);

  const std::string& name_;
  const ValueRule& rule_;
  Problems& problems_;
};

bool DimensionReader::read(const toml::node& node,
                           SearchDimension& dimension) {
  const toml::table* table = node.as_table();
  if (table == nullptr || table->size() != 1) {
    problems_.add(node,
                  fmt::format("{} = {}: expected one distribution, e.g. "
                              "{{ uniform = [0.1, 0.5] }}, {{ log_uniform = "
                              "[1e-4, 1e-2] }}, {{ int_uniform = [1, 4] }} "
                              "or {{ choice = [32, 64] }}; fixed values "
                              "belong in [models.grid]",
                              name_, format_node(node)));
    return false;
  }

  // The iterator owns the key-value proxy, so it must outlive the binding.
  const auto entry = table->begin();
  const toml::key& key = entry->first;
  const toml::node& value = entry->second;
  const std::string kind(key.str());
  const std::string name = fmt::format("{}.{}", name_, kind);
  if (kind == "uniform" || kind == "log_uniform") {
    return expect_type(value, name, ParamType::kFloat,
                       "int_uniform or choice") &&
           read_float_range(value, kind == "log_uniform", dimension);
  }
  if (kind == "int_uniform") {
    return expect_type(value, name, ParamType::kInt, "uniform or choice") &&
           read_int_range(value, dimension);
  }
  if (kind == "choice") {
    return read_choices(value, dimension);
  }
  problems_.add(key_source(key, value),
                fmt::format("{}: unknown distribution '{}'; known: {}{}",
                            name_, kind, join_names(kDistributions),
                            suggest_name(kind, kDistributions)));
  return false;
}

bool DimensionReader::expect_type(const toml::node& node,
                                  const std::string& name, ParamType type,
                                  const char* instead) {
  if (rule_.type == type) {
    return true;
  }
  problems_.add(node, fmt::format("{}: this distribution draws {} values "
                                  "but '{}' is {}; use {}",
                                  name, type == ParamType::kInt ? "integer"
                                                                : "float",
                                  name_, type_word(rule_.type),
                                  rule_.type == ParamType::kFloat ||
                                          rule_.type == ParamType::kInt
                                      ? instead
                                      : "choice"));
  return false;
}

bool DimensionReader::read_float_range(const toml::node& bounds,
                                       bool log_scale,
                                       SearchDimension& dimension) {
  const std::string name =
      fmt::format("{}.{}", name_, log_scale ? "log_uniform" : "uniform");
  ParamValue low;
  ParamValue high;
  if (!read_bounds(bounds, rule_, name, low, high, problems_)) {
    return false;
  }
  dimension.low = std::get<double>(low);
  dimension.high = std::get<double>(high);
  if (!(dimension.low < dimension.high)) {
    problems_.add(bounds, fmt::format("{} = {}: low must be below high; for "
                                      "a fixed value use [models.grid]",
                                      name, format_node(bounds)));
    return false;
  }
  if (log_scale && dimension.low <= 0.0) {
    problems_.add(bounds, fmt::format("{} = {}: log_uniform needs bounds "
                                      "above 0; use uniform to include 0",
                                      name, format_node(bounds)));
    return false;
  }
  dimension.distribution =
      log_scale ? Distribution::kLogUniform : Distribution::kUniform;
  return true;
}

bool DimensionReader::read_int_range(const toml::node& bounds,
                                     SearchDimension& dimension) {
  const std::string name = name_ + ".int_uniform";
  ParamValue low;
  ParamValue high;
  if (!read_bounds(bounds, rule_, name, low, high, problems_)) {
    return false;
  }
  dimension.int_low = std::get<std::int64_t>(low);
  dimension.int_high = std::get<std::int64_t>(high);
  if (dimension.int_low > dimension.int_high) {
    problems_.add(bounds, fmt::format("{} = {}: low must not exceed high",
                                      name, format_node(bounds)));
    return false;
  }
  dimension.distribution = Distribution::kIntUniform;
  return true;
}

bool DimensionReader::read_choices(const toml::node& list,
                                   SearchDimension& dimension) {
  const std::string name = name_ + ".choice";
  const toml::array* array = list.as_array();
  if (array == nullptr || array->empty()) {
    problems_.add(list, fmt::format("{} = {}: expected a non-empty list of "
                                    "values",
                                    name, format_node(list)));
    return false;
  }
  bool valid = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string element = fmt::format("{}[{}]", name, i);
    auto value = read_value(*array->get(i), rule_, element, problems_);
    if (!value) {
      valid = false;
      continue;
    }
    for (const ParamValue& previous : dimension.choices) {
      if (previous == *value) {
        problems_.add(*array->get(i),
                      fmt::format("{} = {} is listed twice; list each value "
                                  "once",
                                  element, format_value(*value)));
        valid = false;
      }
    }
    dimension.choices.push_back(*value);
  }
  dimension.distribution = Distribution::kChoice;
  return valid;
}

}  // namespace

void read_search(const toml::table& table, const std::string& path,
                 EntryKeys& keys, RandomSearch& search, Problems& problems) {
  const ValueRule samples_rule{ParamType::kInt, 1.0, std::nullopt, false, {}};
  const ValueRule seed_rule{ParamType::kInt, 0.0, std::nullopt, false, {}};
  bool has_samples = false;
  std::size_t parameter_keys = 0;

  for (auto [key_pointer, value_pointer] : entries_in_order(table)) {
    const toml::key& key = *key_pointer;
    const toml::node& value = *value_pointer;
    const std::string name = join_key(path, key.str());
    // A table under a reserved name is a plugin hyperparameter that
    // happens to be called "samples" or "search_seed".
    if (key.str() == kSamplesKey && !value.is_table()) {
      auto samples = read_value(value, samples_rule, name, problems);
      has_samples = true;
      search.samples = samples ? std::get<std::int64_t>(*samples) : 1;
      continue;
    }
    if (key.str() == kSeedKey && !value.is_table()) {
      if (auto seed = read_value(value, seed_rule, name, problems)) {
        search.seed =
            static_cast<std::uint64_t>(std::get<std::int64_t>(*seed));
      }
      continue;
    }

    ++parameter_keys;
    const ValueRule* rule = keys.claim(key, value, path, problems);
    if (rule == nullptr) {
      continue;
    }
    SearchDimension dimension;
    dimension.key = std::string(key.str());
    if (DimensionReader(name, *rule, problems).read(value, dimension)) {
      search.dimensions.push_back(std::move(dimension));
    }
  }

  if (!has_samples) {
    problems.add(table, fmt::format("missing key {}.samples: set how many "
                                    "random points to draw, e.g. samples = 8",
                                    path));
  }
  if (parameter_keys == 0) {
    problems.add(table, fmt::format("{} has no hyperparameters to search; "
                                    "add one, e.g. dropout = {{ uniform = "
                                    "[0.1, 0.5] }}",
                                    path));
  }
}

}  // namespace harness::sweep

