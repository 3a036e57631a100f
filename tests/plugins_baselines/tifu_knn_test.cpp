#include <map>
#include <string>

#include "baseline_fixtures.h"
#include "plugin_test_support.h"

// After LibTorch: glog, which LibTorch includes, also defines CHECK, and
// doctest's definition has to be the last one.
#include <doctest/doctest.h>

using harness::ParamValue;
using harness::testing::Baskets;
using harness::testing::batch_of;
using harness::testing::dataset_info;
using harness::testing::LoadedPlugin;
using harness::testing::row_of;
using harness::testing::sequence_of;

namespace {

// Scores one history with alpha = 1, which returns its own user vector.
std::vector<float> user_vector(const Baskets& history,
                               std::map<std::string, ParamValue> overrides) {
  LoadedPlugin plugin("tifu_knn");
  overrides.emplace("alpha", 1.0);
  overrides.emplace("within_decay", 0.5);
  overrides.emplace("group_decay", 0.5);
  overrides.emplace("num_groups", std::int64_t{2});
  auto model = plugin.create(dataset_info(5, 3), overrides);
  harness::TrainingData train;
  train.users = {sequence_of(1, {{1}, {2}})};
  model->fit(train);
  torch::Tensor scores = model->score(batch_of({sequence_of(2, history)}));
  REQUIRE(scores.sizes() == torch::IntArrayRef({1, 6}));
  return row_of(scores, 0);
}

}  // namespace

TEST_CASE("tifu_knn user vector with two groups") {
  // Groups {b1, b2} and {b3, b4}, r_b = r_g = 0.5, decay from group end:
  //   group 1 = (0.5 * {1,2} + 1 * {2}) / 2  = {1: 0.25, 2: 0.75}
  //   group 2 = (0.5 * {3}   + 1 * {1}) / 2  = {1: 0.5,  3: 0.25}
  //   user    = (0.5 * group 1 + 1 * group 2) / 2
  //           = {1: 0.3125, 2: 0.1875, 3: 0.125}
  std::vector<float> v = user_vector({{1, 2}, {2}, {3}, {1}}, {});
  CHECK(v[1] == 0.3125f);
  CHECK(v[2] == 0.1875f);
  CHECK(v[3] == 0.125f);
  CHECK(v[4] == 0.0f);
  CHECK(v[5] == 0.0f);
}

TEST_CASE("tifu_knn remainder baskets join later groups") {
  // Five baskets in two groups: {b1, b2} and {b3, b4, b5}.
  //   group 1 = (0.5 * {1} + 1 * {2}) / 2             -> 1: 1/4, 2: 1/2
  //   group 2 = (0.25 * {3} + 0.5 * {4} + 1 * {5}) / 3 -> 3: 1/12, ...
  //   user    = (0.5 * group 1 + group 2) / 2
  std::vector<float> v = user_vector({{1}, {2}, {3}, {4}, {5}}, {});
  CHECK(v[1] == doctest::Approx(1.0 / 16).epsilon(1e-6));
  CHECK(v[2] == doctest::Approx(1.0 / 8).epsilon(1e-6));
  CHECK(v[3] == doctest::Approx(1.0 / 24).epsilon(1e-6));
  CHECK(v[4] == doctest::Approx(1.0 / 12).epsilon(1e-6));
  CHECK(v[5] == doctest::Approx(1.0 / 6).epsilon(1e-6));
}

TEST_CASE("tifu_knn decay from the history end") {
  // The authors' code: basket q of n gets r_b^(n - 1 - q) in any group.
  //   group 1 = (0.0625 * {1} + 0.125 * {2}) / 2, weighted 0.5
  //   group 2 = (0.25 * {3} + 0.5 * {4} + 1 * {5}) / 3
  std::vector<float> v =
      user_vector({{1}, {2}, {3}, {4}, {5}},
                  {{"within_decay_origin", std::string("history")}});
  CHECK(v[1] == doctest::Approx(1.0 / 128).epsilon(1e-6));
  CHECK(v[2] == doctest::Approx(1.0 / 64).epsilon(1e-6));
  CHECK(v[3] == doctest::Approx(1.0 / 24).epsilon(1e-6));
  CHECK(v[4] == doctest::Approx(1.0 / 12).epsilon(1e-6));
  CHECK(v[5] == doctest::Approx(1.0 / 6).epsilon(1e-6));
}

