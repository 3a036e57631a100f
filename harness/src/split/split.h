// Evaluation protocols: which events train, which are validation and test
// targets, and what history each target is predicted from.
#pragma once

#include "data/dataset.h"

#include <harness/dataset_info.h>

#include <cstdint>
#include <string>
#include <vector>

namespace harness::split {

/// One prediction to evaluate: the user's history (oldest first, not yet
/// cut to max_history) and the target items (one for the item protocol,
/// the distinct items of the target basket for the basket protocol).
struct EvalCase {
  std::int64_t user = 0;
  std::vector<std::int64_t> history_items;
  std::vector<std::int64_t> history_baskets;
  std::vector<std::int64_t> targets;
};

struct Split {
  TrainingData train;
  std::vector<EvalCase> valid;
  std::vector<EvalCase> test;
  /// Users with fewer than 3 events (item protocol) or baskets (basket
  /// protocol): all their events train, and they are never evaluated.
  std::int64_t training_only_users = 0;
};

/// s1..sn: train on s1..s(n-2), validate s(n-1) from s1..s(n-2), test sn
/// from s1..s(n-1). Baskets, if any, are flattened in their stored order.
Split leave_last_item_out(const data::Dataset& dataset);

/// b1..bm: train on b1..b(m-2), validate b(m-1) from b1..b(m-2), test bm
/// from b1..b(m-1). Throws std::invalid_argument if the data has no baskets.
Split leave_last_basket_out(const data::Dataset& dataset);

/// Dispatches on the protocol name; throws std::invalid_argument naming the
/// allowed kinds for any other name.
Split make_split(const std::string& kind, const data::Dataset& dataset);

}  // namespace harness::split
