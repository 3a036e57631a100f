#include "sweep/models.h"

#include "sweep/names.h"
#include "sweep/table_reader.h"
#include "sweep/train_options.h"

#include <fmt/format.h>

#include <optional>
#include <set>

namespace harness::sweep {
namespace {

const std::vector<std::string> kEntryKeys = {"plugin", "name", "grid",
                                             "zip",    "search", "train"};

const ValueRule kStringRule{ParamType::kString, std::nullopt, std::nullopt,
                            false, {}};

// Reads a grid or zip value: a list of values, or (grid only) one fixed
// value.
bool read_axis(const toml::node& node, const ValueRule& rule,
               const std::string& name, bool list_required,
               std::vector<ParamValue>& values, Problems& problems) {
  if (node.is_table()) {
    problems.add(node, fmt::format("{} = {}: expected a value or a list of "
                                   "values; distributions such as {{ uniform "
                                   "= [a, b] }} belong in [models.search]",
                                   name, format_node(node)));
    return false;
  }
  const toml::array* array = node.as_array();
  if (array == nullptr) {
    if (list_required) {
      problems.add(node, fmt::format("{} = {}: zip values are lists that "
                                     "move together; write [{}], or put a "
                                     "fixed value in [models.grid]",
                                     name, format_node(node),
                                     format_node(node)));
      return false;
    }
    auto value = read_value(node, rule, name, problems);
    if (value) {
      values.push_back(*value);
    }
    return value.has_value();
  }
  if (array->empty()) {
    problems.add(node, fmt::format("{} = []: list at least one value", name));
    return false;
  }

  bool valid = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string element = fmt::format("{}[{}]", name, i);
    auto value = read_value(*array->get(i), rule, element, problems);
    if (!value) {
      valid = false;
      continue;
    }
    for (const ParamValue& previous : values) {
      if (previous == *value && !list_required) {
        problems.add(*array->get(i),
                     fmt::format("{} = {} is listed twice, which would run "
                                 "the same trials twice; list each value "
                                 "once",
                                 element, format_value(*value)));
        valid = false;
      }
    }
    values.push_back(*value);
  }
  return valid;
}

void read_axes(const toml::table& table, const std::string& path,
               bool is_zip, EntryKeys& keys, std::vector<SweepAxis>& axes,
               Problems& problems) {
  for (auto [key_pointer, value_pointer] : entries_in_order(table)) {
    const toml::key& key = *key_pointer;
    const toml::node& value = *value_pointer;
    const ValueRule* rule = keys.claim(key, value, path, problems);
    if (rule == nullptr) {
      continue;
    }
    SweepAxis axis;
    axis.key = std::string(key.str());
    const std::string name = join_key(path, key.str());
    if (!read_axis(value, *rule, name, is_zip, axis.values, problems)) {
      continue;
    }
    if (is_zip && !axes.empty() &&
        axis.values.size() != axes.front().values.size()) {
      problems.add(value,
                   fmt::format("{}: zipped lists must have equal lengths, "
                               "but '{}' has {} values and '{}' has {}; give "
                               "every list in {} the same length",
                               path, axis.key, axis.values.size(),
                               axes.front().key, axes.front().values.size(),
                               path));
      continue;
    }
    axes.push_back(std::move(axis));
  }
}

const toml::table* sub_table(const TableReader& reader, const char* key,
                             Problems& problems) {
  const toml::node* node = reader.find(key);
  if (node == nullptr) {
    return nullptr;
  }
  if (!node->is_table()) {
    problems.add(*node, fmt::format("{} = {}: expected a table, got {}",
                                    reader.key_path(key), format_node(*node),
                                    type_name(*node)));
    return nullptr;
  }
  return node->as_table();
}

bool has_type(const ParamValue& value, ParamType type) {
  switch (type) {
    case ParamType::kInt:
      return std::holds_alternative<std::int64_t>(value);
    case ParamType::kFloat:
      return std::holds_alternative<double>(value);
    case ParamType::kBool:
      return std::holds_alternative<bool>(value);
    case ParamType::kString:
      return std::holds_alternative<std::string>(value);
  }
  return false;
}

// A plugin whose defaults break its own schema cannot run any trial.
void check_schema(const std::string& plugin,
                  const std::vector<ParamSpec>& schema, Problems& problems) {
  for (const ParamSpec& spec : schema) {
    ParamValue value = spec.default_value;
    if (spec.type == ParamType::kFloat &&
        std::holds_alternative<std::int64_t>(value)) {
      value = static_cast<double>(std::get<std::int64_t>(value));
    }
    const std::string reason = has_type(value, spec.type)
                                   ? check_value(value, rule_for(spec))
                                   : "has another type than declared";
    if (!reason.empty()) {
      problems.add_file(fmt::format(
          "plugin '{}' is broken: the default {} of hyperparameter '{}' {}; "
          "fix the plugin's schema",
          plugin, format_value(spec.default_value), spec.name, reason));
    }
  }
}

class EntryReader {
 public:
  EntryReader(const TrainOptions& base, const SchemaMap& schemas,
              Problems& problems)
      : base_(base), schemas_(schemas), problems_(problems) {}

