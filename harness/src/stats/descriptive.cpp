#include "stats/descriptive.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>

namespace harness::stats {

void check_finite(const std::vector<double>& values, const char* sample_name) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw std::invalid_argument(
          std::string(sample_name) + "[" + std::to_string(i) + "] is " +
          std::to_string(values[i]) +
          ": drop the cases where a metric is undefined before testing");
    }
  }
}

double mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

bool all_equal(const std::vector<double>& values) {
  return std::adjacent_find(values.begin(), values.end(),
                            std::not_equal_to<double>()) == values.end();
}

double sample_variance(const std::vector<double>& values) {
  if (values.size() < 2 || all_equal(values)) return 0;
  const double m = mean(values);
  double sum_squares = 0;
  for (double v : values) sum_squares += (v - m) * (v - m);
  return sum_squares / static_cast<double>(values.size() - 1);
}

double student_t_two_sided_p(double t, double degrees_of_freedom) {
  const boost::math::students_t distribution(degrees_of_freedom);
  const double p =
      2 * boost::math::cdf(boost::math::complement(distribution, std::fabs(t)));
  return std::min(1.0, p);
}

}  // namespace harness::stats