TEST_CASE("tifu_knn fewer baskets than groups") {
  // One basket, two groups: it keeps the last group's exponent
  // m - 1 - 0 = 1 and the sum is divided by n = 1. A repeat inside the
  // basket counts once.
  std::vector<float> v = user_vector({{1, 1, 3}}, {});
  CHECK(v[1] == 0.5f);
  CHECK(v[3] == 0.5f);
  CHECK(v[2] == 0.0f);
}

TEST_CASE("tifu_knn fit stores training vectors") {
  LoadedPlugin plugin("tifu_knn");
  auto model =
      plugin.create(dataset_info(5, 3), {{"within_decay", 0.5},
                                         {"group_decay", 0.5},
                                         {"num_groups", std::int64_t{2}}});
  harness::TrainingData train;
  train.users = {sequence_of(2, {{3}}),
                 sequence_of(3, {{1, 2}, {2}, {3}, {1}})};
  model->fit(train);
  std::vector<torch::Tensor> buffers = model->buffers();
  REQUIRE(buffers.size() == 2);
  torch::Tensor rows = buffers[1];
  CHECK(rows[1].item<std::int64_t>() == -1);
  CHECK(rows[2].item<std::int64_t>() == 0);
  REQUIRE(rows[3].item<std::int64_t>() == 1);
  torch::Tensor vector = buffers[0][1];
  CHECK(vector[1].item<float>() == 0.3125f);
  CHECK(vector[2].item<float>() == 0.1875f);
  CHECK(vector[3].item<float>() == 0.125f);
}

TEST_CASE("tifu_knn blends the nearest other user") {
  // One group, no decay: a vector is the mean multi-hot basket.
  LoadedPlugin plugin("tifu_knn");
  std::map<std::string, ParamValue> options = {{"k", std::int64_t{1}},
                                               {"alpha", 0.5},
                                               {"num_groups", std::int64_t{1}},
                                               {"within_decay", 1.0},
                                               {"group_decay", 1.0}};
  auto model = plugin.create(dataset_info(4, 5), options);
  harness::TrainingData train;
  train.users = {sequence_of(1, {{1, 2}}), sequence_of(2, {{3}}),
                 sequence_of(3, {{1}}), sequence_of(4, {{4}})};
  model->fit(train);

  // User 3 scores the history {1}. Its own training vector (distance 0)
  // is skipped, so the nearest is user 1 at squared distance 1 (users 2
  // and 4 are at 2): 0.5 * {1} + 0.5 * {1, 2} = {1: 1, 2: 0.5}.
  std::vector<float> s =
      row_of(model->score(batch_of({sequence_of(3, {{1}})})), 0);
  CHECK(s[1] == 1.0f);
  CHECK(s[2] == 0.5f);
  CHECK(s[3] == 0.0f);
  CHECK(s[4] == 0.0f);

  // With k = 2, users 2 and 4 tie for second, and the earlier (2) is taken:
  // 0.5 * {1} + 0.5 * ({1, 2} + {3}) / 2 = {1: 0.75, 2: 0.25, 3: 0.25}.
  options["k"] = std::int64_t{2};
  model = plugin.create(dataset_info(4, 5), options);
  model->fit(train);
  s = row_of(model->score(batch_of({sequence_of(3, {{1}})})), 0);
  CHECK(s[1] == 0.75f);
  CHECK(s[2] == 0.25f);
  CHECK(s[3] == 0.25f);
  CHECK(s[4] == 0.0f);

  // User 5 has no training vector, so nothing is excluded: the nearest
  // are user 3 (distance 0) and user 1, giving
  // 0.5 * {1} + 0.5 * ({1} + {1, 2}) / 2 = {1: 1, 2: 0.25}.
  s = row_of(model->score(batch_of({sequence_of(5, {{1}})})), 0);
  CHECK(s[1] == 1.0f);
  CHECK(s[2] == 0.25f);
  CHECK(s[3] == 0.0f);
}
