// Subcommands that read the results database.
#include "cli/commands.h"
#include "cli/validators.h"

#include "store/compare.h"
#include "store/group_report.h"
#include "store/leaderboard.h"
#include "store/merge.h"
#include "store/store.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>

namespace harness::cli {
namespace {

struct LeaderboardCommand {
  std::string db_path = "results/results.sqlite";
  std::string format = "table";
  store::LeaderboardOptions options;
  /// Set by --by: the breakdown by an item category instead.
  store::GroupReportOptions by_group;
};

struct CompareCommand {
  std::string db_path = "results/results.sqlite";
  std::string format = "table";
  store::CompareRequest request;
};

struct ShowCommand {
  std::string db_path = "results/results.sqlite";
  std::int64_t run_id = 0;
};

struct MergeCommand {
  std::vector<std::string> inputs;
  std::string output;
};

LeaderboardCommand g_leaderboard;
CompareCommand g_compare;
ShowCommand g_show;
MergeCommand g_merge;

// Reading commands must not create an empty database at a mistyped path.
void require_database(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error(fmt::format(
        "results database {} not found; run `harness run FILE --db {}` "
        "first or pass --db PATH",
        path, path));
  }
}

// Builds the text of an empty table or Markdown leaderboard. It tells
// whether the database has no finished runs or the filters excluded them.
std::string no_runs_message(store::Store& store) {
  const std::string& db = g_leaderboard.db_path;
  const store::LeaderboardOptions& options = g_leaderboard.options;
  const bool filtered = !options.dataset.empty() || !options.protocol.empty();
  if (!filtered || store::compute_leaderboard(store).empty()) {
    return fmt::format("no finished runs in {}; run `harness run FILE --db "
                       "{}` first\n",
                       db, db);
  }
  std::string filters;
  if (!options.dataset.empty()) filters += " --dataset " + options.dataset;
  if (!options.protocol.empty()) filters += " --protocol " + options.protocol;
  return fmt::format("no finished runs in {} match{}; `harness leaderboard "
                     "--db {}` lists the datasets and protocols it has\n",
                     db, filters, db);
}

int leaderboard_command() {
  require_database(g_leaderboard.db_path);
  store::Store store(g_leaderboard.db_path);
  const std::string& format = g_leaderboard.format;
  std::string text;
  bool empty = false;
  if (!g_leaderboard.by_group.category.empty()) {
    g_leaderboard.by_group.leaderboard = g_leaderboard.options;
    const auto reports =
        store::compute_group_report(store, g_leaderboard.by_group);
    empty = reports.empty();
    text = store::format_group_report(reports, format);
  } else {
    const auto groups =
        store::compute_leaderboard(store, g_leaderboard.options);
    empty = groups.empty();
    text = store::format_leaderboard(groups, format, g_leaderboard.db_path);
  }
  // CSV and JSON stay machine-readable: a header only, or [].
  if (empty && (format == "table" || format == "markdown")) {
    text = no_runs_message(store);
  }
  fmt::print("{}", text);
  return 0;
}

int compare_command() {
  require_database(g_compare.db_path);
  store::Store store(g_compare.db_path);
  const store::CompareReport report = store::compare(store, g_compare.request);
  fmt::print("{}", store::format_compare(report, g_compare.format));
  return 0;
}

int show_command() {
  require_database(g_show.db_path);
  store::Store store(g_show.db_path);
  const auto run = store.load_run(g_show.run_id);
  if (!run) {
    throw std::runtime_error(
        fmt::format("run {} not found in {}", g_show.run_id, g_show.db_path));
  }
  const store::RunRecord& record = run->record;
  const store::RunOutcome& outcome = run->outcome;
  fmt::print("run {}  {}  {}\n", run->id, record.plugin, outcome.status);
  if (!outcome.error.empty()) fmt::print("error: {}\n", outcome.error);
  fmt::print("sweep {}  dataset {} ({})  protocol {}\n", record.sweep_name,
             record.dataset_name, record.dataset_fingerprint.substr(0, 12),
             record.protocol_json);
  fmt::print("params {}\ntrain {}  seed {}\n", record.params_json,
             record.train_json, record.seed);
  fmt::print("plugin {} {} (file {})  harness {} (git {}, {})  LibTorch {}\n",
             record.plugin, record.plugin_version, record.plugin_file_hash,
             record.harness_version, record.git_commit, record.build_type,
             record.torch_version);
  fmt::print("host {}  device {}  threads {}  BLAS {}\n", record.host,
             record.device, record.threads, record.blas);
  fmt::print("started {}  epochs {} (best {})  fit {:.2f}s  train {:.2f}s  "
             "eval {:.2f}s  total {:.2f}s  peak RSS {:.0f} MiB\n",
             run->started_at, outcome.epochs_run, outcome.best_epoch,
             outcome.fit_seconds, outcome.train_seconds, outcome.eval_seconds,
             outcome.total_seconds, outcome.peak_rss_mb);
  for (const store::SplitMetrics& split : outcome.splits) {
    std::vector<std::string> cells;
    for (const auto& [name, value] : split.means) {
      cells.push_back(fmt::format("{} {:.4f}", name, value));
    }
    fmt::print("{:<5} {}\n", split.split, fmt::join(cells, "  "));
  }
  const auto epochs = store.load_epochs(g_show.run_id);
  if (!epochs.empty()) {
    fmt::print("\n{:>5}  {:>10}  {:>12}  {:>8}\n", "epoch", "train loss",
               "valid " + record.select_by, "seconds");
    for (const store::EpochRecord& epoch : epochs) {
      fmt::print("{:>5}  {:>10.4f}  {:>12.4f}  {:>8.2f}{}\n", epoch.epoch,
                 epoch.train_loss, epoch.valid_metric, epoch.seconds,
                 epoch.epoch == outcome.best_epoch ? "  best" : "");
    }
  }
  return 0;
}

int merge_command() {
  const store::MergeCounts counts =
      store::merge_databases(g_merge.inputs, g_merge.output);
  fmt::print("merged {} databases into {}: {} runs copied ({} replaced a "
             "less complete row), {} duplicates skipped\n",
             g_merge.inputs.size(), g_merge.output, counts.runs_copied,
             counts.runs_replaced, counts.duplicates_skipped);
  return 0;
}

}  // namespace

