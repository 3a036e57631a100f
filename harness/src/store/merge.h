// Merging results databases, e.g. the shards of a sweep run as a cluster
// job array, each of which wrote its own file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace harness::store {

struct MergeCounts {
  /// Input runs written to the output (with their epochs, metrics and
  /// per-user values), including those that replaced an output row.
  std::int64_t runs_copied = 0;
  /// Of runs_copied, those that replaced a less preferred row of the same
  /// trial already in the output.
  std::int64_t runs_replaced = 0;
  /// Input runs left out because the output already had a row of the same
  /// trial that is preferred or equal.
  std::int64_t duplicates_skipped = 0;
};

/// Copies every run of every input into `output`, which is created if
/// missing and may already hold runs. Runs are de-duplicated by trial_key.
/// A "finished" row is preferred over any other status, then the row with
/// the later finished_at. On a tie the row already in the output stays.
/// Copied runs get new ids. Sweeps are copied too, keeping the later
/// updated_at. Each input is opened read-only and merged in one
/// transaction. Throws StoreError for a missing input, an input that is
/// the output, or a file that is not a results database of this schema
/// version.
MergeCounts merge_databases(const std::vector<std::string>& inputs,
                            const std::string& output);

}  // namespace harness::store
