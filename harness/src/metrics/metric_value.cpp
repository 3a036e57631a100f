#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "metrics/metrics.h"

namespace harness::metrics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool in_subset(TargetSubset subset, bool repeat) {
  switch (subset) {
    case TargetSubset::kAll:
      return true;
    case TargetSubset::kRepeat:
      return repeat;
    case TargetSubset::kExplore:
      return !repeat;
  }
  return false;
}

// Discount of a hit at a 1-based rank.
double discount(std::int64_t rank) {
  return 1.0 / std::log2(static_cast<double>(rank) + 1.0);
}

double ideal_dcg(std::int64_t num_targets, std::int64_t k) {
  double idcg = 0;
  for (std::int64_t i = 1; i <= std::min(num_targets, k); ++i) {
    idcg += discount(i);
  }
  return idcg;
}

}  // namespace

double metric_value(const MetricSpec& spec, const CaseRanks& ranks) {
  if (ranks.ranks.size() != ranks.repeat.size()) {
    throw std::invalid_argument(
        "metric_value: " + std::to_string(ranks.ranks.size()) + " ranks but " +
        std::to_string(ranks.repeat.size()) +
        " repeat flags: build CaseRanks with rank_targets");
  }
  if (spec.k < 1) {
    throw std::invalid_argument("metric_value: K is " + std::to_string(spec.k) +
                                ", expected at least 1");
  }

  std::int64_t size = 0;
  std::int64_t hits = 0;
  double dcg = 0;
  std::int64_t best_rank = std::numeric_limits<std::int64_t>::max();
  for (std::size_t i = 0; i < ranks.ranks.size(); ++i) {
    if (!in_subset(spec.subset, ranks.repeat[i])) continue;
    const std::int64_t rank = ranks.ranks[i];
    if (rank < 1) {
      throw std::invalid_argument("metric_value: rank " + std::to_string(rank) +
                                  " is below 1: ranks are 1-based");
    }
    ++size;
    // A masked target's rank, num_items + 1, can be within a large K.
    if (ranks.num_items != 0 && rank > ranks.num_items) continue;
    best_rank = std::min(best_rank, rank);
    if (rank <= spec.k) {
      ++hits;
      dcg += discount(rank);
    }
  }
  if (size == 0) return kNaN;

  switch (spec.kind) {
    case MetricKind::kRecall:
      return static_cast<double>(hits) / static_cast<double>(size);
    case MetricKind::kPrecision:
      return static_cast<double>(hits) / static_cast<double>(spec.k);
    case MetricKind::kHitRate:
      return hits > 0 ? 1.0 : 0.0;
    case MetricKind::kNdcg:
      return dcg / ideal_dcg(size, spec.k);
    case MetricKind::kMrr:
      return best_rank <= spec.k ? 1.0 / static_cast<double>(best_rank) : 0.0;
  }
  throw std::invalid_argument("metric_value: unknown metric kind " +
                              std::to_string(static_cast<int>(spec.kind)));
}

DefinedMean mean_ignoring_nan(const std::vector<double>& values) {
  DefinedMean out;
  double sum = 0;
  for (double v : values) {
    if (std::isnan(v)) continue;
    sum += v;
    ++out.count;
  }
  out.mean = out.count == 0 ? kNaN : sum / static_cast<double>(out.count);
  return out;
}

}  // namespace harness::metrics
