#include "data/dataset.h"
#include "temp_files.h"

#include <doctest/doctest.h>

#include <string>

using harness::data::DatasetOptions;
using harness::data::load_dataset;
using harness::data::testing::TempDir;

namespace {

const char kHeader[] = "user_id:token\titem_id:token\ttimestamp:float\n";
const char kRows[] = "a\tx\t1\na\ty\t2\nb\tx\t3\nb\ty\t4\n";

std::string fingerprint_of(const TempDir& dir, const std::string& content,
                           DatasetOptions options = {}) {
  options.path = dir.write("fp.inter", content);
  return load_dataset(options).fingerprint;
}

}  // namespace

TEST_CASE("fingerprint is stable for the same input") {
  TempDir dir;
  std::string content = std::string(kHeader) + kRows;
  std::string first = fingerprint_of(dir, content);
  CHECK(first.size() == 16);
  CHECK(first.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(fingerprint_of(dir, content) == first);

  // The path is not part of it: a copy elsewhere has the same digest.
  DatasetOptions options;
  options.path = dir.write("copy.inter", content);
  CHECK(load_dataset(options).fingerprint == first);
}

TEST_CASE("fingerprint changes with content and options") {
  TempDir dir;
  std::string base = fingerprint_of(dir, std::string(kHeader) + kRows);
  std::string header(kHeader);

  SUBCASE("a timestamp") {
    CHECK(fingerprint_of(dir, header + "a\tx\t1\na\ty\t2.5\nb\tx\t3\n"
                                       "b\ty\t4\n") != base);
  }
  SUBCASE("an item") {
    CHECK(fingerprint_of(dir, header + "a\tx\t1\na\tz\t2\nb\tx\t3\n"
                                       "b\ty\t4\n") != base);
  }
  SUBCASE("a user") {
    CHECK(fingerprint_of(dir, header + "a\tx\t1\na\ty\t2\nc\tx\t3\n"
                                       "c\ty\t4\n") != base);
  }
  SUBCASE("an extra event") {
    CHECK(fingerprint_of(dir, std::string(kHeader) + kRows + "b\tx\t5\n") !=
          base);
  }
  SUBCASE("the order of events") {
    CHECK(fingerprint_of(dir, header + "a\ty\t1\na\tx\t2\nb\tx\t3\n"
                                       "b\ty\t4\n") != base);
  }
  SUBCASE("a filter option that removes nothing") {
    DatasetOptions options;
    options.min_user_events = 1;
    CHECK(fingerprint_of(dir, std::string(kHeader) + kRows, options) != base);
  }
}

TEST_CASE("fingerprint includes side data") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("fp.inter", std::string(kHeader) + kRows);
  std::string plain = load_dataset(options).fingerprint;
  options.items_path = dir.write("fp.item",
                                 "item_id:token\ttitle:token_seq\n"
                                 "x\tFirst\ny\tSecond\n");
  std::string named = load_dataset(options).fingerprint;
  CHECK(named != plain);
  options.items_path = dir.write("fp.item",
                                 "item_id:token\ttitle:token_seq\n"
                                 "x\tFirst\ny\tOther\n");
  CHECK(load_dataset(options).fingerprint != named);
}
