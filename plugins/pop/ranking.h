// Item counts and exact ranking scores, shared by the baseline plugins that
// rank by popularity or fall back to it (pop, last_items, item_knn,
// top_freq). Scores are float; every level used here is an integer below
// 2^24, so float represents it exactly and distinct levels never merge.
#pragma once

#include <harness/dataset_info.h>
#include <torch/torch.h>

#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

namespace harness::baselines {

/// Integers up to 2^24 are exact in float; the next one, 2^24 + 1, is not.
constexpr std::int64_t kMaxExactFloat = std::int64_t{1} << 24;

/// Returns int64 [num_items + 1]: training events per item (entry 0, the
/// padding item, is 0). Item ids must already be checked.
inline torch::Tensor count_events(const TrainingData& data,
                                  std::int64_t num_items) {
  torch::Tensor counts = torch::zeros({num_items + 1}, torch::kInt64);
  auto count = counts.accessor<std::int64_t, 1>();
  for (const UserSequence& sequence : data.users) {
    for (std::int64_t item : sequence.items) ++count[item];
  }
  return counts;
}

/// Returns int64 [num_items + 1]: training baskets that contain each item.
/// An item repeated inside one basket counts once.
inline torch::Tensor count_baskets(const TrainingData& data,
                                   std::int64_t num_items) {
  torch::Tensor counts = torch::zeros({num_items + 1}, torch::kInt64);
  auto count = counts.accessor<std::int64_t, 1>();
  std::set<std::pair<std::int64_t, std::int64_t>> seen;
  for (const UserSequence& sequence : data.users) {
    seen.clear();
    for (std::size_t i = 0; i < sequence.items.size(); ++i) {
      if (seen.emplace(sequence.baskets[i], sequence.items[i]).second) {
        ++count[sequence.items[i]];
      }
    }
  }
  return counts;
}

/// Returns the dense ascending rank of each count (0 for the smallest
/// value; equal counts share a rank) and the number of distinct ranks.
inline std::pair<torch::Tensor, std::int64_t> dense_ranks(
    const torch::Tensor& counts) {
  auto [values, inverse] =
      torch::_unique(counts, /*sorted=*/true, /*return_inverse=*/true);
  return {inverse.to(torch::kInt64), values.size(0)};
}

/// Per row of `items` (int64 [B, T], 0 = padding) and non-negative
/// `stamps` (int64 [B, T], e.g. column or basket ordinal), returns int64
/// [B, num_items + 1] tensors: the number of distinct stamps at which each
/// item occurs, and the largest such stamp (0 for absent items and for the
/// padding column).
inline std::pair<torch::Tensor, torch::Tensor> stamp_counts_and_latest(
    const torch::Tensor& items, const torch::Tensor& stamps,
    std::int64_t num_items) {
  using torch::indexing::None;
  using torch::indexing::Slice;
  const std::int64_t rows = items.size(0);
  const std::int64_t stride =
      (stamps.numel() > 0 ? stamps.max().item<std::int64_t>() : 0) + 1;

  // Sorting (item, stamp) keys groups each item's events by stamp, so a
  // repeated stamp is a run and the item's last entry has its latest stamp.
  torch::Tensor sorted = std::get<0>(
      (items * stride + stamps).sort(/*dim=*/1, /*descending=*/false));
  torch::Tensor item = sorted.div(stride, "floor");
  torch::Tensor stamp = sorted.remainder(stride);
  torch::Tensor new_pair = torch::ones_like(sorted, torch::kBool);
  torch::Tensor last_of_item = torch::ones_like(sorted, torch::kBool);
  if (sorted.size(1) > 1) {
    new_pair.index_put_({Slice(), Slice(1, None)},
                        sorted.index({Slice(), Slice(1, None)}) !=
                            sorted.index({Slice(), Slice(None, -1)}));
    last_of_item.index_put_({Slice(), Slice(None, -1)},
                            item.index({Slice(), Slice(None, -1)}) !=
                                item.index({Slice(), Slice(1, None)}));
  }
  torch::Tensor real = item != 0;

  // Integer scatter_add is exact and order-independent. Each item adds its
  // latest stamp once.
  torch::Tensor counts =
      torch::zeros({rows, num_items + 1}, torch::kInt64)
          .scatter_add_(1, item, (new_pair & real).to(torch::kInt64));
  torch::Tensor latest =
      torch::zeros({rows, num_items + 1}, torch::kInt64)
          .scatter_add_(1, item,
                        stamp * (last_of_item & real).to(torch::kInt64));
  return {counts, latest};
}

/// Converts non-negative int64 ranking levels to float scores, throwing
/// std::runtime_error when a level is too large for float to hold exactly.
inline torch::Tensor exact_float_scores(const torch::Tensor& levels,
                                        const std::string& plugin) {
  if (levels.numel() > 0) {
    const std::int64_t high = levels.max().item<std::int64_t>();
    if (high > kMaxExactFloat) {
      throw std::runtime_error(
          plugin + ": ranking level " + std::to_string(high) +
          " exceeds 2^24, so float scores would merge distinct ranks; "
          "lower max_history or use fewer items");
    }
  }
  return levels.to(torch::kFloat32);
}

/// Ranks the columns of each row by `primary` (float64 [B, C], higher
/// first), breaking ties by `secondary` (int64 [C], higher first). Returns
/// float [B, C] scores: C - 1 for the best key, one less per distinct key
/// below it, so columns equal in both keys keep equal scores.
inline torch::Tensor lexicographic_scores(const torch::Tensor& primary,
                                          const torch::Tensor& secondary,
                                          const std::string& plugin) {
  const std::int64_t rows = primary.size(0);
  const std::int64_t columns = primary.size(1);

  // Two stable sorts: by secondary once, then by primary per row, so equal
  // primary keys stay in secondary order.
  torch::Tensor by_secondary = std::get<1>(
      secondary.sort(/*stable=*/true, /*dim=*/0, /*descending=*/true));
  torch::Tensor permuted = primary.index_select(1, by_secondary);
  auto [sorted, position] =
      permuted.sort(/*stable=*/true, /*dim=*/1, /*descending=*/true);
  torch::Tensor columns_sorted = by_secondary.index({position});
  torch::Tensor secondary_sorted = secondary.index({columns_sorted});

  // A new level starts wherever either key changes.
  using torch::indexing::None;
  using torch::indexing::Slice;
  torch::Tensor changed = (sorted.index({Slice(), Slice(1, None)}) !=
                           sorted.index({Slice(), Slice(None, -1)})) |
                          (secondary_sorted.index({Slice(), Slice(1, None)}) !=
                           secondary_sorted.index({Slice(), Slice(None, -1)}));
  torch::Tensor level = torch::cat({torch::zeros({rows, 1}, torch::kInt64),
                                    changed.to(torch::kInt64).cumsum(1)},
                                   1);
  torch::Tensor scores_sorted =
      exact_float_scores((columns - 1) - level, plugin);
  return torch::zeros({rows, columns}, torch::kFloat32)
      .scatter_(1, columns_sorted, scores_sorted);
}

}  // namespace harness::baselines
