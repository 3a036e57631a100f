// Ranking metrics over full rankings, for one target item or a target
// basket, with pessimistic ties: an item whose score equals a target's
// score ranks above that target.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace harness::metrics {

enum class MetricKind { kRecall, kNdcg, kMrr, kPrecision, kHitRate };

/// Subset of targets a metric counts: all, repeat items (in the user's
/// history) or explore items (new to the user).
enum class TargetSubset { kAll, kRepeat, kExplore };

struct MetricSpec {
  MetricKind kind = MetricKind::kNdcg;
  std::int64_t k = 10;
  TargetSubset subset = TargetSubset::kAll;
  /// Canonical name, e.g. "ndcg@10", "recall_repeat@20", "phr_explore@10".
  std::string name;
};

/// Parses "recall@10", "ndcg@20", "mrr@10", "precision@10", "phr@10"
/// ("hit@10" is an alias), each optionally with "_repeat" or "_explore"
/// before the "@". Letter case is ignored and the canonical name is lower
/// case. Throws std::invalid_argument naming the accepted forms.
MetricSpec parse_metric(const std::string& text);

/// Pessimistic 1-based ranks of one case's distinct targets, in the order
/// of the case's targets, and whether each target is a repeat item.
struct CaseRanks {
  std::vector<std::int64_t> ranks;
  std::vector<bool> repeat;
  /// Catalogue size. A rank above it (a masked target) is a miss at every
  /// K, even K > num_items. 0 when unknown, and then only K decides.
  std::int64_t num_items = 0;
};

/// Value of one metric for one case, or NaN when the metric is undefined
/// for it (a repeat metric for a case without repeat targets, or a case
/// without targets). With G the targets of the subset and hits the targets
/// of G ranked within K:
///   recall = hits / |G|, precision = hits / K, phr = (hits > 0),
///   ndcg = sum over hits of 1 / log2(rank + 1), divided by
///          sum_{i=1..min(|G|, K)} 1 / log2(i + 1),
///   mrr = 1 / (best rank in G) when that rank is within K, else 0.
/// Throws std::invalid_argument when ranks and repeat differ in size, K < 1
/// or a rank is below 1.
double metric_value(const MetricSpec& spec, const CaseRanks& ranks);

/// Ranks targets within one score row. `scores` has num_items + 1 entries;
/// entry 0 (padding) and the ids in `masked` never rank. A masked target
/// gets the worst rank, num_items + 1, which metric_value counts as a miss.
///
/// A target t ranks 1 + #(other candidates scored >= t) + #(targets placed
/// before t), where targets are placed by score, descending, and equal
/// scores by their order in `targets`. Targets do not push each other down
/// beyond that, so a basket of m targets can fill ranks 1..m. NaN scores
/// count as -infinity. `repeat[i]` is whether targets[i] is in
/// `full_history`. Runs one pass over the row and allocates only buffers
/// of the size of `targets`, `masked` and `full_history`.
///
/// Throws std::invalid_argument when `scores` is null, num_items < 1, a
/// target is outside 1..num_items or repeated, or a masked or history id
/// is outside 0..num_items (0, padding, is ignored there).
CaseRanks rank_targets(const float* scores, std::int64_t num_items,
                       const std::vector<std::int64_t>& targets,
                       const std::vector<std::int64_t>& masked,
                       const std::vector<std::int64_t>& full_history);

/// Mean of the defined (non-NaN) values and how many there were.
struct DefinedMean {
  /// NaN when no value is defined.
  double mean = 0;
  std::size_t count = 0;
};

/// Averages per-case metric values, skipping NaN (cases where the metric is
/// undefined), as repeat and explore metrics are reported in Li et al.
/// 2023, "A Next Basket Recommendation Reality Check".
DefinedMean mean_ignoring_nan(const std::vector<double>& values);

}  // namespace harness::metrics
