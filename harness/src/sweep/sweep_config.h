// The sweep file: its parsed form, its validation against plugin schemas,
// and its expansion into trials.
#pragma once

#include "data/dataset.h"

#include <harness/params.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace harness::sweep {

/// [protocol]
struct ProtocolOptions {
  std::string kind = "leave_last_item_out";
  std::int64_t max_history = 50;
  bool exclude_history = false;
  std::vector<std::string> metrics = {"recall@10", "ndcg@10", "mrr@10",
                                      "recall@20", "ndcg@20"};
  std::string select_by = "ndcg@10";
};

/// [train]; every key may also be set per model ([models.train]) or swept
/// in a grid as "train.<key>".
struct TrainOptions {
  std::int64_t epochs = 200;
  std::int64_t patience = 10;
  std::int64_t batch_size = 256;
  std::int64_t eval_batch_size = 1024;
  double learning_rate = 1e-3;
  double weight_decay = 0.0;
  /// Gradient norm clip; 0 switches clipping off.
  double grad_clip = 0.0;
  /// "cpu", "cuda" or "auto" (cuda when available).
  std::string device = "cpu";
  /// Wall-clock limit of one trial in seconds; 0 means none.
  double timeout = 0.0;
  std::vector<std::int64_t> seeds = {1};
};

/// One [[models]] entry, as written (values not yet checked against the
/// plugin's schema).
struct ModelEntry {
  std::string plugin;
  /// 1-based line of the [[models]] header, for messages.
  std::int64_t line = 0;
};

/// One trial: a plugin with complete, validated params, resolved training
/// options and one seed.
struct Trial {
  std::string plugin;
  Params params;
  TrainOptions train;
  std::int64_t seed = 0;
  /// Index of the [[models]] entry the trial came from.
  std::size_t model_index = 0;
};

struct SweepConfig {
  std::string path;
  std::string name;
  data::DatasetOptions dataset;
  ProtocolOptions protocol;
  TrainOptions train;
  std::vector<ModelEntry> models;
};

/// Every problem found in a sweep file, each as "FILE:LINE: message".
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

/// Plugin name -> hyperparameter schema, for validation.
using SchemaMap = std::map<std::string, std::vector<ParamSpec>>;

/// A parsed and fully validated sweep with its trials.
struct Sweep {
  SweepConfig config;
  std::vector<Trial> trials;
};

/// Reads, validates and expands a sweep file. `overrides` are "key=value"
/// strings from --set (e.g. "train.epochs=5", "dataset.path=x.inter"),
/// applied before validation. Relative dataset paths resolve against the
/// current directory. Throws ConfigError listing every problem at once.
Sweep load_sweep(const std::string& path, const SchemaMap& schemas,
                 const std::vector<std::string>& overrides = {});

}  // namespace harness::sweep
