// Checks every baseline plugin shares: schema, shape, finiteness and
// determinism on a synthetic basket dataset.

#include <random>
#include <string>
#include <vector>

#include "baseline_fixtures.h"
#include "plugin_test_support.h"

// After LibTorch: glog, which LibTorch includes, also defines CHECK, and
// doctest's definition has to be the last one.
#include <doctest/doctest.h>

using harness::testing::Baskets;
using harness::testing::batch_of;
using harness::testing::dataset_info;
using harness::testing::LoadedPlugin;
using harness::testing::sequence_of;

namespace {

constexpr std::int64_t kItems = 20;
constexpr std::int64_t kUsers = 30;
const std::vector<std::string> kPlugins = {"pop", "last_items", "item_knn",
                                           "top_freq", "tifu_knn"};

// 3 to 8 baskets of 1 to 4 items per user. Only raw mt19937 output is
// used, which the C++ standard fixes, so the data is the same everywhere.
harness::TrainingData synthetic_data() {
  std::mt19937 generator(7);
  harness::TrainingData train;
  for (std::int64_t user = 1; user <= kUsers; ++user) {
    Baskets baskets(3 + generator() % 6);
    for (auto& basket : baskets) {
      basket.resize(1 + generator() % 4);
      for (auto& item : basket) item = 1 + generator() % kItems;
    }
    train.users.push_back(sequence_of(user, baskets));
  }
  return train;
}

// Every user's training sequence, one empty history and an unknown user.
harness::SequenceBatch synthetic_histories(const harness::TrainingData& data) {
  std::vector<harness::UserSequence> rows(data.users.begin(), data.users.end());
  rows.push_back(sequence_of(kUsers + 1, {}));
  rows.push_back(sequence_of(kUsers + 1, {{1, 2}, {2}}));
  return batch_of(rows);
}

}  // namespace

TEST_CASE("baselines describe themselves") {
  for (const std::string& name : kPlugins) {
    CAPTURE(name);
    LoadedPlugin plugin(name);
    CHECK(plugin.info().name == name);
    CHECK(plugin.info().version == "1.0.0");
    CHECK_FALSE(plugin.info().description.empty());
    for (const harness::ParamSpec& spec : plugin.info().params) {
      CAPTURE(spec.name);
      CHECK_FALSE(spec.help.empty());
    }
  }
}

TEST_CASE("baselines score shape, finite, deterministic") {
  const harness::TrainingData train = synthetic_data();
  const harness::SequenceBatch histories = synthetic_histories(train);
  const std::int64_t rows = histories.items.size(0);
  for (const std::string& name : kPlugins) {
    CAPTURE(name);
    LoadedPlugin plugin(name);
    auto model = plugin.create(dataset_info(kItems, kUsers + 1));
    CHECK(model->parameters().empty());
    model->fit(train);
    torch::Tensor scores = model->score(histories);
    REQUIRE(scores.sizes() == torch::IntArrayRef({rows, kItems + 1}));
    CHECK(bool(scores.scalar_type() == torch::kFloat32));
    CHECK(scores.isfinite().all().item<bool>());
    CHECK(torch::equal(scores, model->score(histories)));

    auto again = plugin.create(dataset_info(kItems, kUsers + 1));
    again->fit(train);
    CHECK(torch::equal(scores, again->score(histories)));
  }
}

TEST_CASE("baselines reject out-of-range history items") {
  const harness::TrainingData train = synthetic_data();
  harness::SequenceBatch histories = synthetic_histories(train);
  histories.items[0][histories.items.size(1) - 1] = kItems + 1;
  for (const std::string& name : kPlugins) {
    CAPTURE(name);
    LoadedPlugin plugin(name);
    auto model = plugin.create(dataset_info(kItems, kUsers + 1));
    model->fit(train);
    CHECK_THROWS_AS(model->score(histories), std::invalid_argument);
  }
}
