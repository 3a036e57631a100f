#include <limits>
#include <stdexcept>
#include <string>

#include "stats/descriptive.h"
#include "stats/paired_tests.h"

namespace harness::stats {

PairedComparison compare_paired(const std::vector<double>& a,
                                const std::vector<double>& b,
                                int bootstrap_samples, std::uint64_t seed) {
  if (a.size() != b.size()) {
    throw std::invalid_argument("compare_paired: " + std::to_string(a.size()) +
                                " values in a but " + std::to_string(b.size()) +
                                " in b: pair them by user or seed first");
  }
  if (a.size() < 2) {
    throw std::invalid_argument("compare_paired: " + std::to_string(a.size()) +
                                " pairs given, expected at least 2");
  }
  if (bootstrap_samples < 0) {
    throw std::invalid_argument("compare_paired: bootstrap_samples is " +
                                std::to_string(bootstrap_samples) +
                                ", expected 0 (no interval) or more");
  }
  check_finite(a, "a");
  check_finite(b, "b");

  std::vector<double> differences(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) differences[i] = a[i] - b[i];

  PairedComparison out;
  out.n = a.size();
  out.mean_a = mean(a);
  out.mean_b = mean(b);
  out.mean_difference = mean(differences);

  const TTest t = paired_t_test(differences);
  out.t_statistic = t.t_statistic;
  out.t_p_value = t.p_value;

  const WilcoxonTest w = paired_wilcoxon(differences);
  out.wilcoxon_statistic = w.w_plus;
  out.wilcoxon_p_value = w.p_value;

  out.effect_size = cohens_dz(differences);

  if (bootstrap_samples == 0) {
    out.ci_low = out.ci_high = std::numeric_limits<double>::quiet_NaN();
  } else {
    const BootstrapInterval ci =
        bootstrap_mean_interval(differences, bootstrap_samples, seed);
    out.ci_low = ci.low;
    out.ci_high = ci.high;
  }
  return out;
}

}  // namespace harness::stats
