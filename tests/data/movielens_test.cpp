#include "data/data_error.h"
#include "data/dataset.h"
#include "temp_files.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using harness::data::DataError;
using harness::data::Dataset;
using harness::data::DatasetOptions;
using harness::data::load_dataset;
using harness::data::testing::TempDir;

TEST_CASE("movielens reads :: separated ratings with ties") {
  TempDir dir;
  DatasetOptions options;
  options.format = "movielens";
  options.path = dir.write("ratings.dat",
                           "1::1193::5::978300760\n"
                           "1::661::3::978302109\n"
                           "1::914::3::978300760\n"
                           "2::1193::4::978298413\n");
  Dataset dataset = load_dataset(options);
  CHECK(dataset.name == "ratings");
  REQUIRE(dataset.num_users() == 2);
  CHECK(dataset.item_ids == std::vector<std::string>{"", "1193", "661", "914"});
  // 1193 and 914 share a timestamp: file order breaks the tie.
  CHECK(dataset.items[1] == std::vector<std::int64_t>{1, 3, 2});
  CHECK(dataset.times[1] ==
        std::vector<double>{978300760, 978300760, 978302109});
  CHECK(dataset.items[2] == std::vector<std::int64_t>{1});
}

TEST_CASE("movielens rejects a line with the wrong field count") {
  TempDir dir;
  DatasetOptions options;
  options.format = "movielens";
  options.path = dir.write("ratings.dat",
                           "1::1193::5::978300760\n"
                           "1::661::978302109\n");
  CHECK_THROWS_WITH_AS(
      load_dataset(options),
      doctest::Contains("ratings.dat:2: found 3 fields, expected 4"),
      DataError);
  CHECK_THROWS_WITH_AS(load_dataset(options),
                       doctest::Contains("\"1::661::978302109\""), DataError);
}
