// metric_value and mean_ignoring_nan on hand-computed cases. NDCG
// discounts used below: rank 1 -> 1/log2(2) = 1, rank 3 -> 1/log2(4) =
// 1/2, rank 7 -> 1/log2(8) = 1/3, rank 15 -> 1/log2(16) = 1/4.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "metrics/metrics.h"

using harness::metrics::CaseRanks;
using harness::metrics::mean_ignoring_nan;
using harness::metrics::metric_value;
using harness::metrics::MetricKind;
using harness::metrics::MetricSpec;
using harness::metrics::rank_targets;
using harness::metrics::TargetSubset;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

MetricSpec spec(MetricKind kind, std::int64_t k,
                TargetSubset subset = TargetSubset::kAll) {
  MetricSpec out;
  out.kind = kind;
  out.k = k;
  out.subset = subset;
  return out;
}

// Ranks of targets that are all explore items (no history).
CaseRanks explore_ranks(std::vector<std::int64_t> ranks) {
  CaseRanks out;
  out.repeat.assign(ranks.size(), false);
  out.ranks = std::move(ranks);
  return out;
}

double value(MetricKind kind, std::int64_t k, const CaseRanks& ranks,
             TargetSubset subset = TargetSubset::kAll) {
  return metric_value(spec(kind, k, subset), ranks);
}

// 1/log2(3): the second term of every IDCG over two or more targets.
const double kRank2Gain = 1 / std::log2(3.0);

}  // namespace

TEST_CASE("single target at rank 1") {
  const CaseRanks r = explore_ranks({1});
  CHECK(value(MetricKind::kRecall, 10, r) == 1);
  CHECK(value(MetricKind::kNdcg, 10, r) == 1);
  CHECK(value(MetricKind::kMrr, 10, r) == 1);
  CHECK(value(MetricKind::kHitRate, 10, r) == 1);
  CHECK(value(MetricKind::kPrecision, 10, r) == 0.1);  // 1 hit / K
}

TEST_CASE("single target at rank K") {
  const CaseRanks r = explore_ranks({3});
  CHECK(value(MetricKind::kRecall, 3, r) == 1);
  CHECK(value(MetricKind::kNdcg, 3, r) == 0.5);  // 1/log2(4), IDCG 1
  CHECK(value(MetricKind::kMrr, 3, r) == 1.0 / 3);
  CHECK(value(MetricKind::kHitRate, 3, r) == 1);
  CHECK(value(MetricKind::kPrecision, 3, r) == 1.0 / 3);
}

TEST_CASE("single target at rank K+1") {
  const CaseRanks r = explore_ranks({4});
  CHECK(value(MetricKind::kRecall, 3, r) == 0);
  CHECK(value(MetricKind::kNdcg, 3, r) == 0);
  CHECK(value(MetricKind::kMrr, 3, r) == 0);
  CHECK(value(MetricKind::kHitRate, 3, r) == 0);
  CHECK(value(MetricKind::kPrecision, 3, r) == 0);
}

TEST_CASE("basket smaller than K") {
  // Ranks {3, 7}, K = 10: both hit. DCG = 1/2 + 1/3 = 5/6, IDCG over
  // min(2, 10) = 2 targets = 1 + 1/log2(3).
  const CaseRanks r = explore_ranks({3, 7});
  CHECK(value(MetricKind::kRecall, 10, r) == 1);
  CHECK(value(MetricKind::kPrecision, 10, r) == 0.2);  // 2 / 10
  CHECK(value(MetricKind::kMrr, 10, r) == 1.0 / 3);
  CHECK(value(MetricKind::kHitRate, 10, r) == 1);
  CHECK(value(MetricKind::kNdcg, 10, r) ==
        doctest::Approx((5.0 / 6) / (1 + kRank2Gain)).epsilon(1e-15));
}

