// Version constants shared by the host and every plugin.
#pragma once

#include <cstdint>

namespace harness {

/// Plugin ABI version. Bump it whenever a type in this SDK changes layout or
/// meaning; the host then rejects plugins built against another version.
constexpr std::uint32_t kAbiVersion = 1;

/// Harness release, stored with every run.
constexpr const char* kHarnessVersion = "0.1.0";

}  // namespace harness
