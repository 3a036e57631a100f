// TIFU-KNN's personal item-frequency vector: multi-hot basket vectors,
// decayed within groups of consecutive baskets and across groups.
#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace harness::baselines {

/// Origin of the basket distance in the within-group decay.
enum class WithinDecayOrigin {
  /// The group's last basket, as in Hu et al. (SIGIR 2020).
  kGroup,
  /// The history's last basket, as in the authors' TIFUKNN.py.
  kHistory,
};

struct UserVectorOptions {
  /// m: number of groups the history baskets are split into.
  std::int64_t num_groups = 3;
  /// r_b: decay per basket inside a group.
  double within_decay = 0.9;
  /// r_g: decay per group.
  double group_decay = 0.7;
  WithinDecayOrigin origin = WithinDecayOrigin::kGroup;
};

/// Computes float32 [B, num_items + 1] user vectors from left-padded
/// histories (`items` and `baskets` int64 [B, T], basket ordinals
/// non-decreasing along a row, 0 on padding).
///
/// With n baskets and m groups, n >= m: the first m - n % m groups take
/// n / m baskets and the last n % m groups one more (the authors' code).
/// Basket q gets weight within_decay^d, d its distance from the origin;
/// a group vector is the mean of its weighted baskets; the user vector is
/// sum over groups g = 0..m-1 of group_decay^(m - 1 - g) * group_g / m.
/// With n < m each basket is its own group g = q, keeps the exponent
/// m - 1 - g and the sum is divided by n, as the authors' code does. An
/// item repeated inside one basket counts once; an empty row gives zeros.
torch::Tensor user_vectors(const torch::Tensor& items,
                           const torch::Tensor& baskets, std::int64_t num_items,
                           const UserVectorOptions& options);

}  // namespace harness::baselines
