// Ranking metrics over full rankings, for one target item or a target
// basket, with pessimistic ties: an item whose score equals a target's
// score ranks above that target.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace harness::metrics {

enum class MetricKind { kRecall, kNdcg, kMrr, kPrecision, kHitRate };

/// Which targets a metric counts: all, repeat items (in the user's history)
/// or explore items (new to the user).
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
/// before the "@". Throws std::invalid_argument naming the accepted forms.
MetricSpec parse_metric(const std::string& text);

/// Pessimistic 1-based ranks of one case's distinct targets, in the order
/// of the case's targets, and whether each target is a repeat item.
struct CaseRanks {
  std::vector<std::int64_t> ranks;
  std::vector<bool> repeat;
};

/// Value of one metric for one case, or NaN when the metric is undefined
/// for it (a repeat metric for a case without repeat targets).
double metric_value(const MetricSpec& spec, const CaseRanks& ranks);

/// Ranks targets within one score row. `scores` has num_items + 1 entries;
/// entry 0 (padding) and the ids in `masked` never rank. A masked target
/// gets the worst rank, num_items + 1.
CaseRanks rank_targets(const float* scores, std::int64_t num_items,
                       const std::vector<std::int64_t>& targets,
                       const std::vector<std::int64_t>& masked,
                       const std::vector<std::int64_t>& full_history);

}  // namespace harness::metrics
