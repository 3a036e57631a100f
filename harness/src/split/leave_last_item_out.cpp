#include "split/sequence_slices.h"
#include "split/split.h"

namespace harness::split {

Split leave_last_item_out(const data::Dataset& dataset) {
  // Three events are the minimum: one to train on, one to validate and one
  // to test.
  constexpr std::size_t kMinEvents = 3;
  Split split;
  for (std::int64_t user = 1; user <= dataset.num_users(); ++user) {
    const std::vector<std::int64_t>& items = dataset.items[user];
    std::size_t n = items.size();
    if (n == 0) continue;
    if (n < kMinEvents) {
      split.train.users.push_back(training_prefix(dataset, user, n));
      ++split.training_only_users;
      continue;
    }
    split.train.users.push_back(training_prefix(dataset, user, n - 2));
    split.valid.push_back(eval_case(dataset, user, n - 2, {items[n - 2]}));
    split.test.push_back(eval_case(dataset, user, n - 1, {items[n - 1]}));
  }
  return split;
}

}  // namespace harness::split
