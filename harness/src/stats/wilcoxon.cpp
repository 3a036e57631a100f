#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "stats/descriptive.h"
#include "stats/paired_tests.h"

namespace harness::stats {

WilcoxonTest paired_wilcoxon(const std::vector<double>& differences) {
  check_finite(differences, "difference");
  std::vector<double> nonzero;
  for (double d : differences) {
    if (d != 0) nonzero.push_back(d);
  }
  WilcoxonTest out;
  out.n_ranked = nonzero.size();
  if (nonzero.empty()) return out;

  // Rank |d| ascending; a tie group covering sorted positions i..j-1
  // shares the average rank (i + 1 + j) / 2.
  std::vector<std::size_t> order(nonzero.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return std::fabs(nonzero[x]) < std::fabs(nonzero[y]);
  });
  double tie_term = 0;  // sum of t^3 - t over tie groups
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i + 1;
    const double magnitude = std::fabs(nonzero[order[i]]);
    while (j < order.size() && std::fabs(nonzero[order[j]]) == magnitude) ++j;
    const double rank = (static_cast<double>(i + 1 + j)) / 2;
    for (std::size_t q = i; q < j; ++q) {
      if (nonzero[order[q]] > 0) out.w_plus += rank;
    }
    const double t = static_cast<double>(j - i);
    tie_term += t * t * t - t;
    i = j;
  }

  const double n = static_cast<double>(nonzero.size());
  const double null_mean = n * (n + 1) / 4;
  const double null_variance = n * (n + 1) * (2 * n + 1) / 24 - tie_term / 48;
  // The variance is positive for n >= 1 even when all |d| tie:
  // n(n+1)(2n+1)/24 - (n^3-n)/48 = n(n+1)(3n+3)/48.
  const double distance =
      std::max(0.0, std::fabs(out.w_plus - null_mean) - 0.5);
  const double z_magnitude = distance / std::sqrt(null_variance);
  out.z = std::copysign(z_magnitude, out.w_plus - null_mean);
  const boost::math::normal standard_normal;
  const double tail =
      boost::math::cdf(boost::math::complement(standard_normal, z_magnitude));
  out.p_value = std::min(1.0, 2 * tail);
  return out;
}

}  // namespace harness::stats
