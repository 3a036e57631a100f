#include "sweep/sections.h"

#include "sweep/names.h"
#include "sweep/table_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace harness::sweep {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kFormats = {
    "recbole", "csv", "instacart", "instacart_flat", "movielens", "synthetic"};

/// A [dataset] key and the formats it applies to; empty means all.
struct DatasetKey {
  std::string name;
  std::vector<std::string> formats;
};

const std::vector<DatasetKey>& dataset_keys() {
  // instacart_flat is csv with the flattened Instacart table's columns as
  // defaults, so every csv key applies to it.
  static const std::vector<std::string> kCsv = {"csv", "instacart_flat"};
  static const std::vector<std::string> kInstacart = {"instacart"};
  // RecBole files name their columns too, so the column keys apply there.
  static const std::vector<std::string> kColumns = {"csv", "instacart_flat",
                                                    "recbole"};
  static const std::vector<std::string> kProductTables = {
      "instacart", "csv", "instacart_flat"};
  static const std::vector<std::string> kSynthetic = {"synthetic"};
  static const std::vector<DatasetKey> keys = {
      {"format", {}},
      {"path", {"recbole", "csv", "instacart", "instacart_flat", "movielens"}},
      {"items_path", {"recbole", "csv", "instacart_flat"}},
      {"min_user_events", {}},
      {"min_item_events", {}},
      {"user_column", kColumns},
      {"item_column", kColumns},
      {"time_column", kColumns},
      {"basket_column", kCsv},
      {"position_column", kCsv},
      {"delimiter", kCsv},
      {"order_products", kInstacart},
      {"products", kProductTables},
      {"aisles", kProductTables},
      {"departments", kProductTables},
      {"synthetic_users", kSynthetic},
      {"synthetic_items", kSynthetic},
      {"synthetic_seed", kSynthetic},
  };
  return keys;
}

std::vector<std::string> dataset_key_names() {
  std::vector<std::string> names;
  for (const DatasetKey& key : dataset_keys()) {
    names.push_back(key.name);
  }
  return names;
}

const ValueRule kString{ParamType::kString, std::nullopt, std::nullopt,
                        false, {}};
const ValueRule kCount{ParamType::kInt, 0.0, std::nullopt, false, {}};
const ValueRule kPositive{ParamType::kInt, 1.0, std::nullopt, false, {}};

// Reports keys written for another format: they would be ignored.
void check_format_keys(const TableReader& reader, const std::string& format,
                       Problems& problems) {
  for (const DatasetKey& key : dataset_keys()) {
    const toml::node* node = reader.find(key.name);
    if (node == nullptr || key.formats.empty() ||
        std::find(key.formats.begin(), key.formats.end(), format) !=
            key.formats.end()) {
      continue;
    }
    problems.add(*node,
                 fmt::format("{} is not used by format '{}' (it applies to "
                             "format {}); remove it or change dataset.format",
                             reader.key_path(key.name), format,
                             join_names(key.formats)));
  }
}

// Makes `path` absolute and checks that it names an existing file.
void resolve_path(const toml::node& node, const std::string& key,
                  std::string& path, Problems& problems) {
  if (path.empty()) {
    problems.add(node, fmt::format("{} is empty; give the file's path",
                                   key));
    return;
  }
  std::error_code error;
  const fs::path absolute = fs::absolute(path, error).lexically_normal();
  if (error || !fs::exists(absolute, error)) {
    problems.add(node,
                 fmt::format("{} = \"{}\": file not found at '{}' (relative "
                             "paths resolve against the current directory, "
                             "'{}')",
                             key, path, absolute.string(),
                             fs::current_path(error).string()));
    return;
  }
  path = absolute.string();
}

void read_path(TableReader& reader, const std::string& key,
               std::string& path, Problems& problems) {
  if (reader.read(key, kString, path)) {
    resolve_path(*reader.find(key), reader.key_path(key), path, problems);
  }
}

