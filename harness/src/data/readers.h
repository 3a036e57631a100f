// One reader per input format; each turns files into an EventTable and
// counts the rows it read. Ordering and filters come afterwards.
#pragma once

#include "data/dataset.h"
#include "data/event_table.h"

namespace harness::data {

/// RecBole atomic `.inter` file: tab-separated, `name:type` header.
EventTable read_recbole(const DatasetOptions& options, LoadStats* stats);

/// Any delimited file with a header row and the options' column mapping.
EventTable read_csv(const DatasetOptions& options, LoadStats* stats);

/// MovieLens ratings.dat: `user::item::rating::timestamp`, no header.
EventTable read_movielens(const DatasetOptions& options, LoadStats* stats);

/// Kaggle Instacart layout: orders.csv plus order_products files.
EventTable read_instacart(const DatasetOptions& options, LoadStats* stats);

}  // namespace harness::data
