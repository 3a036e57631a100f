// The training loop every model goes through: Adam, epochs, early
// stopping on a validation metric, then evaluation of the best weights.
#pragma once

#include "metrics/metrics.h"
#include "split/split.h"
#include "store/store.h"
#include "sweep/sweep_config.h"
#include "train/evaluator.h"

#include <harness/model.h>

#include <functional>
#include <string>
#include <vector>

namespace harness::train {

struct TrainerOptions {
  sweep::TrainOptions train;
  EvaluationOptions evaluation;
  std::vector<metrics::MetricSpec> metrics;
  /// Index in `metrics` of the validation metric that selects the epoch.
  std::size_t select_index = 0;
  std::int64_t max_history = 50;
  std::uint64_t seed = 1;
};

/// One finished epoch, reported as it ends.
struct EpochReport {
  std::int64_t epoch = 0;
  double train_loss = 0;
  double valid_metric = 0;
  double seconds = 0;
  double eta_seconds = 0;
  bool improved = false;
};

struct TrainResult {
  /// "finished" or "diverged" (a non-finite training loss).
  std::string status = "finished";
  std::string error;
  std::int64_t best_epoch = 0;
  std::int64_t epochs_run = 0;
  double fit_seconds = 0;
  double train_seconds = 0;
  double eval_seconds = 0;
  store::SplitMetrics valid;
  store::SplitMetrics test;
};

using EpochCallback = std::function<void(const EpochReport&)>;

/// Fits the model, trains it if it has parameters, restores the weights
/// of the best validation epoch and evaluates them on valid and test.
/// Test cases are evaluated once, after training: they never steer it.
TrainResult train_and_evaluate(Model& model, const split::Split& split,
                               const TrainerOptions& options,
                               const EpochCallback& on_epoch);

}  // namespace harness::train
