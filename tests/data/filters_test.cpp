#include "data/dataset.h"
#include "temp_files.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using harness::data::Dataset;
using harness::data::DatasetOptions;
using harness::data::load_dataset;
using harness::data::testing::TempDir;

namespace {

// User a: x y z; user b: x y; user c: x w. With both minimums at 2, the
// first pass drops z and w, which leaves c with one event. The second pass
// drops c, and then nothing is below its minimum (the 2-core).
const char kEvents[] =
    "user_id:token\titem_id:token\ttimestamp:float\n"
    "a\tx\t1\n"
    "a\ty\t2\n"
    "a\tz\t3\n"
    "b\tx\t1\n"
    "b\ty\t2\n"
    "c\tx\t1\n"
    "c\tw\t2\n";

}  // namespace

TEST_CASE("filters without minimums drop nothing") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("f.inter", kEvents);
  Dataset dataset = load_dataset(options);
  CHECK(dataset.num_users() == 3);
  CHECK(dataset.num_items() == 4);
  CHECK(dataset.stats.events_kept == 7);
  CHECK(dataset.stats.users_removed_by_filters == 0);
  CHECK(dataset.stats.items_removed_by_filters == 0);
}

TEST_CASE("filters iterate to the k-core") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("f.inter", kEvents);
  options.min_user_events = 2;
  options.min_item_events = 2;
  Dataset dataset = load_dataset(options);
  CHECK(dataset.user_ids == std::vector<std::string>{"", "a", "b"});
  CHECK(dataset.item_ids == std::vector<std::string>{"", "x", "y"});
  CHECK(dataset.stats.rows_read == 7);
  CHECK(dataset.stats.events_kept == 4);
  CHECK(dataset.stats.users_removed_by_filters == 1);
  CHECK(dataset.stats.items_removed_by_filters == 2);
}

TEST_CASE("filters on users alone keep rare items") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("f.inter", kEvents);
  options.min_user_events = 3;
  Dataset dataset = load_dataset(options);
  CHECK(dataset.user_ids == std::vector<std::string>{"", "a"});
  CHECK(dataset.item_ids == std::vector<std::string>{"", "x", "y", "z"});
  CHECK(dataset.stats.users_removed_by_filters == 2);
  CHECK(dataset.stats.items_removed_by_filters == 1);
}

TEST_CASE("filters on items alone keep short users") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("f.inter", kEvents);
  options.min_item_events = 3;
  Dataset dataset = load_dataset(options);
  CHECK(dataset.user_ids == std::vector<std::string>{"", "a", "b", "c"});
  CHECK(dataset.item_ids == std::vector<std::string>{"", "x"});
  CHECK(dataset.stats.events_kept == 3);
  CHECK(dataset.stats.users_removed_by_filters == 0);
  CHECK(dataset.stats.items_removed_by_filters == 3);
}
