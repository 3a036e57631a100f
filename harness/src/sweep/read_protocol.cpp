#include "sweep/names.h"
#include "sweep/sections.h"
#include "sweep/table_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace harness::sweep {
namespace {

const std::vector<std::string> kProtocolKeys = {
    "kind", "max_history", "exclude_history", "metrics", "select_by"};

const ValueRule kKindRule{ParamType::kString, std::nullopt, std::nullopt,
                          false,
                          {"leave_last_item_out", "leave_last_basket_out"}};
const ValueRule kMaxHistoryRule{ParamType::kInt, 1.0, std::nullopt, false,
                                {}};
const ValueRule kBoolRule{ParamType::kBool, std::nullopt, std::nullopt, false,
                          {}};
const ValueRule kStringRule{ParamType::kString, std::nullopt, std::nullopt,
                            false, {}};

constexpr const char* kMetricForms =
    "(recall|ndcg|mrr|precision|phr|hit), optionally followed by _repeat or "
    "_explore, then @K with K >= 1, e.g. ndcg@10 or recall_repeat@20";

// Reads the metric list; returns false when it is not a list of strings,
// so that select_by has nothing to be checked against.
bool read_metrics(TableReader& reader, ProtocolOptions& protocol,
                  Problems& problems) {
  std::vector<std::string> metrics;
  if (!reader.read_strings("metrics", kStringRule, metrics)) {
    return reader.find("metrics") == nullptr;
  }
  const toml::node& node = *reader.find("metrics");
  if (metrics.empty()) {
    problems.add(node, "protocol.metrics = []: list at least one metric, "
                       "e.g. metrics = [\"ndcg@10\", \"recall@10\"]");
    return false;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    const toml::node& element = *node.as_array()->get(i);
    if (!is_metric_name(metrics[i])) {
      problems.add(element,
                   fmt::format("protocol.metrics[{}] = \"{}\" is not a metric "
                               "name; expected {}",
                               i, metrics[i], kMetricForms));
    } else if (!seen.insert(metrics[i]).second) {
      problems.add(element,
                   fmt::format("protocol.metrics[{}] = \"{}\" is listed "
                               "twice; list each metric once",
                               i, metrics[i]));
    }
  }
  protocol.metrics = std::move(metrics);
  return true;
}

}  // namespace

void read_protocol(const toml::table& table, ProtocolOptions& protocol,
                   Problems& problems) {
  TableReader reader(table, "protocol", kProtocolKeys, problems);
  reader.read("kind", kKindRule, protocol.kind);
  reader.read("max_history", kMaxHistoryRule, protocol.max_history);
  reader.read("exclude_history", kBoolRule, protocol.exclude_history);
  const bool metrics_read = read_metrics(reader, protocol, problems);
  const bool select_by_read =
      reader.find("select_by") == nullptr ||
      reader.read("select_by", kStringRule, protocol.select_by);
  if (!metrics_read || !select_by_read) {
    return;  // The check below would repeat an error already reported.
  }

  const auto& metrics = protocol.metrics;
  if (std::find(metrics.begin(), metrics.end(), protocol.select_by) ==
      metrics.end()) {
    const bool is_default = reader.find("select_by") == nullptr;
    reader.add_problem(
        "select_by",
        fmt::format("protocol.select_by = \"{}\"{} is not one of "
                    "protocol.metrics ({}); set select_by to one of them "
                    "or add it to metrics{}",
                    protocol.select_by, is_default ? " (the default)" : "",
                    join_names(metrics),
                    suggest_name(protocol.select_by, metrics)));
  }
}

}  // namespace harness::sweep
