// Readers of the sweep file's [dataset] and [protocol] tables.
#pragma once

#include "sweep/problems.h"
#include "sweep/sweep_config.h"

#include <toml++/toml.h>

namespace harness::sweep {

/// Reads [dataset] over `dataset`. Relative paths are made absolute against
/// the current directory, and every named file must exist.
void read_dataset(const toml::table& table, data::DatasetOptions& dataset,
                  Problems& problems);

/// Reads [protocol] over `protocol`, and checks that select_by is one of
/// the metrics even when both keep their defaults.
void read_protocol(const toml::table& table, ProtocolOptions& protocol,
                   Problems& problems);

}  // namespace harness::sweep
