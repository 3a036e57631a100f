// The sweep file: its parsed form, its validation against plugin schemas,
// and its expansion into trials. docs/sweep-file.md lists every key.
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
  /// Most recent events a model reads, when it should read fewer than
  /// protocol.max_history (e.g. a Transformer on long basket histories);
  /// 0 means protocol.max_history. Targets and rankings do not change.
  std::int64_t max_history = 0;
  /// Wall-clock limit of one trial in seconds; 0 means none.
  double timeout = 0.0;
  std::vector<std::int64_t> seeds = {1};
};

/// A value list of [models.grid] or [models.zip]: a plugin hyperparameter
/// or "train.<key>", with values already converted to the declared type.
struct SweepAxis {
  std::string key;
  std::vector<ParamValue> values;
};

enum class Distribution { kUniform, kLogUniform, kIntUniform, kChoice };

/// One hyperparameter of [models.search] and where its values come from.
struct SearchDimension {
  std::string key;
  Distribution distribution = Distribution::kUniform;
  /// Bounds of kUniform and kLogUniform: values lie in [low, high).
  double low = 0.0;
  double high = 0.0;
  /// Inclusive bounds of kIntUniform.
  std::int64_t int_low = 0;
  std::int64_t int_high = 0;
  /// Values of kChoice, in the declared type.
  std::vector<ParamValue> choices;
};

/// [models.search]: `samples` random points drawn from `seed`.
struct RandomSearch {
  /// 0 when the entry has no [models.search].
  std::int64_t samples = 0;
  std::uint64_t seed = 0;
  std::vector<SearchDimension> dimensions;
};

/// One [[models]] entry, validated against its plugin's schema.
struct ModelEntry {
  std::string plugin;
  /// 1-based line of the [[models]] header, for messages.
  std::int64_t line = 0;
  /// Label from `name`; the plugin name when the entry has none.
  std::string name;
  /// Fixed values (grid scalars) are axes with one value.
  std::vector<SweepAxis> grid;
  std::vector<SweepAxis> zip;
  RandomSearch search;
  /// [train] with this entry's [models.train] applied.
  TrainOptions train;
};

/// One trial: a plugin with complete, validated params, resolved training
/// options and one seed.
struct Trial {
  std::string plugin;
  Params params;
  /// The entry's training options with any swept "train.<key>" applied.
  TrainOptions train;
  std::int64_t seed = 0;
  /// Index of the [[models]] entry the trial came from.
  std::size_t model_index = 0;
};

struct SweepConfig {
  std::string path;
  /// Top-level `name`; the file name without extension when absent.
  std::string name;
  /// Paths are absolute: relative ones were resolved against the current
  /// directory when the file was loaded.
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
/// strings from --set (e.g. "train.epochs=5", "dataset.path=x.inter",
/// "models.0.grid.dropout=[0.1]"), applied before validation. Relative
/// dataset paths resolve against the current directory. Throws ConfigError
/// listing every problem at once.
Sweep load_sweep(const std::string& path, const SchemaMap& schemas,
                 const std::vector<std::string>& overrides = {});

/// Expands validated entries into trials: per entry, the grid's cartesian
/// product (first key outermost, values in file order) x zip rows x search
/// samples, then x seeds. Missing params take the schema default.
std::vector<Trial> expand_trials(const SweepConfig& config,
                                 const SchemaMap& schemas);

/// Whether `name` is a metric name the sweep accepts: (recall | ndcg | mrr
/// | precision | phr | hit), optionally "_repeat" or "_explore", then "@K"
/// with K >= 1. The metrics library parses names fully later.
bool is_metric_name(const std::string& name);

}  // namespace harness::sweep
