// The interface every model implements. The host owns the optimiser,
// epochs, early stopping, seeding, devices and metrics.
#pragma once

#include <harness/batch.h>
#include <harness/dataset_info.h>

#include <torch/torch.h>

#include <vector>

namespace harness {

class Model {
 public:
  virtual ~Model() = default;

  /// Receives the training data once, before the first epoch. Models that do
  /// not learn by gradient (popularity, item-kNN) do all their work here.
  virtual void fit(const TrainingData& data) { (void)data; }

  /// Trainable tensors. An empty list means the model does not train by
  /// gradient: the host then skips the epoch loop and only evaluates.
  virtual std::vector<torch::Tensor> parameters() { return {}; }

  /// Non-trainable state saved with the best epoch's weights.
  virtual std::vector<torch::Tensor> buffers() { return {}; }

  /// Returns the scalar training loss of a batch of training windows.
  virtual torch::Tensor loss(const SequenceBatch& windows) {
    (void)windows;
    throw std::logic_error("this model does not train by gradient");
  }

  /// Returns scores [B, num_items + 1] for the next event of each history.
  /// Column 0 (padding) is ignored by the host; higher scores rank first.
  virtual torch::Tensor score(const SequenceBatch& histories) = 0;

  /// Switches dropout and similar layers between training and evaluation.
  virtual void set_training(bool training) { (void)training; }

  /// Moves parameters and buffers to a device.
  virtual void to(torch::Device device) { (void)device; }
};

}  // namespace harness
