// The [train] table: its keys, their rules, and reading it from the top
// level or from a [models.train] table.
#pragma once

#include "sweep/problems.h"
#include "sweep/sweep_config.h"
#include "sweep/value_rules.h"

#include <toml++/toml.h>

#include <string>
#include <vector>

namespace harness::sweep {

/// Names of every [train] key, `seeds` last.
std::vector<std::string> train_key_names();

/// The rule of a [train] key other than `seeds`; nullptr for other names.
/// These are the keys a grid, zip or search may sweep as "train.<key>".
const ValueRule* train_rule(const std::string& key);

/// Sets one [train] key other than `seeds` from a value of its rule's type.
void set_train_value(TrainOptions& train, const std::string& key,
                     const ParamValue& value);

/// Reads the keys present in `table` over `train`; `path` names the table
/// in messages ("train" or "models.0.train").
void read_train(const toml::table& table, const std::string& path,
                TrainOptions& train, Problems& problems);

}  // namespace harness::sweep
