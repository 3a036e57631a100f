#include "sweep/models.h"
#include "sweep/names.h"
#include "sweep/overrides.h"
#include "sweep/problems.h"
#include "sweep/sections.h"
#include "sweep/sweep_config.h"
#include "sweep/table_reader.h"
#include "sweep/train_options.h"

#include <fmt/format.h>

#include <filesystem>

namespace harness::sweep {
namespace {

const std::vector<std::string> kTopLevelKeys = {"name", "dataset", "protocol",
                                                "train", "models"};

/// Trials one [[models]] entry may expand to. A count beyond it is far more
/// likely a mistake (one list too many) than a plan, and would exhaust
/// memory before any trial ran.
constexpr std::uint64_t kMaxTrialsPerEntry = 1'000'000;

toml::table parse_file(const std::string& path) {
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    const toml::source_position& begin = error.source().begin;
    if (begin.line == 0) {
      throw ConfigError({fmt::format("{}: {}", path, error.description())});
    }
    throw ConfigError({fmt::format("{}:{}:{}: invalid TOML: {}", path,
                                   begin.line, begin.column,
                                   error.description())});
  }
}

const toml::table* find_table(const TableReader& reader, const char* key,
                              Problems& problems) {
  const toml::node* node = reader.find(key);
  if (node == nullptr) {
    return nullptr;
  }
  if (!node->is_table()) {
    problems.add(*node, fmt::format("{} = {}: expected a table [{}], got {}",
                                    key, format_node(*node), key,
                                    type_name(*node)));
    return nullptr;
  }
  return node->as_table();
}

void read_name(TableReader& reader, SweepConfig& config) {
  config.name = std::filesystem::path(config.path).stem().string();
  const ValueRule rule{ParamType::kString, std::nullopt, std::nullopt, false,
                       {}};
  if (reader.read("name", rule, config.name) && config.name.empty()) {
    reader.add_problem("name", "name is empty; name the sweep, e.g. "
                               "name = \"ml-100k\", or remove the key");
  }
}

// Counts with saturation, so that an absurd grid cannot overflow.
std::uint64_t count_trials(const ModelEntry& entry) {
  std::uint64_t count = entry.train.seeds.size();
  auto multiply = [&count](std::uint64_t factor) {
    count = factor != 0 && count > kMaxTrialsPerEntry / factor
                ? kMaxTrialsPerEntry + 1
                : count * factor;
  };
  for (const SweepAxis& axis : entry.grid) {
    multiply(axis.values.size());
  }
  if (!entry.zip.empty()) {
    multiply(entry.zip.front().values.size());
  }
  if (!entry.search.dimensions.empty()) {
    multiply(static_cast<std::uint64_t>(entry.search.samples));
  }
  return count;
}

void check_trial_counts(const SweepConfig& config, Problems& problems) {
  for (std::size_t i = 0; i < config.models.size(); ++i) {
    if (count_trials(config.models[i]) <= kMaxTrialsPerEntry) {
      continue;
    }
    toml::source_region source;
    source.begin.line = static_cast<toml::source_index>(config.models[i].line);
    problems.add(source,
                 fmt::format("models.{} expands to more than {} trials; "
                             "shorten its grid lists or use [models.search] "
                             "with fewer samples",
                             i, kMaxTrialsPerEntry));
  }
}

void read_config(const toml::table& root, const SchemaMap& schemas,
                 SweepConfig& config, Problems& problems) {
  TableReader reader(root, "", kTopLevelKeys, problems);
  read_name(reader, config);

  if (const toml::table* dataset = find_table(reader, "dataset", problems)) {
    read_dataset(*dataset, config.dataset, problems);
  } else if (reader.find("dataset") == nullptr) {
    problems.add_file("missing table [dataset]; add one with format and "
                      "path, e.g. path = \"data/ml-100k.inter\"");
  }

  // An absent [protocol] still gets the select_by check on its defaults.
  const toml::table empty;
  const toml::table* protocol = find_table(reader, "protocol", problems);
  read_protocol(protocol != nullptr ? *protocol : empty, config.protocol,
                problems);

  if (const toml::table* train = find_table(reader, "train", problems)) {
    read_train(*train, "train", config.train, problems);
  }

  if (const toml::node* models = reader.find("models")) {
    config.models = read_models(*models, config.train, schemas, problems);
  } else {
    problems.add_file(fmt::format("missing [[models]]; add at least one "
                                  "entry, e.g. [[models]] with plugin = "
                                  "\"pop\" (plugins found: {})",
                                  join_names(plugin_names(schemas))));
  }
  check_trial_counts(config, problems);
}

}  // namespace

Sweep load_sweep(const std::string& path, const SchemaMap& schemas,
                 const std::vector<std::string>& overrides) {
  toml::table root = parse_file(path);
  Problems problems(path);
  apply_overrides(root, overrides, problems);

  Sweep sweep;
  sweep.config.path = path;
  read_config(root, schemas, sweep.config, problems);
  problems.raise_if_any();

  sweep.trials = expand_trials(sweep.config, schemas);
  return sweep;
}

}  // namespace harness::sweep
