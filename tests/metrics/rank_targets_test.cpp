// rank_targets: pessimistic ranks over the full catalogue.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "metrics/metrics.h"

using harness::metrics::CaseRanks;
using harness::metrics::rank_targets;

namespace {

using Ids = std::vector<std::int64_t>;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

// Rank of each target by the definition, item by item, for comparison.
Ids naive_ranks(const std::vector<float>& scores, const Ids& targets,
                const Ids& masked) {
  const auto num_items = static_cast<std::int64_t>(scores.size()) - 1;
  auto score = [&](std::int64_t id) {
    return std::isnan(scores[id]) ? -kInf : scores[id];
  };
  auto is_in = [](const Ids& ids, std::int64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  Ids ranks(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (is_in(masked, targets[i])) {
      ranks[i] = num_items + 1;
      continue;
    }
    std::int64_t rank = 1;
    for (std::int64_t item = 1; item <= num_items; ++item) {
      if (is_in(masked, item)) continue;
      if (is_in(targets, item)) continue;
      if (score(item) >= score(targets[i])) ++rank;
    }
    for (std::size_t j = 0; j < targets.size(); ++j) {
      if (j == i || is_in(masked, targets[j])) continue;
      const float sj = score(targets[j]);
      const float si = score(targets[i]);
      if (sj > si || (sj == si && j < i)) ++rank;
    }
    ranks[i] = rank;
  }
  return ranks;
}

}  // namespace

TEST_CASE("rank_targets single target positions") {
  // Padding (entry 0) has the highest score and must never count.
  const std::vector<float> scores = {100, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f};
  CHECK(rank_targets(scores.data(), 5, {1}, {}, {}).ranks == Ids{1});
  CHECK(rank_targets(scores.data(), 5, {3}, {}, {}).ranks == Ids{3});
  CHECK(rank_targets(scores.data(), 5, {4}, {}, {}).ranks == Ids{4});
  CHECK(rank_targets(scores.data(), 5, {5}, {}, {}).ranks == Ids{5});
}

TEST_CASE("rank_targets tie is pessimistic") {
  // Target 2 ties with items 1 and 3: rank 1 + 2 = 3.
  const std::vector<float> scores = {0, 0.5f, 0.5f, 0.5f, 0.1f, 0.2f};
  CHECK(rank_targets(scores.data(), 5, {2}, {}, {}).ranks == Ids{3});
  // The same holds for a basket: target 2 and target 5 (below all).
  CHECK(rank_targets(scores.data(), 5, {2, 5}, {}, {}).ranks == Ids{3, 4});
}

TEST_CASE("rank_targets constant scorer gets worst ranks") {
  const std::vector<float> scores(6, 0.25f);
  // One target among 5 items: 4 others tie with it, rank 5.
  CHECK(rank_targets(scores.data(), 5, {1}, {}, {}).ranks == Ids{5});
  CHECK(rank_targets(scores.data(), 5, {5}, {}, {}).ranks == Ids{5});
  // Two targets: 3 other items tie above both, then the targets place in
  // their order, so ranks 1+3+0 = 4 and 1+3+1 = 5, the last two.
  CHECK(rank_targets(scores.data(), 5, {2, 4}, {}, {}).ranks == Ids{4, 5});
}

TEST_CASE("rank_targets masked items are removed") {
  const std::vector<float> scores = {0, 0.9f, 0.8f, 0.7f, 0.1f};
  // Items 1 and 2 score higher but are masked, so target 3 is first.
  CHECK(rank_targets(scores.data(), 4, {3}, {1, 2}, {}).ranks == Ids{1});
  // Duplicate and padding ids in the masked list change nothing.
  CHECK(rank_targets(scores.data(), 4, {3}, {2, 0, 1, 2}, {}).ranks == Ids{1});
  CHECK(rank_targets(scores.data(), 4, {4}, {1}, {}).ranks == Ids{3});
}

TEST_CASE("rank_targets masked target is a miss") {
  const std::vector<float> scores = {0, 0.9f, 0.8f, 0.7f, 0.1f};
  // Target 1 is masked: rank num_items + 1 = 5. It is not a candidate, so
  // target 3 only has item 2 above it: rank 2.
  CHECK(rank_targets(scores.data(), 4, {1, 3}, {1}, {}).ranks == Ids{5, 2});
  CHECK(rank_targets(scores.data(), 4, {1}, {1}, {}).ranks == Ids{5});
}

TEST_CASE("rank_targets padding never counts") {
  const std::vector<float> scores = {kInf, 0.1f, 0.2f, 0.3f};
  CHECK(rank_targets(scores.data(), 3, {3}, {}, {}).ranks == Ids{1});
  CHECK(rank_targets(scores.data(), 3, {3, 2}, {}, {}).ranks == Ids{1, 2});
}

TEST_CASE("rank_targets NaN target ranks last") {
  const std::vector<float> scores = {0, 0.3f, kNaN, 0.1f, -kInf, 0.2f};
  // NaN counts as -inf, so all 4 other items (even the -inf one, a tie)
  // rank above it.
  CHECK(rank_targets(scores.data(), 5, {2}, {}, {}).ranks == Ids{5});
  // In a basket, through the multi-target path, with 3 candidates.
  CHECK(rank_targets(scores.data(), 5, {2, 1}, {}, {}).ranks == Ids{5, 1});
}

TEST_CASE("rank_targets NaN candidates never help") {
  const std::vector<float> scores = {0, kNaN, kNaN, 0.5f, kNaN};
  // A finite target beats every NaN item.
  CHECK(rank_targets(scores.data(), 4, {3}, {}, {}).ranks == Ids{1});
  // A -inf target ties with the NaN items (both -inf).
  const std::vector<float> low = {0, kNaN, kNaN, -kInf, 0.5f};
  CHECK(rank_targets(low.data(), 4, {3}, {}, {}).ranks == Ids{4});
  CHECK(rank_targets(low.data(), 4, {3, 4}, {}, {}).ranks == Ids{4, 1});
}

TEST_CASE("rank_targets basket of distinct targets") {
  // Items by score: 6 (0.9), 2 (0.8), 4 (0.7), 1 (0.6), 5 (0.4), 3 (0.3).
  const std::vector<float> scores = {0, 0.6f, 0.8f, 0.3f, 0.7f, 0.4f, 0.9f};
  // Targets {4, 2, 3}: 2 has 6 above (1+1+0 = 2); 4 has 6 above and 2
  // placed before it (1+1+1 = 3); 3 has 6, 1, 5 above and 2 targets
  // placed before it (1+3+2 = 6).
  const CaseRanks r = rank_targets(scores.data(), 6, {4, 2, 3}, {}, {});
  CHECK(r.ranks == Ids{3, 2, 6});
  CHECK(r.repeat.size() == 3);
  CHECK(r.num_items == 6);
}

TEST_CASE("rank_targets targets tied with each other") {
  const std::vector<float> scores = {0, 0.5f, 0.5f, 0.5f, 0.9f};
  // Targets 3 and 1 tie: item 2 and item 4 count above both, and the
  // targets place in their given order: 3 gets 3, 1 gets 4.
  CHECK(rank_targets(scores.data(), 4, {3, 1}, {}, {}).ranks == Ids{3, 4});
}

TEST_CASE("rank_targets rejects duplicate targets") {
  const std::vector<float> scores = {0, 0.5f, 0.4f};
  CHECK_THROWS_AS(rank_targets(scores.data(), 2, {1, 1}, {}, {}),
                  std::invalid_argument);
}

TEST_CASE("rank_targets repeat flags") {
  const std::vector<float> scores = {0, 0.5f, 0.4f, 0.3f, 0.2f};
  const CaseRanks r =
      rank_targets(scores.data(), 4, {3, 1, 4}, {}, {4, 2, 0, 3, 3});
  CHECK(r.repeat == std::vector<bool>{true, false, true});
}

TEST_CASE("rank_targets empty target list") {
  const std::vector<float> scores = {0, 0.5f};
  const CaseRanks r = rank_targets(scores.data(), 1, {}, {}, {});
  CHECK(r.ranks.empty());
  CHECK(r.repeat.empty());
}

TEST_CASE("rank_targets rejects bad ids") {
  const std::vector<float> scores = {0, 0.5f, 0.4f};
  CHECK_THROWS_AS(rank_targets(nullptr, 2, {1}, {}, {}), std::invalid_argument);
  CHECK_THROWS_AS(rank_targets(scores.data(), 0, {}, {}, {}),
                  std::invalid_argument);
  CHECK_THROWS_AS(rank_targets(scores.data(), 2, {0}, {}, {}),
                  std::invalid_argument);
  CHECK_THROWS_AS(rank_targets(scores.data(), 2, {3}, {}, {}),
                  std::invalid_argument);
  CHECK_THROWS_AS(rank_targets(scores.data(), 2, {1}, {3}, {}),
                  std::invalid_argument);
  CHECK_THROWS_AS(rank_targets(scores.data(), 2, {1}, {-1}, {}),
                  std::invalid_argument);
  CHECK_THROWS_AS(rank_targets(scores.data(), 2, {1}, {}, {5}),
                  std::invalid_argument);
}

TEST_CASE("rank_targets matches the definition on random rows") {
  // Scores on a coarse grid give many ties, and level 0 makes a NaN.
  std::mt19937_64 generator(17);
  std::uniform_int_distribution<int> level(0, 6);
  for (int row = 0; row < 600; ++row) {
    const std::int64_t num_items = 1 + row % 40;
    std::vector<float> scores(num_items + 1);
    for (float& s : scores) {
      const int v = level(generator);
      s = v == 0 ? kNaN : static_cast<float>(v) / 4;
    }
    Ids items(num_items);
    for (std::int64_t i = 0; i < num_items; ++i) items[i] = i + 1;
    std::shuffle(items.begin(), items.end(), generator);
    // Up to 24 targets, so that baskets above 16 take the binary-search
    // path of rank_targets as well as the linear one.
    const std::size_t num_targets =
        1 + generator() % std::min<std::uint64_t>(24, num_items);
    const Ids targets(items.begin(), items.begin() + num_targets);
    Ids masked;
    for (std::int64_t id = 0; id <= num_items; ++id) {
      if (generator() % 5 == 0) masked.push_back(id);
    }
    CAPTURE(row);
    CHECK(rank_targets(scores.data(), num_items, targets, masked, {}).ranks ==
          naive_ranks(scores, targets, masked));
  }
}
