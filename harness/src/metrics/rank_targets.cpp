#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "metrics/metrics.h"

namespace harness::metrics {
namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

// Largest basket counted with a linear scan of its sorted scores rather
// than a binary search.
constexpr std::size_t kLinearCountMax = 16;

// A NaN target score counts as -inf, so every candidate ties or beats it.
// The row scans below give NaN candidates the same -inf treatment.
inline float effective_score(float score) {
  return std::isnan(score) ? kNegInf : score;
}

void check_id(std::int64_t id, std::int64_t num_items, const char* list_name) {
  if (id < 0 || id > num_items) {
    throw std::invalid_argument(
        std::string("rank_targets: ") + list_name + " id " +
        std::to_string(id) + " is outside 0.." + std::to_string(num_items) +
        ": map ids with the dataset's item index before ranking");
  }
}

// Sorted, distinct, non-padding copy of `ids`, each checked for range.
std::vector<std::int64_t> sorted_ids(const std::vector<std::int64_t>& ids,
                                     std::int64_t num_items,
                                     const char* list_name) {
  std::vector<std::int64_t> out;
  out.reserve(ids.size());
  for (std::int64_t id : ids) {
    check_id(id, num_items, list_name);
    if (id != 0) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void check_targets(const std::vector<std::int64_t>& targets,
                   std::int64_t num_items) {
  for (std::int64_t t : targets) {
    if (t < 1 || t > num_items) {
      throw std::invalid_argument(
          "rank_targets: target id " + std::to_string(t) + " is outside 1.." +
          std::to_string(num_items) + ": padding (0) cannot be a target");
    }
  }
  std::vector<std::int64_t> sorted(targets);
  std::sort(sorted.begin(), sorted.end());
  auto dup = std::adjacent_find(sorted.begin(), sorted.end());
  if (dup != sorted.end()) {
    throw std::invalid_argument(
        "rank_targets: target id " + std::to_string(*dup) +
        " appears twice: deduplicate the target basket before ranking");
  }
}

bool contains(const std::vector<std::int64_t>& sorted, std::int64_t id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

// Number of entries of the ascending `thresholds` that are <= value.
inline std::size_t count_at_or_below(const std::vector<float>& thresholds,
                                     float value) {
  // Branch-free counting beats a binary search on short baskets, whose
  // comparisons the search cannot predict.
  if (thresholds.size() <= kLinearCountMax) {
    std::size_t count = 0;
    for (float threshold : thresholds) count += threshold <= value;
    return count;
  }
  return static_cast<std::size_t>(
      std::upper_bound(thresholds.begin(), thresholds.end(), value) -
      thresholds.begin());
}

// For each ascending threshold j, the number of row items (1..num_items)
// whose effective score is >= thresholds[j], minus those in `excluded`
// (distinct ids in 1..num_items).
std::vector<std::int64_t> count_scored_at_least(
    const float* scores, std::int64_t num_items,
    const std::vector<float>& thresholds,
    const std::vector<std::int64_t>& excluded) {
  const std::size_t m = thresholds.size();
  std::vector<std::int64_t> at_least(m, 0);
  if (m == 1) {
    // The common one-target case: one comparison per item. Above -inf a
    // raw comparison already counts NaN as below; at -inf every candidate
    // ties or beats the target.
    const float threshold = thresholds[0];
    if (threshold == kNegInf) {
      at_least[0] = num_items - static_cast<std::int64_t>(excluded.size());
      return at_least;
    }
    std::int64_t count = 0;
    for (std::int64_t i = 1; i <= num_items; ++i) {
      count += scores[i] >= threshold;
    }
    for (std::int64_t id : excluded) {
      count -= scores[id] >= threshold;
    }
    at_least[0] = count;
    return at_least;
  }

  // histogram[p] = number of items with exactly p thresholds <= score, so
  // an item is >= thresholds[j] exactly when its p > j. No count uses
  // histogram[0], so items below the lowest threshold (most of them, for
  // a useful model) and NaN items are skipped after one comparison.
  std::vector<std::int64_t> histogram(m + 1, 0);
  const float lowest = thresholds[0];
  for (std::int64_t i = 1; i <= num_items; ++i) {
    const float score = scores[i];
    if (!(score >= lowest)) continue;
    ++histogram[count_at_or_below(thresholds, score)];
  }
  for (std::int64_t id : excluded) {
    const float score = scores[id];
    if (!(score >= lowest)) continue;
    --histogram[count_at_or_below(thresholds, score)];
  }
  std::int64_t suffix = 0;
  for (std::size_t j = m; j-- > 0;) {
    suffix += histogram[j + 1];
    at_least[j] = suffix;
  }

  // Every candidate, NaN ones included, ties or beats a -inf threshold.
  const auto candidates =
      num_items - static_cast<std::int64_t>(excluded.size());
  for (std::size_t j = 0; j < m && thresholds[j] == kNegInf; ++j) {
    at_least[j] = candidates;
  }
  return at_least;
}

}  // namespace

CaseRanks rank_targets(const float* scores, std::int64_t num_items,
                       const std::vector<std::int64_t>& targets,
                       const std::vector<std::int64_t>& masked,
                       const std::vector<std::int64_t>& full_history) {
  if (scores == nullptr) {
    throw std::invalid_argument("rank_targets: scores is null");
  }
  if (num_items < 1) {
    throw std::invalid_argument("rank_targets: num_items is " +
                                std::to_string(num_items) +
                                ", expected at least 1");
  }
  check_targets(targets, num_items);
  const std::vector<std::int64_t> masked_ids =
      sorted_ids(masked, num_items, "masked");
  const std::vector<std::int64_t> history_ids =
      sorted_ids(full_history, num_items, "history");

  CaseRanks out;
  out.num_items = num_items;
  out.ranks.assign(targets.size(), num_items + 1);
  out.repeat.resize(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    out.repeat[i] = contains(history_ids, targets[i]);
  }

  // Ranked (not masked) targets are placed by score, descending. The
  // stable sort keeps the order of `targets` among equal scores.
  std::vector<std::size_t> placed;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (!contains(masked_ids, targets[i])) placed.push_back(i);
  }
  if (placed.empty()) return out;
  std::stable_sort(placed.begin(), placed.end(),
                   [&](std::size_t x, std::size_t y) {
                     return effective_score(scores[targets[x]]) >
                            effective_score(scores[targets[y]]);
                   });

  // Items that are not candidates: masked ids and the ranked targets.
  std::vector<std::int64_t> excluded(masked_ids);
  for (std::size_t i : placed) excluded.push_back(targets[i]);

  // thresholds ascending = placed targets' scores in reverse placement.
  const std::size_t m = placed.size();
  std::vector<float> thresholds(m);
  for (std::size_t q = 0; q < m; ++q) {
    thresholds[m - 1 - q] = effective_score(scores[targets[placed[q]]]);
  }
  const std::vector<std::int64_t> at_least =
      count_scored_at_least(scores, num_items, thresholds, excluded);
  for (std::size_t q = 0; q < m; ++q) {
    const std::int64_t better_candidates = at_least[m - 1 - q];
    const auto targets_before = static_cast<std::int64_t>(q);
    out.ranks[placed[q]] = 1 + better_candidates + targets_before;
  }
  return out;
}

}  // namespace harness::metrics
