// Paired tests, bootstrap and Holm. Reference values marked "Python" come
// from tests/stats/reference_values.py (standard library only, its own
// incomplete beta and mt19937_64); the sleep data also matches R's
// t.test / wilcox.test(extra ~ group, data = sleep, paired = TRUE):
// t = -4.0621, p = 0.002833, V = 0, p = 0.009091.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "stats/paired_tests.h"

using harness::stats::bootstrap_mean_interval;
using harness::stats::BootstrapInterval;
using harness::stats::cohens_dz;
using harness::stats::compare_paired;
using harness::stats::holm_adjust;
using harness::stats::paired_t_test;
using harness::stats::paired_wilcoxon;
using harness::stats::PairedComparison;
using harness::stats::uniform_index;

namespace {

constexpr double kTight = 1e-12;  // relative tolerance against Python

// Cushny and Peebles' sleep data (Student 1908): extra hours of sleep,
// drug 1 minus drug 2, for 10 patients.
const std::vector<double> kSleepDifferences = {-1.2, -2.4, -1.3, -1.3, 0.0,
                                               -1.0, -1.8, -0.8, -4.6, -1.4};

// Integer pairs, differences a - b = {2, 1, -1, 4, 4, 0, 2, 5}.
const std::vector<double> kIntegerA = {12, 15, 9, 20, 17, 11, 14, 18};
const std::vector<double> kIntegerB = {10, 14, 10, 16, 13, 11, 12, 13};

}  // namespace

TEST_CASE("t-test df=2 closed form") {
  // d = {1, 2, 3}: mean 2, sd 1, t = 2 / (1 / sqrt(3)) = 2 sqrt(3). For
  // 2 df the two-sided p is 1 - |t| / sqrt(t^2 + 2) = 1 - sqrt(12 / 14).
  const auto result = paired_t_test({1, 2, 3});
  CHECK(result.t_statistic ==
        doctest::Approx(2 * std::sqrt(3.0)).epsilon(1e-15));
  CHECK(result.degrees_of_freedom == 2);
  CHECK(result.p_value ==
        doctest::Approx(1 - std::sqrt(12.0 / 14.0)).epsilon(1e-12));
}

TEST_CASE("t-test sleep data") {
  const auto result = paired_t_test(kSleepDifferences);
  CHECK(result.degrees_of_freedom == 9);
  CHECK(result.t_statistic ==
        doctest::Approx(-4.062127683382037).epsilon(kTight));  // Python
  CHECK(result.p_value ==
        doctest::Approx(0.0028328901973842632).epsilon(kTight));  // Python
  // R prints p = 0.002833, rounded to 4 significant digits.
  CHECK(std::fabs(result.p_value - 0.002833) < 5e-7);
}

TEST_CASE("t-test constant differences") {
  const auto zeros = paired_t_test({0, 0, 0, 0});
  CHECK(zeros.t_statistic == 0);
  CHECK(zeros.p_value == 1);

  // 0.1 three times: the mean rounds away from 0.1, but sd must be 0.
  const auto positive = paired_t_test({0.1, 0.1, 0.1});
  CHECK(positive.t_statistic == std::numeric_limits<double>::infinity());
  CHECK(positive.p_value == 0);

  const auto negative = paired_t_test({-2, -2});
  CHECK(negative.t_statistic == -std::numeric_limits<double>::infinity());
  CHECK(negative.p_value == 0);
}

TEST_CASE("t-test rejects bad input") {
  CHECK_THROWS_AS(paired_t_test({1.0}), std::invalid_argument);
  CHECK_THROWS_AS(paired_t_test({1.0, std::nan("")}), std::invalid_argument);
  CHECK_THROWS_AS(paired_t_test({1.0, std::numeric_limits<double>::infinity()}),
                  std::invalid_argument);
}

TEST_CASE("Wilcoxon sleep data") {
  // One zero dropped, n = 9, all negative: W+ = 0. |d| = 1.3 ties twice,
  // so var = 9*10*19/24 - (2^3 - 2)/48 = 71.25 - 0.125 = 71.125 and
  // z = (22.5 - 0.5) / sqrt(71.125) = 2.6086.
  const auto result = paired_wilcoxon(kSleepDifferences);
  CHECK(result.n_ranked == 9);
  CHECK(result.w_plus == 0);
  CHECK(result.z == doctest::Approx(-22.0 / std::sqrt(71.125)).epsilon(1e-15));
  CHECK(result.p_value ==
        doctest::Approx(0.009090698015925061).epsilon(kTight));  // Python
  CHECK(std::fabs(result.p_value - 0.009091) < 5e-7);            // R, 4 digits
}

