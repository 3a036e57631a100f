#include "sasrec_model.h"

#include <stdexcept>
#include <string>

namespace harness::sasrec {

SasrecModel::SasrecModel(const SasrecOptions& options, LossKind loss,
                         std::int64_t num_negatives)
    : num_items_(options.num_items),
      loss_(loss),
      num_negatives_(num_negatives),
      net_(options) {}

std::vector<torch::Tensor> SasrecModel::parameters() {
  return net_->parameters();
}

torch::Tensor SasrecModel::loss(const SequenceBatch& windows) {
  torch::Tensor items = windows.items.to(device_);
  const std::int64_t width = items.size(1);
  if (width < 2) {
    throw std::invalid_argument(
        "sasrec: a training window needs at least 2 columns (input and "
        "target), got width " + std::to_string(width));
  }

  // Position t predicts items[:, t + 1] from items[:, 0..t]. Positions
  // whose input or target is padding carry no transition.
  torch::Tensor inputs = items.narrow(1, 0, width - 1);
  torch::Tensor targets = items.narrow(1, 1, width - 1);
  torch::Tensor valid = targets.ne(0).logical_and(inputs.ne(0));
  torch::Tensor hidden = net_->encode(inputs).index({valid});
  torch::Tensor valid_targets = targets.index({valid});
  if (valid_targets.numel() == 0) {
    // Keeps the graph connected so the host's backward() still works.
    return hidden.sum();
  }
  return loss_ == LossKind::kCrossEntropy
             ? cross_entropy(hidden, valid_targets)
             : binary_cross_entropy(hidden, valid_targets);
}

torch::Tensor SasrecModel::cross_entropy(const torch::Tensor& hidden,
                                         const torch::Tensor& targets) {
  // Column j of the logits is item j + 1, because padding is not a class.
  torch::Tensor item_table = net_->item_weights().narrow(0, 1, num_items_);
  torch::Tensor logits = hidden.matmul(item_table.t());
  return torch::nn::functional::cross_entropy(logits, targets - 1);
}

torch::Tensor SasrecModel::binary_cross_entropy(const torch::Tensor& hidden,
                                                const torch::Tensor& targets) {
  // Draw uniformly from the num_items - 1 items other than the target:
  // draw r in 1..num_items-1 and shift r >= target up by one.
  const std::int64_t count = targets.size(0);
  torch::Tensor draws = torch::randint(
      1, num_items_, {count, num_negatives_},
      torch::dtype(torch::kLong).device(targets.device()));
  torch::Tensor negatives =
      draws + draws.ge(targets.unsqueeze(1)).to(torch::kLong);

  const torch::Tensor& table = net_->item_weights();
  torch::Tensor positive_logits =
      (hidden * torch::embedding(table, targets)).sum(-1);
  torch::Tensor negative_logits =
      (hidden.unsqueeze(1) * torch::embedding(table, negatives)).sum(-1);

  // -log sigmoid(p) = softplus(-p) and -log(1 - sigmoid(n)) = softplus(n).
  torch::Tensor per_position = torch::softplus(-positive_logits) +
                               torch::softplus(negative_logits).sum(1);
  return per_position.mean();
}

torch::Tensor SasrecModel::score(const SequenceBatch& histories) {
  torch::NoGradGuard no_grad;
  torch::Tensor items = histories.items.to(device_);
  if (items.size(1) < 1) {
    throw std::invalid_argument("sasrec: score() got histories of width 0");
  }
  torch::Tensor last = net_->encode(items).select(1, -1);
  return last.matmul(net_->item_weights().t());
}

void SasrecModel::set_training(bool training) { net_->train(training); }

void SasrecModel::to(torch::Device device) {
  device_ = device;
  net_->to(device);
}

}  // namespace harness::sasrec
