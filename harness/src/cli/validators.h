// Command-line checks whose messages name the value and the limit. CLI11's
// PositiveNumber reports a range up to the largest double instead.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace harness::cli {

/// Accepts an integer of at least `minimum`.
CLI::Validator at_least(std::int64_t minimum);

/// Accepts any text but the empty string, which CLI11 would take as a
/// value. `expected` names what to pass, e.g. "a category name".
CLI::Validator not_empty(const std::string& expected);

}  // namespace harness::cli
