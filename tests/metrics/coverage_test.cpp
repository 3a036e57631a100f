// top_k_items and ItemCoverage.
#include "metrics/coverage.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

using harness::metrics::ItemCoverage;
using harness::metrics::top_k_items;

namespace {

using Ids = std::vector<std::int64_t>;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

}  // namespace

TEST_CASE("top_k_items order and ties") {
  // Padding scores highest and is skipped; items 2 and 4 tie, lower id
  // first.
  const std::vector<float> scores = {9, 0.1f, 0.5f, 0.9f, 0.5f, 0.2f};
  CHECK(top_k_items(scores.data(), 5, 3, {}) == Ids{3, 2, 4});
  CHECK(top_k_items(scores.data(), 5, 1, {}) == Ids{3});
  CHECK(top_k_items(scores.data(), 5, 5, {}) == Ids{3, 2, 4, 5, 1});
}

TEST_CASE("top_k_items skips masked and ranks NaN last") {
  const std::vector<float> scores = {0, kNaN, 0.5f, 0.9f, -1.0f};
  CHECK(top_k_items(scores.data(), 4, 2, {3}) == Ids{2, 4});
  CHECK(top_k_items(scores.data(), 4, 4, {}) == Ids{3, 2, 4, 1});
}

TEST_CASE("top_k_items with fewer candidates than K") {
  const std::vector<float> scores = {0, 0.1f, 0.2f, 0.3f};
  CHECK(top_k_items(scores.data(), 3, 10, {2}) == Ids{3, 1});
  CHECK(top_k_items(scores.data(), 3, 10, {1, 2, 3}).empty());
}

TEST_CASE("top_k_items rejects bad input") {
  const std::vector<float> scores = {0, 0.1f};
  CHECK_THROWS_AS(top_k_items(nullptr, 1, 1, {}), std::invalid_argument);
  CHECK_THROWS_AS(top_k_items(scores.data(), 1, 0, {}), std::invalid_argument);
  CHECK_THROWS_AS(top_k_items(scores.data(), 1, 1, {2}), std::invalid_argument);
}

TEST_CASE("ItemCoverage counts distinct recommended items") {
  ItemCoverage coverage(/*num_items=*/5, /*k=*/2);
  CHECK(coverage.coverage() == 0);
  const std::vector<float> first = {0, 0.9f, 0.8f, 0.1f, 0.1f, 0.1f};
  const std::vector<float> second = {0, 0.9f, 0.1f, 0.1f, 0.1f, 0.8f};
  coverage.add_row(first.data(), {});   // {1, 2}
  CHECK(coverage.coverage() == 0.4);    // 2 of 5
  coverage.add_row(second.data(), {});  // {1, 5}: adds 5
  CHECK(coverage.coverage() == 0.6);    // 3 of 5
  coverage.add_row(first.data(), {1});  // {2, 3}: adds 3
  CHECK(coverage.coverage() == 0.8);    // 4 of 5
  CHECK_THROWS_AS(ItemCoverage(0, 2), std::invalid_argument);
}
