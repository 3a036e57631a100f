// --set key=value overrides, merged into the parsed sweep file before it is
// validated, so an override is checked like any value of the file.
#pragma once

#include "sweep/problems.h"

#include <toml++/toml.h>

#include <string>
#include <vector>

namespace harness::sweep {

/// Applies each "key=value" to `root`, in order. The key is a dotted TOML
/// key whose integer segments index arrays ("models.0.grid.dropout"). The
/// value is read as a TOML value; text that is not valid TOML is taken as a
/// string. Values keep "--set key=value" as their source, so later messages
/// about them name the override.
void apply_overrides(toml::table& root,
                     const std::vector<std::string>& overrides,
                     Problems& problems);

}  // namespace harness::sweep
