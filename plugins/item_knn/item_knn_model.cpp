#include "item_knn_model.h"

#include <algorithm>
#include <stdexcept>

#include "input_checks.h"
#include "ranking.h"

namespace harness::baselines {

ItemKnnModel::ItemKnnModel(const ItemKnnOptions& options,
                           const DatasetInfo& dataset)
    : options_(options), num_items_(dataset.num_items) {
  if (num_items_ < 1) {
    throw std::invalid_argument("item_knn: dataset has no items (num_items = " +
                                std::to_string(num_items_) + ")");
  }
}

void ItemKnnModel::fit(const TrainingData& data) {
  check_training_data(data, num_items_, "item_knn");
  popularity_ = count_events(data, num_items_);
  neighbors_ =
      build_item_neighbors(data, popularity_, num_items_, options_.similarity);
}

std::vector<torch::Tensor> ItemKnnModel::buffers() {
  if (!popularity_.defined()) return {};
  return {neighbors_.items, neighbors_.similarities, popularity_};
}

torch::Tensor ItemKnnModel::score(const SequenceBatch& histories) {
  torch::NoGradGuard no_grad;
  if (!popularity_.defined()) {
    throw std::logic_error("item_knn: score() called before fit()");
  }
  SequenceBatch cpu = histories_on_cpu(histories, num_items_,
                                       /*reads_baskets=*/false, "item_knn");
  const std::int64_t rows = cpu.items.size(0);
  const std::int64_t width = cpu.items.size(1);
  const std::int64_t last = std::min(options_.num_last, width);
  const std::int64_t fan_out = options_.similarity.neighbors;

  // Column width - 1 is step 0. Padding (item 0) has no neighbours.
  torch::Tensor recent = cpu.items.narrow(1, width - last, last);
  torch::Tensor steps = torch::arange(last - 1, -1, -1, torch::kFloat64);
  torch::Tensor weight = torch::pow(options_.decay, steps).view({1, last, 1});
  torch::Tensor voters = neighbors_.items.index({recent});
  torch::Tensor votes = neighbors_.similarities.index({recent}) * weight;
  torch::Tensor knn = torch::zeros({rows, num_items_ + 1}, torch::kFloat64)
                          .scatter_add_(1, voters.view({rows, last * fan_out}),
                                        votes.view({rows, last * fan_out}));

  // Votes rank first (items without votes have 0), popularity breaks ties.
  return lexicographic_scores(knn, popularity_, "item_knn");
}

}  // namespace harness::baselines
