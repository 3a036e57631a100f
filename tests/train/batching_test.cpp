// Training windows, collation into left-padded batches, and the seeded
// shuffle of harness/src/train/batching.h.
#include "train/batching.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <utility>

namespace harness::train {
namespace {

// A user whose items are user * 1000 + position + 1, each in its own
// basket, so every event is identifiable.
UserSequence numbered_sequence(std::int64_t user, std::size_t length) {
  UserSequence sequence;
  sequence.user = user;
  for (std::size_t i = 0; i < length; ++i) {
    sequence.items.push_back(user * 1000 + static_cast<std::int64_t>(i) + 1);
    sequence.baskets.push_back(static_cast<std::int64_t>(i) + 1);
  }
  return sequence;
}

std::vector<std::int64_t> row(const torch::Tensor& tensor, std::int64_t r) {
  const torch::Tensor values = tensor[r].contiguous();
  const std::int64_t* data = values.data_ptr<std::int64_t>();
  return {data, data + values.numel()};
}

std::vector<std::int64_t> values(const torch::Tensor& tensor) {
  const torch::Tensor flat = tensor.contiguous();
  const std::int64_t* data = flat.data_ptr<std::int64_t>();
  return {data, data + flat.numel()};
}

}  // namespace

TEST_CASE("windows cover every transition exactly once") {
  for (const std::int64_t max_history : {1, 4}) {
    CAPTURE(max_history);
    const auto m = static_cast<std::size_t>(max_history);
    const std::vector<std::size_t> lengths = {1, 2, m + 1, 3 * m + 5};
    TrainingData data;
    for (std::size_t u = 0; u < lengths.size(); ++u) {
      data.users.push_back(
          numbered_sequence(static_cast<std::int64_t>(u) + 1, lengths[u]));
    }

    const std::vector<Window> windows =
        make_training_windows(data, max_history);
    // (user, index of the target event) -> windows where it is a target.
    std::map<std::pair<std::int64_t, std::size_t>, int> targets;
    for (const Window& window : windows) {
      CAPTURE(window.user);
      CAPTURE(window.begin);
      CAPTURE(window.end);
      REQUIRE(window.sequence != nullptr);
      CHECK(window.sequence->user == window.user);
      CHECK(window.end <= window.sequence->items.size());
      CHECK(window.end - window.begin >= 2);
      CHECK(window.end - window.begin <= m + 1);
      for (std::size_t t = window.begin + 1; t < window.end; ++t) {
        ++targets[{window.user, t}];
      }
    }

    std::size_t transitions = 0;
    for (std::size_t u = 0; u < lengths.size(); ++u) {
      for (std::size_t t = 1; t < lengths[u]; ++t) {
        CAPTURE(u);
        CAPTURE(t);
        CHECK(targets[{static_cast<std::int64_t>(u) + 1, t}] == 1);
        ++transitions;
      }
    }
    CHECK(targets.size() == transitions);
    // The one-event user gives no window at all.
    CHECK(std::none_of(windows.begin(), windows.end(),
                       [](const Window& w) { return w.user == 1; }));
  }
}

TEST_CASE("windows of a long sequence are cut from the end") {
  TrainingData data;
  data.users.push_back(numbered_sequence(1, 9));
  const std::vector<Window> windows = make_training_windows(data, 4);
  REQUIRE(windows.size() == 2);
  CHECK(windows[0].begin == 4);
  CHECK(windows[0].end == 9);
  CHECK(windows[1].begin == 0);
  CHECK(windows[1].end == 5);
}

TEST_CASE("collate_windows pads on the left and renumbers baskets") {
  TrainingData data;
  UserSequence baskets;
  baskets.user = 1;
  baskets.items = {11, 12, 13, 14, 15, 16, 17, 18, 19};
  baskets.baskets = {1, 1, 2, 2, 2, 3, 4, 4, 5};
  data.users.push_back(baskets);
  UserSequence short_user;
  short_user.user = 2;
  short_user.items = {21, 22};
  short_user.baskets = {1, 2};
  data.users.push_back(short_user);

  // Windows: user 1 [4, 9), user 1 [0, 5), user 2 [0, 2).
  const std::vector<Window> windows = make_training_windows(data, 4);
  REQUIRE(windows.size() == 3);
  const SequenceBatch batch = collate_windows(windows, {2, 0, 1});

  CHECK(batch.items.sizes() == torch::IntArrayRef({3, 5}));
  CHECK(batch.baskets.sizes() == torch::IntArrayRef({3, 5}));
  CHECK(batch.items.dtype() == torch::kInt64);
  CHECK(values(batch.users) == std::vector<std::int64_t>{2, 1, 1});

  CHECK(row(batch.items, 0) == std::vector<std::int64_t>{0, 0, 0, 21, 22});
  CHECK(row(batch.baskets, 0) == std::vector<std::int64_t>{0, 0, 0, 1, 2});
  // Baskets 2, 3, 4, 4, 5 become 1, 2, 3, 3, 4 inside the row.
  CHECK(row(batch.items, 1) ==
        std::vector<std::int64_t>{15, 16, 17, 18, 19});
  CHECK(row(batch.baskets, 1) == std::vector<std::int64_t>{1, 2, 3, 3, 4});
  CHECK(row(batch.items, 2) ==
        std::vector<std::int64_t>{11, 12, 13, 14, 15});
  CHECK(row(batch.baskets, 2) == std::vector<std::int64_t>{1, 1, 2, 2, 2});
}

TEST_CASE("collate_windows is as wide as its longest row") {
  TrainingData data;
  data.users.push_back(numbered_sequence(1, 3));
  data.users.push_back(numbered_sequence(2, 2));
  const std::vector<Window> windows = make_training_windows(data, 10);
  REQUIRE(windows.size() == 2);
  const SequenceBatch batch = collate_windows(windows, {1});
  CHECK(batch.items.sizes() == torch::IntArrayRef({1, 2}));
  CHECK(row(batch.items, 0) == std::vector<std::int64_t>{2001, 2002});
}

TEST_CASE("collate_histories keeps the most recent events") {
  std::vector<split::EvalCase> cases(4);
  cases[0].user = 5;
  cases[0].history_items = {1, 2};
  cases[0].history_baskets = {1, 2};
  cases[1].user = 6;
  cases[1].history_items = {1, 2, 3, 4, 5, 6, 7};
  cases[1].history_baskets = {1, 1, 2, 3, 3, 4, 5};
  cases[2].user = 7;
  cases[2].history_items = {9};
  cases[2].history_baskets = {1};
  cases[3].user = 8;

  // Only cases 1 and 2, cut to the last four events.
  const SequenceBatch batch = collate_histories(cases, 1, 3, 4);
  CHECK(batch.items.sizes() == torch::IntArrayRef({2, 4}));
  CHECK(values(batch.users) == std::vector<std::int64_t>{6, 7});
  CHECK(row(batch.items, 0) == std::vector<std::int64_t>{4, 5, 6, 7});
  CHECK(row(batch.baskets, 0) == std::vector<std::int64_t>{1, 1, 2, 3});
  CHECK(row(batch.items, 1) == std::vector<std::int64_t>{0, 0, 0, 9});
  CHECK(row(batch.baskets, 1) == std::vector<std::int64_t>{0, 0, 0, 1});

  // A batch of histories shorter than max_history is only as wide as the
  // longest one.
  const SequenceBatch narrow = collate_histories(cases, 0, 1, 4);
  CHECK(narrow.items.sizes() == torch::IntArrayRef({1, 2}));
  CHECK(row(narrow.items, 0) == std::vector<std::int64_t>{1, 2});
}

TEST_CASE("collate_histories of an empty history is one padding column") {
  std::vector<split::EvalCase> cases(1);
  cases[0].user = 3;
  const SequenceBatch batch = collate_histories(cases, 0, 1, 4);
  CHECK(batch.items.sizes() == torch::IntArrayRef({1, 1}));
  CHECK(row(batch.items, 0) == std::vector<std::int64_t>{0});
  CHECK(row(batch.baskets, 0) == std::vector<std::int64_t>{0});
}

TEST_CASE("shuffled_indices is a seeded permutation") {
  for (const std::size_t n : {0, 1, 2, 7, 1000}) {
    CAPTURE(n);
    std::mt19937_64 first(42);
    std::vector<std::size_t> order = shuffled_indices(n, first);
    REQUIRE(order.size() == n);
    std::vector<std::size_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::size_t> expected(n);
    std::iota(expected.begin(), expected.end(), 0);
    CHECK(sorted == expected);

    std::mt19937_64 same(42);
    CHECK(shuffled_indices(n, same) == order);
  }

  std::mt19937_64 a(1);
  std::mt19937_64 b(2);
  CHECK(shuffled_indices(1000, a) != shuffled_indices(1000, b));
  // The generator advances, so two draws from one generator differ.
  std::mt19937_64 c(1);
  const std::vector<std::size_t> once = shuffled_indices(1000, c);
  CHECK(shuffled_indices(1000, c) != once);
}

}  // namespace harness::train
