#include "sweep/table_reader.h"

#include "sweep/names.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace harness::sweep {

const toml::source_region& key_source(const toml::key& key,
                                      const toml::node& value) {
  return key.source().begin.line > 0 ? key.source() : value.source();
}

std::vector<std::pair<const toml::key*, const toml::node*>> entries_in_order(
    const toml::table& table) {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [key, value] : table) {
    entries.emplace_back(&key, &value);
  }
  // Override values are parsed with one line per earlier override (see
  // overrides.cpp), so their lines give the override order.
  auto position = [](const auto& entry) {
    const toml::source_region& source = key_source(*entry.first,
                                                   *entry.second);
    const bool is_override =
        source.path && source.path->rfind(kOverridePrefix, 0) == 0;
    return std::make_tuple(is_override, source.begin.line,
                           source.begin.column);
  };
  std::stable_sort(entries.begin(), entries.end(),
                   [&position](const auto& a, const auto& b) {
                     return position(a) < position(b);
                   });
  return entries;
}

TableReader::TableReader(const toml::table& table, std::string path,
                         std::vector<std::string> known, Problems& problems)
    : table_(table), path_(std::move(path)), problems_(problems) {
  for (auto&& [key, value] : table_) {
    const std::string name(key.str());
    if (std::find(known.begin(), known.end(), name) != known.end()) {
      continue;
    }
    problems_.add(key_source(key, value),
                  fmt::format("unknown key '{}'; allowed keys here: {}{}",
                              key_path(name), join_names(known),
                              suggest_name(name, known)));
  }
}

const toml::node* TableReader::find(std::string_view key) const {
  return table_.get(key);
}

std::string TableReader::key_path(std::string_view key) const {
  return join_key(path_, key);
}

void TableReader::add_problem(std::string_view key,
                              const std::string& message) {
  const toml::node* node = find(key);
  if (node == nullptr) {
    problems_.add(table_, message);
  } else {
    problems_.add(*node, message);
  }
}

const toml::array* TableReader::find_array(std::string_view key) {
  const toml::node* node = find(key);
  if (node == nullptr) {
    return nullptr;
  }
  if (!node->is_array()) {
    problems_.add(*node, fmt::format("{} = {}: expected an array, got {}",
                                     key_path(key), format_node(*node),
                                     type_name(*node)));
    return nullptr;
  }
  return node->as_array();
}

template <typename T>
bool TableReader::read_list(std::string_view key, const ValueRule& rule,
                            std::vector<T>& out) {
  const toml::array* array = find_array(key);
  if (array == nullptr) {
    return false;
  }
  std::vector<T> values;
  bool valid = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string name = fmt::format("{}[{}]", key_path(key), i);
    auto value = read_value(*array->get(i), rule, name, problems_);
    if (value) {
      values.push_back(std::get<T>(*value));
    } else {
      valid = false;
    }
  }
  if (valid) {
    out = std::move(values);
  }
  return valid;
}

bool TableReader::read_strings(std::string_view key, const ValueRule& rule,
                               std::vector<std::string>& out) {
  return read_list(key, rule, out);
}

bool TableReader::read_ints(std::string_view key, const ValueRule& rule,
                            std::vector<std::int64_t>& out) {
  return read_list(key, rule, out);
}

}  // namespace harness::sweep
