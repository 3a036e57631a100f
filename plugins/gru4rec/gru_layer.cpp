#include "gru_layer.h"

#include <cmath>
#include <vector>

namespace gru4rec {

void init_uniform_block(torch::Tensor& weight, std::int64_t fan_in,
                        std::int64_t fan_out) {
  const double bound =
      std::sqrt(6.0 / static_cast<double>(fan_in + fan_out));
  torch::NoGradGuard no_grad;
  weight.uniform_(-bound, bound);
}

GruLayerImpl::GruLayerImpl(std::int64_t input_size, std::int64_t hidden_size,
                           double dropout, bool lookup)
    : hidden_size_(hidden_size), dropout_(dropout), lookup_(lookup) {
  input_weight_ = register_parameter(
      "input_weight", torch::empty({input_size, 3 * hidden_size}));
  input_bias_ =
      register_parameter("input_bias", torch::zeros({3 * hidden_size}));
  gate_weight_ = register_parameter(
      "gate_weight", torch::empty({hidden_size, 2 * hidden_size}));
  candidate_weight_ = register_parameter(
      "candidate_weight", torch::empty({hidden_size, hidden_size}));

  // The authors draw each [in, H] or [H, H] gate block on its own, so the
  // bound depends on the block's shape, not on the stacked matrix. For the
  // one-hot table the fan-in is the item count (the padding row excluded).
  const std::int64_t fan_in = lookup ? input_size - 1 : input_size;
  init_uniform_block(input_weight_, fan_in, hidden_size);
  init_uniform_block(gate_weight_, hidden_size, hidden_size);
  init_uniform_block(candidate_weight_, hidden_size, hidden_size);
}

torch::Tensor GruLayerImpl::project(const torch::Tensor& inputs) const {
  if (lookup_) {
    auto rows = input_weight_.index_select(0, inputs.reshape({-1}));
    return (rows + input_bias_)
        .view({inputs.size(0), inputs.size(1), 3 * hidden_size_});
  }
  return torch::matmul(inputs, input_weight_) + input_bias_;
}

torch::Tensor GruLayerImpl::forward(const torch::Tensor& projections,
                                    const torch::Tensor& mask) {
  const std::int64_t batch = projections.size(0);
  const std::int64_t steps = projections.size(1);
  const std::int64_t h_size = hidden_size_;

  // Time-major, split once into per-step slices: unbind's backward is one
  // stack, where indexing each step would allocate a full-size gradient.
  auto by_step = projections.transpose(0, 1);
  auto candidate_inputs = by_step.narrow(2, 0, h_size).unbind(0);
  auto gate_inputs = by_step.narrow(2, h_size, 2 * h_size).unbind(0);
  auto step_masks = mask.transpose(0, 1).unsqueeze(2).unbind(0);
  const bool drop = is_training() && dropout_ > 0.0;

  auto state = torch::zeros({batch, h_size}, projections.options());
  std::vector<torch::Tensor> states;
  states.reserve(steps);
  for (std::int64_t t = 0; t < steps; ++t) {
    auto gates = torch::sigmoid(
        torch::addmm(gate_inputs[t], state, gate_weight_)).chunk(2, 1);
    const auto& reset = gates[0];
    const auto& update = gates[1];
    auto candidate = torch::tanh(
        torch::addmm(candidate_inputs[t], state * reset, candidate_weight_));
    auto next = (1.0 - update) * state + update * candidate;
    if (drop) {
      next = torch::dropout(next, dropout_, /*train=*/true);
    }
    state = torch::where(step_masks[t], next, state);
    states.push_back(state);
  }
  return torch::stack(states, 1);
}

}  // namespace gru4rec
