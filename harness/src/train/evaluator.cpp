#include "train/evaluator.h"

#include "train/batching.h"

#include <fmt/format.h>

#include <cmath>

namespace harness::train {

store::SplitMetrics evaluate(Model& model,
                             const std::vector<split::EvalCase>& cases,
                             const std::vector<metrics::MetricSpec>& specs,
                             const EvaluationOptions& options,
                             const std::string& split_name) {
  store::SplitMetrics result;
  result.split = split_name;
  for (const auto& spec : specs) {
    result.per_user[spec.name].reserve(cases.size());
  }

  torch::NoGradGuard no_grad;
  model.set_training(false);
  const auto batch_size = static_cast<std::size_t>(options.batch_size);
  const std::int64_t columns = options.num_items + 1;
  std::vector<std::int64_t> masked;
  // Means are summed in double from the exact values, not from the float
  // copies kept per user.
  std::vector<double> sums(specs.size(), 0.0);
  std::vector<std::size_t> defined(specs.size(), 0);

  for (std::size_t begin = 0; begin < cases.size(); begin += batch_size) {
    const std::size_t end = std::min(cases.size(), begin + batch_size);
    SequenceBatch batch =
        collate_histories(cases, begin, end, options.max_history);
    batch.items = batch.items.to(options.device);
    batch.baskets = batch.baskets.to(options.device);
    batch.users = batch.users.to(options.device);

    torch::Tensor scores = model.score(batch);
    const auto rows = static_cast<std::int64_t>(end - begin);
    if (scores.dim() != 2 || scores.size(0) != rows ||
        scores.size(1) != columns) {
      throw std::runtime_error(fmt::format(
          "model returned scores of shape {} for {} histories; expected "
          "[{}, {}] (one column per item plus padding)",
          fmt::join(scores.sizes(), "x"), rows, rows, columns));
    }
    scores = scores.to(torch::kCPU, torch::kFloat32).contiguous();
    const float* data = scores.data_ptr<float>();

    for (std::size_t i = begin; i < end; ++i) {
      const split::EvalCase& eval_case = cases[i];
      masked.clear();
      if (options.exclude_history) {
        const std::size_t length = std::min<std::size_t>(
            options.max_history, eval_case.history_items.size());
        masked.assign(eval_case.history_items.end() - length,
                      eval_case.history_items.end());
      }
      metrics::CaseRanks ranks = metrics::rank_targets(
          data + (i - begin) * columns, options.num_items, eval_case.targets,
          masked, eval_case.history_items);
      result.users.push_back(eval_case.user);
      for (std::size_t t = 0; t < eval_case.targets.size(); ++t) {
        result.target_ranks.push_back({eval_case.user, eval_case.targets[t],
                                       ranks.ranks[t], ranks.repeat[t]});
      }
      for (std::size_t m = 0; m < specs.size(); ++m) {
        const double value = metrics::metric_value(specs[m], ranks);
        result.per_user[specs[m].name].push_back(static_cast<float>(value));
        if (!std::isnan(value)) {
          sums[m] += value;
          ++defined[m];
        }
      }
    }
  }

  for (std::size_t m = 0; m < specs.size(); ++m) {
    result.means[specs[m].name] =
        defined[m] > 0 ? sums[m] / defined[m] : std::nan("");
  }
  return result;
}

}  // namespace harness::train