TEST_CASE("basket larger than K") {
  // Ranks {7, 1, 3, 15}, K = 3: hits at 1 and 3. recall 2/4, precision
  // 2/3. DCG = 1 + 1/2, IDCG over min(4, 3) = 3: 1 + 1/log2(3) + 1/2.
  const CaseRanks r = explore_ranks({7, 1, 3, 15});
  CHECK(value(MetricKind::kRecall, 3, r) == 0.5);
  CHECK(value(MetricKind::kPrecision, 3, r) == 2.0 / 3);
  CHECK(value(MetricKind::kMrr, 3, r) == 1);
  CHECK(value(MetricKind::kHitRate, 3, r) == 1);
  CHECK(value(MetricKind::kNdcg, 3, r) ==
        doctest::Approx(1.5 / (1.5 + kRank2Gain)).epsilon(1e-15));
  // K = 1: IDCG = 1, and the rank-1 hit alone gives NDCG 1.
  CHECK(value(MetricKind::kNdcg, 1, r) == 1);
  CHECK(value(MetricKind::kRecall, 1, r) == 0.25);
  CHECK(value(MetricKind::kPrecision, 1, r) == 1);
}

TEST_CASE("perfect basket ranking has NDCG 1") {
  CHECK(value(MetricKind::kNdcg, 10, explore_ranks({2, 1, 3})) ==
        doctest::Approx(1).epsilon(1e-15));
  CHECK(value(MetricKind::kNdcg, 2, explore_ranks({2, 1, 3})) ==
        doctest::Approx(1).epsilon(1e-15));
}

TEST_CASE("MRR uses the best rank within K") {
  CHECK(value(MetricKind::kMrr, 10, explore_ranks({9, 4, 20})) == 0.25);
  CHECK(value(MetricKind::kMrr, 3, explore_ranks({9, 4, 20})) == 0);
}

TEST_CASE("repeat and explore split") {
  // Targets: ranks 1 (repeat), 3 (explore), 7 (explore), 20 (repeat).
  CaseRanks r;
  r.ranks = {1, 3, 7, 20};
  r.repeat = {true, false, false, true};
  const auto kRepeat = TargetSubset::kRepeat;
  const auto kExplore = TargetSubset::kExplore;

  // All four, K = 10: hits 1, 3, 7. DCG = 1 + 1/2 + 1/3 = 11/6; IDCG
  // over 4 = 1 + 1/log2(3) + 1/2 + 1/log2(5).
  CHECK(value(MetricKind::kRecall, 10, r) == 0.75);
  CHECK(value(MetricKind::kPrecision, 10, r) ==
        doctest::Approx(0.3).epsilon(1e-15));
  CHECK(value(MetricKind::kNdcg, 10, r) ==
        doctest::Approx((11.0 / 6) / (1.5 + kRank2Gain + 1 / std::log2(5.0)))
            .epsilon(1e-15));

  // Repeat {1, 20}: one hit at rank 1. IDCG = 1 + 1/log2(3).
  CHECK(value(MetricKind::kRecall, 10, r, kRepeat) == 0.5);
  CHECK(value(MetricKind::kPrecision, 10, r, kRepeat) == 0.1);
  CHECK(value(MetricKind::kMrr, 10, r, kRepeat) == 1);
  CHECK(value(MetricKind::kHitRate, 10, r, kRepeat) == 1);
  CHECK(value(MetricKind::kNdcg, 10, r, kRepeat) ==
        doctest::Approx(1 / (1 + kRank2Gain)).epsilon(1e-15));

  // Explore {3, 7}: both hit. DCG = 5/6, IDCG = 1 + 1/log2(3).
  CHECK(value(MetricKind::kRecall, 10, r, kExplore) == 1);
  CHECK(value(MetricKind::kPrecision, 10, r, kExplore) == 0.2);
  CHECK(value(MetricKind::kMrr, 10, r, kExplore) == 1.0 / 3);
  CHECK(value(MetricKind::kHitRate, 10, r, kExplore) == 1);
  CHECK(value(MetricKind::kNdcg, 10, r, kExplore) ==
        doctest::Approx((5.0 / 6) / (1 + kRank2Gain)).epsilon(1e-15));

  // K = 2: explore has no hit, repeat keeps its rank-1 hit.
  CHECK(value(MetricKind::kHitRate, 2, r, kExplore) == 0);
  CHECK(value(MetricKind::kHitRate, 2, r, kRepeat) == 1);
}

TEST_CASE("empty subset is NaN") {
  const CaseRanks explore_only = explore_ranks({2, 5});
  CHECK(std::isnan(
      value(MetricKind::kRecall, 10, explore_only, TargetSubset::kRepeat)));
  CHECK(std::isnan(
      value(MetricKind::kNdcg, 10, explore_only, TargetSubset::kRepeat)));
  CHECK(value(MetricKind::kRecall, 10, explore_only, TargetSubset::kExplore) ==
        1);
  CHECK(std::isnan(value(MetricKind::kMrr, 10, explore_ranks({}))));
}

