#include <stdexcept>
#include <string>

#include "baseline_fixtures.h"
#include "plugin_test_support.h"

// After LibTorch: glog, which LibTorch includes, also defines CHECK, and
// doctest's definition has to be the last one.
#include <doctest/doctest.h>

using harness::testing::batch_of;
using harness::testing::dataset_info;
using harness::testing::events_of;
using harness::testing::LoadedPlugin;
using harness::testing::row_of;

TEST_CASE("pop counts training events only") {
  LoadedPlugin plugin("pop");
  auto model = plugin.create(dataset_info(4, 3));
  harness::TrainingData train;
  train.users = {events_of(1, {1, 2, 2}), events_of(2, {2, 3})};
  model->fit(train);

  // The history repeats item 4, which never trains: it must stay at 0.
  torch::Tensor scores =
      model->score(batch_of({events_of(3, {4, 4, 4}), events_of(1, {1})}));
  REQUIRE(scores.sizes() == torch::IntArrayRef({2, 5}));
  for (std::int64_t r = 0; r < 2; ++r) {
    CAPTURE(r);
    std::vector<float> row = row_of(scores, r);
    CHECK(row[1] == 1.0f);
    CHECK(row[2] == 3.0f);
    CHECK(row[3] == 1.0f);
    CHECK(row[4] == 0.0f);
  }
  CHECK(model->parameters().empty());
}

TEST_CASE("pop rejects bad input") {
  LoadedPlugin plugin("pop");
  auto model = plugin.create(dataset_info(4, 3));
  CHECK_THROWS_AS(model->score(batch_of({events_of(1, {1})})),
                  std::logic_error);

  harness::TrainingData train;
  train.users = {events_of(7, {1, 9})};
  try {
    model->fit(train);
    FAIL("fit accepted item 9 of 4");
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    CHECK(message.find("item id 9") != std::string::npos);
    CHECK(message.find("user 7") != std::string::npos);
  }
}
