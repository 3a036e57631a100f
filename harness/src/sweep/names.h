// Helpers that make messages about wrong names actionable: the list of
// allowed names and the closest one to what was written.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace harness::sweep {

/// Appends `key` to the dotted path `path` ("" for the top level), quoting
/// a key that contains a dot as TOML does: models.0.grid."train.epochs".
std::string join_key(const std::string& path, std::string_view key);

/// Joins names as "a, b, c"; "(none)" when empty.
std::string join_names(const std::vector<std::string>& names);

/// Returns "; did you mean 'x'?" for the candidate within a small edit
/// distance of `name` (at most 2, or a third of its length when longer),
/// or "" when none is that close.
std::string suggest_name(const std::string& name,
                         const std::vector<std::string>& candidates);

}  // namespace harness::sweep
