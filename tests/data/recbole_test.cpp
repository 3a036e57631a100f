#include "data/dataset.h"
#include "temp_files.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using harness::data::Dataset;
using harness::data::DatasetOptions;
using harness::data::load_dataset;
using harness::data::testing::TempDir;

namespace {

// Raw item ids of one user's events, in stored order.
std::vector<std::string> raw_items(const Dataset& dataset, std::int64_t user) {
  std::vector<std::string> raw;
  for (std::int64_t item : dataset.items[user]) {
    raw.push_back(dataset.item_ids[item]);
  }
  return raw;
}

// Rows out of order, with equal timestamps (ties keep file order), the
// raw id "0", and millisecond timestamps that float32 cannot tell apart.
const char kInter[] =
    "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
    "u1\t10\t5\t300\n"
    "u1\t0\t3\t100\n"
    "u2\t0\t4\t881250949\n"
    "u1\t20\t1\t100\n"
    "u1\t30\t2\t200\n"
    "u2\t7\t1\t881250949\n"
    "u2\t8\t1\t881250948\n"
    "u3\t8\t1\t1700000000124\n"
    "u3\t7\t1\t1700000000123\n";

}  // namespace

TEST_CASE("recbole orders events by time then file order") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("tiny.inter", kInter);
  Dataset dataset = load_dataset(options);

  CHECK(dataset.name == "tiny");
  CHECK_FALSE(dataset.has_baskets);
  REQUIRE(dataset.num_users() == 3);
  CHECK(dataset.user_ids == std::vector<std::string>{"", "u1", "u2", "u3"});
  CHECK(raw_items(dataset, 1) ==
        std::vector<std::string>{"0", "20", "30", "10"});
  CHECK(raw_items(dataset, 2) == std::vector<std::string>{"8", "0", "7"});
  CHECK(raw_items(dataset, 3) == std::vector<std::string>{"7", "8"});
  CHECK(dataset.times[1] == std::vector<double>{100, 100, 200, 300});
  CHECK(dataset.baskets[1] == std::vector<std::int64_t>{1, 2, 3, 4});
  CHECK(dataset.stats.rows_read == 9);
  CHECK(dataset.stats.events_kept == 9);
}

TEST_CASE("recbole maps ids densely by first appearance") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("tiny.inter", kInter);
  Dataset dataset = load_dataset(options);

  // File order of first appearance: 10, 0, 20, 30, 7, 8; 0 is padding.
  CHECK(dataset.item_ids ==
        std::vector<std::string>{"", "10", "0", "20", "30", "7", "8"});
  CHECK(dataset.num_items() == 6);
  CHECK(dataset.items[1] == std::vector<std::int64_t>{2, 3, 4, 1});
  CHECK(dataset.items[0].empty());
}

TEST_CASE("recbole keeps big timestamps exact") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("tiny.inter", kInter);
  Dataset dataset = load_dataset(options);

  CHECK(dataset.times[2] ==
        std::vector<double>{881250948.0, 881250949.0, 881250949.0});
  REQUIRE(dataset.times[3].size() == 2);
  CHECK(dataset.times[3][0] == 1700000000123.0);
  CHECK(dataset.times[3][1] == 1700000000124.0);
}

TEST_CASE("recbole columns are found by name before the type") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("cols.inter",
                           "ts:float\titem:token\tuser:token\n"
                           "5\ta\tx\n"
                           "4\tb\tx\n");
  options.user_column = "user";
  options.item_column = "item";
  options.time_column = "ts";
  Dataset dataset = load_dataset(options);
  REQUIRE(dataset.num_users() == 1);
  CHECK(raw_items(dataset, 1) == std::vector<std::string>{"b", "a"});
}

TEST_CASE("recbole without a time column keeps file order") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("notime.inter",
                           "user_id:token\titem_id:token\n"
                           "x\tc\n"
                           "x\ta\n"
                           "x\tb\n");
  options.time_column = "";
  Dataset dataset = load_dataset(options);
  CHECK(raw_items(dataset, 1) == std::vector<std::string>{"c", "a", "b"});
  CHECK(dataset.times[1] == std::vector<double>{0, 0, 0});
}

TEST_CASE("recbole item file gives names and token categories") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("tiny.inter", kInter);
  options.items_path =
      dir.write("tiny.item",
                "item_id:token\tmovie_title:token_seq\trelease_year:token\t"
                "class:token_seq\n"
                "10\tToy Story\t1995\tAnimation Comedy\n"
                "0\tZero\t1994\tDrama\n"
                "99\tNot rated\t1990\tDrama\n"
                "20\tTwenty\t\tAction\n"
                "10\tDuplicate row\t2000\tDrama\n");
  Dataset dataset = load_dataset(options);

  // Dense items: 1="10", 2="0", 3="20", 4="30", 5="7", 6="8".
  CHECK(dataset.side.names == std::vector<std::string>{"", "Toy Story", "Zero",
                                                       "Twenty", "", "", ""});
  REQUIRE(dataset.side.categories.count("release_year") == 1);
  CHECK(dataset.side.categories.count("class") == 0);
  CHECK(dataset.side.categories.count("movie_title") == 0);
  CHECK(dataset.side.categories.at("release_year") ==
        std::vector<std::int64_t>{0, 1, 2, 0, 0, 0, 0});
  CHECK(dataset.category_values.at("release_year") ==
        std::vector<std::string>{"", "1995", "1994"});
}
