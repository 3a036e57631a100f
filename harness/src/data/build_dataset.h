// Turns the events read from a file into a Dataset: filters, dense ids and
// the order of events inside each user.
#pragma once

#include "data/dataset.h"
#include "data/event_table.h"

namespace harness::data {

/// Applies the options' filters, maps raw ids to dense ids and orders each
/// user's events. `stats` carries what the reader counted.
///
/// Dense ids: users from 1 and items from 1 (0 is padding), in order of
/// first appearance among the kept events in file order.
///
/// Order inside a user: by time, then basket, then position in the basket,
/// then file order. With baskets, an event's time for this sort is the
/// earliest time in its basket, so a basket's events stay together, and
/// baskets are ranked by their first row in the file. Every basket gets an
/// ordinal 1, 2, ... per user; without baskets every event is its own.
Dataset build_dataset(const EventTable& table, const DatasetOptions& options,
                      LoadStats stats);

}  // namespace harness::data
