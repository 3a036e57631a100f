// Tests of the bert4rec plugin through the real shared library, plus the
// network header to check where scoring puts [MASK].
#include "../../plugins/bert4rec/bert4rec_net.h"
#include "plugin_test_support.h"
#include "sequence_model_test_support.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using harness::DatasetInfo;
using harness::Model;
using harness::ParamValue;
using harness::SequenceBatch;
using harness::testing::LoadedPlugin;
using harness::testing::batch;
using harness::testing::check_seed_reproducibility;
using harness::testing::cyclic_windows;
using harness::testing::dataset;
using harness::testing::train;

const LoadedPlugin& plugin() {
  static const LoadedPlugin loaded("bert4rec");
  return loaded;
}

std::unique_ptr<Model> make_model(
    const DatasetInfo& info,
    const std::map<std::string, ParamValue>& overrides = {},
    std::uint64_t seed = 7) {
  torch::manual_seed(seed);
  return plugin().create(info, overrides);
}

bool all_finite(const torch::Tensor& x) {
  return torch::isfinite(x).all().item<bool>();
}

}  // namespace

TEST_CASE("bert4rec schema names and defaults") {
  const harness::PluginInfo& info = plugin().info();
  CHECK(info.name == "bert4rec");
  std::map<std::string, ParamValue> defaults;
  for (const auto& spec : info.params) defaults[spec.name] = spec.default_value;
  CHECK(std::get<std::int64_t>(defaults.at("hidden_size")) == 64);
  CHECK(std::get<std::int64_t>(defaults.at("num_layers")) == 2);
  CHECK(std::get<std::int64_t>(defaults.at("num_heads")) == 2);
  CHECK(std::get<std::int64_t>(defaults.at("inner_size")) == 256);
  CHECK(std::get<double>(defaults.at("dropout")) == 0.2);
  CHECK(std::get<double>(defaults.at("attention_dropout")) == 0.2);
  CHECK(std::get<double>(defaults.at("init_std")) == 0.02);
  CHECK(std::get<double>(defaults.at("mask_prob")) == 0.2);
  CHECK(std::get<double>(defaults.at("last_mask_prob")) == 0.1);
}

TEST_CASE("bert4rec output shapes") {
  const std::int64_t num_items = 40;
  auto model = make_model(dataset(num_items, 12));

  torch::Tensor loss = model->loss(batch(cyclic_windows(5, num_items, 13)));
  CHECK(loss.dim() == 0);
  CHECK(std::isfinite(loss.item<double>()));

  model->set_training(false);
  torch::Tensor scores = model->score(batch(cyclic_windows(4, num_items, 9)));
  CHECK(scores.dtype() == torch::kFloat);
  CHECK(scores.size(0) == 4);
  // Items 0..num_items, never the [MASK] row num_items + 1.
  CHECK(scores.size(1) == num_items + 1);
  CHECK(all_finite(scores));
}

TEST_CASE("bert4rec scores read an appended [MASK]") {
  const std::int64_t num_items = 30;
  const std::int64_t max_history = 10;
  auto model = make_model(dataset(num_items, max_history));
  model->set_training(false);

  // The same network, built from the header, with the model's weights.
  harness::bert4rec::Bert4recOptions options;
  options.num_items = num_items;
  options.max_positions = max_history;
  options.encoder.num_heads = 2;
  harness::bert4rec::Bert4recNet net(options);
  net->eval();
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> source = model->parameters();
  std::vector<torch::Tensor> target = net->parameters();
  REQUIRE(source.size() == target.size());
  for (std::size_t i = 0; i < source.size(); ++i) target[i].copy_(source[i]);

  torch::Tensor histories = torch::tensor({{0, 0, 3, 7, 2, 9},
                                           {5, 6, 7, 8, 9, 10}});
  torch::Tensor mask = torch::full({2, 1}, num_items + 1, torch::kLong);
  torch::Tensor inputs = torch::cat({histories, mask}, 1);
  torch::Tensor expected =
      net->logits(net->encode(inputs).select(1, -1), 0, num_items + 1);
  torch::Tensor scores = model->score(batch(histories));
  CHECK(torch::allclose(scores, expected, /*rtol=*/0.0, /*atol=*/1e-6));
}

