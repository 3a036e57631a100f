// Welch's t-test for two independent samples, e.g. one metric over the
// seeds of two models when seed i of one is unrelated to seed i of the
// other.
#pragma once

#include <cstddef>
#include <vector>

namespace harness::stats {

struct WelchComparison {
  std::size_t n_a = 0, n_b = 0;
  double mean_a = 0, mean_b = 0;
  /// mean_a - mean_b.
  double mean_difference = 0;
  double t_statistic = 0;
  /// Welch-Satterthwaite degrees of freedom.
  double degrees_of_freedom = 0;
  /// Two-sided.
  double p_value = 1;
};

/// t = (mean_a - mean_b) / sqrt(var_a / n_a + var_b / n_b), variances over
/// n - 1, df = (var_a/n_a + var_b/n_b)^2 / ((var_a/n_a)^2 / (n_a - 1) +
/// (var_b/n_b)^2 / (n_b - 1)). When both samples are constant the df
/// formula is 0/0, so df is reported as n_a + n_b - 2, with t = 0 and
/// p = 1 for equal means, else t = +-inf and p = 0. Throws
/// std::invalid_argument when a sample has fewer than 2 values or a value
/// is not finite.
WelchComparison welch_t_test(const std::vector<double>& a,
                             const std::vector<double>& b);

}  // namespace harness::stats
