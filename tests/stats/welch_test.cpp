// Welch's t-test; reference values from tests/stats/reference_values.py.
#include "stats/welch_test.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

using harness::stats::welch_t_test;

TEST_CASE("Welch unequal sizes") {
  const auto result =
      welch_t_test({0.21, 0.25, 0.19, 0.23, 0.22}, {0.18, 0.20, 0.17, 0.21});
  CHECK(result.n_a == 5);
  CHECK(result.n_b == 4);
  CHECK(result.mean_a == doctest::Approx(0.22).epsilon(1e-15));
  CHECK(result.mean_b == doctest::Approx(0.19).epsilon(1e-15));
  CHECK(result.mean_difference == doctest::Approx(0.03).epsilon(1e-13));
  CHECK(result.t_statistic ==
        doctest::Approx(2.215646837627987).epsilon(1e-12));  // Python
  CHECK(result.degrees_of_freedom ==
        doctest::Approx(6.98076923076923).epsilon(1e-12));  // Python
  CHECK(result.p_value ==
        doctest::Approx(0.062380209275987926).epsilon(1e-12));  // Python
}

TEST_CASE("Welch equal variances and sizes") {
  // a = {1, 2, 3}, b = {4, 5, 6}: variances 1, so se^2 = 2/3 and
  // t = -3 / sqrt(2/3); df = (2/3)^2 / (2 * (1/3)^2 / 2) = 4, the pooled
  // df. For 4 df, P(|T| > t) = 1 - x (3 - x^2)/2 with x = t/sqrt(t^2+4),
  // and here t^2 = 13.5, x^2 = 13.5 / 17.5.
  const auto result = welch_t_test({1, 2, 3}, {4, 5, 6});
  CHECK(result.t_statistic ==
        doctest::Approx(-3 / std::sqrt(2.0 / 3)).epsilon(1e-14));
  CHECK(result.degrees_of_freedom == doctest::Approx(4).epsilon(1e-14));
  const double x = std::sqrt(13.5 / 17.5);
  CHECK(result.p_value ==
        doctest::Approx(1 - x * (3 - x * x) / 2).epsilon(1e-12));
}

TEST_CASE("Welch constant samples") {
  const auto same = welch_t_test({2, 2}, {2, 2, 2});
  CHECK(same.t_statistic == 0);
  CHECK(same.p_value == 1);
  CHECK(same.degrees_of_freedom == 3);

  const auto apart = welch_t_test({1, 1}, {2, 2});
  CHECK(apart.t_statistic == -std::numeric_limits<double>::infinity());
  CHECK(apart.p_value == 0);
}

TEST_CASE("Welch rejects bad input") {
  CHECK_THROWS_AS(welch_t_test({1}, {1, 2}), std::invalid_argument);
  CHECK_THROWS_AS(welch_t_test({1, 2}, {1}), std::invalid_argument);
  CHECK_THROWS_AS(welch_t_test({1, std::nan("")}, {1, 2}),
                  std::invalid_argument);
}
