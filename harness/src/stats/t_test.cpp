#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "stats/descriptive.h"
#include "stats/paired_tests.h"

namespace harness::stats {

TTest paired_t_test(const std::vector<double>& differences) {
  if (differences.size() < 2) {
    throw std::invalid_argument(
        "paired t-test: " + std::to_string(differences.size()) +
        " differences given, expected at least 2");
  }
  check_finite(differences, "difference");
  const double n = static_cast<double>(differences.size());
  TTest out;
  out.degrees_of_freedom = n - 1;

  const double m = mean(differences);
  const double sd = std::sqrt(sample_variance(differences));
  if (sd == 0) {
    // Constant differences: no spread to test against.
    if (m == 0) return out;
    out.t_statistic = std::copysign(std::numeric_limits<double>::infinity(), m);
    out.p_value = 0;
    return out;
  }
  out.t_statistic = m / (sd / std::sqrt(n));
  out.p_value = student_t_two_sided_p(out.t_statistic, out.degrees_of_freedom);
  return out;
}

double cohens_dz(const std::vector<double>& differences) {
  if (differences.size() < 2) {
    throw std::invalid_argument(
        "Cohen's d_z: " + std::to_string(differences.size()) +
        " differences given, expected at least 2");
  }
  check_finite(differences, "difference");
  const double sd = std::sqrt(sample_variance(differences));
  return sd == 0 ? 0.0 : mean(differences) / sd;
}

}  // namespace harness::stats
