// Significance tests for comparing two models on the same users or seeds.
#pragma once

#include <cstddef>
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
  /// given average ranks; normal approximation with tie correction. The
  /// statistic is W+, as in paired_wilcoxon below.
  double wilcoxon_statistic = 0, wilcoxon_p_value = 1;
  /// Cohen's d_z: mean difference over the standard deviation of the
  /// differences (0 when all differences are equal).
  double effect_size = 0;
  /// Percentile bootstrap 95% interval of the mean difference.
  double ci_low = 0, ci_high = 0;
};

/// Compares paired samples. Throws std::invalid_argument when sizes differ,
/// fewer than 2 pairs are given, a value is not finite (drop the cases where
/// either metric is undefined first) or bootstrap_samples is negative. With
/// bootstrap_samples = 0 the interval is NaN.
PairedComparison compare_paired(const std::vector<double>& a,
                                const std::vector<double>& b,
                                int bootstrap_samples = 10000,
                                std::uint64_t seed = 1);

/// Holm-Bonferroni adjusted p-values, in the order given: the i-th smallest
/// p becomes max over j <= i of min(1, (m - j + 1) p_(j)). Throws
/// std::invalid_argument when a p-value is NaN or outside [0, 1].
std::vector<double> holm_adjust(const std::vector<double>& p_values);

/// One-sample t-test of mean(d) = 0, two-sided.
struct TTest {
  double t_statistic = 0;
  double degrees_of_freedom = 0;
  double p_value = 1;
};

/// t = mean(d) / (sd(d) / sqrt(n)) with df = n - 1 and sd over n - 1. When
/// all d are equal: t = 0 and p = 1 if they are 0, else t = +-inf and
/// p = 0. Needs at least 2 finite values.
TTest paired_t_test(const std::vector<double>& differences);

/// Wilcoxon signed-rank test, two-sided, normal approximation.
struct WilcoxonTest {
  /// Sum of the ranks of the positive differences (W+, R's V).
  double w_plus = 0;
  /// Number of non-zero differences, the ones that were ranked.
  std::size_t n_ranked = 0;
  double z = 0;
  double p_value = 1;
};

/// Drops zero differences, ranks |d| with average ranks for ties, and
/// compares W+ with its null mean n(n+1)/4 and variance
/// n(n+1)(2n+1)/24 - sum(t^3 - t)/48 over tie groups of size t. The
/// continuity correction moves |W+ - mean| towards 0 by 0.5, stopping at
/// 0. p = 1 when no difference is non-zero.
/// NOTE: the normal approximation is coarse for fewer than about 20 ranked
/// differences; prefer the t-test, or an exact table, there.
WilcoxonTest paired_wilcoxon(const std::vector<double>& differences);

/// Cohen's d_z: mean(d) / sd(d), 0 when all d are equal.
double cohens_dz(const std::vector<double>& differences);

struct BootstrapInterval {
  double low = 0, high = 0;
};

/// Percentile bootstrap interval of mean(d) at the given level (0.95 for a
/// 95% interval). Each of `samples` resamples draws n indices from
/// std::mt19937_64(seed) mapped to 0..n-1 by rejection, which the C++
/// standard fixes exactly, so a seed gives the same interval with any
/// standard library. Quantiles interpolate linearly between order
/// statistics (numpy's default). Throws std::invalid_argument when d is
/// empty, samples < 1 or level is not in (0, 1).
BootstrapInterval bootstrap_mean_interval(
    const std::vector<double>& differences, int samples, std::uint64_t seed,
    double level = 0.95);

/// An index uniform in 0..n-1 (n >= 1) from a generator of uniform 64-bit
/// values, such as std::mt19937_64. Outputs among the top 2^64 mod n are
/// drawn again, because they would bias x % n towards small indices.
template <typename Generator>
std::uint64_t uniform_index(Generator& generator, std::uint64_t n) {
  const std::uint64_t rejected = (0 - n) % n;  // 2^64 mod n
  std::uint64_t x = generator();
  while (x > ~std::uint64_t{0} - rejected) x = generator();
  return x % n;
}

}  // namespace harness::stats
