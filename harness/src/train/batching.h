// Turns training sequences and evaluation cases into left-padded tensors.
#pragma once

#include "split/split.h"

#include <harness/batch.h>
#include <harness/dataset_info.h>

#include <cstdint>
#include <random>
#include <vector>

namespace harness::train {

/// A stretch of one user's training events.
struct Window {
  std::int64_t user = 0;
  const UserSequence* sequence = nullptr;
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Cuts each training sequence into windows of at most max_history + 1
/// events, from the end backwards, overlapping by one event, so that every
/// transition is a target in exactly one window. Sequences of one event
/// have no transition and give no window.
std::vector<Window> make_training_windows(const TrainingData& data,
                                          std::int64_t max_history);

/// Stacks windows[indices] into a batch as wide as its longest row.
SequenceBatch collate_windows(const std::vector<Window>& windows,
                              const std::vector<std::size_t>& indices);

/// Stacks the most recent max_history history events of each case.
SequenceBatch collate_histories(const std::vector<split::EvalCase>& cases,
                                std::size_t begin, std::size_t end,
                                std::int64_t max_history);

/// A permutation of 0..n-1 from a seeded generator, identical on every
/// standard library (std::shuffle's algorithm is not specified).
std::vector<std::size_t> shuffled_indices(std::size_t n,
                                          std::mt19937_64& generator);

}  // namespace harness::train
