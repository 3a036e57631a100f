#include "train/batching.h"

#include <algorithm>
#include <numeric>

namespace harness::train {
namespace {

// Copies rows right-aligned into [rows, width] tensors, padding with 0.
SequenceBatch make_batch(std::size_t rows, std::size_t width) {
  auto options = torch::TensorOptions().dtype(torch::kInt64);
  SequenceBatch batch;
  const auto row_count = static_cast<std::int64_t>(rows);
  const auto column_count = static_cast<std::int64_t>(width);
  batch.items = torch::zeros({row_count, column_count}, options);
  batch.baskets = torch::zeros({row_count, column_count}, options);
  batch.users = torch::zeros({row_count}, options);
  return batch;
}

void fill_row(SequenceBatch& batch, std::size_t row, std::int64_t user,
              const std::int64_t* items, const std::int64_t* baskets,
              std::size_t length) {
  const std::size_t width = batch.items.size(1);
  std::int64_t* item_row = batch.items.data_ptr<std::int64_t>() + row * width;
  std::int64_t* basket_row =
      batch.baskets.data_ptr<std::int64_t>() + row * width;
  std::copy(items, items + length, item_row + (width - length));
  // Basket ordinals restart from 1 inside the batch row, so models see the
  // same numbers whether or not older baskets were cut off.
  if (length > 0) {
    const std::int64_t first = baskets[0] - 1;
    for (std::size_t i = 0; i < length; ++i) {
      basket_row[width - length + i] = baskets[i] - first;
    }
  }
  batch.users.data_ptr<std::int64_t>()[row] = user;
}

}  // namespace

std::vector<Window> make_training_windows(const TrainingData& data,
                                          std::int64_t max_history) {
  const auto span = static_cast<std::size_t>(max_history) + 1;
  std::vector<Window> windows;
  for (const UserSequence& sequence : data.users) {
    std::size_t end = sequence.items.size();
    while (end >= 2) {
      std::size_t begin = end > span ? end - span : 0;
      windows.push_back({sequence.user, &sequence, begin, end});
      if (begin == 0) break;
      end = begin + 1;
    }
  }
  return windows;
}

SequenceBatch collate_windows(const std::vector<Window>& windows,
                              const std::vector<std::size_t>& indices) {
  std::size_t width = 0;
  for (std::size_t index : indices) {
    width = std::max(width, windows[index].end - windows[index].begin);
  }
  SequenceBatch batch = make_batch(indices.size(), width);
  for (std::size_t row = 0; row < indices.size(); ++row) {
    const Window& window = windows[indices[row]];
    fill_row(batch, row, window.user,
             window.sequence->items.data() + window.begin,
             window.sequence->baskets.data() + window.begin,
             window.end - window.begin);
  }
  return batch;
}

SequenceBatch collate_histories(const std::vector<split::EvalCase>& cases,
                                std::size_t begin, std::size_t end,
                                std::int64_t max_history) {
  const auto limit = static_cast<std::size_t>(max_history);
  std::size_t width = 1;
  for (std::size_t i = begin; i < end; ++i) {
    width = std::max(width, std::min(limit, cases[i].history_items.size()));
  }
  SequenceBatch batch = make_batch(end - begin, width);
  for (std::size_t i = begin; i < end; ++i) {
    const split::EvalCase& eval_case = cases[i];
    const std::size_t length =
        std::min(limit, eval_case.history_items.size());
    const std::size_t skip = eval_case.history_items.size() - length;
    fill_row(batch, i - begin, eval_case.user,
             eval_case.history_items.data() + skip,
             eval_case.history_baskets.data() + skip, length);
  }
  return batch;
}

std::vector<std::size_t> shuffled_indices(std::size_t n,
                                          std::mt19937_64& generator) {
  std::vector<std::size_t> indices(n);
  std::iota(indices.begin(), indices.end(), 0);
  // Fisher-Yates with a modulo draw: the bias for n far below 2^64 is
  // negligible, and the result depends only on the mt19937_64 stream.
  for (std::size_t i = n; i > 1; --i) {
    std::size_t j = generator() % i;
    std::swap(indices[i - 1], indices[j]);
  }
  return indices;
}

}  // namespace harness::train
