#include "data/dataset.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <vector>

using harness::data::Dataset;
using harness::data::DatasetOptions;
using harness::data::load_dataset;

namespace {

DatasetOptions synthetic_options() {
  DatasetOptions options;
  options.format = "synthetic";
  return options;
}

// The k most frequent items of `counts`, ties broken by the smaller id.
std::vector<std::int64_t> top_k(const std::map<std::int64_t, int>& counts,
                                std::size_t k) {
  std::vector<std::pair<int, std::int64_t>> ranked;
  for (const auto& [item, count] : counts) ranked.emplace_back(-count, item);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::int64_t> top;
  for (std::size_t i = 0; i < ranked.size() && i < k; ++i) {
    top.push_back(ranked[i].second);
  }
  return top;
}

bool contains(const std::vector<std::int64_t>& items, std::int64_t item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

TEST_CASE("synthetic data is deterministic for a seed") {
  Dataset first = load_dataset(synthetic_options());
  Dataset second = load_dataset(synthetic_options());
  CHECK(first.name == "synthetic");
  CHECK(first.items == second.items);
  CHECK(first.times == second.times);
  CHECK(first.fingerprint == second.fingerprint);

  DatasetOptions other = synthetic_options();
  other.synthetic_seed = 8;
  Dataset reseeded = load_dataset(other);
  CHECK(reseeded.items != first.items);
  CHECK(reseeded.fingerprint != first.fingerprint);
}

TEST_CASE("synthetic data has the requested shape") {
  DatasetOptions options = synthetic_options();
  auto start = std::chrono::steady_clock::now();
  Dataset dataset = load_dataset(options);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  MESSAGE("synthetic 2000 users loaded in " << seconds << " s");
  // A loose bound that still catches an accidental quadratic step.
  CHECK(seconds < 1.0);

  CHECK(dataset.num_users() == options.synthetic_users);
  CHECK(dataset.num_items() <= options.synthetic_items);
  CHECK(dataset.num_items() >= options.synthetic_items * 9 / 10);
  CHECK_FALSE(dataset.has_baskets);
  for (std::int64_t user = 1; user <= dataset.num_users(); ++user) {
    CAPTURE(user);
    REQUIRE(dataset.items[user].size() >= 20);
    REQUIRE(dataset.items[user].size() <= 80);
    const std::vector<double>& times = dataset.times[user];
    REQUIRE(std::adjacent_find(times.begin(), times.end(),
                               [](double a, double b) { return a >= b; }) ==
            times.end());
  }
}

TEST_CASE("synthetic data rewards sequence models over popularity") {
  Dataset dataset = load_dataset(synthetic_options());

  // Train on all but each user's last event; predict the last one from
  // the previous item's successors (a first-order Markov model) or from
  // global popularity.
  std::map<std::int64_t, int> popularity;
  std::map<std::int64_t, std::map<std::int64_t, int>> transitions;
  for (std::int64_t user = 1; user <= dataset.num_users(); ++user) {
    const std::vector<std::int64_t>& items = dataset.items[user];
    for (std::size_t k = 0; k + 1 < items.size(); ++k) {
      ++popularity[items[k]];
      if (k > 0) ++transitions[items[k - 1]][items[k]];
    }
  }
  constexpr std::size_t kCutoff = 10;
  std::vector<std::int64_t> popular = top_k(popularity, kCutoff);
  int popularity_hits = 0;
  int markov_hits = 0;
  for (std::int64_t user = 1; user <= dataset.num_users(); ++user) {
    const std::vector<std::int64_t>& items = dataset.items[user];
    std::int64_t target = items.back();
    std::int64_t previous = items[items.size() - 2];
    popularity_hits += contains(popular, target);
    markov_hits += contains(top_k(transitions[previous], kCutoff), target);
  }
  double users = static_cast<double>(dataset.num_users());
  double popularity_recall = popularity_hits / users;
  double markov_recall = markov_hits / users;
  MESSAGE("Recall@10 popularity " << popularity_recall << ", Markov "
                                  << markov_recall);
  CHECK(popularity_recall > 0.05);
  CHECK(markov_recall > popularity_recall + 0.2);
}
