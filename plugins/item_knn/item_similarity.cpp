#include "item_similarity.h"

#include <tuple>
#include <vector>

namespace harness::baselines {
namespace {

// Returns pair keys i * (num_items + 1) + j for every co-occurrence.
torch::Tensor co_occurrence_keys(const TrainingData& data,
                                 std::int64_t num_items,
                                 const ItemSimilarityOptions& options) {
  std::vector<std::int64_t> flat_items;
  std::vector<std::int64_t> owners;
  for (std::size_t u = 0; u < data.users.size(); ++u) {
    const auto& items = data.users[u].items;
    flat_items.insert(flat_items.end(), items.begin(), items.end());
    owners.insert(owners.end(), items.size(), static_cast<std::int64_t>(u));
  }
  const auto events = static_cast<std::int64_t>(flat_items.size());
  torch::Tensor item = torch::tensor(flat_items, torch::kInt64);
  torch::Tensor owner = torch::tensor(owners, torch::kInt64);

  // One shifted comparison per distance d: event e pairs with e + d when
  // both belong to the same user.
  std::vector<torch::Tensor> keys;
  for (std::int64_t d = 1; d <= options.window && d < events; ++d) {
    torch::Tensor first = item.narrow(0, 0, events - d);
    torch::Tensor second = item.narrow(0, d, events - d);
    torch::Tensor same_user =
        owner.narrow(0, 0, events - d) == owner.narrow(0, d, events - d);
    torch::Tensor keep = same_user & (first != second);
    torch::Tensor from = first.masked_select(keep);
    torch::Tensor to = second.masked_select(keep);
    keys.push_back(from * (num_items + 1) + to);
    if (!options.directional) keys.push_back(to * (num_items + 1) + from);
  }
  if (keys.empty()) return torch::zeros({0}, torch::kInt64);
  return torch::cat(keys);
}

}  // namespace

ItemNeighbors build_item_neighbors(const TrainingData& data,
                                   const torch::Tensor& events,
                                   std::int64_t num_items,
                                   const ItemSimilarityOptions& options) {
  const std::int64_t columns = num_items + 1;
  ItemNeighbors result;
  result.items = torch::zeros({columns, options.neighbors}, torch::kInt64);
  result.similarities =
      torch::zeros({columns, options.neighbors}, torch::kFloat64);

  torch::Tensor keys = co_occurrence_keys(data, num_items, options);
  if (keys.numel() == 0) return result;
  torch::Tensor pairs;
  torch::Tensor counts;
  std::tie(pairs, std::ignore, counts) = torch::_unique2(
      keys, /*sorted=*/true, /*return_inverse=*/false, /*return_counts=*/true);
  torch::Tensor row = pairs.div(columns, "floor");
  torch::Tensor column = pairs.remainder(columns);

  torch::Tensor frequency = events.to(torch::kFloat64);
  torch::Tensor similarity =
      counts.to(torch::kFloat64) /
      (frequency.index({row}).pow(options.alpha) *
       frequency.index({column}).pow(1.0 - options.alpha));

  // Order by row, then by similarity descending. Pairs arrive sorted by
  // (row, column), so stable sorts keep the smaller column first on ties.
  torch::Tensor order = std::get<1>(
      similarity.sort(/*stable=*/true, /*dim=*/0, /*descending=*/true));
  // Every sort(stable, ...) call passes all three arguments: with two,
  // (bool, int) binds to the sort(dim, descending) overload instead.
  order = order.index({std::get<1>(row.index({order}).sort(
      /*stable=*/true, /*dim=*/0, /*descending=*/false))});
  row = row.index({order});
  column = column.index({order});
  similarity = similarity.index({order});

  // Rank inside the row = position minus the row's first position.
  torch::Tensor row_sizes = torch::bincount(row, {}, columns);
  torch::Tensor row_start = row_sizes.cumsum(0) - row_sizes;
  torch::Tensor rank =
      torch::arange(row.size(0), torch::kInt64) - row_start.index({row});
  torch::Tensor within_limit = rank < options.neighbors;
  row = row.masked_select(within_limit);
  rank = rank.masked_select(within_limit);
  result.items.index_put_({row, rank}, column.masked_select(within_limit));
  result.similarities.index_put_({row, rank},
                                 similarity.masked_select(within_limit));
  return result;
}

}  // namespace harness::baselines
