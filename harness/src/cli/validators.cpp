#include "cli/validators.h"

#include <fmt/format.h>

#include <charconv>
#include <string>

namespace harness::cli {

CLI::Validator at_least(std::int64_t minimum) {
  return CLI::Validator(
      [minimum](std::string& text) -> std::string {
        std::int64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error != std::errc() || stop != end) {
          return fmt::format("expected an integer >= {}, got '{}'", minimum,
                             text);
        }
        if (value < minimum) {
          return fmt::format("must be at least {}, got {}", minimum, value);
        }
        return "";
      },
      fmt::format("INT>={}", minimum));
}

CLI::Validator not_empty(const std::string& expected) {
  return CLI::Validator(
      [expected](std::string& text) -> std::string {
        if (!text.empty()) return "";
        return "expected " + expected;
      },
      "TEXT");
}

}  // namespace harness::cli
