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
using harness::testing::sequence_of;

namespace {

// Baskets containing each item: 1: 1, 2: 3 (the repeat inside user 1's
// second basket counts once), 3: 1, 4: 1, 5 to 7: 0.
harness::TrainingData basket_data() {
  harness::TrainingData train;
  train.users = {sequence_of(1, {{1, 2}, {2, 2, 3}}),
                 sequence_of(2, {{2}, {4}})};
  return train;
}

// Per item: baskets containing it and the latest of them. 3: 2 (last 3),
// 1: 2 (last 2), 4 and 6: 1 (both last 4), 5: 1 (last 1).
harness::UserSequence personal_history() {
  return sequence_of(3, {{5, 1}, {1, 3}, {3, 3}, {4, 6}});
}

std::vector<float> scores_for(const std::string& mode,
                              const harness::UserSequence& history) {
  LoadedPlugin plugin("top_freq");
  auto model = plugin.create(dataset_info(7, 3), {{"mode", mode}});
  model->fit(basket_data());
  torch::Tensor scores = model->score(batch_of({history}));
  REQUIRE(scores.sizes() == torch::IntArrayRef({1, 8}));
  return row_of(scores, 0);
}

}  // namespace

TEST_CASE("top_freq global counts training baskets") {
  std::vector<float> s = scores_for("global", personal_history());
  CHECK(s[1] == 1.0f);
  CHECK(s[2] == 3.0f);
  CHECK(s[3] == 1.0f);
  CHECK(s[4] == 1.0f);
  CHECK(s[5] == 0.0f);
  CHECK(s[7] == 0.0f);
}

TEST_CASE("top_freq personal counts history baskets") {
  std::vector<float> s = scores_for("personal", personal_history());
  CHECK(s[3] > s[1]);
  CHECK(s[1] > s[4]);
  CHECK(s[4] == s[6]);
  CHECK(s[4] > s[5]);
  // Items outside the history tie at the bottom, popular or not.
  CHECK(s[5] > s[2]);
  CHECK(s[2] == s[7]);
}

TEST_CASE("top_freq personal_global fills with global") {
  std::vector<float> s = scores_for("personal_global", personal_history());
  CHECK(s[3] > s[1]);
  CHECK(s[1] > s[4]);
  CHECK(s[4] == s[6]);
  CHECK(s[4] > s[5]);
  CHECK(s[5] > s[2]);
  // Item 2 is in 3 training baskets, item 7 in none.
  CHECK(s[2] > s[7]);
}

TEST_CASE("top_freq treats events as baskets") {
  // Without baskets every event is its own: item 1 twice, item 2 once.
  std::vector<float> s = scores_for("personal", events_of(3, {1, 2, 1}));
  CHECK(s[1] > s[2]);
  CHECK(s[2] > s[3]);
  std::vector<float> r = scores_for("personal", events_of(3, {2, 1}));
  CHECK(r[1] > r[2]);
}
