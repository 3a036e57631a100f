// Tests of the sasrec plugin through the real shared library, plus the
// network header for checks that need every position's hidden state.
#include "../../plugins/sasrec/sasrec_net.h"
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
  static const LoadedPlugin loaded("sasrec");
  return loaded;
}

std::unique_ptr<Model> make_model(
    const DatasetInfo& info,
    const std::map<std::string, ParamValue>& overrides = {},
    std::uint64_t seed = 7) {
  torch::manual_seed(seed);
  return plugin().create(info, overrides);
}

harness::sasrec::SasrecNet make_net(std::int64_t num_items,
                                    std::int64_t max_positions) {
  harness::sasrec::SasrecOptions options;
  options.num_items = num_items;
  options.max_positions = max_positions;
  options.encoder.num_heads = 2;
  torch::manual_seed(3);
  harness::sasrec::SasrecNet net(options);
  net->eval();
  return net;
}

}  // namespace

TEST_CASE("sasrec schema names and defaults") {
  const harness::PluginInfo& info = plugin().info();
  CHECK(info.name == "sasrec");
  std::map<std::string, ParamValue> defaults;
  for (const auto& spec : info.params) defaults[spec.name] = spec.default_value;
  CHECK(std::get<std::int64_t>(defaults.at("hidden_size")) == 64);
  CHECK(std::get<std::int64_t>(defaults.at("num_layers")) == 2);
  CHECK(std::get<std::int64_t>(defaults.at("num_heads")) == 1);
  CHECK(std::get<std::int64_t>(defaults.at("inner_size")) == 256);
  CHECK(std::get<double>(defaults.at("dropout")) == 0.2);
  CHECK(std::get<double>(defaults.at("attention_dropout")) == 0.2);
  CHECK(std::get<double>(defaults.at("init_std")) == 0.02);
  CHECK(std::get<std::string>(defaults.at("activation")) == "relu");
  CHECK(std::get<std::string>(defaults.at("loss")) == "ce");
  CHECK(std::get<std::int64_t>(defaults.at("num_negatives")) == 1);
}

TEST_CASE("sasrec output shapes") {
  const std::int64_t num_items = 40;
  auto model = make_model(dataset(num_items, 12));

  torch::Tensor windows = cyclic_windows(5, num_items, 13);
  torch::Tensor loss = model->loss(batch(windows));
  CHECK(loss.dim() == 0);
  CHECK(std::isfinite(loss.item<double>()));

  model->set_training(false);
  torch::Tensor scores = model->score(batch(cyclic_windows(4, num_items, 9)));
  CHECK(scores.dtype() == torch::kFloat);
  CHECK(scores.size(0) == 4);
  CHECK(scores.size(1) == num_items + 1);
  CHECK(torch::isfinite(scores).all().item<bool>());
}

TEST_CASE("sasrec later items never change earlier outputs") {
  auto net = make_net(30, 10);
  torch::NoGradGuard no_grad;
  torch::Tensor items = torch::tensor({{0, 0, 3, 7, 2, 9, 4, 11, 5, 8},
                                       {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}});
  torch::Tensor before = net->encode(items);
  for (std::int64_t changed : {4, 7, 9}) {
    CAPTURE(changed);
    torch::Tensor edited = items.clone();
    edited.select(1, changed).fill_(25);
    torch::Tensor after = net->encode(edited);
    CHECK(torch::equal(before.narrow(1, 0, changed),
                       after.narrow(1, 0, changed)));
    CHECK_FALSE(torch::equal(before.select(1, changed),
                             after.select(1, changed)));
  }
}

TEST_CASE("sasrec padding gives finite outputs") {
  auto net = make_net(30, 8);
  torch::NoGradGuard no_grad;
  torch::Tensor items = torch::tensor({{0, 0, 0, 0, 0, 4, 5, 6},
                                       {0, 0, 0, 0, 0, 0, 0, 0}});
  CHECK(torch::isfinite(net->encode(items)).all().item<bool>());

  auto model = make_model(dataset(30, 8));
  model->set_training(false);
  torch::Tensor scores = model->score(batch(items));
  CHECK(torch::isfinite(scores).all().item<bool>());

  model->set_training(true);
  torch::Tensor windows = torch::tensor({{0, 0, 0, 0, 0, 4, 5, 6, 7},
                                         {0, 0, 0, 0, 0, 0, 0, 0, 0}});
  CHECK(std::isfinite(model->loss(batch(windows)).item<double>()));
}

