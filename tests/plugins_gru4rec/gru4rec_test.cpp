// Tests of the GRU4Rec plugin through its real shared library.
#include "plugin_test_support.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

using harness::ParamValue;
using harness::SequenceBatch;
using harness::testing::LoadedPlugin;
using Overrides = std::map<std::string, ParamValue>;
using Rows = std::vector<std::vector<std::int64_t>>;

constexpr std::int64_t kNumItems = 12;

const LoadedPlugin& plugin() {
  static const LoadedPlugin loaded("gru4rec");
  return loaded;
}

harness::DatasetInfo dataset_info(std::int64_t num_items = kNumItems) {
  static const harness::ItemSideData side;
  harness::DatasetInfo info;
  info.num_items = num_items;
  info.num_users = 8;
  info.max_history = 50;
  info.side = &side;
  return info;
}

/// Left pads `rows` with 0 to `width` (their longest length when 0).
SequenceBatch make_batch(const Rows& rows, std::int64_t width = 0) {
  for (const auto& row : rows) {
    width = std::max<std::int64_t>(width, row.size());
  }
  const auto batch = static_cast<std::int64_t>(rows.size());
  auto items = torch::zeros({batch, width}, torch::kLong);
  auto baskets = torch::zeros({batch, width}, torch::kLong);
  for (std::int64_t b = 0; b < batch; ++b) {
    const auto length = static_cast<std::int64_t>(rows[b].size());
    for (std::int64_t i = 0; i < length; ++i) {
      items[b][width - length + i] = rows[b][i];
      baskets[b][width - length + i] = i + 1;
    }
  }
  return {items, baskets, torch::arange(1, batch + 1, torch::kLong)};
}

std::unique_ptr<harness::Model> create(const Overrides& overrides = {},
                                       std::uint64_t seed = 1) {
  torch::manual_seed(seed);
  return plugin().create(dataset_info(), overrides);
}

/// Runs `steps` Adam steps on one batch and returns the losses before and
/// after training.
std::pair<double, double> train(harness::Model& model,
                                const SequenceBatch& batch, int steps,
                                double learning_rate = 0.01) {
  torch::optim::Adam optimiser(model.parameters(),
                               torch::optim::AdamOptions(learning_rate));
  model.set_training(true);
  double first = 0.0;
  for (int step = 0; step < steps; ++step) {
    optimiser.zero_grad();
    auto loss = model.loss(batch);
    if (step == 0) {
      first = loss.item<double>();
    }
    loss.backward();
    optimiser.step();
  }
  model.set_training(false);
  return {first, model.loss(batch).item<double>()};
}

/// Two cycles that share items 2 and 4, so the item after 2 or 4 depends
/// on the event before it: the GRU must carry state.
const std::vector<std::int64_t> kCycleA = {1, 2, 3, 4, 5};
const std::vector<std::int64_t> kCycleB = {6, 2, 7, 4, 8};

std::vector<std::int64_t> unroll(const std::vector<std::int64_t>& cycle,
                                 std::size_t offset, std::size_t length) {
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < length; ++i) {
    out.push_back(cycle[(offset + i) % cycle.size()]);
  }
  return out;
}

/// Training windows over both cycles at every offset, some left padded.
SequenceBatch cycle_windows() {
  Rows rows;
  for (std::size_t offset = 0; offset < 5; ++offset) {
    rows.push_back(unroll(kCycleA, offset, 11));
    rows.push_back(unroll(kCycleB, offset, 11));
    rows.push_back(unroll(kCycleA, offset, 7));
    rows.push_back(unroll(kCycleB, offset, 7));
  }
  return make_batch(rows);
}

const std::vector<Overrides> kInputModes = {
    {{"embedding_size", std::int64_t{0}}},
    {{"embedding_size", std::int64_t{8}}},
    {{"constrained_embedding", true}},
};

}  // namespace

TEST_CASE("gru4rec schema defaults") {
  const auto& info = plugin().info();
  CHECK(info.name == "gru4rec");
  CHECK(info.version == "1.0.0");
  auto params = plugin().params();
  CHECK(params.get_int("num_layers") == 1);
  CHECK(params.get_int("hidden_size") == 100);
  CHECK(params.get_int("embedding_size") == 0);
  CHECK_FALSE(params.get_bool("constrained_embedding"));
  CHECK(params.get_string("loss") == "ce");
  CHECK(params.get_int("num_negatives") == 2048);
  CHECK(params.get_float("bpreg") == 1.0);
  CHECK(params.get_float("elu_param") == 0.5);
  CHECK(params.get_float("sample_alpha") == 0.5);
}

