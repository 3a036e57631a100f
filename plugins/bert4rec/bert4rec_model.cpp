#include "bert4rec_model.h"

#include <algorithm>

namespace harness::bert4rec {

Bert4recModel::Bert4recModel(const Bert4recOptions& options,
                             const MaskingOptions& masking)
    : num_items_(options.num_items),
      max_positions_(options.max_positions),
      masking_(masking),
      net_(options) {}

std::vector<torch::Tensor> Bert4recModel::parameters() {
  return net_->parameters();
}

// Returns the bool [B, T] positions to mask in `items` [B, T]: each
// non-padding position with mask_prob, at least one per non-empty row, and
// in a last_mask_prob share of rows only the last position.
torch::Tensor Bert4recModel::choose_masked(const torch::Tensor& items) const {
  auto float_options = torch::dtype(torch::kFloat).device(items.device());
  const std::int64_t batch = items.size(0);
  const std::int64_t width = items.size(1);
  torch::Tensor is_item = items.ne(0);

  torch::Tensor masked =
      torch::rand({batch, width}, float_options).lt(masking_.mask_prob)
          .logical_and(is_item);

  // A row with no masked position would teach nothing: mask one of its
  // items, drawn uniformly.
  torch::Tensor unmasked_rows =
      masked.any(1).logical_not().logical_and(is_item.any(1));
  torch::Tensor draw = torch::rand({batch, width}, float_options)
                           .masked_fill(is_item.logical_not(), -1.0);
  torch::Tensor one_item =
      torch::nn::functional::one_hot(draw.argmax(1), width).to(torch::kBool);
  masked = masked.logical_or(
      one_item.logical_and(unmasked_rows.unsqueeze(1)));

  // Rows are right-aligned, so the last column is the most recent item.
  torch::Tensor last_only =
      torch::rand({batch}, float_options).lt(masking_.last_mask_prob)
          .logical_and(is_item.select(1, -1));
  torch::Tensor last_column = torch::zeros_like(masked);
  last_column.select(1, -1).fill_(true);
  return torch::where(last_only.unsqueeze(1), last_column, masked);
}

torch::Tensor Bert4recModel::loss(const SequenceBatch& windows) {
  torch::Tensor items = windows.items.to(device_);
  // A window is up to max_history + 1 wide, but the network has only
  // max_history positions, so it reads the last max_history items.
  const std::int64_t width = items.size(1);
  if (width > max_positions_) {
    items = items.narrow(1, width - max_positions_, max_positions_);
  }

  torch::Tensor masked = choose_masked(items);
  torch::Tensor inputs = items.masked_fill(masked, net_->mask_token());
  torch::Tensor hidden = net_->encode(inputs).index({masked});
  torch::Tensor targets = items.index({masked});
  if (targets.numel() == 0) {
    // Keeps the graph connected so the host's backward() still works.
    return hidden.sum();
  }
  // Column j of the logits is item j + 1, because padding is not a class.
  torch::Tensor logits = net_->logits(hidden, /*first=*/1, num_items_);
  return torch::nn::functional::cross_entropy(logits, targets - 1);
}

torch::Tensor Bert4recModel::score(const SequenceBatch& histories) {
  torch::NoGradGuard no_grad;
  torch::Tensor items = histories.items.to(device_);

  // [MASK] takes the last position, so keep at most max_history - 1 items:
  // a full-length history loses exactly its oldest item.
  const std::int64_t width = items.size(1);
  const std::int64_t kept_items = std::min(width, max_positions_ - 1);
  torch::Tensor mask_column =
      torch::full({items.size(0), 1}, net_->mask_token(), items.options());
  torch::Tensor inputs =
      torch::cat({items.narrow(1, width - kept_items, kept_items), mask_column},
                 /*dim=*/1);

  torch::Tensor last = net_->encode(inputs).select(1, -1);
  return net_->logits(last, /*first=*/0, num_items_ + 1);
}

void Bert4recModel::set_training(bool training) { net_->train(training); }

void Bert4recModel::to(torch::Device device) {
  device_ = device;
  net_->to(device);
}

}  // namespace harness::bert4rec