TEST_CASE("Wilcoxon ties and zeros") {
  // d = {2, 1, -1, 4, 4, 0, 2, 5}: drop the 0; |d| sorted 1 1 2 2 4 4 5
  // get ranks 1.5 1.5 3.5 3.5 5.5 5.5 7, so W+ = 28 - 1.5 = 26.5 against
  // a null mean of 7*8/4 = 14.
  std::vector<double> d;
  for (std::size_t i = 0; i < kIntegerA.size(); ++i) {
    d.push_back(kIntegerA[i] - kIntegerB[i]);
  }
  const auto result = paired_wilcoxon(d);
  CHECK(result.n_ranked == 7);
  CHECK(result.w_plus == 26.5);
  CHECK(result.p_value ==
        doctest::Approx(0.041417643488048855).epsilon(kTight));  // Python
}

TEST_CASE("Wilcoxon continuity correction stops at zero") {
  // d = {1, -2}: ranks 1 and 2, W+ = 1, null mean 2*3/4 = 1.5; the
  // distance 0.5 minus the correction 0.5 leaves z = 0 and p = 1.
  const auto result = paired_wilcoxon({1, -2});
  CHECK(result.w_plus == 1);
  CHECK(result.z == 0);
  CHECK(result.p_value == 1);
}

TEST_CASE("Wilcoxon all differences zero") {
  const auto result = paired_wilcoxon({0, 0, 0});
  CHECK(result.n_ranked == 0);
  CHECK(result.w_plus == 0);
  CHECK(result.p_value == 1);
}

TEST_CASE("Cohen's d_z") {
  CHECK(cohens_dz({1, 2, 3}) == 2);  // mean 2 over sd 1
  CHECK(cohens_dz({0.5, 0.5, 0.5}) == 0);
  CHECK(cohens_dz({2, 1, -1, 4, 4, 0, 2, 5}) ==
        doctest::Approx(1.011822822979011).epsilon(kTight));  // Python
}

TEST_CASE("uniform_index redraws the biased top") {
  // 2^64 mod 3 = 1, so only the largest output, 2^64 - 1, is redrawn.
  std::vector<std::uint64_t> outputs = {~std::uint64_t{0}, 5};
  std::size_t calls = 0;
  auto generator = [&] { return outputs[calls++]; };
  CHECK(uniform_index(generator, 3) == 2);  // 5 % 3
  CHECK(calls == 2);

  outputs = {~std::uint64_t{0} - 1};  // the largest accepted output
  calls = 0;
  CHECK(uniform_index(generator, 3) == (~std::uint64_t{0} - 1) % 3);
  CHECK(calls == 1);
}

TEST_CASE("bootstrap matches the Python re-implementation") {
  const BootstrapInterval sleep =
      bootstrap_mean_interval(kSleepDifferences, 999, 2024);
  CHECK(sleep.low == doctest::Approx(-2.4404999999999997).epsilon(kTight));
  CHECK(sleep.high == doctest::Approx(-0.9595000000000005).epsilon(kTight));
}

TEST_CASE("bootstrap is deterministic per seed") {
  const auto first = bootstrap_mean_interval(kSleepDifferences, 500, 11);
  const auto again = bootstrap_mean_interval(kSleepDifferences, 500, 11);
  const auto other = bootstrap_mean_interval(kSleepDifferences, 500, 12);
  CHECK(first.low == again.low);
  CHECK(first.high == again.high);
  CHECK((first.low != other.low || first.high != other.high));
  CHECK(first.low <= first.high);
}

