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

namespace {

// Training popularity: item 1: 4, 5: 3, 6: 2, 2: 1, 3: 1, 4: 1, 7 and 8: 0.
harness::TrainingData popularity_data() {
  harness::TrainingData train;
  train.users = {events_of(1, {1, 1, 5, 5, 6}), events_of(2, {1, 1, 5, 6}),
                 events_of(3, {2, 3, 4})};
  return train;
}

}  // namespace

TEST_CASE("last_items ranks count, recency, popularity") {
  LoadedPlugin plugin("last_items");
  auto model = plugin.create(dataset_info(8, 4));
  model->fit(popularity_data());

  // Counts: 2 and 3 twice (3 later), 4 and 1 once (4 later).
  torch::Tensor scores =
      model->score(batch_of({events_of(4, {1, 2, 3, 2, 3, 4})}));
  REQUIRE(scores.sizes() == torch::IntArrayRef({1, 9}));
  std::vector<float> s = row_of(scores, 0);
  CHECK(s[3] > s[2]);
  CHECK(s[2] > s[4]);
  CHECK(s[4] > s[1]);
  // Item 1 is the most popular, yet any history item ranks above the rest.
  CHECK(s[1] > s[5]);
  CHECK(s[5] > s[6]);
  CHECK(s[6] > s[7]);
  // Items 7 and 8 never train and are not in the history: a real tie.
  CHECK(s[7] == s[8]);
}

TEST_CASE("last_items max_items keeps the latest events") {
  LoadedPlugin plugin("last_items");
  auto model =
      plugin.create(dataset_info(8, 4), {{"max_items", std::int64_t{2}}});
  model->fit(popularity_data());

  // Only the last two events (3, then 4) count as the user's own.
  torch::Tensor scores =
      model->score(batch_of({events_of(4, {2, 2, 2, 3, 4})}));
  std::vector<float> s = row_of(scores, 0);
  CHECK(s[4] > s[3]);
  CHECK(s[3] > s[1]);
  CHECK(s[1] > s[5]);
  CHECK(s[5] > s[6]);
  // Item 2 is outside the window, so it falls back to its popularity (1).
  CHECK(s[6] > s[2]);
  CHECK(s[2] > s[7]);
}

TEST_CASE("last_items rows are independent of padding") {
  LoadedPlugin plugin("last_items");
  auto model = plugin.create(dataset_info(8, 4));
  model->fit(popularity_data());
  auto short_row = events_of(1, {2, 3});
  torch::Tensor alone = model->score(batch_of({short_row}));
  torch::Tensor padded =
      model->score(batch_of({events_of(2, {1, 2, 3, 4, 5, 6, 7}), short_row}));
  // Levels depend on the batch width, the order does not.
  std::vector<float> a = row_of(alone, 0);
  std::vector<float> b = row_of(padded, 1);
  for (std::size_t i = 1; i < a.size(); ++i) {
    for (std::size_t j = 1; j < a.size(); ++j) {
      CAPTURE(i);
      CAPTURE(j);
      CHECK((a[i] > a[j]) == (b[i] > b[j]));
      CHECK((a[i] == a[j]) == (b[i] == b[j]));
    }
  }
}
