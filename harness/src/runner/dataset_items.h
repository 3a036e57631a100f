// The items of a loaded dataset in the form the results database keeps.
#pragma once

#include "data/dataset.h"
#include "store/store.h"

namespace harness::runner {

/// Raw ids, names and category values (such as aisle and department names)
/// of every item, indexed by dense item id.
store::DatasetItems dataset_items(const data::Dataset& dataset);

}  // namespace harness::runner
