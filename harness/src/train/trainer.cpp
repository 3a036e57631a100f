#include "train/trainer.h"

#include "train/batching.h"
#include "train/epoch.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <random>

namespace harness::train {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Deep copies of the model's tensors, to restore the best epoch later.
std::vector<torch::Tensor> snapshot(Model& model) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> copies;
  for (auto& tensor : model.parameters()) copies.push_back(tensor.clone());
  for (auto& tensor : model.buffers()) copies.push_back(tensor.clone());
  return copies;
}

void restore(Model& model, const std::vector<torch::Tensor>& copies) {
  torch::NoGradGuard no_grad;
  std::size_t i = 0;
  for (auto& tensor : model.parameters()) tensor.copy_(copies.at(i++));
  for (auto& tensor : model.buffers()) tensor.copy_(copies.at(i++));
}

}  // namespace

TrainResult train_and_evaluate(Model& model, const split::Split& split,
                               const TrainerOptions& options,
                               const EpochCallback& on_epoch) {
  TrainResult result;
  const metrics::MetricSpec& select = options.metrics.at(options.select_index);

  auto fit_start = Clock::now();
  model.fit(split.train);
  model.to(options.evaluation.device);
  result.fit_seconds = seconds_since(fit_start);

  std::vector<torch::Tensor> parameters = model.parameters();
  if (!parameters.empty()) {
    const std::vector<Window> windows =
        make_training_windows(split.train, options.max_history);
    if (windows.empty()) {
      throw std::runtime_error(
          "no training windows: every training sequence has a single event");
    }
    torch::optim::Adam optimizer(
        parameters, torch::optim::AdamOptions(options.train.learning_rate)
                        .weight_decay(options.train.weight_decay));
    std::mt19937_64 generator(options.seed);

    double best = -std::numeric_limits<double>::infinity();
    std::vector<torch::Tensor> best_state = snapshot(model);
    std::int64_t epochs_without_gain = 0;
    auto train_start = Clock::now();

    for (std::int64_t epoch = 1; epoch <= options.train.epochs; ++epoch) {
      auto epoch_start = Clock::now();
      const double loss = run_epoch(model, optimizer, windows, parameters,
                                    options, generator);
      result.epochs_run = epoch;
      if (std::isnan(loss)) {
        result.status = "diverged";
        result.error = fmt::format(
            "training loss became NaN or infinite in epoch {}", epoch);
        result.train_seconds = seconds_since(train_start);
        return result;
      }
      auto eval_start = Clock::now();
      store::SplitMetrics valid = evaluate(
          model, split.valid, {select}, options.evaluation, "valid");
      result.eval_seconds += seconds_since(eval_start);
      const double metric = valid.means.at(select.name);

      EpochReport report;
      report.epoch = epoch;
      report.train_loss = loss;
      report.valid_metric = metric;
      report.seconds = seconds_since(epoch_start);
      report.improved = metric > best;
      if (report.improved) {
        best = metric;
        result.best_epoch = epoch;
        best_state = snapshot(model);
        epochs_without_gain = 0;
      } else {
        ++epochs_without_gain;
      }
      const double mean_epoch = seconds_since(train_start) / epoch;
      report.eta_seconds = mean_epoch * (options.train.epochs - epoch);
      if (on_epoch) on_epoch(report);
      if (epochs_without_gain >= options.train.patience) break;
    }
    result.train_seconds = seconds_since(train_start);
    restore(model, best_state);
  }

  auto eval_start = Clock::now();
  result.valid = evaluate(model, split.valid, options.metrics,
                          options.evaluation, "valid");
  result.test = evaluate(model, split.test, options.metrics,
                         options.evaluation, "test");
  result.eval_seconds += seconds_since(eval_start);
  return result;
}

}  // namespace harness::train
