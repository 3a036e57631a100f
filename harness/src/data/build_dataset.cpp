#include "data/build_dataset.h"

#include <algorithm>
#include <unordered_map>

namespace harness::data {
namespace {

std::int64_t count_distinct(const std::vector<std::int64_t>& ids,
                            const std::vector<char>& keep,
                            std::int64_t num_ids) {
  std::vector<char> seen(num_ids, 0);
  std::int64_t distinct = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (keep[i] && !seen[ids[i]]) {
      seen[ids[i]] = 1;
      ++distinct;
    }
  }
  return distinct;
}

// Drops events of users and items with too few events until no count is
// below its minimum; with both minimums set this is the k-core.
std::vector<char> apply_filters(const EventTable& table,
                                const DatasetOptions& options,
                                LoadStats* stats) {
  std::vector<char> keep(table.size(), 1);
  if (options.min_user_events <= 0 && options.min_item_events <= 0) {
    return keep;
  }
  bool changed = true;
  while (changed) {
    std::vector<std::int64_t> user_count(table.users.size(), 0);
    std::vector<std::int64_t> item_count(table.items.size(), 0);
    for (std::int64_t i = 0; i < table.size(); ++i) {
      if (!keep[i]) continue;
      ++user_count[table.user[i]];
      ++item_count[table.item[i]];
    }
    changed = false;
    for (std::int64_t i = 0; i < table.size(); ++i) {
      if (keep[i] && (user_count[table.user[i]] < options.min_user_events ||
                      item_count[table.item[i]] < options.min_item_events)) {
        keep[i] = 0;
        changed = true;
      }
    }
  }
  std::vector<char> all(table.size(), 1);
  stats->users_removed_by_filters =
      count_distinct(table.user, all, table.users.size()) -
      count_distinct(table.user, keep, table.users.size());
  stats->items_removed_by_filters =
      count_distinct(table.item, all, table.items.size()) -
      count_distinct(table.item, keep, table.items.size());
  return keep;
}

// Per basket of one user: its rank by first row and its earliest time.
struct BasketKey {
  std::int64_t rank = 0;
  double time = 0.0;
};

// Sorts one user's events (given in file order) by the documented rule.
void order_user_events(const EventTable& table,
                       std::vector<std::int64_t>* events) {
  std::vector<double> sort_time(events->size());
  std::vector<std::int64_t> basket_rank(events->size(), 0);
  if (table.has_baskets) {
    std::unordered_map<std::int64_t, BasketKey> keys;
    for (std::int64_t event : *events) {
      auto [entry, inserted] = keys.try_emplace(table.basket[event]);
      if (inserted) {
        entry->second = {static_cast<std::int64_t>(keys.size()),
                         table.time[event]};
      }
      entry->second.time = std::min(entry->second.time, table.time[event]);
    }
    for (std::size_t i = 0; i < events->size(); ++i) {
      const BasketKey& key = keys[table.basket[(*events)[i]]];
      sort_time[i] = key.time;
      basket_rank[i] = key.rank;
    }
  } else {
    for (std::size_t i = 0; i < events->size(); ++i) {
      sort_time[i] = table.time[(*events)[i]];
    }
  }

  // Sorting positions 0..n-1 stably keeps file order as the last key.
  std::vector<std::size_t> order(events->size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(
      order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (sort_time[a] != sort_time[b]) {
          return sort_time[a] < sort_time[b];
        }
        if (basket_rank[a] != basket_rank[b]) {
          return basket_rank[a] < basket_rank[b];
        }
        return table.position[(*events)[a]] < table.position[(*events)[b]];
      });
  std::vector<std::int64_t> sorted(events->size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    sorted[i] = (*events)[order[i]];
  }
  *events = std::move(sorted);
}

}  // namespace

Dataset build_dataset(const EventTable& table, const DatasetOptions& options,
                      LoadStats stats) {
  std::vector<char> keep = apply_filters(table, options, &stats);

  // Dense ids by first appearance among the kept events.
  Dataset dataset;
  dataset.has_baskets = table.has_baskets;
  dataset.user_ids.emplace_back();
  dataset.item_ids.emplace_back();
  std::vector<std::int64_t> dense_user(table.users.size(), 0);
  std::vector<std::int64_t> dense_item(table.items.size(), 0);
  std::vector<std::vector<std::int64_t>> user_events(1);
  for (std::int64_t i = 0; i < table.size(); ++i) {
    if (!keep[i]) continue;
    std::int64_t& user = dense_user[table.user[i]];
    if (user == 0) {
      user = dataset.num_users() + 1;
      dataset.user_ids.push_back(table.users.value(table.user[i]));
      user_events.emplace_back();
    }
    std::int64_t& item = dense_item[table.item[i]];
    if (item == 0) {
      item = dataset.num_items() + 1;
      dataset.item_ids.push_back(table.items.value(table.item[i]));
    }
    user_events[user].push_back(i);
  }

  std::size_t slots = user_events.size();
  dataset.items.resize(slots);
  dataset.baskets.resize(slots);
  dataset.times.resize(slots);
  for (std::size_t user = 1; user < slots; ++user) {
    std::vector<std::int64_t>& events = user_events[user];
    order_user_events(table, &events);
    std::int64_t ordinal = 0;
    for (std::size_t k = 0; k < events.size(); ++k) {
      std::int64_t event = events[k];
      bool new_basket = !table.has_baskets || k == 0 ||
                        table.basket[event] != table.basket[events[k - 1]];
      if (new_basket) ++ordinal;
      dataset.items[user].push_back(dense_item[table.item[event]]);
      dataset.baskets[user].push_back(ordinal);
      dataset.times[user].push_back(table.time[event]);
    }
    stats.events_kept += static_cast<std::int64_t>(events.size());
  }
  dataset.stats = stats;
  return dataset;
}

}  // namespace harness::data
