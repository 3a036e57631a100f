// Helpers shared by the tests of sequence plugins (SASRec, BERT4Rec):
// small datasets, batches and a plain Adam loop, so the tests exercise a
// model without the host's trainer.
#pragma once

#include <harness/batch.h>
#include <harness/dataset_info.h>
#include <harness/model.h>

#include <torch/torch.h>

// After LibTorch: glog, which LibTorch includes, also defines CHECK, and the
// definition included last wins.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace harness::testing {

inline DatasetInfo dataset(std::int64_t num_items, std::int64_t max_history) {
  static const harness::ItemSideData kNoSide;
  DatasetInfo info;
  info.num_items = num_items;
  info.num_users = 30;
  info.max_history = max_history;
  info.side = &kNoSide;
  return info;
}

inline SequenceBatch batch(const torch::Tensor& items) {
  SequenceBatch out;
  out.items = items;
  torch::Tensor ordinal = torch::arange(1, items.size(1) + 1)
                              .unsqueeze(0)
                              .expand_as(items)
                              .contiguous();
  out.baskets = ordinal * items.ne(0).to(torch::kLong);
  out.users = torch::arange(1, items.size(0) + 1);
  return out;
}

// A cyclic dataset: every user walks 1, 2, ..., num_items, 1, ... from a
// user-specific start, so the next item is always previous % num_items + 1.
inline torch::Tensor cyclic_windows(std::int64_t users,
                                    std::int64_t num_items,
                                    std::int64_t width) {
  torch::Tensor start = torch::arange(users).unsqueeze(1);
  torch::Tensor step = torch::arange(width).unsqueeze(0);
  return (start + step).remainder(num_items) + 1;
}

inline double train(Model& model, const SequenceBatch& windows, int steps,
                    double learning_rate, double* first_loss = nullptr) {
  torch::optim::Adam optimizer(model.parameters(),
                               torch::optim::AdamOptions(learning_rate));
  model.set_training(true);
  double last = 0.0;
  for (int step = 0; step < steps; ++step) {
    optimizer.zero_grad();
    torch::Tensor loss = model.loss(windows);
    loss.backward();
    optimizer.step();
    last = loss.item<double>();
    if (step == 0 && first_loss != nullptr) *first_loss = last;
  }
  model.set_training(false);
  return last;
}


/// Checks that `first` and `second`, built with one seed, have equal
/// parameters, losses and scores, and that `other`, built with another
/// seed, has different parameters.
inline void check_seed_reproducibility(std::unique_ptr<Model> first,
                                       std::unique_ptr<Model> second,
                                       std::unique_ptr<Model> other) {
  std::vector<torch::Tensor> a = first->parameters();
  std::vector<torch::Tensor> b = second->parameters();
  std::vector<torch::Tensor> c = other->parameters();
  REQUIRE(a.size() == b.size());
  bool all_equal = true;
  bool any_differs = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    all_equal = all_equal && torch::equal(a[i], b[i]);
    any_differs = any_differs || !torch::equal(a[i], c[i]);
  }
  CHECK(all_equal);
  CHECK(any_differs);

  SequenceBatch windows = batch(cyclic_windows(6, 25, 11));
  torch::manual_seed(5);
  double loss_a = first->loss(windows).item<double>();
  torch::manual_seed(5);
  double loss_b = second->loss(windows).item<double>();
  CHECK(loss_a == loss_b);

  first->set_training(false);
  second->set_training(false);
  SequenceBatch histories = batch(cyclic_windows(3, 25, 10));
  CHECK(torch::equal(first->score(histories), second->score(histories)));
}

}  // namespace harness::testing
