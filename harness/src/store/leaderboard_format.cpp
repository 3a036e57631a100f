// Text renderings of the leaderboard: an aligned table, CSV, JSON and
// Markdown.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/leaderboard.h"
#include "store/text_table.h"

namespace harness::store {
namespace {

// {"dropout": 0.2, "loss": "ce"} -> "dropout=0.2 loss=ce"; "-" when empty.
std::string params_text(const std::string& params_json) {
  nlohmann::json params =
      nlohmann::json::parse(params_json, nullptr, /*allow_exceptions=*/false);
  if (!params.is_object()) return params_json;
  if (params.empty()) return "-";
  std::vector<std::string> parts;
  for (const auto& [key, value] : params.items()) {
    std::string text =
        value.is_string() ? value.get<std::string>() : value.dump();
    parts.push_back(key + "=" + text);
  }
  return fmt::format("{}", fmt::join(parts, " "));
}

std::string p_text(const std::optional<double>& p) {
  if (!p) return "-";
  if (*p < 1e-4) return "<0.0001";
  return fmt::format("{:.4f}", *p);
}

std::string metric_cell(const LeaderboardEntry& entry,
                        const std::string& metric, bool mark) {
  auto found = entry.test.find(metric);
  if (found == entry.test.end()) return "-";
  std::string cell =
      fmt::format("{:.4f} ± {:.4f}", found->second.mean, found->second.std);
  if (mark) cell += entry.significant ? " *" : "  ";
  return cell;
}

std::string heading(const LeaderboardGroup& group) {
  return fmt::format("{} (fingerprint {}), {}, selected by valid {}",
                     group.dataset_name,
                     short_fingerprint(group.dataset_fingerprint),
                     group.protocol, group.select_by);
}

std::string footnote(const LeaderboardGroup& group) {
  return fmt::format(
      "Each plugin's config is the one with the highest mean valid {0} over "
      "seeds. Cells are test mean ± sample std over seeds. * marks a test {0} "
      "that differs from row 1 at Holm-adjusted p < {1} (paired t-test over "
      "users, per-user values averaged over seeds); p is that adjusted "
      "p-value. Rows are sorted by test {0} mean; selection never looks at "
      "test.",
      group.select_by, group.alpha);
}

Table group_table(const LeaderboardGroup& group) {
  Table table;
  std::vector<std::string> header = {"#", "plugin", "params", "seeds",
                                     "valid " + group.select_by};
  for (const std::string& metric : group.metrics) {
    header.push_back("test " + metric);
  }
  for (const char* name : {"p (Holm)", "epochs", "train s"}) {
    header.push_back(name);
  }
  table.push_back(header);

  for (std::size_t i = 0; i < group.entries.size(); ++i) {
    const LeaderboardEntry& entry = group.entries[i];
    std::vector<std::string> row = {
        std::to_string(i + 1), entry.plugin, params_text(entry.params_json),
        fmt::format("{}/{}", entry.n_seeds, entry.max_seeds),
        fmt::format("{:.4f}", entry.valid_mean)};
    for (const std::string& metric : group.metrics) {
      row.push_back(metric_cell(entry, metric, metric == group.select_by));
    }
    row.push_back(p_text(entry.adjusted_p_value));
    row.push_back(fmt::format("{:.1f}", entry.mean_epochs_run));
    row.push_back(fmt::format("{:.1f}", entry.mean_train_seconds));
    table.push_back(row);
  }
  return table;
}

std::string empty_message(const std::string& database_path) {
  return fmt::format("no finished runs in {}; run `harness run FILE` first\n",
                     database_path);
}

std::string format_table(const std::vector<LeaderboardGroup>& groups) {
  std::string out;
  for (const LeaderboardGroup& group : groups) {
    if (!out.empty()) out += "\n";
    out += heading(group) + "\n\n";
    out += aligned(group_table(group));
    out += "\n" + footnote(group) + "\n";
  }
  return out;
}

std::string format_markdown(const std::vector<LeaderboardGroup>& groups) {
  std::string out;
  for (const LeaderboardGroup& group : groups) {
    if (!out.empty()) out += "\n";
    out += "### " + heading(group) + "\n\n";
    out += markdown_table(group_table(group));
    out += "\n" + footnote(group) + "\n";
  }
  return out;
}

std::string format_csv(const std::vector<LeaderboardGroup>& groups) {
  // One header for all groups: the union of their metrics, in the order
  // they first appear.
  std::vector<std::string> metrics;
  for (const LeaderboardGroup& group : groups) {
    for (const std::string& metric : group.metrics) {
      if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) {
        metrics.push_back(metric);
      }
    }
  }

