// One pass of gradient training over all training windows.
#pragma once

#include "train/batching.h"
#include "train/trainer.h"

#include <harness/model.h>

#include <torch/torch.h>

#include <random>
#include <vector>

namespace harness::train {

/// Moves a batch's tensors to a device.
SequenceBatch to_device(SequenceBatch batch, torch::Device device);

/// Trains one epoch over the windows in a shuffled order and returns the
/// mean batch loss. Returns NaN as soon as a batch loss is not finite: the
/// run has diverged, and the epoch stops there.
double run_epoch(Model& model, torch::optim::Adam& optimizer,
                 const std::vector<Window>& windows,
                 const std::vector<torch::Tensor>& parameters,
                 const TrainerOptions& options, std::mt19937_64& generator);

}  // namespace harness::train
