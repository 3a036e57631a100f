// TIFU-KNN (Hu et al., SIGIR 2020): a user's temporally decayed item
// frequencies blended with the mean vector of the k nearest training users.
#pragma once

#include <harness/model.h>
#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "user_vectors.h"

namespace harness::baselines {

struct TifuKnnOptions {
  UserVectorOptions vectors;
  /// Neighbours averaged per user.
  std::int64_t k = 900;
  /// Weight of the user's own vector. The neighbours get 1 - alpha.
  double alpha = 0.9;
};

class TifuKnnModel : public Model {
 public:
  TifuKnnModel(const TifuKnnOptions& options, const DatasetInfo& dataset);

  /// Builds the vector of every training user from all their training
  /// events.
  void fit(const TrainingData& data) override;

  /// Returns {user_vectors, user_row}: float32 [U, num_items + 1] for the U
  /// training users, and int64 [num_users + 1] mapping a user id to its row
  /// (-1 for users without training events).
  std::vector<torch::Tensor> buffers() override;

  /// Returns alpha * v + (1 - alpha) * mean of the k training users nearest
  /// to v in Euclidean distance, v the history's vector. The user's own
  /// training vector is never a neighbour.
  torch::Tensor score(const SequenceBatch& histories) override;

 private:
  TifuKnnOptions options_;
  std::int64_t num_items_;
  std::int64_t num_users_;
  torch::Tensor vectors_;
  torch::Tensor squared_norms_;
  torch::Tensor user_row_;
};

}  // namespace harness::baselines