void read_column_keys(TableReader& reader, data::DatasetOptions& dataset) {
  for (auto [key, field] :
       {std::pair{"user_column", &dataset.user_column},
        std::pair{"item_column", &dataset.item_column}}) {
    if (reader.read(key, kString, *field) && field->empty()) {
      reader.add_problem(key, fmt::format("{} is empty; name the column",
                                          reader.key_path(key)));
    }
  }
  reader.read("time_column", kString, dataset.time_column);
}

void read_csv_keys(TableReader& reader, data::DatasetOptions& dataset,
                   Problems& problems) {
  read_column_keys(reader, dataset);
  reader.read("basket_column", kString, dataset.basket_column);
  reader.read("position_column", kString, dataset.position_column);

  std::string delimiter;
  if (reader.read("delimiter", kString, delimiter)) {
    if (delimiter.size() == 1) {
      dataset.delimiter = delimiter[0];
    } else {
      problems.add(*reader.find("delimiter"),
                   fmt::format("dataset.delimiter = \"{}\": expected one "
                               "character, e.g. \",\" or \"\\t\" for a tab",
                               delimiter));
    }
  }
}

void read_product_tables(TableReader& reader, data::DatasetOptions& dataset,
                         Problems& problems) {
  read_path(reader, "products", dataset.products, problems);
  read_path(reader, "aisles", dataset.aisles, problems);
  read_path(reader, "departments", dataset.departments, problems);
}

void read_instacart_keys(TableReader& reader, data::DatasetOptions& dataset,
                         Problems& problems) {
  std::vector<std::string> order_products;
  if (reader.read_strings("order_products", kString, order_products)) {
    const toml::node& node = *reader.find("order_products");
    if (order_products.empty()) {
      problems.add(node, "dataset.order_products = []: list at least one "
                         "order_products__*.csv file");
    }
    for (std::string& path : order_products) {
      resolve_path(node, "dataset.order_products", path, problems);
    }
    dataset.order_products = std::move(order_products);
  } else if (reader.find("order_products") == nullptr) {
    problems.add(reader.table(),
                 "missing key dataset.order_products: format 'instacart' "
                 "needs the order_products__*.csv files, e.g. "
                 "order_products = [\"order_products__prior.csv\"]");
  }
  read_product_tables(reader, dataset, problems);
}

void read_synthetic_keys(TableReader& reader, data::DatasetOptions& dataset) {
  reader.read("synthetic_users", kPositive, dataset.synthetic_users);
  reader.read("synthetic_items", kPositive, dataset.synthetic_items);
  reader.read("synthetic_seed", kCount, dataset.synthetic_seed);
}

}  // namespace

void read_dataset(const toml::table& table, data::DatasetOptions& dataset,
                  Problems& problems) {
  TableReader reader(table, "dataset", dataset_key_names(), problems);
  const ValueRule format_rule{ParamType::kString, std::nullopt, std::nullopt,
                              false, kFormats};
  if (reader.find("format") != nullptr &&
      !reader.read("format", format_rule, dataset.format)) {
    return;  // Which keys apply depends on the format.
  }
  check_format_keys(reader, dataset.format, problems);

  if (dataset.format != "synthetic") {
    if (reader.find("path") == nullptr) {
      problems.add(table,
                   fmt::format("missing key dataset.path: format '{}' reads "
                               "its interactions from a file; set path = "
                               "\"...\" (relative to the current directory)",
                               dataset.format));
    }
    read_path(reader, "path", dataset.path, problems);
  }
  const bool csv_like =
      dataset.format == "csv" || dataset.format == "instacart_flat";
  if (dataset.format == "recbole" || csv_like) {
    read_path(reader, "items_path", dataset.items_path, problems);
  }
  reader.read("min_user_events", kCount, dataset.min_user_events);
  reader.read("min_item_events", kCount, dataset.min_item_events);

  if (dataset.format == "recbole") {
    read_column_keys(reader, dataset);
  } else if (csv_like) {
    read_csv_keys(reader, dataset, problems);
    read_product_tables(reader, dataset, problems);
  } else if (dataset.format == "instacart") {
    read_instacart_keys(reader, dataset, problems);
  } else if (dataset.format == "synthetic") {
    read_synthetic_keys(reader, dataset);
  }
}

}  // namespace harness::sweep
