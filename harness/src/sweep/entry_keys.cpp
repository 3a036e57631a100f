#include "sweep/models.h"

#include "sweep/names.h"
#include "sweep/table_reader.h"
#include "sweep/train_options.h"

#include <fmt/format.h>

namespace harness::sweep {

EntryKeys::EntryKeys(std::string plugin, const std::vector<ParamSpec>& schema)
    : plugin_(std::move(plugin)) {
  for (const ParamSpec& spec : schema) {
    rules_[spec.name] = rule_for(spec);
    param_names_.push_back(spec.name);
  }
  for (const std::string& name : train_key_names()) {
    if (const ValueRule* rule = train_rule(name)) {
      rules_["train." + name] = *rule;
    }
  }
}

const ValueRule* EntryKeys::claim(const toml::key& key,
                                  const toml::node& value,
                                  const std::string& path,
                                  Problems& problems) {
  const std::string name(key.str());
  const toml::source_region& source = key_source(key, value);

  auto found = rules_.find(name);
  if (found == rules_.end()) {
    if (name == "train.seeds") {
      problems.add(source, fmt::format(
                               "{}: seeds cannot be swept "
                               "because every trial already runs once per "
                               "seed; set seeds in [train] or [models.train]",
                               join_key(path, name)));
    } else if (name.rfind("train.", 0) == 0) {
      std::vector<std::string> train_names;
      for (const std::string& train_name : train_key_names()) {
        if (train_rule(train_name) != nullptr) {
          train_names.push_back("train." + train_name);
        }
      }
      problems.add(source,
                   fmt::format("{}: unknown training option '{}'; known: {}{}",
                               path, name, join_names(train_names),
                               suggest_name(name, train_names)));
    } else {
      problems.add(source,
                   fmt::format("{}: unknown hyperparameter '{}' for plugin "
                               "'{}'; known: {} (and train.<key> for any "
                               "[train] key){}",
                               path, name, plugin_, join_names(param_names_),
                               suggest_name(name, param_names_)));
    }
    return nullptr;
  }

  auto [previous, inserted] = claimed_.emplace(name, path);
  if (!inserted) {
    problems.add(source,
                 fmt::format("{}: '{}' is already set in {}; set each key in "
                             "one of grid, zip or search",
                             path, name, previous->second));
    return nullptr;
  }
  return &found->second;
}

}  // namespace harness::sweep
