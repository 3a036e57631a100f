#include "train/epoch.h"

#include "train/batching.h"

#include <cmath>

namespace harness::train {

SequenceBatch to_device(SequenceBatch batch, torch::Device device) {
  batch.items = batch.items.to(device);
  batch.baskets = batch.baskets.to(device);
  batch.users = batch.users.to(device);
  return batch;
}

double run_epoch(Model& model, torch::optim::Adam& optimizer,
                 const std::vector<Window>& windows,
                 const std::vector<torch::Tensor>& parameters,
                 const TrainerOptions& options,
                 std::mt19937_64& generator) {
  model.set_training(true);
  const std::vector<std::size_t> order =
      shuffled_indices(windows.size(), generator);
  const auto batch_size = static_cast<std::size_t>(options.train.batch_size);
  double loss_sum = 0;
  std::size_t batches = 0;
  std::vector<std::size_t> indices;
  for (std::size_t begin = 0; begin < order.size(); begin += batch_size) {
    const std::size_t end = std::min(order.size(), begin + batch_size);
    indices.assign(order.begin() + begin, order.begin() + end);
    SequenceBatch batch = to_device(collate_windows(windows, indices),
                                    options.evaluation.device);

    optimizer.zero_grad();
    torch::Tensor loss = model.loss(batch);
    const double value = loss.item<double>();
    if (!std::isfinite(value)) {
      return std::nan("");
    }
    loss.backward();
    if (options.train.grad_clip > 0) {
      torch::nn::utils::clip_grad_norm_(parameters, options.train.grad_clip);
    }
    optimizer.step();
    loss_sum += value;
    ++batches;
  }
  return batches > 0 ? loss_sum / batches : 0.0;
}


}  // namespace harness::train
