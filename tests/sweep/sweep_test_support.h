// Shared pieces of the sweep tests: a temporary folder holding a sweep file
// and a stand-in data file, and a hand-made plugin schema.
#pragma once

#include "sweep/sweep_config.h"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace harness::sweep::testing {

/// A fresh folder with `data.inter` (empty; the sweep only checks that it
/// exists) and a sweep file written from text. Removed on destruction.
class TempSweep {
 public:
  explicit TempSweep(const std::string& toml) {
    static std::atomic<int> counter{0};
    std::random_device device;
    dir_ = std::filesystem::temp_directory_path() /
           ("harness-sweep-test-" + std::to_string(device()) + "-" +
            std::to_string(counter++));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "data.inter") << "user_id:token\titem_id:token\n";
    write(toml);
  }
  ~TempSweep() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempSweep(const TempSweep&) = delete;
  TempSweep& operator=(const TempSweep&) = delete;

  void write(const std::string& toml) const {
    std::ofstream(path()) << toml;
  }
  std::string path() const { return (dir_ / "sweep.toml").string(); }
  std::string data_path() const { return (dir_ / "data.inter").string(); }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

/// Returns a sasrec-like schema, a parameterless "pop" and a "gru4rec", so
/// that unknown-plugin messages have several names to list.
inline SchemaMap test_schemas() {
  std::vector<ParamSpec> sasrec = {
      {"hidden_size", ParamType::kInt, std::int64_t{64}, 1.0, 4096.0, {},
       "embedding size"},
      // The schema has inclusive bounds only, so [0, 1) is written [0, 1].
      {"dropout", ParamType::kFloat, 0.2, 0.0, 1.0, {}, "dropout rate"},
      {"loss", ParamType::kString, std::string("ce"), std::nullopt,
       std::nullopt, {"ce", "bce"}, "training loss"},
      {"use_bias", ParamType::kBool, true, std::nullopt, std::nullopt, {},
       "bias in the output layer"},
      {"num_layers", ParamType::kInt, std::int64_t{2}, 1.0, 8.0, {},
       "transformer blocks"},
  };
  std::vector<ParamSpec> gru4rec = {
      {"hidden_size", ParamType::kInt, std::int64_t{100}, 1.0, std::nullopt,
       {}, "GRU size"},
  };
  return {{"sasrec", sasrec}, {"pop", {}}, {"gru4rec", gru4rec}};
}

/// Returns the [dataset] table of a valid sweep file reading `data_path`.
inline std::string dataset_header(const std::string& data_path) {
  return "[dataset]\npath = \"" + data_path + "\"\n";
}

/// Loads the sweep and returns its problems; fails the test when the file
/// loads without any.
inline std::vector<std::string> problems_of(
    const std::string& path, const std::vector<std::string>& overrides = {}) {
  try {
    load_sweep(path, test_schemas(), overrides);
  } catch (const ConfigError& error) {
    return error.problems();
  }
  FAIL("the sweep loaded without problems");
  return {};
}

/// Whether some problem contains every one of `parts`. When none does, the
/// problems are logged so that the failing check shows them.
inline bool has_problem(const std::vector<std::string>& problems,
                        const std::vector<std::string>& parts) {
  std::string listing;
  for (const std::string& problem : problems) {
    bool all = true;
    for (const std::string& part : parts) {
      all = all && problem.find(part) != std::string::npos;
    }
    if (all) {
      return true;
    }
    listing += "\n  " + problem;
  }
  MESSAGE("no problem contains every expected part; the problems are:"
          << listing);
  return false;
}

}  // namespace harness::sweep::testing
