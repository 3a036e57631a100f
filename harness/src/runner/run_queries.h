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

/// Estimates the time of trials of these plugins (one entry per trial)
/// from the mean total_seconds of finished runs of the same plugin on any
/// data; plugins without finished runs add nothing. Returns seconds.
double estimate_seconds(store::Store& store,
                        const std::vector<std::string>& plugins);

}  // namespace harness::runner
