// Slices of one user's event sequence, shared by both protocols.
#pragma once

#include "split/split.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace harness::split {

/// The first `count` events of `user` as a training sequence.
inline UserSequence training_prefix(const data::Dataset& dataset,
                                    std::int64_t user, std::size_t count) {
  const auto& items = dataset.items[user];
  const auto& baskets = dataset.baskets[user];
  UserSequence sequence;
  sequence.user = user;
  sequence.items.assign(items.begin(), items.begin() + count);
  sequence.baskets.assign(baskets.begin(), baskets.begin() + count);
  return sequence;
}

/// A case predicting `targets` from the first `history` events of `user`.
inline EvalCase eval_case(const data::Dataset& dataset, std::int64_t user,
                          std::size_t history,
                          std::vector<std::int64_t> targets) {
  const auto& items = dataset.items[user];
  const auto& baskets = dataset.baskets[user];
  EvalCase result;
  result.user = user;
  result.history_items.assign(items.begin(), items.begin() + history);
  result.history_baskets.assign(baskets.begin(), baskets.begin() + history);
  result.targets = std::move(targets);
  return result;
}

}  // namespace harness::split
