#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "stats/paired_tests.h"

namespace harness::stats {

std::vector<double> holm_adjust(const std::vector<double>& p_values) {
  for (std::size_t i = 0; i < p_values.size(); ++i) {
    const double p = p_values[i];
    if (!(p >= 0 && p <= 1)) {
      throw std::invalid_argument("holm_adjust: p-value [" + std::to_string(i) +
                                  "] is " + std::to_string(p) +
                                  ", expected a number in [0, 1]");
    }
  }

  // Step down from the smallest p; the running maximum keeps the adjusted
  // values monotone in the raw ones.
  std::vector<std::size_t> order(p_values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(
      order.begin(), order.end(),
      [&](std::size_t x, std::size_t y) { return p_values[x] < p_values[y]; });
  const double m = static_cast<double>(p_values.size());
  std::vector<double> adjusted(p_values.size());
  double running_max = 0;
  for (std::size_t j = 0; j < order.size(); ++j) {
    const double scaled = (m - static_cast<double>(j)) * p_values[order[j]];
    running_max = std::max(running_max, std::min(1.0, scaled));
    adjusted[order[j]] = running_max;
  }
  return adjusted;
}

}  // namespace harness::stats
