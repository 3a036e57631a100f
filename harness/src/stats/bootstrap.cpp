#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>

#include "stats/descriptive.h"
#include "stats/paired_tests.h"

namespace harness::stats {
namespace {

// Quantile q of sorted values, interpolating linearly between order
// statistics at position (size - 1) * q (numpy's "linear" method).
double quantile(const std::vector<double>& sorted, double q) {
  const double position = static_cast<double>(sorted.size() - 1) * q;
  const auto lower = static_cast<std::size_t>(std::floor(position));
  const std::size_t upper = std::min(lower + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(lower);
  return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
}

}  // namespace

BootstrapInterval bootstrap_mean_interval(
    const std::vector<double>& differences, int samples, std::uint64_t seed,
    double level) {
  if (differences.empty()) {
    throw std::invalid_argument("bootstrap: no differences given");
  }
  if (samples < 1) {
    throw std::invalid_argument("bootstrap: " + std::to_string(samples) +
                                " resamples requested, expected at least 1");
  }
  if (!(level > 0 && level < 1)) {
    throw std::invalid_argument("bootstrap: level " + std::to_string(level) +
                                " is not in (0, 1); use e.g. 0.95");
  }
  check_finite(differences, "difference");

  const std::uint64_t n = differences.size();
  std::mt19937_64 generator(seed);
  std::vector<double> means(static_cast<std::size_t>(samples));
  for (double& resample_mean : means) {
    double sum = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      sum += differences[uniform_index(generator, n)];
    }
    resample_mean = sum / static_cast<double>(n);
  }
  std::sort(means.begin(), means.end());

  const double tail = (1 - level) / 2;
  return {quantile(means, tail), quantile(means, 1 - tail)};
}

}  // namespace harness::stats