TEST_CASE("gru4rec rejects embedding_size with constrained embedding") {
  CHECK_THROWS_WITH_AS(
      create({{"constrained_embedding", true},
              {"embedding_size", std::int64_t{16}}}),
      doctest::Contains("embedding_size = 16 conflicts"),
      std::invalid_argument);
}

TEST_CASE("gru4rec fit rejects an item outside the dataset") {
  auto model = create();
  harness::TrainingData data;
  data.users.push_back({3, {1, 2, kNumItems + 1}, {1, 2, 3}});
  CHECK_THROWS_WITH_AS(model->fit(data),
                       doctest::Contains("item id 13, outside 1..12"),
                       std::invalid_argument);
}

TEST_CASE("gru4rec output shapes") {
  for (const char* loss : {"ce", "bpr_max"}) {
    CAPTURE(loss);
    auto model = create({{"loss", std::string(loss)},
                         {"hidden_size", std::int64_t{16}},
                         {"num_negatives", std::int64_t{5}}});
    auto windows = make_batch({{1, 2, 3, 4}, {5, 6}, {7, 8, 9}});
    auto value = model->loss(windows);
    CHECK(value.dim() == 0);
    CHECK(std::isfinite(value.item<double>()));
    CHECK(model->loss(make_batch({{1}, {2}})).item<double>() == 0.0);

    model->set_training(false);
    auto scores = model->score(make_batch({{1, 2}, {3}, {4, 5, 6}}));
    CHECK(scores.dtype() == torch::kFloat);
    CHECK(scores.size(0) == 3);
    CHECK(scores.size(1) == kNumItems + 1);
  }
}

TEST_CASE("gru4rec left padding leaves scores unchanged") {
  for (std::int64_t layers : {1, 2}) {
    for (const auto& mode : kInputModes) {
      Overrides overrides = mode;
      overrides["num_layers"] = layers;
      overrides["hidden_size"] = std::int64_t{16};
      auto model = create(overrides);
      model->set_training(false);

      const std::vector<std::int64_t> history = {3, 9, 1, 4};
      auto plain = model->score(make_batch({history}));
      auto padded = model->score(make_batch({history}, 9));
      // The same history next to a longer one, so it is padded in place.
      auto mixed = model->score(make_batch({{5, 6, 7, 8, 2, 11}, history}));
      CHECK(torch::allclose(plain, padded, /*rtol=*/0.0, /*atol=*/1e-6));
      CHECK(torch::allclose(plain[0], mixed[1], /*rtol=*/0.0,
                            /*atol=*/1e-6));
    }
  }
}

TEST_CASE("gru4rec left padding leaves the loss unchanged") {
  for (const char* loss : {"ce", "bpr_max"}) {
    CAPTURE(loss);
    auto model = create({{"loss", std::string(loss)},
                         {"hidden_size", std::int64_t{16}},
                         {"num_negatives", std::int64_t{0}}});
    model->set_training(false);
    const Rows rows = {{1, 2, 3, 4, 5}, {6, 2, 7}};
    auto plain = model->loss(make_batch(rows)).item<double>();
    auto padded = model->loss(make_batch(rows, 12)).item<double>();
    CHECK(padded == doctest::Approx(plain).epsilon(1e-6));
  }
}

TEST_CASE("gru4rec fixed seed trains identically") {
  const Overrides overrides = {{"loss", std::string("bpr_max")},
                               {"hidden_size", std::int64_t{16}},
                               {"num_negatives", std::int64_t{6}},
                               {"dropout_hidden", 0.2}};
  auto windows = cycle_windows();
  auto history = make_batch({{1, 2}, {6, 2, 7}});

  std::vector<torch::Tensor> results;
  for (int run = 0; run < 2; ++run) {
    auto model = create(overrides, /*seed=*/42);
    train(*model, windows, 5);
    results.push_back(model->score(history));
  }
  CHECK(torch::equal(results[0], results[1]));

  auto other = create(overrides, /*seed=*/43);
  train(*other, windows, 5);
  CHECK_FALSE(torch::equal(results[0], other->score(history)));
}