void register_result_commands(CLI::App& app, const CommonOptions& common) {
  (void)common;
  CLI::App* leaderboard = app.add_subcommand(
      "leaderboard",
      "Each plugin's configuration chosen on validation, with test metrics");
  leaderboard->add_option("--db", g_leaderboard.db_path, "Results database")
      ->capture_default_str();
  leaderboard
      ->add_option("--format", g_leaderboard.format, "Output format")
      ->check(CLI::IsMember(store::leaderboard_formats()))
      ->capture_default_str();
  leaderboard->add_option("--dataset", g_leaderboard.options.dataset,
                          "Only this dataset name or fingerprint prefix");
  leaderboard->add_option("--protocol", g_leaderboard.options.protocol,
                          "Only this protocol kind");
  leaderboard->add_option("--alpha", g_leaderboard.options.alpha,
                          "Significance level after Holm correction")
      ->capture_default_str();
  CLI::Option* by =
      leaderboard
          ->add_option(
              "--by", g_leaderboard.by_group.category,
              "Break results down by an item category, e.g. department, "
              "or by repeat (repeat against explore targets)")
          ->check(not_empty("a category name, such as department"));
  leaderboard
      ->add_option("--metric", g_leaderboard.by_group.metric,
                   "Metric of the breakdown, e.g. recall@20 (default: the "
                   "sweep's select_by)")
      ->needs(by);
  leaderboard
      ->add_option("--split", g_leaderboard.by_group.split,
                   "Split of the breakdown")
      ->check(CLI::IsMember({"valid", "test"}))
      ->capture_default_str()
      ->needs(by);
  leaderboard
      ->add_option("--top", g_leaderboard.by_group.top,
                   "Show the N category values with the most targets (0: all)")
      ->check(at_least(0))
      ->capture_default_str()
      ->needs(by);

  CLI::App* compare = app.add_subcommand(
      "compare", "Paired significance test of two runs or plugins");
  compare->add_option("a", g_compare.request.a, "Run id or plugin name")
      ->required();
  compare->add_option("b", g_compare.request.b, "Run id or plugin name")
      ->required();
  compare->add_option("--metric", g_compare.request.metric, "Metric")
      ->capture_default_str();
  compare->add_option("--split", g_compare.request.split, "valid or test")
      ->check(CLI::IsMember({"valid", "test"}))
      ->capture_default_str();
  compare->add_option("--dataset", g_compare.request.dataset,
                      "Dataset name or fingerprint prefix");
  compare->add_option("--protocol", g_compare.request.protocol,
                      "Protocol kind");
  compare->add_option("--db", g_compare.db_path, "Results database")
      ->capture_default_str();
  compare->add_option("--format", g_compare.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();

  CLI::App* show = app.add_subcommand("show", "One run with its curve");
  show->add_option("run", g_show.run_id, "Run id")->required();
  show->add_option("--db", g_show.db_path, "Results database")
      ->capture_default_str();

  CLI::App* merge =
      app.add_subcommand("merge", "Merge databases without duplicating trials");
  merge->add_option("inputs", g_merge.inputs, "Databases to merge")
      ->required()
      ->check(CLI::ExistingFile);
  merge->add_option("-o,--output", g_merge.output, "Output database")
      ->required();
}

int run_result_command(CLI::App& app) {
  if (app.got_subcommand("leaderboard")) return leaderboard_command();
  if (app.got_subcommand("compare")) return compare_command();
  if (app.got_subcommand("show")) return show_command();
  if (app.got_subcommand("merge")) return merge_command();
  return 2;
}

}  // namespace harness::cli
