#include "stats/welch_test.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "stats/descriptive.h"

namespace harness::stats {

WelchComparison welch_t_test(const std::vector<double>& a,
                             const std::vector<double>& b) {
  if (a.size() < 2 || b.size() < 2) {
    throw std::invalid_argument(
        "Welch t-test: samples of " + std::to_string(a.size()) + " and " +
        std::to_string(b.size()) + " values, expected at least 2 in each");
  }
  check_finite(a, "a");
  check_finite(b, "b");

  WelchComparison out;
  out.n_a = a.size();
  out.n_b = b.size();
  out.mean_a = mean(a);
  out.mean_b = mean(b);
  out.mean_difference = out.mean_a - out.mean_b;

  const double n_a = static_cast<double>(out.n_a);
  const double n_b = static_cast<double>(out.n_b);
  const double se_a = sample_variance(a) / n_a;  // squared standard errors
  const double se_b = sample_variance(b) / n_b;
  const double se_sum = se_a + se_b;
  if (se_sum == 0) {
    out.degrees_of_freedom = n_a + n_b - 2;
    if (out.mean_difference == 0) return out;
    out.t_statistic = std::copysign(std::numeric_limits<double>::infinity(),
                                    out.mean_difference);
    out.p_value = 0;
    return out;
  }
  out.t_statistic = out.mean_difference / std::sqrt(se_sum);
  out.degrees_of_freedom =
      se_sum * se_sum / (se_a * se_a / (n_a - 1) + se_b * se_b / (n_b - 1));
  out.p_value = student_t_two_sided_p(out.t_statistic, out.degrees_of_freedom);
  return out;
}

}  // namespace harness::stats