TEST_CASE("bootstrap rejects bad input") {
  CHECK_THROWS_AS(bootstrap_mean_interval({}, 10, 1), std::invalid_argument);
  CHECK_THROWS_AS(bootstrap_mean_interval({1, 2}, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(bootstrap_mean_interval({1, 2}, 10, 1, 1.0),
                  std::invalid_argument);
  CHECK_THROWS_AS(bootstrap_mean_interval({1, 2}, 10, 1, 0.0),
                  std::invalid_argument);
}

TEST_CASE("compare_paired integer pairs") {
  const PairedComparison c = compare_paired(kIntegerA, kIntegerB, 2000, 7);
  CHECK(c.n == 8);
  CHECK(c.mean_a == 116.0 / 8);
  CHECK(c.mean_b == 99.0 / 8);
  CHECK(c.mean_difference == 17.0 / 8);
  CHECK(c.t_statistic ==
        doctest::Approx(2.8618671179510966).epsilon(kTight));  // Python
  CHECK(c.t_p_value ==
        doctest::Approx(0.024272677293464617).epsilon(kTight));  // Python
  CHECK(c.wilcoxon_statistic == 26.5);
  CHECK(c.wilcoxon_p_value ==
        doctest::Approx(0.041417643488048855).epsilon(kTight));  // Python
  CHECK(c.effect_size ==
        doctest::Approx(1.011822822979011).epsilon(kTight));  // Python
  CHECK(c.ci_low == 0.875);  // Python, 2000 resamples, seed 7
  CHECK(c.ci_high == 3.5);
}

TEST_CASE("compare_paired identical samples") {
  const PairedComparison c = compare_paired({0.1, 0.2, 0.3}, {0.1, 0.2, 0.3});
  CHECK(c.mean_difference == 0);
  CHECK(c.t_statistic == 0);
  CHECK(c.t_p_value == 1);
  CHECK(c.wilcoxon_p_value == 1);
  CHECK(c.effect_size == 0);
  CHECK(c.ci_low == 0);
  CHECK(c.ci_high == 0);
}

TEST_CASE("compare_paired without bootstrap") {
  const PairedComparison c = compare_paired({1, 2, 4}, {0, 0, 0}, 0);
  CHECK(std::isnan(c.ci_low));
  CHECK(std::isnan(c.ci_high));
  CHECK(c.t_p_value < 1);
}

TEST_CASE("compare_paired rejects bad input") {
  CHECK_THROWS_AS(compare_paired({1, 2}, {1, 2, 3}), std::invalid_argument);
  CHECK_THROWS_AS(compare_paired({1}, {2}), std::invalid_argument);
  CHECK_THROWS_AS(compare_paired({1, std::nan("")}, {1, 2}),
                  std::invalid_argument);
  CHECK_THROWS_AS(compare_paired({1, 2}, {1, 2}, -1), std::invalid_argument);
}

TEST_CASE("Holm worked example") {
  // Sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04,
  // and the running maximum lifts the last to 0.06.
  const auto adjusted = holm_adjust({0.01, 0.04, 0.03, 0.005});
  REQUIRE(adjusted.size() == 4);
  CHECK(adjusted[0] == doctest::Approx(0.03).epsilon(1e-15));
  CHECK(adjusted[1] == doctest::Approx(0.06).epsilon(1e-15));
  CHECK(adjusted[2] == doctest::Approx(0.06).epsilon(1e-15));
  CHECK(adjusted[3] == doctest::Approx(0.02).epsilon(1e-15));
}

TEST_CASE("Holm caps at one") {
  // 0.5 * 2 = 1 and 0.6 * 1 = 0.6, lifted to 1 by monotonicity.
  const auto adjusted = holm_adjust({0.6, 0.5});
  CHECK(adjusted[0] == 1);
  CHECK(adjusted[1] == 1);
  const auto capped = holm_adjust({0.9, 0.8, 0.7});
  CHECK(capped[2] == 1);  // 0.7 * 3 = 2.1 capped
}

TEST_CASE("Holm is monotone in the raw p-values") {
  std::mt19937_64 generator(3);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::vector<double> p(50);
  for (double& x : p) x = uniform(generator) * uniform(generator);
  const auto adjusted = holm_adjust(p);
  for (std::size_t i = 0; i < p.size(); ++i) {
    CAPTURE(i);
    CHECK(adjusted[i] >= p[i]);
    CHECK(adjusted[i] <= 1);
    for (std::size_t j = 0; j < p.size(); ++j) {
      if (p[i] < p[j]) CHECK(adjusted[i] <= adjusted[j]);
    }
  }
}

TEST_CASE("Holm edge cases") {
  CHECK(holm_adjust({}).empty());
  CHECK(holm_adjust({0.2}) == std::vector<double>{0.2});
  CHECK_THROWS_AS(holm_adjust({0.1, 1.5}), std::invalid_argument);
  CHECK_THROWS_AS(holm_adjust({-0.1}), std::invalid_argument);
  CHECK_THROWS_AS(holm_adjust({std::nan("")}), std::invalid_argument);
}