TEST_CASE("bert4rec full history drops oldest item") {
  const std::int64_t num_items = 60;
  const std::int64_t max_history = 50;
  auto model = make_model(dataset(num_items, max_history));
  model->set_training(false);

  torch::Tensor history = cyclic_windows(1, num_items, max_history);
  torch::Tensor base = model->score(batch(history));

  torch::Tensor oldest_changed = history.clone();
  oldest_changed[0][0] = 55;
  CHECK(torch::equal(model->score(batch(oldest_changed)), base));

  torch::Tensor second_changed = history.clone();
  second_changed[0][1] = 55;
  torch::Tensor moved = model->score(batch(second_changed));
  CHECK((moved - base).abs().max().item<double>() > 1e-4);
}

TEST_CASE("bert4rec left padding does not change scores") {
  auto model = make_model(dataset(30, 10));
  model->set_training(false);
  torch::Tensor short_rows = torch::tensor({{3, 4, 5, 6}, {9, 8, 7, 6}});
  torch::Tensor padded = torch::cat(
      {torch::zeros({2, 5}, torch::kLong), short_rows}, /*dim=*/1);
  torch::Tensor a = model->score(batch(short_rows));
  torch::Tensor b = model->score(batch(padded));
  CHECK(torch::allclose(a, b, /*rtol=*/1e-5, /*atol=*/1e-5));
}

TEST_CASE("bert4rec padding gives finite outputs") {
  auto model = make_model(dataset(30, 8));
  torch::Tensor rows = torch::tensor({{0, 0, 0, 0, 0, 4, 5, 6},
                                      {0, 0, 0, 0, 0, 0, 0, 0}});
  model->set_training(false);
  CHECK(all_finite(model->score(batch(rows))));
  model->set_training(true);
  CHECK(std::isfinite(model->loss(batch(rows)).item<double>()));
}

TEST_CASE("bert4rec fixed seed is reproducible") {
  const DatasetInfo info = dataset(25, 10);
  check_seed_reproducibility(make_model(info, {}, /*seed=*/11),
                             make_model(info, {}, /*seed=*/11),
                             make_model(info, {}, /*seed=*/12));
}

TEST_CASE("bert4rec masks at least one item per row") {
  // With both probabilities 0, only the one forced position per row is
  // masked. An empty selection would give a loss of exactly 0.
  auto model = make_model(dataset(20, 10),
                          {{"mask_prob", 0.0}, {"last_mask_prob", 0.0}});
  double loss = model->loss(batch(cyclic_windows(8, 20, 11))).item<double>();
  CHECK(std::isfinite(loss));
  CHECK(loss > 1.0);
}

TEST_CASE("bert4rec overfits a cyclic dataset") {
  const std::int64_t num_items = 20;
  const std::int64_t max_history = 10;
  auto model = make_model(dataset(num_items, max_history),
                          {{"dropout", 0.1}, {"attention_dropout", 0.1}});
  SequenceBatch windows =
      batch(cyclic_windows(30, num_items, max_history + 1));
  double first_loss = 0.0;
  // The [MASK] position must learn to attend to its neighbours, so Cloze
  // training needs more steps and a smaller step size than SASRec's.
  double last_loss = train(*model, windows, 600, 3e-3, &first_loss);
  CHECK(last_loss < 0.25 * first_loss);

  // Histories of several lengths; the next item is last % num_items + 1.
  torch::Tensor histories = cyclic_windows(30, num_items, max_history);
  histories.narrow(0, 0, 10).narrow(1, 0, 6).zero_();
  torch::Tensor expected = histories.select(1, -1).remainder(num_items) + 1;
  torch::Tensor scores = model->score(batch(histories));
  scores.select(1, 0).fill_(-1e9);
  double accuracy =
      scores.argmax(1).eq(expected).to(torch::kFloat).mean().item<double>();
  CHECK(accuracy >= 0.9);
}

TEST_CASE("bert4rec rejects indivisible num_heads") {
  std::string message;
  try {
    make_model(dataset(20, 8), {{"num_heads", std::int64_t{3}}});
  } catch (const std::invalid_argument& error) {
    message = error.what();
  }
  CHECK(message.find("num_heads = 3") != std::string::npos);
  CHECK(message.find("hidden_size = 64") != std::string::npos);
}
