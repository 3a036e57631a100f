// The exception every store, leaderboard, compare and merge function
// throws for a failed database operation or invalid input.
#pragma once

#include <stdexcept>

namespace harness::store {

/// A failed database operation or an invalid results file; the message
/// names the database path.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace harness::store
