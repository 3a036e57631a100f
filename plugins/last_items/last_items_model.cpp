#include "last_items_model.h"

#include <stdexcept>
#include <tuple>

#include "input_checks.h"
#include "ranking.h"

namespace harness::baselines {

LastItemsModel::LastItemsModel(const LastItemsOptions& options,
                               const DatasetInfo& dataset)
    : options_(options), num_items_(dataset.num_items) {
  if (num_items_ < 1) {
    throw std::invalid_argument(
        "last_items: dataset has no items (num_items = " +
        std::to_string(num_items_) + ")");
  }
}

void LastItemsModel::fit(const TrainingData& data) {
  check_training_data(data, num_items_, "last_items");
  popularity_ = count_events(data, num_items_);
  std::tie(popularity_level_, popularity_levels_) = dense_ranks(popularity_);
}

std::vector<torch::Tensor> LastItemsModel::buffers() {
  if (!popularity_.defined()) return {};
  return {popularity_};
}

torch::Tensor LastItemsModel::score(const SequenceBatch& histories) {
  torch::NoGradGuard no_grad;
  if (!popularity_.defined()) {
    throw std::logic_error("last_items: score() called before fit()");
  }
  SequenceBatch cpu = histories_on_cpu(histories, num_items_,
                                       /*reads_baskets=*/false, "last_items");
  torch::Tensor items = cpu.items;
  if (options_.max_items > 0 && items.size(1) > options_.max_items) {
    items =
        items.narrow(1, items.size(1) - options_.max_items, options_.max_items);
  }
  const std::int64_t rows = items.size(0);
  const std::int64_t width = items.size(1);

  // Per row and item: events in the history, and the column (1-based) of
  // the latest one. Columns are distinct, so every event counts.
  torch::Tensor column =
      torch::arange(1, width + 1, torch::kInt64).expand({rows, width});
  auto [counts, latest] = stamp_counts_and_latest(items, column, num_items_);

  // Levels: popularity ranks 0..levels-1 sit below every history item.
  // History items rank by count, then latest column (< width + 1, so the
  // count dominates).
  torch::Tensor personal = popularity_levels_ + counts * (width + 1) + latest;
  torch::Tensor levels = torch::where(
      counts > 0, personal, popularity_level_.unsqueeze(0).expand_as(counts));
  return exact_float_scores(levels, "last_items");
}

}  // namespace harness::baselines