TEST_CASE("metric_value rejects malformed input") {
  CaseRanks bad;
  bad.ranks = {1, 2};
  bad.repeat = {false};
  CHECK_THROWS_AS(value(MetricKind::kRecall, 10, bad), std::invalid_argument);
  CHECK_THROWS_AS(value(MetricKind::kRecall, 0, explore_ranks({1})),
                  std::invalid_argument);
  CHECK_THROWS_AS(value(MetricKind::kRecall, 10, explore_ranks({0})),
                  std::invalid_argument);
}

TEST_CASE("repeat split ranks among all items") {
  // Items by score: 1 (0.9), 2 (0.8), 3 (0.7), 4 (0.6), 5 (0.5). Basket
  // {1, 2, 4}, history {1}: target 1 is a repeat at rank 1; targets 2 and
  // 4 are explore items at ranks 2 and 4 (only item 3 is a non-target
  // above 4, and targets 1 and 2 place before it: 1 + 1 + 2).
  const std::vector<float> scores = {0, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f};
  const CaseRanks r = rank_targets(scores.data(), 5, {1, 2, 4}, {}, {1});
  CHECK(r.ranks == std::vector<std::int64_t>{1, 2, 4});
  CHECK(r.repeat == std::vector<bool>{true, false, false});
  // Explore at K = 3: one hit (rank 2) of two. DCG = 1/log2(3), IDCG =
  // 1 + 1/log2(3).
  CHECK(value(MetricKind::kRecall, 3, r, TargetSubset::kExplore) == 0.5);
  CHECK(value(MetricKind::kMrr, 3, r, TargetSubset::kExplore) == 0.5);
  CHECK(value(MetricKind::kNdcg, 3, r, TargetSubset::kExplore) ==
        doctest::Approx(kRank2Gain / (1 + kRank2Gain)).epsilon(1e-15));
  CHECK(value(MetricKind::kNdcg, 3, r, TargetSubset::kRepeat) == 1);
}

TEST_CASE("masked target counts as a miss") {
  const std::vector<float> scores = {0, 0.9f, 0.8f, 0.7f};
  const CaseRanks r = rank_targets(scores.data(), 3, {1, 3}, {1}, {});
  CHECK(r.ranks == std::vector<std::int64_t>{4, 2});
  // Recall@10 = 1 / 2 although rank 4 is within K = 10: the catalogue
  // has 3 items, so rank 4 means masked.
  CHECK(value(MetricKind::kRecall, 10, r) == 0.5);
  CHECK(value(MetricKind::kMrr, 10, r) == 0.5);
  CHECK(value(MetricKind::kPrecision, 10, r) == 0.1);
  // DCG = 1/log2(3) for rank 2; IDCG over both targets.
  CHECK(value(MetricKind::kNdcg, 10, r) ==
        doctest::Approx(kRank2Gain / (1 + kRank2Gain)).epsilon(1e-15));
  // Only the masked target: a miss with MRR 0, not 1/4.
  const CaseRanks masked_only = rank_targets(scores.data(), 3, {1}, {1}, {});
  CHECK(value(MetricKind::kMrr, 10, masked_only) == 0);
  CHECK(value(MetricKind::kHitRate, 10, masked_only) == 0);
}

TEST_CASE("constant scorer is no better than random") {
  // One target among 100 items, constant scores: rank 100, so Recall@10 is
  // 0 where a random ranking gets 10/100 on average.
  const std::vector<float> scores(101, 1.0f);
  const CaseRanks r = rank_targets(scores.data(), 100, {42}, {}, {});
  CHECK(r.ranks == std::vector<std::int64_t>{100});
  CHECK(value(MetricKind::kRecall, 10, r) == 0);
}

TEST_CASE("mean_ignoring_nan") {
  const auto some = mean_ignoring_nan({0.5, kNaN, 0.25, kNaN});
  CHECK(some.count == 2);
  CHECK(some.mean == 0.375);  // (0.5 + 0.25) / 2
  const auto none = mean_ignoring_nan({kNaN, kNaN});
  CHECK(none.count == 0);
  CHECK(std::isnan(none.mean));
  const auto empty = mean_ignoring_nan({});
  CHECK(empty.count == 0);
  CHECK(std::isnan(empty.mean));
}
