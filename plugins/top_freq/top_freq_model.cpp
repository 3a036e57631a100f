#include "top_freq_model.h"

#include <stdexcept>
#include <tuple>

#include "input_checks.h"
#include "ranking.h"

namespace harness::baselines {

TopFreqMode parse_top_freq_mode(const std::string& name) {
  if (name == "global") return TopFreqMode::kGlobal;
  if (name == "personal") return TopFreqMode::kPersonal;
  if (name == "personal_global") return TopFreqMode::kPersonalGlobal;
  throw std::invalid_argument("top_freq: invalid mode '" + name +
                              "'; expected global, personal or "
                              "personal_global");
}

TopFreqModel::TopFreqModel(TopFreqMode mode, const DatasetInfo& dataset)
    : mode_(mode), num_items_(dataset.num_items) {
  if (num_items_ < 1) {
    throw std::invalid_argument("top_freq: dataset has no items (num_items = " +
                                std::to_string(num_items_) + ")");
  }
}

void TopFreqModel::fit(const TrainingData& data) {
  check_training_data(data, num_items_, "top_freq");
  basket_counts_ = count_baskets(data, num_items_);
  std::tie(global_level_, global_levels_) = dense_ranks(basket_counts_);
}

std::vector<torch::Tensor> TopFreqModel::buffers() {
  if (!basket_counts_.defined()) return {};
  return {basket_counts_};
}

torch::Tensor TopFreqModel::personal_levels(
    const SequenceBatch& histories) const {
  // An item repeated inside one basket counts once.
  auto [counts, latest] =
      stamp_counts_and_latest(histories.items, histories.baskets, num_items_);
  // Basket ordinals are below stride, so the count dominates.
  const std::int64_t stride = latest.max().item<std::int64_t>() + 1;
  return torch::where(counts > 0, counts * stride + latest,
                      torch::zeros_like(counts));
}

torch::Tensor TopFreqModel::score(const SequenceBatch& histories) {
  torch::NoGradGuard no_grad;
  if (!basket_counts_.defined()) {
    throw std::logic_error("top_freq: score() called before fit()");
  }
  const bool personal = mode_ != TopFreqMode::kGlobal;
  SequenceBatch cpu =
      histories_on_cpu(histories, num_items_, personal, "top_freq");
  const std::int64_t rows = cpu.items.size(0);

  if (mode_ == TopFreqMode::kGlobal) {
    return exact_float_scores(basket_counts_, "top_freq")
        .unsqueeze(0)
        .expand({rows, num_items_ + 1})
        .clone();
  }
  torch::Tensor levels = personal_levels(cpu);
  if (mode_ == TopFreqMode::kPersonalGlobal) {
    // Global ranks 0..levels-1 fill in below every history item.
    levels = torch::where(levels > 0, global_levels_ + levels,
                          global_level_.unsqueeze(0).expand_as(levels));
  }
  return exact_float_scores(levels, "top_freq");
}

}  // namespace harness::baselines
