// Text renderings of the side-data breakdown: an aligned table, Markdown,
// CSV and JSON.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/group_report.h"
#include "store/text_table.h"

namespace harness::store {
namespace {

std::string heading(const GroupReport& report) {
  return fmt::format("{} (fingerprint {}), {}, {} {} by {}",
                     report.dataset_name,
                     short_fingerprint(report.dataset_fingerprint),
                     report.protocol, report.split, report.metric,
                     report.category);
}

std::string footnote(const GroupReport& report) {
  std::string text = fmt::format(
      "Each plugin runs the config the leaderboard selects on validation. A "
      "cell is the mean over seeds of {0} {1} counted on the row's target "
      "items only (those whose {2} is the row's value), averaged over the "
      "users whose target has such items; ranks are those of the full "
      "ranking. Rows are sorted by target "
      "items; `best` names the plugin with the highest mean (several on a "
      "tie), and p is a paired t-test over users of the best against the "
      "runner-up, Holm-adjusted over the {3} tested values; * marks p < "
      "{4}. No p is given on a tie, with fewer than 2 users, or when every "
      "user differs by the same amount.",
      report.split, report.metric, report.category, report.n_tested,
      report.alpha);
  if (static_cast<std::int64_t>(report.rows.size()) < report.n_values) {
    text += fmt::format(
        " Shown: the {} of {} values with the most target items; --top 0 "
        "shows all.",
        report.rows.size(), report.n_values);
  }
  if (!report.partly_ranked.empty()) {
    text += fmt::format(
        " Target ranks are stored for only some seeds of {}, so their cells "
        "average those seeds only.",
        fmt::join(report.partly_ranked, ", "));
  }
  if (!report.without_ranks.empty()) {
    text += fmt::format(
        " No target ranks are stored for {} (recorded by a harness older "
        "than schema version 2); run their trials into a new database to "
        "include them.",
        fmt::join(report.without_ranks, ", "));
  }
  return text;
}

std::string cell_text(const MetricSummary& cell) {
  return std::isnan(cell.mean) ? "-" : fmt::format("{:.4f}", cell.mean);
}

std::string names_of(const GroupReport& report,
                     const std::vector<std::size_t>& indices) {
  std::vector<std::string> names;
  for (std::size_t e : indices) names.push_back(report.entries[e].plugin);
  return names.empty() ? "-" : fmt::format("{}", fmt::join(names, " = "));
}

std::string p_text(const ItemGroupRow& row) {
  if (!row.adjusted_p_value) return "-";
  const double p = *row.adjusted_p_value;
  std::string text = p < 1e-4 ? "<0.0001" : fmt::format("{:.4f}", p);
  return text + (row.significant ? " *" : "");
}

bool is_best(const ItemGroupRow& row, std::size_t e) {
  return std::find(row.best.begin(), row.best.end(), e) != row.best.end();
}

Table report_table(const GroupReport& report, bool bold_best) {
  Table table;
  std::vector<std::string> header = {report.category, "targets", "users"};
  for (const LeaderboardEntry& entry : report.entries) {
    header.push_back(entry.plugin);
  }
  for (const char* name : {"best", "runner-up", "p (Holm)"}) {
    header.push_back(name);
  }
  table.push_back(header);
  for (const ItemGroupRow& row : report.rows) {
    std::vector<std::string> cells = {
        row.missing ? "(no " + report.category + ")" : row.value,
        std::to_string(row.n_targets), std::to_string(row.n_users)};
    for (std::size_t e = 0; e < row.cells.size(); ++e) {
      std::string text = cell_text(row.cells[e]);
      if (bold_best && is_best(row, e)) text = "**" + text + "**";
      cells.push_back(text);
    }
    cells.push_back(names_of(report, row.best));
    cells.push_back(row.runner_up ? report.entries[*row.runner_up].plugin
                                  : "-");
    cells.push_back(p_text(row));
    table.push_back(cells);
  }
  return table;
}

std::string format_text(const std::vector<GroupReport>& reports,
                        bool markdown) {
  if (reports.empty()) return "no finished runs match\n";
  std::string out;
  for (const GroupReport& report : reports) {
    if (!out.empty()) out += "\n";
    out += (markdown ? "### " : "") + heading(report) + "\n\n";
    const Table table = report_table(report, markdown);
    out += markdown ? markdown_table(table) : aligned(table);
    out += "\n" + footnote(report) + "\n";
  }
  return out;
}

std::string format_csv(const std::vector<GroupReport>& reports) {
  std::string out =
      "dataset,fingerprint,protocol,split,metric,category,value,missing,"
      "targets,"
      "users,plugin,params_json,mean,std,n_seeds,best,runner_up,p_value,"
      "adjusted_p_value,significant\n";
  for (const GroupReport& report : reports) {
    for (const ItemGroupRow& row : report.rows) {
      for (std::size_t e = 0; e < row.cells.size(); ++e) {
        const LeaderboardEntry& entry = report.entries[e];
        const MetricSummary& cell = row.cells[e];
        std::vector<std::string> fields = {
            report.dataset_name,
            report.dataset_fingerprint,
            report.protocol,
            report.split,
            report.metric,
            report.category,
            row.value,
            row.missing ? "true" : "false",
            std::to_string(row.n_targets),
            std::to_string(row.n_users),
            entry.plugin,
            entry.params_json,
            csv_number(cell.mean),
            cell.n > 0 ? csv_number(cell.std) : "",
            std::to_string(cell.n),
            is_best(row, e) ? "true" : "false",
            row.runner_up == e ? "true" : "false",
            csv_number(row.p_value),
            csv_number(row.adjusted_p_value),
            row.significant ? "true" : "false"};
        for (std::string& field : fields) field = csv_field(field);
        out += fmt::format("{}\n", fmt::join(fields, ","));
      }
    }
  }
  return out;
}

nlohmann::ordered_json number_or_null(double value) {
  if (std::isnan(value)) return nullptr;
  return value;
}

nlohmann::ordered_json optional_json(const std::optional<double>& value) {
  return value ? number_or_null(*value) : nullptr;
}

std::string format_json(const std::vector<GroupReport>& reports) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const GroupReport& report : reports) {
    nlohmann::ordered_json plugins = nlohmann::ordered_json::array();
    for (const LeaderboardEntry& entry : report.entries) {
      plugins.push_back({{"plugin", entry.plugin},
                         {"params_json", entry.params_json},
                         {"run_ids", entry.run_ids}});
    }
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const ItemGroupRow& row : report.rows) {
      nlohmann::ordered_json cells = nlohmann::ordered_json::array();
      for (const MetricSummary& cell : row.cells) {
        cells.push_back({{"mean", number_or_null(cell.mean)},
                         {"std", cell.n > 0 ? number_or_null(cell.std)
                                            : nullptr},
                         {"n_seeds", cell.n}});
      }
      nlohmann::ordered_json best = nlohmann::ordered_json::array();
      for (std::size_t e : row.best) best.push_back(report.entries[e].plugin);
      rows.push_back(
          {{"value", row.missing ? nlohmann::ordered_json(nullptr)
                                 : nlohmann::ordered_json(row.value)},
           {"targets", row.n_targets},
           {"users", row.n_users},
           {"best", best},
           {"runner_up", row.runner_up
                             ? nlohmann::ordered_json(
                                   report.entries[*row.runner_up].plugin)
                             : nullptr},
           {"p_value", optional_json(row.p_value)},
           {"adjusted_p_value", optional_json(row.adjusted_p_value)},
           {"significant", row.significant},
           {"cells", cells}});
    }
    out.push_back({{"dataset", report.dataset_name},
                   {"fingerprint", report.dataset_fingerprint},
                   {"protocol", report.protocol},
                   {"split", report.split},
                   {"metric", report.metric},
                   {"category", report.category},
                   {"n_values", report.n_values},
                   {"n_targets", report.n_targets},
                   {"alpha", report.alpha},
                   {"n_tested", report.n_tested},
                   {"without_ranks", report.without_ranks},
                   {"partly_ranked", report.partly_ranked},
                   {"plugins", plugins},
                   {"rows", rows}});
  }
  return out.dump(2) + "\n";
}

}  // namespace

std::string format_group_report(const std::vector<GroupReport>& reports,
                                const std::string& format) {
  if (format == "csv") return format_csv(reports);
  if (format == "json") return format_json(reports);
  if (format == "table") return format_text(reports, /*markdown=*/false);
  if (format == "markdown") return format_text(reports, /*markdown=*/true);
  throw std::invalid_argument(fmt::format(
      "invalid report format '{}'; expected table, csv, json or markdown",
      format));
}

}  // namespace harness::store