  std::optional<ModelEntry> read(const toml::table& table,
                                 std::size_t index);

 private:
  std::optional<std::string> read_plugin(TableReader& reader,
                                         const std::string& path);
  void read_name(TableReader& reader, ModelEntry& entry);

  const TrainOptions& base_;
  const SchemaMap& schemas_;
  Problems& problems_;
  std::set<std::string> names_;
  std::set<std::string> checked_plugins_;
};

std::optional<std::string> EntryReader::read_plugin(TableReader& reader,
                                                    const std::string& path) {
  const std::vector<std::string> known = plugin_names(schemas_);
  std::string plugin;
  if (reader.find("plugin") == nullptr) {
    problems_.add(reader.table(),
                  fmt::format("{}: missing key plugin; set plugin = "
                              "\"<name>\" (plugins found: {})",
                              path, join_names(known)));
    return std::nullopt;
  }
  if (!reader.read("plugin", kStringRule, plugin)) {
    return std::nullopt;
  }
  if (schemas_.count(plugin) == 0) {
    reader.add_problem(
        "plugin", fmt::format("{}.plugin = \"{}\": unknown plugin; plugins "
                              "found: {}{}",
                              path, plugin, join_names(known),
                              suggest_name(plugin, known)));
    return std::nullopt;
  }
  return plugin;
}

void EntryReader::read_name(TableReader& reader, ModelEntry& entry) {
  entry.name = entry.plugin;
  if (!reader.read("name", kStringRule, entry.name)) {
    return;
  }
  const std::string path = reader.key_path("name");
  if (entry.name.empty()) {
    reader.add_problem("name", path + " is empty; give the entry a label or "
                                      "remove the key");
  } else if (!names_.insert(entry.name).second) {
    reader.add_problem("name", fmt::format("{} = \"{}\" is used by another "
                                           "[[models]] entry; give each "
                                           "entry its own name",
                                           path, entry.name));
  }
}

std::optional<ModelEntry> EntryReader::read(const toml::table& table,
                                            std::size_t index) {
  const std::string path = fmt::format("models.{}", index);
  TableReader reader(table, path, kEntryKeys, problems_);
  ModelEntry entry;
  entry.line = table.source().begin.line;
  entry.train = base_;
  if (const toml::table* train = sub_table(reader, "train", problems_)) {
    read_train(*train, path + ".train", entry.train, problems_);
  }

  std::optional<std::string> plugin = read_plugin(reader, path);
  const toml::table* grid = sub_table(reader, "grid", problems_);
  const toml::table* zip = sub_table(reader, "zip", problems_);
  const toml::table* search = sub_table(reader, "search", problems_);
  if (!plugin) {
    return std::nullopt;  // Without a schema the sweep keys mean nothing.
  }
  entry.plugin = *plugin;
  read_name(reader, entry);
  const std::vector<ParamSpec>& schema = schemas_.at(entry.plugin);
  if (checked_plugins_.insert(entry.plugin).second) {
    check_schema(entry.plugin, schema, problems_);
  }

  EntryKeys keys(entry.plugin, schema);
  if (grid != nullptr) {
    read_axes(*grid, path + ".grid", /*is_zip=*/false, keys, entry.grid,
              problems_);
  }
  if (zip != nullptr) {
    read_axes(*zip, path + ".zip", /*is_zip=*/true, keys, entry.zip,
              problems_);
  }
  if (search != nullptr) {
    read_search(*search, path + ".search", keys, entry.search, problems_);
  }
  return entry;
}

}  // namespace

std::vector<std::string> plugin_names(const SchemaMap& schemas) {
  std::vector<std::string> names;
  for (const auto& [name, schema] : schemas) {
    names.push_back(name);
  }
  return names;
}

std::vector<ModelEntry> read_models(const toml::node& models,
                                    const TrainOptions& base,
                                    const SchemaMap& schemas,
                                    Problems& problems) {
  const toml::array* array = models.as_array();
  if (array == nullptr) {
    problems.add(models, fmt::format("models: expected [[models]] entries "
                                     "(an array of tables), got {}; write "
                                     "each entry under its own [[models]] "
                                     "header",
                                     type_name(models)));
    return {};
  }
  if (array->empty()) {
    problems.add(models, "models = []: add at least one [[models]] entry "
                         "with a plugin");
    return {};
  }

  EntryReader reader(base, schemas, problems);
  std::vector<ModelEntry> entries;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    if (!element.is_table()) {
      problems.add(element, fmt::format("models.{} = {}: expected a table "
                                        "such as {{ plugin = \"pop\" }}, got "
                                        "{}",
                                        i, format_node(element),
                                        type_name(element)));
      continue;
    }
    if (auto entry = reader.read(*element.as_table(), i)) {
      entries.push_back(std::move(*entry));
    }
  }
  return entries;
}

}  // namespace harness::sweep
