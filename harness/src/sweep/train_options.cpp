#include "sweep/train_options.h"

#include "sweep/table_reader.h"

#include <fmt/format.h>

#include <set>
#include <variant>

namespace harness::sweep {
namespace {

using TrainMember =
    std::variant<std::int64_t TrainOptions::*, double TrainOptions::*,
                 std::string TrainOptions::*>;

struct TrainKey {
  std::string name;
  ValueRule rule;
  TrainMember member;
};

ValueRule int_at_least(double min) {
  return {ParamType::kInt, min, std::nullopt, false, {}};
}

ValueRule float_at_least(double min, bool exclusive) {
  return {ParamType::kFloat, min, std::nullopt, exclusive, {}};
}

const std::vector<TrainKey>& train_keys() {
  static const std::vector<TrainKey> keys = {
      {"epochs", int_at_least(1), &TrainOptions::epochs},
      {"patience", int_at_least(1), &TrainOptions::patience},
      {"batch_size", int_at_least(1), &TrainOptions::batch_size},
      {"eval_batch_size", int_at_least(1), &TrainOptions::eval_batch_size},
      {"learning_rate", float_at_least(0.0, /*exclusive=*/true),
       &TrainOptions::learning_rate},
      {"weight_decay", float_at_least(0.0, /*exclusive=*/false),
       &TrainOptions::weight_decay},
      {"grad_clip", float_at_least(0.0, /*exclusive=*/false),
       &TrainOptions::grad_clip},
      {"device",
       {ParamType::kString, std::nullopt, std::nullopt, false,
        {"cpu", "cuda", "auto"}},
       &TrainOptions::device},
      {"timeout", float_at_least(0.0, /*exclusive=*/false),
       &TrainOptions::timeout},
      {"max_history", int_at_least(0), &TrainOptions::max_history},
  };
  return keys;
}

// Seeds become torch and std generator seeds, which are unsigned.
const ValueRule kSeedRule = int_at_least(0);

void read_seeds(TableReader& reader, TrainOptions& train,
                Problems& problems) {
  std::vector<std::int64_t> seeds;
  if (!reader.read_ints("seeds", kSeedRule, seeds)) {
    return;
  }
  const toml::node& node = *reader.find("seeds");
  if (seeds.empty()) {
    problems.add(node, fmt::format("{} = []: list at least one seed, e.g. "
                                   "seeds = [1, 2, 3]",
                                   reader.key_path("seeds")));
    return;
  }
  std::set<std::int64_t> seen;
  for (std::int64_t seed : seeds) {
    if (!seen.insert(seed).second) {
      problems.add(node, fmt::format("{} = {}: seed {} is listed twice; "
                                     "list each seed once",
                                     reader.key_path("seeds"),
                                     format_node(node), seed));
      return;
    }
  }
  train.seeds = std::move(seeds);
}

}  // namespace

std::vector<std::string> train_key_names() {
  std::vector<std::string> names;
  for (const TrainKey& key : train_keys()) {
    names.push_back(key.name);
  }
  names.push_back("seeds");
  return names;
}

const ValueRule* train_rule(const std::string& key) {
  for (const TrainKey& train_key : train_keys()) {
    if (train_key.name == key) {
      return &train_key.rule;
    }
  }
  return nullptr;
}

void set_train_value(TrainOptions& train, const std::string& key,
                     const ParamValue& value) {
  for (const TrainKey& train_key : train_keys()) {
    if (train_key.name != key) {
      continue;
    }
    std::visit(
        [&](auto member) {
          using Field = std::decay_t<decltype(train.*member)>;
          train.*member = std::get<Field>(value);
        },
        train_key.member);
    return;
  }
  throw std::logic_error("set_train_value: no [train] key '" + key + "'");
}

void read_train(const toml::table& table, const std::string& path,
                TrainOptions& train, Problems& problems) {
  TableReader reader(table, path, train_key_names(), problems);
  for (const TrainKey& key : train_keys()) {
    const toml::node* node = reader.find(key.name);
    if (node == nullptr) {
      continue;
    }
    auto value = read_value(*node, key.rule, reader.key_path(key.name),
                            problems);
    if (value) {
      set_train_value(train, key.name, *value);
    }
  }
  read_seeds(reader, train, problems);
}

}  // namespace harness::sweep
