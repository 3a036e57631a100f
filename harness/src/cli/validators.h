// Command-line checks whose messages name the value and the limit. CLI11's
// PositiveNumber reports a range up to the largest double instead.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>

namespace harness::cli {

/// Accepts an integer of at least `minimum`.
CLI::Validator at_least(std::int64_t minimum);

}  // namespace harness::cli
