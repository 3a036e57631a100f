// Readers of the [[models]] entries: plugin, label, per-model training
// options, and the grid, zip and random search of each entry.
#pragma once

#include "sweep/problems.h"
#include "sweep/sweep_config.h"
#include "sweep/value_rules.h"

#include <toml++/toml.h>

#include <map>
#include <string>
#include <vector>

namespace harness::sweep {

/// The keys one entry may sweep: its plugin's hyperparameters and
/// "train.<key>". Also makes sure each key is set in one place only.
class EntryKeys {
 public:
  EntryKeys(std::string plugin, const std::vector<ParamSpec>& schema);

  /// The rule of `key` in table `path`, or nullptr after reporting an
  /// unknown key or a key already set elsewhere in the entry.
  const ValueRule* claim(const toml::key& key, const toml::node& value,
                         const std::string& path, Problems& problems);

 private:
  std::string plugin_;
  std::map<std::string, ValueRule> rules_;
  std::vector<std::string> param_names_;
  /// Key -> the table that set it, e.g. "models.0.grid".
  std::map<std::string, std::string> claimed_;
};

/// Reads the [models.search] table `table`, named `path` in messages.
void read_search(const toml::table& table, const std::string& path,
                 EntryKeys& keys, RandomSearch& search, Problems& problems);

/// Names of the plugins in `schemas`, sorted.
std::vector<std::string> plugin_names(const SchemaMap& schemas);

/// Reads the top-level `models` value. `base` is the validated [train].
std::vector<ModelEntry> read_models(const toml::node& models,
                                    const TrainOptions& base,
                                    const SchemaMap& schemas,
                                    Problems& problems);

}  // namespace harness::sweep
