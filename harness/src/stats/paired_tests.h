// Significance tests for comparing two models on the same users or seeds.
#pragma once

#include <cstdint>
#include <vector>

namespace harness::stats {

struct PairedComparison {
  std::size_t n = 0;
  double mean_a = 0, mean_b = 0;
  /// mean(a - b).
  double mean_difference = 0;
  /// Paired Student t-test, two-sided.
  double t_statistic = 0, t_p_value = 1;
  /// Wilcoxon signed-rank test, two-sided; zero differences dropped, ties
  /// given average ranks; normal approximation with tie correction.
  double wilcoxon_statistic = 0, wilcoxon_p_value = 1;
  /// Cohen's d_z: mean difference over the standard deviation of the
  /// differences (0 when all differences are equal).
  double effect_size = 0;
  /// Percentile bootstrap 95% interval of the mean difference.
  double ci_low = 0, ci_high = 0;
};

/// Compares paired samples. Throws std::invalid_argument when sizes differ
/// or fewer than 2 pairs are given.
PairedComparison compare_paired(const std::vector<double>& a,
                                const std::vector<double>& b,
                                int bootstrap_samples = 10000,
                                std::uint64_t seed = 1);

/// Holm-Bonferroni adjusted p-values, in the order given.
std::vector<double> holm_adjust(const std::vector<double>& p_values);

}  // namespace harness::stats