  std::vector<std::string> header = {
      "dataset",    "fingerprint", "protocol",       "select_by",
      "rank",       "plugin",      "plugin_version", "params_json",
      "train_json", "n_seeds",     "n_configs",      "valid_mean"};
  for (const std::string& metric : metrics) {
    header.push_back("test_" + metric + "_mean");
    header.push_back("test_" + metric + "_std");
  }
  for (const char* name :
       {"n_users_compared", "p_value", "adjusted_p_value", "significant",
        "mean_epochs_run", "mean_train_seconds"}) {
    header.push_back(name);
  }

  std::string out = fmt::format("{}\n", fmt::join(header, ","));
  for (const LeaderboardGroup& group : groups) {
    for (std::size_t i = 0; i < group.entries.size(); ++i) {
      const LeaderboardEntry& e = group.entries[i];
      std::vector<std::string> row = {group.dataset_name,
                                      group.dataset_fingerprint,
                                      group.protocol,
                                      group.select_by,
                                      std::to_string(i + 1),
                                      e.plugin,
                                      e.plugin_version,
                                      e.params_json,
                                      e.train_json,
                                      std::to_string(e.n_seeds),
                                      std::to_string(e.n_configs),
                                      csv_number(e.valid_mean)};
      for (const std::string& metric : metrics) {
        auto found = e.test.find(metric);
        bool has = found != e.test.end();
        row.push_back(has ? csv_number(found->second.mean) : "");
        row.push_back(has ? csv_number(found->second.std) : "");
      }
      row.push_back(std::to_string(e.n_users_compared));
      row.push_back(csv_number(e.p_value));
      row.push_back(csv_number(e.adjusted_p_value));
      row.push_back(e.significant ? "true" : "false");
      row.push_back(csv_number(e.mean_epochs_run));
      row.push_back(csv_number(e.mean_train_seconds));
      for (std::string& field : row) field = csv_field(field);
      out += fmt::format("{}\n", fmt::join(row, ","));
    }
  }
  return out;
}

nlohmann::ordered_json parsed_or_text(const std::string& text) {
  nlohmann::ordered_json value =
      nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return text;
  return value;
}

nlohmann::ordered_json optional_json(const std::optional<double>& value) {
  if (!value) return nullptr;
  return *value;
}

nlohmann::ordered_json entry_json(const LeaderboardGroup& group,
                                  const LeaderboardEntry& e, std::size_t rank) {
  nlohmann::ordered_json test = nlohmann::ordered_json::object();
  for (const std::string& metric : group.metrics) {
    auto found = e.test.find(metric);
    if (found == e.test.end()) continue;
    test[metric] = {{"mean", found->second.mean},
                    {"std", found->second.std},
                    {"n", found->second.n}};
  }
  return {{"rank", rank},
          {"plugin", e.plugin},
          {"plugin_version", e.plugin_version},
          {"params", parsed_or_text(e.params_json)},
          {"train", parsed_or_text(e.train_json)},
          {"n_seeds", e.n_seeds},
          {"max_seeds", e.max_seeds},
          {"n_configs", e.n_configs},
          {"valid_mean", e.valid_mean},
          {"test", test},
          {"mean_epochs_run", e.mean_epochs_run},
          {"mean_train_seconds", e.mean_train_seconds},
          {"run_ids", e.run_ids},
          {"n_users_compared", e.n_users_compared},
          {"p_value", optional_json(e.p_value)},
          {"adjusted_p_value", optional_json(e.adjusted_p_value)},
          {"significant", e.significant}};
}

std::string format_json(const std::vector<LeaderboardGroup>& groups) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const LeaderboardGroup& group : groups) {
    nlohmann::ordered_json entries = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < group.entries.size(); ++i) {
      entries.push_back(entry_json(group, group.entries[i], i + 1));
    }
    out.push_back({{"dataset", group.dataset_name},
                   {"fingerprint", group.dataset_fingerprint},
                   {"protocol", group.protocol},
                   {"protocol_options", parsed_or_text(group.protocol_json)},
                   {"select_by", group.select_by},
                   {"metrics", group.metrics},
                   {"alpha", group.alpha},
                   {"entries", entries}});
  }
  return out.dump(2) + "\n";
}

}  // namespace

const std::vector<std::string>& leaderboard_formats() {
  static const std::vector<std::string> kFormats = {"table", "csv", "json",
                                                    "markdown"};
  return kFormats;
}

std::string format_leaderboard(const std::vector<LeaderboardGroup>& groups,
                               const std::string& format,
                               const std::string& database_path) {
  if (format == "csv") return format_csv(groups);
  if (format == "json") return format_json(groups);
  if (format != "table" && format != "markdown") {
    throw std::invalid_argument(
        fmt::format("invalid leaderboard format '{}'; expected one of: {}",
                    format, fmt::join(leaderboard_formats(), ", ")));
  }
  if (groups.empty()) return empty_message(database_path);
  return format == "table" ? format_table(groups) : format_markdown(groups);
}

}  // namespace harness::store