TEST_CASE("gru4rec bpr_max loss decreases") {
  auto windows = cycle_windows();
  harness::TrainingData data;
  data.users.push_back({1, unroll(kCycleA, 0, 20), {}});
  data.users.push_back({2, unroll(kCycleB, 0, 20), {}});
  for (const auto& mode : kInputModes) {
    Overrides overrides = mode;
    overrides["loss"] = std::string("bpr_max");
    overrides["hidden_size"] = std::int64_t{32};
    overrides["num_negatives"] = std::int64_t{16};
    auto model = create(overrides);
    model->fit(data);
    auto [before, after] = train(*model, windows, 60);
    CHECK(std::isfinite(after));
    // The loss has a floor above 0: at each step several rows share a
    // target, and, as in the authors' code, a copy of the target among the
    // in-batch negatives still counts as a negative.
    CHECK(after < 0.8 * before);
  }
}

TEST_CASE("gru4rec overfits two cycles that share items") {
  auto windows = cycle_windows();

  // Every history of length 2..8 from both cycles at every offset. The
  // target is the item that follows it.
  Rows histories;
  std::vector<std::int64_t> targets;
  for (const auto* cycle : {&kCycleA, &kCycleB}) {
    for (std::size_t offset = 0; offset < 5; ++offset) {
      for (std::size_t length = 2; length <= 8; ++length) {
        histories.push_back(unroll(*cycle, offset, length));
        targets.push_back((*cycle)[(offset + length) % 5]);
      }
    }
  }
  auto history_batch = make_batch(histories);
  auto target_tensor = torch::tensor(targets, torch::kLong);

  struct Case {
    const char* name;
    Overrides overrides;
  };
  const std::vector<Case> cases = {
      {"ce one-hot", {}},
      {"ce embedding", {{"embedding_size", std::int64_t{16}}}},
      {"ce constrained", {{"constrained_embedding", true}}},
      {"ce two layers", {{"num_layers", std::int64_t{2}}}},
      {"bpr_max one-hot",
       {{"loss", std::string("bpr_max")},
        {"num_negatives", std::int64_t{16}}}},
  };
  for (const auto& test_case : cases) {
    CAPTURE(test_case.name);
    Overrides overrides = test_case.overrides;
    overrides["hidden_size"] = std::int64_t{32};
    auto model = create(overrides);
    train(*model, windows, 150, /*learning_rate=*/0.02);

    auto scores = model->score(history_batch);
    scores.select(1, 0).fill_(-1e9);  // Padding is never a prediction.
    auto top = scores.argmax(1);
    double hit_rate = top.eq(target_tensor).to(torch::kDouble)
                          .mean().item<double>();
    CHECK(hit_rate >= 0.9);
  }
}

TEST_CASE("gru4rec dropout acts only in training mode") {
  auto model = create({{"hidden_size", std::int64_t{16}},
                       {"embedding_size", std::int64_t{8}},
                       {"dropout_input", 0.5},
                       {"dropout_hidden", 0.5}});
  auto history = make_batch({{1, 2, 3}, {4, 5}});
  model->set_training(false);
  auto first = model->score(history);
  CHECK(torch::equal(first, model->score(history)));

  model->set_training(true);
  auto windows = make_batch({{1, 2, 3, 4, 5, 6}});
  CHECK(model->loss(windows).item<double>() !=
        model->loss(windows).item<double>());
}

TEST_CASE("gru4rec popularity sampling skips unseen items") {
  // fit() gives sampling weight count^0.5 to training items and 0 to the
  // padding item and to items never seen in training.
  auto model = create({{"loss", std::string("bpr_max")},
                       {"hidden_size", std::int64_t{8}},
                       {"num_negatives", std::int64_t{4}}});
  harness::TrainingData data;
  data.users.push_back({1, {3, 3, 3, 5}, {1, 2, 3, 4}});
  model->fit(data);
  auto buffers = model->buffers();
  REQUIRE(buffers.size() == 1);
  auto weights = buffers[0];
  CHECK(weights[0].item<float>() == 0.0F);
  CHECK(weights[3].item<float>() == doctest::Approx(std::pow(3.0, 0.5)));
  CHECK(weights[5].item<float>() == doctest::Approx(1.0));
  CHECK(weights[1].item<float>() == 0.0F);
  CHECK(std::isfinite(model->loss(make_batch({{3, 5, 3}})).item<double>()));
}
