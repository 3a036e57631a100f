#include "pop_model.h"

#include <stdexcept>

#include "input_checks.h"
#include "ranking.h"

namespace harness::baselines {

PopModel::PopModel(const DatasetInfo& dataset) : num_items_(dataset.num_items) {
  if (num_items_ < 1) {
    throw std::invalid_argument("pop: dataset has no items (num_items = " +
                                std::to_string(num_items_) + ")");
  }
}

void PopModel::fit(const TrainingData& data) {
  check_training_data(data, num_items_, "pop");
  counts_ = count_events(data, num_items_);
  scores_ = exact_float_scores(counts_, "pop");
}

std::vector<torch::Tensor> PopModel::buffers() {
  if (!counts_.defined()) return {};
  return {counts_};
}

torch::Tensor PopModel::score(const SequenceBatch& histories) {
  torch::NoGradGuard no_grad;
  if (!scores_.defined()) {
    throw std::logic_error("pop: score() called before fit()");
  }
  SequenceBatch cpu =
      histories_on_cpu(histories, num_items_, /*reads_baskets=*/false, "pop");
  const std::int64_t rows = cpu.items.size(0);
  return scores_.unsqueeze(0).expand({rows, num_items_ + 1}).clone();
}

}  // namespace harness::baselines
