// One GRU layer with the gate equations of the authors' Theano GRU4Rec.
#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace gru4rec {

/// A GRU layer run over a whole left-padded sequence. With x the input,
/// h the previous state and [W_c | W_r | W_z] the input weights:
///
///   r  = sigmoid(x W_r + b_r + h U_r)
///   z  = sigmoid(x W_z + b_z + h U_z)
///   c  = tanh(x W_c + b_c + (r * h) U_c)
///   h' = (1 - z) * h + z * c
///
/// This is the formulation of the authors' Theano code: the reset gate
/// multiplies h before the recurrent product, and z weights the candidate.
/// torch::nn::GRUCell instead computes tanh(x W_c + b + r * (h U_c + b'))
/// and lets z weight the old state.
class GruLayerImpl : public torch::nn::Module {
 public:
  /// With `lookup` the input is an item id (one-hot), and input_size is the
  /// number of rows of the input weight table.
  GruLayerImpl(std::int64_t input_size, std::int64_t hidden_size,
               double dropout, bool lookup);

  /// Returns the input projections x W + b of every step, [B, T, 3H]:
  /// from item ids [B, T] with `lookup`, else from inputs [B, T, in].
  torch::Tensor project(const torch::Tensor& inputs) const;

  /// Runs the recurrence over projections [B, T, 3H] from a zero state and
  /// returns the state after every step, [B, T, H]. A step whose mask
  /// [B, T] is false keeps the previous state unchanged, so left padding
  /// leaves the zero initial state as it is. In training mode dropout is
  /// applied to each new state, and the dropped state is carried on, as in
  /// the authors' code.
  torch::Tensor forward(const torch::Tensor& projections,
                        const torch::Tensor& mask);

 private:
  std::int64_t hidden_size_;
  double dropout_;
  bool lookup_;
  /// [input_size, 3H], column blocks c | r | z.
  torch::Tensor input_weight_;
  /// [3H], zero at start.
  torch::Tensor input_bias_;
  /// [H, 2H], column blocks r | z.
  torch::Tensor gate_weight_;
  /// [H, H].
  torch::Tensor candidate_weight_;
};
TORCH_MODULE(GruLayer);

/// Fills `weight` uniformly in [-s, s] with s = sqrt(6 / (fan_in +
/// fan_out)), the authors' initialisation of each weight block.
void init_uniform_block(torch::Tensor& weight, std::int64_t fan_in,
                        std::int64_t fan_out);

}  // namespace gru4rec
