// The project's default dataset: generated, so it can be shipped, and with
// sequential structure that a sequence model can learn.
#pragma once

#include "data/dataset.h"
#include "data/event_table.h"

namespace harness::data {

/// Generates `options.synthetic_users` users over
/// `options.synthetic_items` items from `options.synthetic_seed`. The same
/// options give the same events on every platform. Throws DataError when a
/// size is out of range.
EventTable generate_synthetic(const DatasetOptions& options, LoadStats* stats);

}  // namespace harness::data
