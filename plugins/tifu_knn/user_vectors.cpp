#include "user_vectors.h"

#include <tuple>

namespace harness::baselines {
namespace {

using torch::indexing::None;
using torch::indexing::Slice;

// Per event: weight of its basket in the user vector (0 on padding).
torch::Tensor event_weights(const torch::Tensor& baskets,
                            const UserVectorOptions& options) {
  const std::int64_t rows = baskets.size(0);
  const std::int64_t m = options.num_groups;

  // q: 0-based position of the event's basket among the row's baskets.
  torch::Tensor real = baskets > 0;
  torch::Tensor previous =
      torch::cat({torch::zeros({rows, 1}, torch::kInt64),
                  baskets.index({Slice(), Slice(None, -1)})},
                 1);
  torch::Tensor starts_basket = real & (baskets != previous);
  torch::Tensor ordinal = starts_basket.to(torch::kInt64).cumsum(1);
  torch::Tensor q = (ordinal - 1).clamp_min(0);
  torch::Tensor n = ordinal.index({Slice(), Slice(-1, None)});  // [B, 1]

  // Groups when n >= m: the first m - n % m hold `base` baskets, the rest
  // base + 1. `base` is clamped so rows with n < m divide safely.
  torch::Tensor base = n.div(m, "floor").clamp_min(1);
  torch::Tensor small_groups = m - n.remainder(m);
  torch::Tensor split = small_groups * base;
  torch::Tensor in_small = q < split;
  torch::Tensor group =
      torch::where(in_small, q.div(base, "floor"),
                   small_groups + (q - split).div(base + 1, "floor"));
  torch::Tensor size = torch::where(in_small, base, base + 1);
  torch::Tensor start = torch::where(
      in_small, group * base, split + (group - small_groups) * (base + 1));
  torch::Tensor from_group_end = start + size - 1 - q;
  torch::Tensor real_groups = torch::full_like(n, m);

  // Fewer baskets than groups: one basket per group.
  torch::Tensor few = n < m;
  group = torch::where(few, q, group);
  size = torch::where(few, torch::ones_like(size), size);
  from_group_end =
      torch::where(few, torch::zeros_like(from_group_end), from_group_end);
  real_groups = torch::where(few, n, real_groups);

  torch::Tensor distance = options.origin == WithinDecayOrigin::kGroup
                               ? from_group_end
                               : (n - 1 - q);
  torch::Tensor weight =
      torch::pow(options.within_decay, distance.to(torch::kFloat64)) *
      torch::pow(options.group_decay, (m - 1 - group).to(torch::kFloat64)) /
      (size * real_groups.clamp_min(1)).to(torch::kFloat64);
  return torch::where(real, weight, torch::zeros_like(weight));
}

}  // namespace

torch::Tensor user_vectors(const torch::Tensor& items,
                           const torch::Tensor& baskets, std::int64_t num_items,
                           const UserVectorOptions& options) {
  const std::int64_t rows = items.size(0);
  torch::Tensor result = torch::zeros({rows, num_items + 1}, torch::kFloat64);
  if (items.size(1) == 0) return result.to(torch::kFloat32);
  torch::Tensor weight = event_weights(baskets, options);

  // Sorting (item, basket) keys puts repeats of an item inside one basket
  // next to each other, so only the first of each run adds its weight.
  const std::int64_t stride = baskets.max().item<std::int64_t>() + 1;
  auto [keys, order] = (items * stride + baskets).sort(/*dim=*/1);
  torch::Tensor first = torch::ones_like(keys, torch::kBool);
  first.index_put_({Slice(), Slice(1, None)},
                   keys.index({Slice(), Slice(1, None)}) !=
                       keys.index({Slice(), Slice(None, -1)}));
  torch::Tensor item = keys.div(stride, "floor");
  torch::Tensor first_weight =
      weight.gather(1, order) * first.to(torch::kFloat64);
  return result.scatter_add_(1, item, first_weight).to(torch::kFloat32);
}

}  // namespace harness::baselines
