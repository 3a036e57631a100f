// A digest of a processed dataset, so that runs compare only when their
// data was the same.
#pragma once

#include "data/dataset.h"

#include <string>

namespace harness::data {

/// Returns 16 hex digits of 64-bit FNV-1a over the options that shape the
/// data (format, columns, delimiter, filters, synthetic settings) and the
/// content: every user's raw id with its events' raw item ids, exact times
/// and basket ordinals, plus the side data. File paths and the dataset
/// name are left out, so moving a file keeps its fingerprint.
std::string compute_fingerprint(const Dataset& dataset,
                                const DatasetOptions& options);

}  // namespace harness::data
