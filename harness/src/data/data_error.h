// The exception for bad input files: it carries the file and line.
#pragma once

#include <stdexcept>
#include <string>

namespace harness::data {

class DataError : public std::runtime_error {
 public:
  /// `line` is 1-based; 0 means the problem concerns the whole file.
  DataError(const std::string& file, long line, const std::string& message);

  const std::string& file() const { return file_; }
  long line() const { return line_; }

 private:
  std::string file_;
  long line_;
};

}  // namespace harness::data
