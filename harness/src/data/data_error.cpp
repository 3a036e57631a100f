#include "data/data_error.h"

namespace harness::data {
namespace {

// Formats "FILE:LINE: message". Line 0 means the whole file, so it is left
// out; an empty file name means the options are at fault, not a file.
std::string format_location(const std::string& file, long line,
                            const std::string& message) {
  if (file.empty()) return message;
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ": " + message;
}

}  // namespace

DataError::DataError(const std::string& file, long line,
                     const std::string& message)
    : std::runtime_error(format_location(file, line, message)),
      file_(file),
      line_(line) {}

}  // namespace harness::data
