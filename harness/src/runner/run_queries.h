// Queries the sweep runner makes beyond the store's core API.
#pragma once

#include "store/store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace harness::runner {

/// Records what a trial really ran on, known only inside its process.
void set_run_environment(store::Store& store, std::int64_t run_id,
                         const std::string& device, std::int64_t threads,
                         const std::string& blas);

/// Estimates the seconds that trials of these plugins (one entry per
/// trial) will take. Each trial counts the mean total_seconds of finished
/// runs of its plugin on any data, or nothing if there are none.
double estimate_seconds(store::Store& store,
                        const std::vector<std::string>& plugins);

}  // namespace harness::runner