TEST_CASE("sasrec left padding does not change scores") {
  auto model = make_model(dataset(30, 10));
  model->set_training(false);
  torch::Tensor short_rows = torch::tensor({{3, 4, 5, 6}, {9, 8, 7, 6}});
  torch::Tensor padded = torch::cat(
      {torch::zeros({2, 5}, torch::kLong), short_rows}, /*dim=*/1);
  torch::Tensor a = model->score(batch(short_rows));
  torch::Tensor b = model->score(batch(padded));
  CHECK(torch::allclose(a, b, /*rtol=*/1e-5, /*atol=*/1e-5));
}

TEST_CASE("sasrec fixed seed is reproducible") {
  const DatasetInfo info = dataset(25, 10);
  check_seed_reproducibility(make_model(info, {}, /*seed=*/11),
                             make_model(info, {}, /*seed=*/11),
                             make_model(info, {}, /*seed=*/12));
}

TEST_CASE("sasrec padding row stays zero") {
  auto model = make_model(dataset(20, 8), {{"dropout", 0.0}});
  train(*model, batch(cyclic_windows(10, 20, 9)), 5, 1e-2);
  // parameters()[0] is the item table, registered first.
  torch::Tensor table = model->parameters()[0];
  REQUIRE(table.size(0) == 21);
  CHECK(table[0].abs().max().item<double>() == 0.0);
}

TEST_CASE("sasrec ce overfits a cyclic dataset") {
  const std::int64_t num_items = 20;
  const std::int64_t max_history = 10;
  auto model = make_model(dataset(num_items, max_history),
                          {{"dropout", 0.1}, {"attention_dropout", 0.1}});
  SequenceBatch windows =
      batch(cyclic_windows(30, num_items, max_history + 1));
  double first_loss = 0.0;
  double last_loss = train(*model, windows, 150, 1e-2, &first_loss);
  CHECK(last_loss < 0.5 * first_loss);

  // Histories of several lengths; the next item is last % num_items + 1.
  torch::Tensor histories = cyclic_windows(30, num_items, max_history);
  histories.narrow(0, 0, 10).narrow(1, 0, 6).zero_();
  torch::Tensor expected = histories.select(1, -1).remainder(num_items) + 1;
  torch::Tensor scores = model->score(batch(histories));
  scores.select(1, 0).fill_(-1e9);
  torch::Tensor top = scores.argmax(1);
  double accuracy = top.eq(expected).to(torch::kFloat).mean().item<double>();
  CHECK(accuracy >= 0.9);
}

TEST_CASE("sasrec bce loss runs and decreases") {
  const std::int64_t num_items = 20;
  auto model = make_model(dataset(num_items, 10),
                          {{"loss", std::string("bce")},
                           {"num_negatives", std::int64_t{3}},
                           {"dropout", 0.1}});
  SequenceBatch windows = batch(cyclic_windows(30, num_items, 11));
  double first_loss = 0.0;
  double last_loss = train(*model, windows, 100, 1e-2, &first_loss);
  CHECK(std::isfinite(last_loss));
  CHECK(last_loss < 0.5 * first_loss);
}

TEST_CASE("sasrec rejects indivisible num_heads") {
  std::string message;
  try {
    make_model(dataset(20, 8), {{"num_heads", std::int64_t{3}}});
  } catch (const std::invalid_argument& error) {
    message = error.what();
  }
  CHECK(message.find("num_heads = 3") != std::string::npos);
  CHECK(message.find("hidden_size = 64") != std::string::npos);
}

TEST_CASE("sasrec rejects dropout of 1") {
  CHECK_THROWS_AS(make_model(dataset(20, 8), {{"dropout", 1.0}}),
                  std::invalid_argument);
}
