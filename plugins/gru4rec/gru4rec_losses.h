// Training losses of GRU4Rec over the output item embeddings.
#pragma once

#include <torch/torch.h>

namespace gru4rec {

/// Returns the mean softmax cross-entropy over all items 1..num_items.
/// states [N, H] are the hidden states of the valid positions, and targets
/// [N] are their next items. output_embedding [num_items + 1, H] and
/// output_bias [num_items + 1] include the padding row 0, which is no class.
torch::Tensor cross_entropy_loss(const torch::Tensor& states,
                                 const torch::Tensor& targets,
                                 const torch::Tensor& output_embedding,
                                 const torch::Tensor& output_bias);

/// Settings of the BPR-max loss (Hidasi & Karatzoglou 2018).
struct BprMaxOptions {
  /// Weight of the regulariser sum_j s_j * r_j^2.
  double bpreg = 1.0;
  /// ELU alpha applied to every score first; 0 leaves scores linear.
  double elu_param = 0.5;
};

/// Returns the mean BPR-max loss of the valid positions.
///
/// states [T, B, H], targets [T, B] and valid [T, B] are time-major. Step t
/// plays the part of one minibatch of the authors' session-parallel
/// training: the negatives of row i are the targets of the other valid rows
/// at the same step plus the shared sampled `negatives` [S]. With r_j the
/// scores of those negatives, s = softmax(r) and r_i the target score, a
/// row's loss is -log(sum_j s_j * sigmoid(r_i - r_j)) + bpreg * sum_j s_j *
/// r_j^2. Rows without any negative are left out.
torch::Tensor bpr_max_loss(const torch::Tensor& states,
                           const torch::Tensor& targets,
                           const torch::Tensor& valid,
                           const torch::Tensor& negatives,
                           const torch::Tensor& output_embedding,
                           const torch::Tensor& output_bias,
                           const BprMaxOptions& options);

}  // namespace gru4rec
