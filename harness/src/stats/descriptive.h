// Sample moments and the Student t tail shared by the t-tests.
#pragma once

#include <vector>

namespace harness::stats {

/// Throws std::invalid_argument naming `sample_name` and the index when a
/// value is NaN or infinite.
void check_finite(const std::vector<double>& values, const char* sample_name);

double mean(const std::vector<double>& values);

/// Variance over n - 1. It is exactly 0 when all values are equal, where
/// rounding in the mean would otherwise leave a tiny positive value.
double sample_variance(const std::vector<double>& values);

bool all_equal(const std::vector<double>& values);

/// Two-sided p-value P(|T| >= |t|) for Student's t with df > 0.
double student_t_two_sided_p(double t, double degrees_of_freedom);

}  // namespace harness::stats
