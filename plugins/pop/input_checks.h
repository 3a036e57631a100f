// Input checks shared by the baseline plugins. The host already validates
// its data, so a failure here means a host or test bug, reported with the
// offending value instead of an out-of-range tensor access.
#pragma once

#include <harness/batch.h>
#include <harness/dataset_info.h>
#include <torch/torch.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace harness::baselines {

/// Throws std::invalid_argument naming the user, position and value when a
/// training sequence contains an item id outside 1..num_items or does not carry
/// one basket ordinal per event.
inline void check_training_data(const TrainingData& data,
                                std::int64_t num_items,
                                const std::string& plugin) {
  for (const UserSequence& sequence : data.users) {
    if (sequence.baskets.size() != sequence.items.size()) {
      throw std::invalid_argument(
          plugin + ": training sequence of user " +
          std::to_string(sequence.user) + " has " +
          std::to_string(sequence.items.size()) + " items but " +
          std::to_string(sequence.baskets.size()) +
          " basket ordinals; expected one ordinal per event");
    }
    for (std::size_t i = 0; i < sequence.items.size(); ++i) {
      const std::int64_t item = sequence.items[i];
      if (item < 1 || item > num_items) {
        throw std::invalid_argument(
            plugin + ": training event " + std::to_string(i) + " of user " +
            std::to_string(sequence.user) + " has item id " +
            std::to_string(item) + ", outside 1.." + std::to_string(num_items) +
            "; the dataset's num_items does not match its training data");
      }
    }
  }
}

/// Checks the shapes and item range of a scoring batch and returns a CPU
/// copy. Baskets are checked only when the model reads them.
inline SequenceBatch histories_on_cpu(const SequenceBatch& histories,
                                      std::int64_t num_items,
                                      bool reads_baskets,
                                      const std::string& plugin) {
  const torch::Tensor& items = histories.items;
  if (!items.defined() || items.dim() != 2 ||
      items.scalar_type() != torch::kInt64) {
    throw std::invalid_argument(
        plugin + ": histories.items must be an int64 tensor [B, T]");
  }
  const std::int64_t rows = items.size(0);
  if (!histories.users.defined() || histories.users.dim() != 1 ||
      histories.users.size(0) != rows) {
    throw std::invalid_argument(plugin + ": histories.users must be [" +
                                std::to_string(rows) + "], one user per row");
  }
  if (reads_baskets && (!histories.baskets.defined() ||
                        histories.baskets.sizes() != items.sizes() ||
                        histories.baskets.scalar_type() != torch::kInt64)) {
    throw std::invalid_argument(
        plugin +
        ": histories.baskets must be an int64 tensor shaped like "
        "histories.items");
  }

  SequenceBatch cpu;
  cpu.items = items.to(torch::kCPU).contiguous();
  cpu.users = histories.users.to(torch::kCPU, torch::kInt64).contiguous();
  if (reads_baskets) {
    cpu.baskets = histories.baskets.to(torch::kCPU).contiguous();
  }
  if (cpu.items.numel() > 0) {
    const std::int64_t low = cpu.items.min().item<std::int64_t>();
    const std::int64_t high = cpu.items.max().item<std::int64_t>();
    if (low < 0 || high > num_items) {
      throw std::invalid_argument(
          plugin + ": history item id " + std::to_string(low < 0 ? low : high) +
          " is outside 0.." + std::to_string(num_items) + " (0 is padding)");
    }
  }
  return cpu;
}

}  // namespace harness::baselines
