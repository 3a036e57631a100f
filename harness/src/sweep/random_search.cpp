#include "sweep/random_search.h"

#include <cmath>
#include <limits>

namespace harness::sweep {
namespace {

// Keeps a draw inside [low, high) when rounding lands on `high`.
double below(double value, double low, double high) {
  if (value >= high) {
    return std::nextafter(high, low);
  }
  return value < low ? low : value;
}

ParamValue draw_value(std::mt19937_64& engine,
                      const SearchDimension& dimension) {
  switch (dimension.distribution) {
    case Distribution::kUniform: {
      const double u = draw_unit(engine);
      return below(dimension.low + (dimension.high - dimension.low) * u,
                   dimension.low, dimension.high);
    }
    case Distribution::kLogUniform: {
      // NOTE: the C standard does not fix the rounding of std::log and
      // std::exp, so another C library may change the last bit of a draw.
      const double log_low = std::log(dimension.low);
      const double log_high = std::log(dimension.high);
      const double u = draw_unit(engine);
      return below(std::exp(log_low + (log_high - log_low) * u),
                   dimension.low, dimension.high);
    }
    case Distribution::kIntUniform: {
      // Unsigned arithmetic: the span of [INT64_MIN, INT64_MAX] overflows
      // int64 but not uint64, and wraps back to the right value.
      const std::uint64_t span =
          static_cast<std::uint64_t>(dimension.int_high) -
          static_cast<std::uint64_t>(dimension.int_low);
      const std::uint64_t offset =
          span == std::numeric_limits<std::uint64_t>::max()
              ? engine()
              : draw_below(engine, span + 1);
      return static_cast<std::int64_t>(
          static_cast<std::uint64_t>(dimension.int_low) + offset);
    }
    case Distribution::kChoice:
      return dimension.choices[draw_below(engine, dimension.choices.size())];
  }
  return ParamValue{};
}

}  // namespace

double draw_unit(std::mt19937_64& engine) {
  // 2^-53: the spacing of doubles in [0.5, 1).
  constexpr double kScale = 1.0 / 9007199254740992.0;
  return static_cast<double>(engine() >> 11) * kScale;
}

std::uint64_t draw_below(std::mt19937_64& engine, std::uint64_t n) {
  // 2^64 mod n draws at the top would make low results more likely.
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t excess = (max % n + 1) % n;
  std::uint64_t draw = engine();
  while (draw > max - excess) {
    draw = engine();
  }
  return draw % n;
}

std::vector<std::vector<ParamValue>> draw_search_points(
    const RandomSearch& search) {
  std::mt19937_64 engine(search.seed);
  std::vector<std::vector<ParamValue>> points;
  for (std::int64_t s = 0; s < search.samples; ++s) {
    std::vector<ParamValue> point;
    for (const SearchDimension& dimension : search.dimensions) {
      point.push_back(draw_value(engine, dimension));
    }
    points.push_back(std::move(point));
  }
  return points;
}

}  // namespace harness::sweep
