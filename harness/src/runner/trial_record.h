// The identity of a trial (its key) and the row that describes it.
#pragma once

#include "plugins/registry.h"
#include "runner/run_context.h"
#include "store/store.h"
#include "sweep/sweep_config.h"

#include <harness/params.h>

#include <nlohmann/json.hpp>

#include <string>

namespace harness::runner {

nlohmann::json params_to_json(const Params& params);

/// Training options that change results; device, timeout and evaluation
/// batch size are left out, so they never split one trial into two.
nlohmann::json train_to_json(const sweep::TrainOptions& train);

nlohmann::json protocol_to_json(const sweep::ProtocolOptions& protocol);

/// Builds the row for a trial, including its key: a digest of dataset
/// fingerprint, protocol, plugin name and version, params, training
/// options and seed.
store::RunRecord make_run_record(const sweep::SweepConfig& config,
                                 const std::string& dataset_name,
                                 const std::string& dataset_fingerprint,
                                 const sweep::Trial& trial,
                                 const plugins::LoadedPlugin& plugin,
                                 const RunContext& context);

}  // namespace harness::runner
