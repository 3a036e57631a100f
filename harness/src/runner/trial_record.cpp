#include "runner/trial_record.h"

#include <harness/version.h>

#include <fmt/format.h>

#include <cstdint>
#include <variant>

namespace harness::runner {
namespace {

// Two 64-bit FNV-1a-style digests (the second with another offset basis and
// an extra xor-shift) concatenated into a 128-bit key. Not cryptographic:
// it only has to tell trials apart.
std::string digest(const std::string& text) {
  std::uint64_t first = 14695981039346656037ULL;
  std::uint64_t second = 0x6c62272e07bb0142ULL;
  for (unsigned char c : text) {
    first = (first ^ c) * 1099511628211ULL;
    second = (second ^ c) * 1099511628211ULL;
    second ^= second >> 29;
  }
  return fmt::format("{:016x}{:016x}", first, second);
}

}  // namespace

nlohmann::json params_to_json(const Params& params) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [name, value] : params.values()) {
    std::visit([&](const auto& v) { json[name] = v; }, value);
  }
  return json;
}

nlohmann::json train_to_json(const sweep::TrainOptions& train) {
  nlohmann::json json = {{"epochs", train.epochs},
                         {"patience", train.patience},
                         {"batch_size", train.batch_size},
                         {"learning_rate", train.learning_rate},
                         {"weight_decay", train.weight_decay},
                         {"grad_clip", train.grad_clip}};
  // Written only when set, so trials that read the protocol's history
  // length keep the keys they had before this option existed.
  if (train.max_history > 0) json["max_history"] = train.max_history;
  return json;
}

nlohmann::json protocol_to_json(const sweep::ProtocolOptions& protocol) {
  return {{"kind", protocol.kind},
          {"max_history", protocol.max_history},
          {"exclude_history", protocol.exclude_history},
          {"metrics", protocol.metrics},
          {"select_by", protocol.select_by}};
}

store::RunRecord make_run_record(const sweep::SweepConfig& config,
                                 const std::string& dataset_name,
                                 const std::string& dataset_fingerprint,
                                 const sweep::Trial& trial,
                                 const plugins::LoadedPlugin& plugin,
                                 const RunContext& context) {
  store::RunRecord record;
  record.sweep_name = config.name;
  record.dataset_name = dataset_name;
  record.dataset_fingerprint = dataset_fingerprint;
  record.protocol = config.protocol.kind;
  record.protocol_json = protocol_to_json(config.protocol).dump();
  record.select_by = config.protocol.select_by;
  record.plugin = trial.plugin;
  record.plugin_version = plugin.info->version;
  record.plugin_file_hash = plugin.file_hash;
  record.params_json = params_to_json(trial.params).dump();
  record.train_json = train_to_json(trial.train).dump();
  record.seed = trial.seed;
  record.device = trial.train.device;
  record.harness_version = kHarnessVersion;
  record.git_commit = context.git_commit;
  record.torch_version = context.torch_version;
  record.host = context.host;
  record.build_type = context.build_type;

  // nlohmann::json objects keep keys sorted, so equal content gives equal
  // text and therefore an equal key.
  const nlohmann::json identity = {
      {"dataset", dataset_fingerprint},
      {"protocol", protocol_to_json(config.protocol)},
      {"plugin", trial.plugin},
      {"plugin_version", plugin.info->version},
      {"params", params_to_json(trial.params)},
      {"train", train_to_json(trial.train)},
      {"seed", trial.seed}};
  record.trial_key = digest(identity.dump());
  return record;
}

}  // namespace harness::runner
