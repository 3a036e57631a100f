#include <cmath>
#include <map>
#include <string>

#include "baseline_fixtures.h"
#include "plugin_test_support.h"

// After LibTorch: glog, which LibTorch includes, also defines CHECK, and
// doctest's definition has to be the last one.
#include <doctest/doctest.h>

using harness::ParamValue;
using harness::testing::batch_of;
using harness::testing::dataset_info;
using harness::testing::events_of;
using harness::testing::LoadedPlugin;
using harness::testing::row_of;

namespace {

// Pairs within 2 events: (1,2) once, (2,3) once, (1,3) twice (user 1 at
// distance 2, user 2 at distance 1). Events: 1: 2, 2: 1, 3: 2, 4: 1, 5: 0.
harness::TrainingData pair_data() {
  harness::TrainingData train;
  train.users = {events_of(1, {1, 2, 3}), events_of(2, {1, 3}),
                 events_of(3, {4})};
  return train;
}

struct Neighbors {
  torch::Tensor items;
  torch::Tensor similarities;
};

Neighbors fit_neighbors(const LoadedPlugin& plugin,
                        std::map<std::string, ParamValue> overrides,
                        std::unique_ptr<harness::Model>& model) {
  overrides.emplace("neighbors", std::int64_t{4});
  model = plugin.create(dataset_info(5, 3), overrides);
  model->fit(pair_data());
  std::vector<torch::Tensor> buffers = model->buffers();
  REQUIRE(buffers.size() == 3);
  return {buffers[0], buffers[1]};
}

std::int64_t neighbor(const Neighbors& n, std::int64_t item, std::int64_t k) {
  return n.items[item][k].item<std::int64_t>();
}

double similarity(const Neighbors& n, std::int64_t item, std::int64_t k) {
  return n.similarities[item][k].item<double>();
}

}  // namespace

TEST_CASE("item_knn forward co-occurrence similarity") {
  LoadedPlugin plugin("item_knn");
  std::unique_ptr<harness::Model> model;
  Neighbors n = fit_neighbors(
      plugin, {{"window", std::int64_t{2}}, {"directional", true}}, model);

  // Cosine: sim(1,3) = 2 / sqrt(2 * 2) = 1, sim(1,2) = 1 / sqrt(2 * 1).
  CHECK(neighbor(n, 1, 0) == 3);
  CHECK(similarity(n, 1, 0) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(neighbor(n, 1, 1) == 2);
  CHECK(similarity(n, 1, 1) ==
        doctest::Approx(1.0 / std::sqrt(2.0)).epsilon(1e-12));
  CHECK(neighbor(n, 1, 2) == 0);
  CHECK(similarity(n, 1, 2) == 0.0);
  CHECK(neighbor(n, 2, 0) == 3);
  CHECK(similarity(n, 2, 0) ==
        doctest::Approx(1.0 / std::sqrt(2.0)).epsilon(1e-12));
  // Forward only: nothing follows item 3, item 4 is alone.
  CHECK(neighbor(n, 3, 0) == 0);
  CHECK(neighbor(n, 4, 0) == 0);
}

TEST_CASE("item_knn symmetric pairs and alpha") {
  LoadedPlugin plugin("item_knn");
  std::unique_ptr<harness::Model> model;
  Neighbors n = fit_neighbors(
      plugin,
      {{"window", std::int64_t{2}}, {"directional", false}, {"alpha", 0.75}},
      model);

  // sim(i, j) = count / (n_i^0.75 * n_j^0.25).
  CHECK(neighbor(n, 3, 0) == 1);
  CHECK(similarity(n, 3, 0) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(neighbor(n, 3, 1) == 2);
  CHECK(similarity(n, 3, 1) ==
        doctest::Approx(1.0 / std::pow(2.0, 0.75)).epsilon(1e-12));
  CHECK(neighbor(n, 2, 0) == 1);
  CHECK(similarity(n, 2, 0) ==
        doctest::Approx(1.0 / std::pow(2.0, 0.25)).epsilon(1e-12));
  CHECK(neighbor(n, 2, 1) == 3);
  CHECK(similarity(n, 2, 1) ==
        doctest::Approx(1.0 / std::pow(2.0, 0.25)).epsilon(1e-12));
}

TEST_CASE("item_knn window and neighbour limit") {
  LoadedPlugin plugin("item_knn");
  std::unique_ptr<harness::Model> model;

  // Window 1: (1,3) co-occurs only for user 2, so 1 / sqrt(2 * 2) = 0.5.
  Neighbors n = fit_neighbors(
      plugin, {{"window", std::int64_t{1}}, {"directional", true}}, model);
  CHECK(neighbor(n, 1, 0) == 2);
  CHECK(neighbor(n, 1, 1) == 3);
  CHECK(similarity(n, 1, 1) == doctest::Approx(0.5).epsilon(1e-12));

  model = plugin.create(dataset_info(5, 3), {{"window", std::int64_t{2}},
                                             {"directional", true},
                                             {"neighbors", std::int64_t{1}}});
  model->fit(pair_data());
  torch::Tensor items = model->buffers()[0];
  REQUIRE(items.size(1) == 1);
  CHECK(items[1][0].item<std::int64_t>() == 3);
}

TEST_CASE("item_knn scores decayed votes then popularity") {
  LoadedPlugin plugin("item_knn");
  auto model = plugin.create(dataset_info(5, 3), {{"window", std::int64_t{2}},
                                                  {"directional", true},
                                                  {"num_last", std::int64_t{2}},
                                                  {"decay", 0.5}});
  model->fit(pair_data());

  // Item 1 (step 0) votes 3: 1 and 2: 0.707. Item 2 (step 1) votes 3: 0.354.
  // Unvoted items follow by popularity: 1 (2 events), 4 (1), 5 (0).
  torch::Tensor scores = model->score(batch_of({events_of(1, {2, 1})}));
  REQUIRE(scores.sizes() == torch::IntArrayRef({1, 6}));
  std::vector<float> s = row_of(scores, 0);
  CHECK(s[3] > s[2]);
  CHECK(s[2] > s[1]);
  CHECK(s[1] > s[4]);
  CHECK(s[4] > s[5]);
}

TEST_CASE("item_knn breaks equal votes by popularity") {
  LoadedPlugin plugin("item_knn");
  auto model =
      plugin.create(dataset_info(6, 4), {{"window", std::int64_t{1}},
                                         {"directional", true},
                                         {"num_last", std::int64_t{1}}});
  // sim(1,2) = 1 / sqrt(3 * 1) equals sim(1,3) = 2 / sqrt(3 * 4) exactly
  // in floating point, and item 3 has more events (4) than item 2 (1).
  // Items 5 and 6 get no votes and one event each: they tie.
  harness::TrainingData train;
  train.users = {events_of(1, {1, 2}), events_of(2, {1, 3}),
                 events_of(3, {1, 3}), events_of(4, {3, 5, 6, 3})};
  model->fit(train);
  torch::Tensor similarities = model->buffers()[1];
  REQUIRE(similarities[1][0].item<double>() ==
          similarities[1][1].item<double>());

  std::vector<float> s = row_of(model->score(batch_of({events_of(1, {1})})), 0);
  CHECK(s[3] > s[2]);
  CHECK(s[2] > s[1]);
  CHECK(s[5] == s[6]);
  CHECK(s[1] > s[5]);
}
