#include "tifu_knn_model.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "input_checks.h"

namespace harness::baselines {
namespace {

// Training users per padded batch in fit; bounds the [users, T] buffers.
constexpr std::size_t kFitChunk = 256;

}  // namespace

TifuKnnModel::TifuKnnModel(const TifuKnnOptions& options,
                           const DatasetInfo& dataset)
    : options_(options),
      num_items_(dataset.num_items),
      num_users_(dataset.num_users) {
  if (num_items_ < 1) {
    throw std::invalid_argument("tifu_knn: dataset has no items (num_items = " +
                                std::to_string(num_items_) + ")");
  }
}

void TifuKnnModel::fit(const TrainingData& data) {
  check_training_data(data, num_items_, "tifu_knn");
  std::vector<const UserSequence*> users;
  std::int64_t max_user = num_users_;
  for (const UserSequence& sequence : data.users) {
    if (sequence.items.empty()) continue;
    if (sequence.user < 1) {
      throw std::invalid_argument("tifu_knn: training user id " +
                                  std::to_string(sequence.user) +
                                  " is below 1");
    }
    users.push_back(&sequence);
    max_user = std::max(max_user, sequence.user);
  }

  user_row_ = torch::full({max_user + 1}, -1, torch::kInt64);
  auto row_of = user_row_.accessor<std::int64_t, 1>();
  std::vector<torch::Tensor> chunks;
  for (std::size_t begin = 0; begin < users.size(); begin += kFitChunk) {
    const std::size_t end = std::min(users.size(), begin + kFitChunk);
    std::size_t width = 0;
    for (std::size_t u = begin; u < end; ++u) {
      width = std::max(width, users[u]->items.size());
    }
    // Left-padded like a scoring batch, basket ordinals as given (from 1).
    const auto rows = static_cast<std::int64_t>(end - begin);
    torch::Tensor items =
        torch::zeros({rows, static_cast<std::int64_t>(width)}, torch::kInt64);
    torch::Tensor baskets = torch::zeros_like(items);
    auto item_at = items.accessor<std::int64_t, 2>();
    auto basket_at = baskets.accessor<std::int64_t, 2>();
    for (std::size_t u = begin; u < end; ++u) {
      const UserSequence& sequence = *users[u];
      const std::size_t offset = width - sequence.items.size();
      for (std::size_t t = 0; t < sequence.items.size(); ++t) {
        item_at[u - begin][offset + t] = sequence.items[t];
        basket_at[u - begin][offset + t] = sequence.baskets[t];
      }
      row_of[sequence.user] = static_cast<std::int64_t>(u);
    }
    chunks.push_back(
        user_vectors(items, baskets, num_items_, options_.vectors));
  }
  vectors_ = chunks.empty() ? torch::zeros({0, num_items_ + 1}, torch::kFloat32)
                            : torch::cat(chunks);
  squared_norms_ = vectors_.pow(2).sum(1);
}

std::vector<torch::Tensor> TifuKnnModel::buffers() {
  if (!vectors_.defined()) return {};
  return {vectors_, user_row_};
}

torch::Tensor TifuKnnModel::score(const SequenceBatch& histories) {
  torch::NoGradGuard no_grad;
  if (!vectors_.defined()) {
    throw std::logic_error("tifu_knn: score() called before fit()");
  }
  SequenceBatch cpu = histories_on_cpu(histories, num_items_,
                                       /*reads_baskets=*/true, "tifu_knn");
  torch::Tensor own =
      user_vectors(cpu.items, cpu.baskets, num_items_, options_.vectors);
  const std::int64_t rows = own.size(0);
  const std::int64_t candidates = vectors_.size(0);
  const std::int64_t k = std::min(options_.k, candidates);
  if (k == 0) return own * options_.alpha;

  // Squared Euclidean distance to every training user. The user's own row
  // is set to infinity so it is never chosen.
  torch::Tensor distance = own.pow(2).sum(1, /*keepdim=*/true) -
                           2 * own.mm(vectors_.t()) +
                           squared_norms_.unsqueeze(0);
  distance.clamp_min_(0);
  torch::Tensor known = (cpu.users >= 0) & (cpu.users < user_row_.size(0));
  torch::Tensor self_row = torch::where(
      known, user_row_.index({cpu.users.clamp(0, user_row_.size(0) - 1)}),
      torch::full_like(cpu.users, -1));
  torch::Tensor is_self = torch::arange(candidates, torch::kInt64)
                              .unsqueeze(0)
                              .eq(self_row.unsqueeze(1));
  distance.masked_fill_(is_self, std::numeric_limits<float>::infinity());

  // The k smallest distances, ties by training order. All three sort
  // arguments are needed: with two, (bool, int) binds to sort(dim,
  // descending).
  auto [sorted, order] =
      distance.sort(/*stable=*/true, /*dim=*/1, /*descending=*/false);
  torch::Tensor nearest = order.narrow(1, 0, k);
  torch::Tensor usable = sorted.narrow(1, 0, k).isfinite().to(torch::kFloat32);
  torch::Tensor mix = torch::zeros({rows, candidates}, torch::kFloat32)
                          .scatter_(1, nearest, usable);
  mix /= mix.sum(1, /*keepdim=*/true).clamp_min(1);
  return options_.alpha * own + (1 - options_.alpha) * mix.mm(vectors_);
}

}  // namespace harness::baselines
