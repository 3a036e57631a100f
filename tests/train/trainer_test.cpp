// The training loop with models whose validation metric follows a script,
// to check early stopping, restoring the best weights and divergence.
#include "train/trainer.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

namespace harness::train {
namespace {

constexpr std::int64_t kItems = 5;
constexpr std::int64_t kTarget = 1;

// One weight trained by Adam, and a buffer that counts training epochs.
// The rank of the target item after epoch e is ranks[e - 1], so the
// validation metric of each epoch is known in advance. The epoch counter
// is a buffer, so restoring the best epoch's state also restores the rank.
class ScriptedModel : public Model {
 public:
  explicit ScriptedModel(std::vector<std::int64_t> ranks)
      : ranks_(std::move(ranks)),
        weight_(torch::zeros({1}, torch::requires_grad())),
        epoch_(torch::zeros({1}, torch::kInt64)) {}

  std::vector<torch::Tensor> parameters() override { return {weight_}; }
  std::vector<torch::Tensor> buffers() override { return {epoch_}; }

  void set_training(bool training) override {
    // run_epoch switches to training once at the start of every epoch.
    if (training) epoch_ += 1;
  }

  torch::Tensor loss(const SequenceBatch& windows) override {
    (void)windows;
    torch::Tensor loss = (weight_ * 2.0).sum();
    if (nan_loss_) loss = loss * std::numeric_limits<double>::quiet_NaN();
    return loss;
  }

  torch::Tensor score(const SequenceBatch& histories) override {
    const std::int64_t epoch = epoch_.item<std::int64_t>();
    weights_seen_.push_back(weight_.item<float>());
    const std::int64_t rank = ranks_.at(static_cast<std::size_t>(epoch) - 1);
    // Items 2..5 score 5, 4, 3 and 2. The target scores just below the
    // first rank - 1 of them.
    torch::Tensor row = torch::tensor({0.0f, 0.0f, 5.0f, 4.0f, 3.0f, 2.0f});
    row[kTarget] = 5.5f - static_cast<float>(rank - 1);
    return row.unsqueeze(0).repeat({histories.users.size(0), 1});
  }

  float weight() const { return weight_.item<float>(); }

  bool nan_loss_ = false;
  /// The weight at each score() call, in call order.
  std::vector<float> weights_seen_;

