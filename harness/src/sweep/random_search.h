// Random search points, drawn with our own maths on std::mt19937_64. The
// engine's output is fixed by the C++ standard, but std::*_distribution
// differs between standard libraries, so the same seed gives the same
// points with libstdc++ and libc++.
#pragma once

#include "sweep/sweep_config.h"

#include <cstdint>
#include <random>
#include <vector>

namespace harness::sweep {

/// A double in [0, 1) made of the top 53 bits of one draw.
double draw_unit(std::mt19937_64& engine);

/// An integer in [0, n), unbiased (draws that would favour low values are
/// rejected). `n` must be at least 1.
std::uint64_t draw_below(std::mt19937_64& engine, std::uint64_t n);

/// Draws `search.samples` points. Point s contains one value per dimension,
/// in the order of `search.dimensions`. Draws go point by point, and
/// dimension by dimension within a point.
std::vector<std::vector<ParamValue>> draw_search_points(
    const RandomSearch& search);

}  // namespace harness::sweep
