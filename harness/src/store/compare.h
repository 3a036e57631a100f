// `harness compare A B`: a paired comparison over users of one metric of
// two runs or two plugins' leaderboard-selected configs, and a comparison
// over seeds when both have several.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stats/paired_tests.h"
#include "stats/welch_test.h"
#include "store/store.h"

namespace harness::store {

struct CompareRequest {
  /// Each side is a run id ("12") or a plugin name ("sasrec"). A plugin
  /// stands for its leaderboard-selected config, with all of its seeds.
  std::string a;
  std::string b;
  std::string metric = "ndcg@10";
  std::string split = "test";
  /// Dataset name or fingerprint prefix; needed when a plugin has finished
  /// runs on several datasets or protocols.
  std::string dataset;
  /// Protocol kind, for the same purpose.
  std::string protocol;
  int bootstrap_samples = 10000;
  std::uint64_t bootstrap_seed = 1;
};

/// One side of the comparison: the runs its run id or plugin name
/// resolved to.
struct CompareSide {
  /// The request text, e.g. "12" or "sasrec".
  std::string label;
  std::string plugin;
  std::string params_json;
  std::vector<std::int64_t> run_ids;
  std::vector<std::int64_t> seeds;
  /// Mean over runs of the split's metric mean, one value per run.
  std::vector<double> run_means;
};

struct CompareReport {
  std::string metric;
  std::string split;
  std::string dataset_name;
  std::string dataset_fingerprint;
  std::string protocol;
  CompareSide a;
  CompareSide b;
  /// Over the users both sides have, with each user's values averaged over
  /// the side's seeds; differences are a - b.
  stats::PairedComparison users;
  /// Welch t-test on per-seed means; set when both sides have 2 or more
  /// seeds.
  std::optional<stats::WelchComparison> seeds;
};

/// Resolves both sides and compares them. Throws StoreError for an unknown
/// run id or plugin, an ambiguous plugin, a metric without stored per-user
/// values (listing those stored), runs on different dataset fingerprints
/// or protocols, or fewer than 2 common users.
CompareReport compare(Store& store, const CompareRequest& request);

/// Formats: "table" and "json"; throws std::invalid_argument otherwise.
std::string format_compare(const CompareReport& report,
                           const std::string& format);

}  // namespace harness::store