 private:
  std::vector<std::int64_t> ranks_;
  torch::Tensor weight_;
  torch::Tensor epoch_;
};

// A model without parameters: no epochs, only fit and evaluation.
class FitOnlyModel : public Model {
 public:
  void fit(const TrainingData& data) override {
    ++fit_calls_;
    users_fitted_ = data.users.size();
  }
  torch::Tensor score(const SequenceBatch& histories) override {
    torch::Tensor row = torch::tensor({0.0f, 9.0f, 1.0f, 1.0f, 1.0f, 1.0f});
    return row.unsqueeze(0).repeat({histories.users.size(0), 1});
  }
  int fit_calls_ = 0;
  std::size_t users_fitted_ = 0;
};

split::Split tiny_split() {
  split::Split split;
  UserSequence sequence;
  sequence.user = 1;
  sequence.items = {2, 3};
  sequence.baskets = {1, 2};
  split.train.users.push_back(sequence);
  split::EvalCase valid;
  valid.user = 1;
  valid.history_items = {2, 3};
  valid.history_baskets = {1, 2};
  valid.targets = {kTarget};
  split.valid.push_back(valid);
  split::EvalCase test = valid;
  test.history_items.push_back(4);
  test.history_baskets.push_back(3);
  split.test.push_back(test);
  return split;
}

TrainerOptions trainer_options(std::int64_t epochs, std::int64_t patience) {
  TrainerOptions options;
  options.train.epochs = epochs;
  options.train.patience = patience;
  options.train.batch_size = 16;
  options.train.learning_rate = 0.1;
  options.metrics = {metrics::parse_metric("ndcg@10"),
                     metrics::parse_metric("mrr@10")};
  options.select_index = 0;
  options.max_history = 10;
  options.evaluation.num_items = kItems;
  options.evaluation.max_history = 10;
  return options;
}

}  // namespace

TEST_CASE("trainer: stops after patience epochs without gain") {
  // ndcg@10 per epoch: 0.5, 1, 0.63, 1 (equal is no gain), 0.63, then
  // never reached.
  ScriptedModel model({3, 1, 2, 1, 2, 1, 1, 1});
  std::vector<EpochReport> reports;
  const TrainResult result = train_and_evaluate(
      model, tiny_split(), trainer_options(/*epochs=*/8, /*patience=*/3),
      [&](const EpochReport& report) { reports.push_back(report); });

  CHECK(result.status == "finished");
  CHECK(result.error == "");
  CHECK(result.epochs_run == 5);
  CHECK(result.best_epoch == 2);
  REQUIRE(reports.size() == 5);
  const double rank2 = 1.0 / std::log2(3.0);
  const std::vector<double> expected = {0.5, 1.0, rank2, 1.0, rank2};
  const std::vector<bool> improved = {true, true, false, false, false};
  for (std::size_t i = 0; i < reports.size(); ++i) {
    CAPTURE(i);
    CHECK(reports[i].epoch == static_cast<std::int64_t>(i) + 1);
    CHECK(reports[i].valid_metric == expected[i]);
    CHECK(reports[i].improved == improved[i]);
    // The loss 2w is taken before the epoch's step, from the weight the
    // previous epoch left (0 at the start).
    const double previous = i == 0 ? 0.0 : model.weights_seen_[i - 1];
    CHECK(reports[i].train_loss == doctest::Approx(2.0 * previous));
  }
  CHECK(result.train_seconds >= 0);
}

TEST_CASE("trainer: the best epoch's weights are restored") {
  ScriptedModel model({3, 1, 2, 2, 2});
  const TrainResult result =
      train_and_evaluate(model, tiny_split(), trainer_options(5, 2), {});
  REQUIRE(result.epochs_run == 4);
  REQUIRE(result.best_epoch == 2);
  // score() ran once per epoch on validation, then on valid and test with
  // the restored state.
  REQUIRE(model.weights_seen_.size() == 6);
  const float best_weight = model.weights_seen_[1];
  const float last_weight = model.weights_seen_[3];
  CHECK(last_weight != best_weight);
  CHECK(model.weight() == best_weight);
  CHECK(model.weights_seen_[4] == best_weight);
  CHECK(model.weights_seen_[5] == best_weight);
  // The buffer came back too, so the final metrics are the best epoch's.
  CHECK(result.valid.means.at("ndcg@10") == 1.0);
  CHECK(result.valid.means.at("mrr@10") == 1.0);
  CHECK(result.test.means.at("ndcg@10") == 1.0);
  CHECK(result.valid.split == "valid");
  CHECK(result.test.split == "test");
  CHECK(result.test.users == std::vector<std::int64_t>{1});
}

TEST_CASE("trainer: runs every epoch while the metric improves") {
  ScriptedModel model({5, 4, 3});
  const TrainResult result =
      train_and_evaluate(model, tiny_split(), trainer_options(3, 1), {});
  CHECK(result.epochs_run == 3);
  CHECK(result.best_epoch == 3);
  CHECK(result.valid.means.at("mrr@10") == 1.0 / 3.0);
}

TEST_CASE("trainer: NaN loss ends the run as diverged") {
  ScriptedModel model({1, 1, 1});
  model.nan_loss_ = true;
  int epochs_reported = 0;
  const TrainResult result = train_and_evaluate(
      model, tiny_split(), trainer_options(3, 3),
      [&](const EpochReport&) { ++epochs_reported; });
  CHECK(result.status == "diverged");
  CHECK(result.error.find("NaN") != std::string::npos);
  CHECK(result.epochs_run == 1);
  CHECK(epochs_reported == 0);
  CHECK(result.valid.means.empty());
  CHECK(result.test.means.empty());
  // The optimiser never stepped on the NaN loss.
  CHECK(model.weight() == 0.0f);
}

TEST_CASE("trainer: a model without parameters is fitted, not trained") {
  FitOnlyModel model;
  int epochs_reported = 0;
  const TrainResult result = train_and_evaluate(
      model, tiny_split(), trainer_options(3, 3),
      [&](const EpochReport&) { ++epochs_reported; });
  CHECK(result.status == "finished");
  CHECK(model.fit_calls_ == 1);
  CHECK(model.users_fitted_ == 1);
  CHECK(result.epochs_run == 0);
  CHECK(result.best_epoch == 0);
  CHECK(epochs_reported == 0);
  CHECK(result.valid.means.at("ndcg@10") == 1.0);
  CHECK(result.test.means.at("mrr@10") == 1.0);
}

TEST_CASE("trainer: only single-event sequences is an error") {
  ScriptedModel model({1});
  split::Split split = tiny_split();
  split.train.users[0].items = {2};
  split.train.users[0].baskets = {1};
  CHECK_THROWS_WITH_AS(
      train_and_evaluate(model, split, trainer_options(1, 1), {}),
      doctest::Contains("no training windows"), std::runtime_error);
}

}  // namespace harness::train
