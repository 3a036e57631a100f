// A batch of histories or training windows, as tensors.
#pragma once

#include <torch/torch.h>

namespace harness {

/// A batch of event sequences, left padded: the most recent event is in the
/// last column, padding (item 0) fills the front of shorter rows.
///
/// In a training batch each row is a window of consecutive training events,
/// so items[:, t + 1] is the event that followed items[:, t]. In a scoring
/// batch each row is a user's history, and the model scores the event that
/// comes next.
struct SequenceBatch {
  /// [B, T] int64 dense item ids.
  torch::Tensor items;
  /// [B, T] int64 basket ordinal of each event, increasing along the row and
  /// 0 on padding. Without baskets every event is its own basket.
  torch::Tensor baskets;
  /// [B] int64 dense user ids.
  torch::Tensor users;
};

}  // namespace harness
