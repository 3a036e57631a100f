// Hand-made training data and history batches for the baseline plugin
// tests.
#pragma once

#include <harness/batch.h>
#include <harness/dataset_info.h>
#include <torch/torch.h>

#include <algorithm>
#include <cstdint>
#include <vector>

// glog, which LibTorch includes, also defines CHECK. If doctest came first,
// every CHECK in the test would silently become a glog check.
#ifdef DOCTEST_LIBRARY_INCLUDED
#error "include <doctest/doctest.h> after baseline_fixtures.h"
#endif

namespace harness::testing {

/// One user's events as baskets, oldest first.
using Baskets = std::vector<std::vector<std::int64_t>>;

/// Flattens baskets into a sequence with basket ordinals from 1.
inline UserSequence sequence_of(std::int64_t user, const Baskets& baskets) {
  UserSequence sequence;
  sequence.user = user;
  for (std::size_t b = 0; b < baskets.size(); ++b) {
    for (std::int64_t item : baskets[b]) {
      sequence.items.push_back(item);
      sequence.baskets.push_back(static_cast<std::int64_t>(b) + 1);
    }
  }
  return sequence;
}

/// A sequence where every event is its own basket.
inline UserSequence events_of(std::int64_t user,
                              const std::vector<std::int64_t>& items) {
  Baskets baskets;
  for (std::int64_t item : items) baskets.push_back({item});
  return sequence_of(user, baskets);
}

inline DatasetInfo dataset_info(std::int64_t num_items,
                                std::int64_t num_users) {
  static const ItemSideData kNoSideData;
  DatasetInfo info;
  info.num_items = num_items;
  info.num_users = num_users;
  info.max_history = 50;
  info.side = &kNoSideData;
  return info;
}

/// Stacks sequences into a left-padded batch as wide as the longest.
inline SequenceBatch batch_of(const std::vector<UserSequence>& rows) {
  std::size_t width = 1;
  for (const auto& row : rows) width = std::max(width, row.items.size());
  const auto count = static_cast<std::int64_t>(rows.size());
  SequenceBatch batch;
  batch.items =
      torch::zeros({count, static_cast<std::int64_t>(width)}, torch::kInt64);
  batch.baskets = torch::zeros_like(batch.items);
  batch.users = torch::zeros({count}, torch::kInt64);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::size_t offset = width - rows[r].items.size();
    for (std::size_t t = 0; t < rows[r].items.size(); ++t) {
      batch.items[r][offset + t] = rows[r].items[t];
      batch.baskets[r][offset + t] = rows[r].baskets[t];
    }
    batch.users[r] = rows[r].user;
  }
  return batch;
}

/// Returns row `row` of a [B, C] score tensor as floats.
inline std::vector<float> row_of(const torch::Tensor& scores,
                                 std::int64_t row) {
  torch::Tensor r = scores[row].to(torch::kFloat32).contiguous();
  return std::vector<float>(r.data_ptr<float>(),
                            r.data_ptr<float>() + r.numel());
}

}  // namespace harness::testing
