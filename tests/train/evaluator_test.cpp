// Full-ranking evaluation with a model whose scores are fixed by hand, so
// every metric can be worked out on paper.
#include "train/evaluator.h"

#include <doctest/doctest.h>

#include <cmath>
#include <map>

namespace harness::train {
namespace {

constexpr std::int64_t kItems = 5;

// A model with a fixed score row per user, which records the histories
// it receives.
class FixedScoreModel : public Model {
 public:
  explicit FixedScoreModel(std::map<std::int64_t, std::vector<float>> rows)
      : rows_(std::move(rows)) {}

  torch::Tensor score(const SequenceBatch& histories) override {
    seen_.push_back(histories.items.clone());
    const std::int64_t batch = histories.users.size(0);
    torch::Tensor scores = torch::empty({batch, width_});
    for (std::int64_t r = 0; r < batch; ++r) {
      const std::vector<float>& row =
          rows_.at(histories.users[r].item<std::int64_t>());
      scores[r] = torch::tensor(row).slice(0, 0, width_);
    }
    return scores;
  }

  /// Number of score columns returned. The evaluator expects kItems + 1.
  std::int64_t width_ = kItems + 1;
  std::vector<torch::Tensor> seen_;

 private:
  std::map<std::int64_t, std::vector<float>> rows_;
};

split::EvalCase make_case(std::int64_t user,
                          std::vector<std::int64_t> history,
                          std::int64_t target) {
  split::EvalCase eval_case;
  eval_case.user = user;
  eval_case.history_items = history;
  for (std::size_t i = 0; i < history.size(); ++i) {
    eval_case.history_baskets.push_back(static_cast<std::int64_t>(i) + 1);
  }
  eval_case.targets = {target};
  return eval_case;
}

std::vector<metrics::MetricSpec> specs(
    const std::vector<std::string>& names) {
  std::vector<metrics::MetricSpec> result;
  for (const std::string& name : names) {
    result.push_back(metrics::parse_metric(name));
  }
  return result;
}

EvaluationOptions options(bool exclude_history = false) {
  EvaluationOptions evaluation;
  evaluation.num_items = kItems;
  evaluation.max_history = 10;
  evaluation.batch_size = 1024;
  evaluation.exclude_history = exclude_history;
  return evaluation;
}

// Item 4 (the target) is third after items 1 and 2. Padding (column 0)
// has the highest score, which must not count.
const std::vector<float> kTargetThird = {100.0f, 0.9f, 0.8f, 0.1f, 0.7f,
                                         0.2f};

}  // namespace

TEST_CASE("evaluate: target ranked third gives hand-computed metrics") {
  FixedScoreModel model({{1, kTargetThird}});
  const auto result = evaluate(
      model, {make_case(1, {3}, 4)},
      specs({"recall@10", "ndcg@10", "mrr@10", "recall@2", "ndcg@2"}),
      options(), "valid");
  CHECK(result.split == "valid");
  CHECK(result.means.at("recall@10") == 1.0);
  // 1 / log2(3 + 1)
  CHECK(result.means.at("ndcg@10") == 0.5);
  CHECK(result.means.at("mrr@10") == 1.0 / 3.0);
  CHECK(result.means.at("recall@2") == 0.0);
  CHECK(result.means.at("ndcg@2") == 0.0);
  CHECK(result.users == std::vector<std::int64_t>{1});
  CHECK(result.per_user.at("ndcg@10") == std::vector<float>{0.5f});
}

TEST_CASE("evaluate: stores the rank of every basket target") {
  // Scores 0.9, 0.8, 0.1, 0.7, 0.2 for items 1..5; the basket is {4, 2, 5}
  // and item 2 was bought before. Ranks count only non-target items above
  // a target plus the targets placed before it: item 2 is second (after
  // item 1), item 4 third, item 5 fourth.
  FixedScoreModel model({{7, kTargetThird}});
  split::EvalCase basket = make_case(7, {2, 3}, 4);
  basket.targets = {4, 2, 5};
  const auto result =
      evaluate(model, {basket}, specs({"recall@3"}), options(), "test");
  REQUIRE(result.target_ranks.size() == 3);
  CHECK(result.target_ranks[0].user == 7);
  CHECK(result.target_ranks[0].item == 4);
  CHECK(result.target_ranks[0].rank == 3);
  CHECK_FALSE(result.target_ranks[0].repeat);
  CHECK(result.target_ranks[1].item == 2);
  CHECK(result.target_ranks[1].rank == 2);
  CHECK(result.target_ranks[1].repeat);
  CHECK(result.target_ranks[2].item == 5);
  CHECK(result.target_ranks[2].rank == 4);
  // Two of the three targets are in the top 3.
  CHECK(result.means.at("recall@3") == doctest::Approx(2.0 / 3.0));
}

TEST_CASE("evaluate: the padding column never ranks") {
  // With padding counted the target would be fourth: ndcg@10 = 1/log2(5).
  FixedScoreModel model({{1, kTargetThird}});
  const auto result = evaluate(model, {make_case(1, {3}, 4)},
                               specs({"ndcg@10", "mrr@10"}), options(),
                               "test");
  CHECK(result.means.at("ndcg@10") == 0.5);
  CHECK(result.means.at("mrr@10") == 1.0 / 3.0);
}

TEST_CASE("evaluate: exclude_history masks history items") {
  // Item 1, scored highest, is in the history.
  const std::vector<split::EvalCase> cases = {make_case(1, {1, 3}, 4)};
  const auto metric_specs = specs({"ndcg@10", "mrr@10", "recall@2"});

  FixedScoreModel kept({{1, kTargetThird}});
  const auto unmasked =
      evaluate(kept, cases, metric_specs, options(false), "valid");
  CHECK(unmasked.means.at("ndcg@10") == 0.5);
  CHECK(unmasked.means.at("mrr@10") == 1.0 / 3.0);
  CHECK(unmasked.means.at("recall@2") == 0.0);

  FixedScoreModel masked_model({{1, kTargetThird}});
  const auto masked =
      evaluate(masked_model, cases, metric_specs, options(true), "valid");
  // Now only item 2 is above the target: rank 2.
  CHECK(masked.means.at("ndcg@10") == 1.0 / std::log2(3.0));
  CHECK(masked.means.at("mrr@10") == 0.5);
  CHECK(masked.means.at("recall@2") == 1.0);
}

TEST_CASE("evaluate: means and per-user values over several batches") {
  // Ranks 3, 1 and 5 for users 1, 2 and 3, in batches of two cases.
  FixedScoreModel model({{1, kTargetThird},
                         {2, {0.0f, 0.1f, 0.2f, 0.3f, 0.9f, 0.5f}},
                         {3, {0.0f, 0.9f, 0.8f, 0.7f, 0.1f, 0.6f}}});
  const std::vector<split::EvalCase> cases = {
      make_case(1, {3}, 4), make_case(2, {5, 1}, 4), make_case(3, {}, 4)};
  EvaluationOptions evaluation = options();
  evaluation.batch_size = 2;
  const auto result = evaluate(model, cases,
                               specs({"ndcg@10", "recall@2", "mrr@10"}),
                               evaluation, "test");
  CHECK(model.seen_.size() == 2);
  CHECK(result.users == std::vector<std::int64_t>{1, 2, 3});

  const double ndcg_rank5 = 1.0 / std::log2(6.0);
  CHECK(result.per_user.at("ndcg@10") ==
        std::vector<float>{0.5f, 1.0f, static_cast<float>(ndcg_rank5)});
  CHECK(result.per_user.at("recall@2") == std::vector<float>{0, 1, 0});
  CHECK(result.per_user.at("mrr@10") ==
        std::vector<float>{static_cast<float>(1.0 / 3.0), 1.0f, 0.2f});
  CHECK(result.means.at("ndcg@10") == (0.5 + 1.0 + ndcg_rank5) / 3);
  CHECK(result.means.at("recall@2") == 1.0 / 3);
  CHECK(result.means.at("mrr@10") == (1.0 / 3.0 + 1.0 + 0.2) / 3);
}

TEST_CASE("evaluate: the model sees at most max_history events") {
  FixedScoreModel model({{1, kTargetThird}});
  EvaluationOptions evaluation = options();
  evaluation.max_history = 2;
  evaluate(model, {make_case(1, {5, 3, 2}, 4)}, specs({"ndcg@10"}),
           evaluation, "valid");
  REQUIRE(model.seen_.size() == 1);
  CHECK(model.seen_[0].sizes() == torch::IntArrayRef({1, 2}));
  CHECK(model.seen_[0][0][0].item<std::int64_t>() == 3);
  CHECK(model.seen_[0][0][1].item<std::int64_t>() == 2);
}

TEST_CASE("evaluate: wrong score shape is a clear error") {
  FixedScoreModel model({{1, kTargetThird}});
  model.width_ = kItems;  // forgot the padding column
  CHECK_THROWS_WITH_AS(
      evaluate(model, {make_case(1, {3}, 4)}, specs({"ndcg@10"}), options(),
               "valid"),
      doctest::Contains("expected [1, 6] (one column per item plus "
                        "padding)"),
      std::runtime_error);
}

}  // namespace harness::train
