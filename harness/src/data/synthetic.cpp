// The generative process, all of it driven by one std::mt19937_64 whose
// raw output is mapped to numbers by the functions below, because the
// std::*_distribution classes give different values with different
// standard libraries:
//
// 1. Popularity: items are put in a random order, and the item at rank r
//    (from 1) has weight 1 / r (Zipf's law with exponent 1, which needs no
//    std::pow, whose last bit may differ between math libraries).
// 2. Transitions: every item gets kSuccessors distinct successors, drawn
//    uniformly and never the item itself; the k-th successor is followed
//    with probability kSuccessorWeights[k]. Uniform successors keep the
//    transitions from repeating what popularity already predicts.
// 3. Users: a length uniform in [kMinLength, kMaxLength]; the first item
//    is drawn by popularity, and each next one is, with probability
//    kFollowProbability, a successor of the previous item, otherwise a
//    fresh popularity draw (the noise).
// 4. Times: user u starts at kStartTime + u days; each event comes 1 to
//    3600 seconds after the previous one, so times are strictly increasing.
//
// Global popularity therefore predicts part of the next items, and
// knowing the previous item predicts far more: a sequential model should
// beat popularity by a wide margin.
#include "data/synthetic.h"

#include "data/data_error.h"

#include <algorithm>
#include <random>
#include <string>

namespace harness::data {
namespace {

/// Successors per item and the probability of following each of them.
constexpr int kSuccessors = 3;
constexpr double kSuccessorWeights[kSuccessors] = {0.6, 0.25, 0.15};
/// Probability that the next item follows a transition, not popularity.
constexpr double kFollowProbability = 0.7;
/// Range of events per user, both ends included.
constexpr std::uint64_t kMinLength = 20;
constexpr std::uint64_t kMaxLength = 80;
/// First timestamp (2001-09-09) and the spacing of users' start times.
constexpr double kStartTime = 1e9;
constexpr double kSecondsPerDay = 86400.0;
/// Tries to find a successor that is new for its item; tiny item sets may
/// run out, and then repeat a successor.
constexpr int kSuccessorTries = 64;

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  /// Uniform integer in [0, n), without modulo bias (rejection sampling).
  std::uint64_t below(std::uint64_t n) {
    std::uint64_t threshold = (0 - n) % n;
    while (true) {
      std::uint64_t value = engine_();
      if (value >= threshold) return value % n;
    }
  }

 private:
  std::mt19937_64 engine_;
};

// Draws index i with probability weight[i] / sum, from prefix sums.
std::int64_t draw(const std::vector<double>& cumulative, Random* random) {
  double target = random->uniform() * cumulative.back();
  auto found = std::upper_bound(cumulative.begin(), cumulative.end(), target);
  auto index = static_cast<std::int64_t>(found - cumulative.begin());
  return std::min<std::int64_t>(index, cumulative.size() - 1);
}

std::vector<double> popularity_cumulative(std::int64_t num_items,
                                          Random* random) {
  // Fisher-Yates shuffle of the items into popularity ranks.
  std::vector<std::int64_t> by_rank(num_items);
  for (std::int64_t i = 0; i < num_items; ++i) by_rank[i] = i;
  for (std::int64_t i = num_items - 1; i > 0; --i) {
    std::swap(by_rank[i], by_rank[random->below(i + 1)]);
  }
  std::vector<double> weight(num_items);
  for (std::int64_t rank = 0; rank < num_items; ++rank) {
    weight[by_rank[rank]] = 1.0 / static_cast<double>(rank + 1);
  }
  std::vector<double> cumulative(num_items);
  double sum = 0.0;
  for (std::int64_t i = 0; i < num_items; ++i) {
    sum += weight[i];
    cumulative[i] = sum;
  }
  return cumulative;
}

std::vector<std::int64_t> draw_successors(std::int64_t num_items,
                                          Random* random) {
  std::vector<std::int64_t> successors(num_items * kSuccessors);
  for (std::int64_t item = 0; item < num_items; ++item) {
    std::int64_t* own = &successors[item * kSuccessors];
    for (int k = 0; k < kSuccessors; ++k) {
      std::int64_t next = static_cast<std::int64_t>(random->below(num_items));
      for (int tries = 0; tries < kSuccessorTries; ++tries) {
        bool already_used =
            next == item || std::find(own, own + k, next) != own + k;
        if (!already_used) break;
        next = static_cast<std::int64_t>(random->below(num_items));
      }
      own[k] = next;
    }
  }
  return successors;
}

std::int64_t next_item(std::int64_t previous,
                       const std::vector<double>& popularity,
                       const std::vector<std::int64_t>& successors,
                       Random* random) {
  if (random->uniform() >= kFollowProbability) {
    return draw(popularity, random);
  }
  double pick = random->uniform();
  for (int k = 0; k < kSuccessors - 1; ++k) {
    if (pick < kSuccessorWeights[k])
      return successors[previous * kSuccessors + k];
    pick -= kSuccessorWeights[k];
  }
  return successors[previous * kSuccessors + kSuccessors - 1];
}

void check_sizes(const DatasetOptions& options) {
  if (options.synthetic_users < 1) {
    throw DataError("", 0,
                    "dataset option synthetic_users must be at least 1, got " +
                        std::to_string(options.synthetic_users));
  }
  if (options.synthetic_items < 2) {
    throw DataError("", 0,
                    "dataset option synthetic_items must be at least 2, got " +
                        std::to_string(options.synthetic_items));
  }
}

}  // namespace

EventTable generate_synthetic(const DatasetOptions& options, LoadStats* stats) {
  check_sizes(options);
  Random random(static_cast<std::uint64_t>(options.synthetic_seed));
  std::vector<double> popularity =
      popularity_cumulative(options.synthetic_items, &random);
  std::vector<std::int64_t> successors =
      draw_successors(options.synthetic_items, &random);

  EventTable table;
  for (std::int64_t user = 1; user <= options.synthetic_users; ++user) {
    std::string user_id = std::to_string(user);
    std::uint64_t length =
        kMinLength + random.below(kMaxLength - kMinLength + 1);
    double time = kStartTime + user * kSecondsPerDay;
    std::int64_t item = draw(popularity, &random);
    for (std::uint64_t k = 0; k < length; ++k) {
      if (k > 0) item = next_item(item, popularity, successors, &random);
      time += 1.0 + static_cast<double>(random.below(3600));
      table.add(user_id, std::to_string(item + 1), time, {}, 0.0);
    }
  }
  stats->rows_read = table.size();
  return table;
}

}  // namespace harness::data
