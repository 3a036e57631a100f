// `harness plugins`: what it finds in the plugin folders and what it
// rejects, with the reason.
#include "harness_process.h"

#include <doctest/doctest.h>

namespace harness::e2e {

TEST_CASE("plugins: lists the built-in plugins with their params") {
  TempDir dir;
  const CommandResult result = run_harness({"plugins"}, dir.path());
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  for (const std::string& name :
       {"pop", "sasrec", "gru4rec", "bert4rec", "item_knn", "last_items",
        "tifu_knn", "top_freq"}) {
    CAPTURE(name);
    CHECK(result.out.find("\n" + name + " ") != std::string::npos);
  }
  CHECK(result.out.find("hidden_size") != std::string::npos);
  // The test plugin lives in its own folder, away from the real ones.
  CHECK(result.out.find("crashy") == std::string::npos);
  CHECK(result.out.find("rejected") == std::string::npos);
}

TEST_CASE("plugins: a file that is not a plugin is rejected with a reason") {
  TempDir dir;
  write_text(dir.file("fake.so"), "this is not an ELF shared library\n");
  const CommandResult result = run_harness(
      {"--plugin-dir", dir.path().string(), "--plugin-dir",
       HARNESS_TEST_PLUGIN_DIR, "plugins"},
      dir.path());
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("rejected " + dir.file("fake.so") +
                        ": cannot be loaded") != std::string::npos);
  CHECK(result.out.find("\ncrashy 1.0.0") != std::string::npos);
  CHECK(result.out.find("\npop ") != std::string::npos);
  CHECK(result.err.find(dir.file("fake.so")) != std::string::npos);
}

TEST_CASE("plugins: mismatched ABI or LibTorch is rejected naming both") {
  TempDir dir;
  const CommandResult result = run_harness(
      {"--plugin-dir", HARNESS_MISMATCHED_PLUGIN_DIR, "plugins"}, dir.path());
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("mismatched_abi.so: plugin ABI version 2 does not "
                        "match the host's ABI version 1") !=
        std::string::npos);
  CHECK(result.out.find("mismatched_torch.so: built with LibTorch 0.0.1 but "
                        "the host uses LibTorch 1.") != std::string::npos);
  // Neither is listed as usable.
  CHECK(result.out.find("\nmismatched_abi ") == std::string::npos);
  CHECK(result.out.find("\nmismatched_torch ") == std::string::npos);
}

TEST_CASE("plugins: the listing names the given folder first") {
  TempDir dir;
  const CommandResult result = run_harness(
      {"--plugin-dir", dir.path().string(), "plugins"}, dir.path());
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("plugin folders searched: " + dir.path().string() +
                        ", ") == 0);
}

}  // namespace harness::e2e
