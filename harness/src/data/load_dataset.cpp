// Entry point: picks the reader for the format, then builds, decorates and
// fingerprints the dataset.
#include "data/build_dataset.h"
#include "data/data_error.h"
#include "data/dataset.h"
#include "data/fingerprint.h"
#include "data/readers.h"
#include "data/side_data.h"
#include "data/synthetic.h"

#include <filesystem>

namespace harness::data {
namespace {

constexpr char kFormats[] =
    "recbole, csv, instacart, instacart_flat, movielens, synthetic";

// "instacart_flat" is csv with the columns of the flattened Instacart
// table (order_id,user_id,order_number,...,product_id,add_to_cart_order);
// options left at their defaults get those columns.
DatasetOptions resolve_options(const DatasetOptions& options) {
  DatasetOptions resolved = options;
  if (options.format != "instacart_flat") return resolved;
  DatasetOptions defaults;
  resolved.format = "csv";
  if (options.item_column == defaults.item_column) {
    resolved.item_column = "product_id";
  }
  if (options.time_column == defaults.time_column) {
    resolved.time_column = "order_number";
  }
  if (options.basket_column.empty()) resolved.basket_column = "order_id";
  if (options.position_column.empty()) {
    resolved.position_column = "add_to_cart_order";
  }
  return resolved;
}

bool is_known_format(const std::string& format) {
  return format == "recbole" || format == "csv" || format == "instacart" ||
         format == "movielens" || format == "synthetic";
}

void check_options(const DatasetOptions& options) {
  if (!is_known_format(options.format)) {
    throw DataError("", 0,
                    "unknown dataset format \"" + options.format +
                        "\"; expected one of: " + kFormats);
  }
  if (options.min_user_events < 0 || options.min_item_events < 0) {
    throw DataError("", 0,
                    "dataset options min_user_events and min_item_events "
                    "must be 0 (off) or positive, got " +
                        std::to_string(options.min_user_events) + " and " +
                        std::to_string(options.min_item_events));
  }
  if (options.format != "synthetic" && options.path.empty()) {
    throw DataError("", 0,
                    "dataset option path is empty; format \"" + options.format +
                        "\" reads its events from a file");
  }
}

EventTable read_events(const DatasetOptions& options, LoadStats* stats) {
  if (options.format == "recbole") return read_recbole(options, stats);
  if (options.format == "csv") return read_csv(options, stats);
  if (options.format == "instacart") return read_instacart(options, stats);
  if (options.format == "movielens") return read_movielens(options, stats);
  return generate_synthetic(options, stats);
}

void attach_side_data(const DatasetOptions& options, Dataset* dataset) {
  if (options.format == "instacart" || options.format == "csv") {
    attach_instacart_side_data(options, dataset);
  }
  if (options.format == "recbole") {
    attach_item_file(options, /*typed=*/true, dataset);
  } else if (options.format == "csv") {
    attach_item_file(options, /*typed=*/false, dataset);
  }
}

}  // namespace

Dataset load_dataset(const DatasetOptions& requested) {
  DatasetOptions options = resolve_options(requested);
  check_options(options);

  LoadStats stats;
  EventTable table = read_events(options, &stats);
  Dataset dataset = build_dataset(table, options, stats);
  attach_side_data(options, &dataset);

  dataset.name = options.format == "synthetic"
                     ? "synthetic"
                     : std::filesystem::path(options.path).stem().string();
  dataset.fingerprint = compute_fingerprint(dataset, options);
  return dataset;
}

}  // namespace harness::data
