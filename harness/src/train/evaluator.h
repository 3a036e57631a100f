// Full-ranking evaluation of a model on validation or test cases.
#pragma once

#include "metrics/metrics.h"
#include "split/split.h"
#include "store/store.h"

#include <harness/model.h>

#include <string>
#include <vector>

namespace harness::train {

struct EvaluationOptions {
  std::int64_t num_items = 0;
  std::int64_t max_history = 50;
  std::int64_t batch_size = 1024;
  /// Masks the items of the model's input history from the ranking.
  bool exclude_history = false;
  torch::Device device = torch::kCPU;
};

/// Scores every case, ranks the targets among all items and returns the
/// metric means (over cases where a metric is defined), per-user values
/// (NaN where undefined) and the rank of every target. Throws std::runtime_error if the model returns
/// scores of the wrong shape.
store::SplitMetrics evaluate(Model& model,
                             const std::vector<split::EvalCase>& cases,
                             const std::vector<metrics::MetricSpec>& specs,
                             const EvaluationOptions& options,
                             const std::string& split_name);

}  // namespace harness::train
