#include "gru4rec_losses.h"

#include <limits>

namespace gru4rec {
namespace {

/// Keeps log() finite when every weighted sigmoid underflows. The authors
/// add the same constant.
constexpr double kLogEpsilon = 1e-24;

namespace F = torch::nn::functional;

}  // namespace

torch::Tensor cross_entropy_loss(const torch::Tensor& states,
                                 const torch::Tensor& targets,
                                 const torch::Tensor& output_embedding,
                                 const torch::Tensor& output_bias) {
  const std::int64_t num_items = output_embedding.size(0) - 1;
  auto logits = torch::addmm(output_bias.narrow(0, 1, num_items), states,
                             output_embedding.narrow(0, 1, num_items).t());
  return F::cross_entropy(logits, targets - 1);
}

torch::Tensor bpr_max_loss(const torch::Tensor& states,
                           const torch::Tensor& targets,
                           const torch::Tensor& valid,
                           const torch::Tensor& negatives,
                           const torch::Tensor& output_embedding,
                           const torch::Tensor& output_bias,
                           const BprMaxOptions& options) {
  const std::int64_t steps = states.size(0);
  const std::int64_t batch = states.size(1);
  const std::int64_t h_size = states.size(2);
  const std::int64_t num_sampled = negatives.size(0);
  auto activate = [&](const torch::Tensor& scores) {
    if (options.elu_param <= 0.0) {
      return scores;
    }
    return F::elu(scores, F::ELUFuncOptions().alpha(options.elu_param));
  };

  // Scores [T, B, B + S]: column j < B is the target of row j at the same
  // step, the rest are the samples. The row's own target score is computed
  // directly, which is cheaper than the diagonal of the big tensor.
  auto flat_targets = targets.reshape({-1});
  auto target_embedding = output_embedding.index_select(0, flat_targets)
                              .view({steps, batch, h_size});
  auto target_bias =
      output_bias.index_select(0, flat_targets).view({steps, batch});
  auto positive =
      activate((states * target_embedding).sum(2) + target_bias)
          .unsqueeze(2);
  auto in_batch = torch::baddbmm(target_bias.unsqueeze(1), states,
                                 target_embedding.transpose(1, 2));
  auto sampled =
      torch::matmul(states, output_embedding.index_select(0, negatives).t()) +
      output_bias.index_select(0, negatives);
  auto scores = activate(torch::cat({in_batch, sampled}, 2));

  // Column j < B is a negative of row i when j != i and row j is valid,
  // because padded targets are no items. Every sample is a negative.
  auto bool_options = valid.options().dtype(torch::kBool);
  auto not_self = torch::eye(batch, bool_options).logical_not();
  auto is_negative = torch::cat(
      {valid.unsqueeze(1) & not_self,
       torch::ones({steps, batch, num_sampled}, bool_options)},
      2);

  // A finite fill keeps rows without negatives free of NaN, and the row
  // weights below leave those rows out.
  auto weights = torch::softmax(
      scores.masked_fill(is_negative.logical_not(),
                         std::numeric_limits<float>::lowest()),
      2);
  auto ranking = (torch::sigmoid(positive - scores) * weights).sum(2);
  auto regulariser = (scores * scores * weights).sum(2);
  auto per_row =
      -torch::log(ranking + kLogEpsilon) + options.bpreg * regulariser;

  auto row_weights = (valid & is_negative.any(2)).to(per_row.scalar_type());
  auto num_rows = row_weights.sum();
  if (num_rows.item<double>() == 0.0) {
    return per_row.sum() * 0.0;
  }
  return (per_row * row_weights).sum() / num_rows;
}

}  // namespace gru4rec
