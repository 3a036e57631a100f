#include "metrics/coverage.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace harness::metrics {
namespace {

using ScoredItem = std::pair<float, std::int64_t>;

// True when a belongs before b in a top-K list.
bool ranks_before(const ScoredItem& a, const ScoredItem& b) {
  if (a.first != b.first) return a.first > b.first;
  return a.second < b.second;
}

void check_size(std::int64_t num_items, std::int64_t k) {
  if (num_items < 1 || k < 1) {
    throw std::invalid_argument(
        "top-K: num_items is " + std::to_string(num_items) + " and K is " +
        std::to_string(k) + ", expected both at least 1");
  }
}

}  // namespace

std::vector<std::int64_t> top_k_items(const float* scores,
                                      std::int64_t num_items, std::int64_t k,
                                      const std::vector<std::int64_t>& masked) {
  if (scores == nullptr) {
    throw std::invalid_argument("top_k_items: scores is null");
  }
  check_size(num_items, k);
  std::vector<std::int64_t> masked_ids;
  masked_ids.reserve(masked.size());
  for (std::int64_t id : masked) {
    if (id < 0 || id > num_items) {
      throw std::invalid_argument("top_k_items: masked id " +
                                  std::to_string(id) + " is outside 0.." +
                                  std::to_string(num_items));
    }
    masked_ids.push_back(id);
  }
  std::sort(masked_ids.begin(), masked_ids.end());

  // A heap of the best k so far, worst on top, so most items cost one
  // comparison against the heap's front.
  constexpr float kNegInf = -std::numeric_limits<float>::infinity();
  std::vector<ScoredItem> heap;
  const auto capacity = static_cast<std::size_t>(std::min(k, num_items));
  heap.reserve(capacity);
  for (std::int64_t i = 1; i <= num_items; ++i) {
    const ScoredItem item{std::isnan(scores[i]) ? kNegInf : scores[i], i};
    if (heap.size() == capacity && !ranks_before(item, heap.front())) {
      continue;
    }
    if (std::binary_search(masked_ids.begin(), masked_ids.end(), i)) {
      continue;
    }
    if (heap.size() == capacity) {
      std::pop_heap(heap.begin(), heap.end(), ranks_before);
      heap.back() = item;
    } else {
      heap.push_back(item);
    }
    std::push_heap(heap.begin(), heap.end(), ranks_before);
  }
  std::sort_heap(heap.begin(), heap.end(), ranks_before);

  std::vector<std::int64_t> items;
  items.reserve(heap.size());
  for (const ScoredItem& item : heap) items.push_back(item.second);
  return items;
}

ItemCoverage::ItemCoverage(std::int64_t num_items, std::int64_t k)
    : num_items_(num_items), k_(k) {
  check_size(num_items, k);
  recommended_.assign(static_cast<std::size_t>(num_items) + 1, false);
}

void ItemCoverage::add_row(const float* scores,
                           const std::vector<std::int64_t>& masked) {
  for (std::int64_t item : top_k_items(scores, num_items_, k_, masked)) {
    if (!recommended_[item]) {
      recommended_[item] = true;
      ++distinct_;
    }
  }
}

double ItemCoverage::coverage() const {
  return static_cast<double>(distinct_) / static_cast<double>(num_items_);
}

}  // namespace harness::metrics
