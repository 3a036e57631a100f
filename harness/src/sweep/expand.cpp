#include "sweep/random_search.h"
#include "sweep/sweep_config.h"
#include "sweep/train_options.h"

#include <stdexcept>
#include <string_view>
#include <utility>

namespace harness::sweep {
namespace {

constexpr std::string_view kTrainPrefix = "train.";

/// The values one trial sets, by key, in the order they were combined.
using Assignment = std::vector<std::pair<std::string, ParamValue>>;

std::vector<Assignment> combine_grid(const std::vector<SweepAxis>& grid) {
  std::vector<Assignment> rows(1);
  for (const SweepAxis& axis : grid) {
    std::vector<Assignment> next;
    for (const Assignment& row : rows) {
      for (const ParamValue& value : axis.values) {
        next.push_back(row);
        next.back().emplace_back(axis.key, value);
      }
    }
    rows = std::move(next);
  }
  return rows;
}

std::vector<Assignment> combine_zip(const std::vector<Assignment>& rows,
                                    const std::vector<SweepAxis>& zip) {
  if (zip.empty()) {
    return rows;
  }
  std::vector<Assignment> next;
  for (const Assignment& row : rows) {
    for (std::size_t i = 0; i < zip.front().values.size(); ++i) {
      next.push_back(row);
      for (const SweepAxis& axis : zip) {
        next.back().emplace_back(axis.key, axis.values.at(i));
      }
    }
  }
  return next;
}

std::vector<Assignment> combine_search(const std::vector<Assignment>& rows,
                                       const RandomSearch& search) {
  if (search.dimensions.empty()) {
    return rows;
  }
  const auto points = draw_search_points(search);
  std::vector<Assignment> next;
  for (const Assignment& row : rows) {
    for (const std::vector<ParamValue>& point : points) {
      next.push_back(row);
      for (std::size_t d = 0; d < point.size(); ++d) {
        next.back().emplace_back(search.dimensions[d].key, point[d]);
      }
    }
  }
  return next;
}

std::map<std::string, ParamValue> schema_defaults(
    const std::vector<ParamSpec>& schema) {
  std::map<std::string, ParamValue> values;
  for (const ParamSpec& spec : schema) {
    ParamValue value = spec.default_value;
    // A float default written as an integer literal keeps the float type.
    if (spec.type == ParamType::kFloat &&
        std::holds_alternative<std::int64_t>(value)) {
      value = static_cast<double>(std::get<std::int64_t>(value));
    }
    values[spec.name] = value;
  }
  return values;
}

}  // namespace

std::vector<Trial> expand_trials(const SweepConfig& config,
                                 const SchemaMap& schemas) {
  std::vector<Trial> trials;
  for (std::size_t index = 0; index < config.models.size(); ++index) {
    const ModelEntry& entry = config.models[index];
    auto schema = schemas.find(entry.plugin);
    if (schema == schemas.end()) {
      throw std::logic_error("expand_trials: no schema for plugin '" +
                             entry.plugin + "'; validate the sweep first");
    }
    const auto defaults = schema_defaults(schema->second);

    std::vector<Assignment> rows = combine_grid(entry.grid);
    rows = combine_zip(rows, entry.zip);
    rows = combine_search(rows, entry.search);

    for (const Assignment& row : rows) {
      std::map<std::string, ParamValue> values = defaults;
      TrainOptions train = entry.train;
      for (const auto& [key, value] : row) {
        if (key.rfind(kTrainPrefix, 0) == 0) {
          set_train_value(train, key.substr(kTrainPrefix.size()), value);
        } else {
          values[key] = value;
        }
      }
      for (std::int64_t seed : train.seeds) {
        trials.push_back({entry.plugin, Params(values), train, seed, index});
      }
    }
  }
  return trials;
}

}  // namespace harness::sweep
