// Strict number parsing for data fields: no exceptions, no locale, and no
// silent acceptance of trailing text (unlike std::stod and std::stoi).
#pragma once

#include <optional>
#include <string_view>

namespace harness::data {

/// Parses a finite decimal number, ignoring blanks around it. Integers up
/// to 2^53 (any Unix timestamp) come back exactly. Returns nullopt for
/// anything else, including "", "nan", "inf" and "12abc".
std::optional<double> parse_double(std::string_view text);

}  // namespace harness::data
