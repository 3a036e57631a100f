// Kaggle Instacart layout: orders.csv gives the user and order_number of
// each order, and the order_products files list the products of each order.
#include "data/data_error.h"
#include "data/delimited_reader.h"
#include "data/readers.h"
#include "data/table_reader.h"

#include <string>
#include <unordered_map>

namespace harness::data {
namespace {

constexpr char kOrdersLayout[] =
    "of Kaggle's orders.csv: order_id,user_id,eval_set,order_number,...";
constexpr char kOrderProductsLayout[] =
    "of Kaggle's order_products__*.csv: order_id,product_id,"
    "add_to_cart_order,reordered";

struct Order {
  std::string user;
  double number = 0.0;
  bool has_products = false;
  /// Interned user and basket, set by the order's first product row; this
  /// saves two hash lookups per row.
  std::int64_t user_index = 0;
  std::int64_t basket_index = 0;
};

using OrderMap = std::unordered_map<std::string, Order>;

OrderMap read_orders(const std::string& path) {
  DelimitedReader reader(path, ",", /*quoting=*/true);
  Header header = read_header(&reader, /*typed=*/false);
  std::size_t order_column = header.require_fixed("order_id", kOrdersLayout);
  std::size_t user_column = header.require_fixed("user_id", kOrdersLayout);
  std::size_t number_column =
      header.require_fixed("order_number", kOrdersLayout);

  OrderMap orders;
  std::vector<std::string_view> fields;
  while (reader.next(&fields)) {
    check_field_count(reader, fields, header.size());
    std::string_view id =
        require_id(reader, fields[order_column], "order id", "order_id");
    Order order;
    order.user = require_id(reader, fields[user_column], "user id", "user_id");
    order.number = parse_number_field(reader, fields[number_column],
                                      "order number", "order_number");
    if (!orders.emplace(std::string(id), std::move(order)).second) {
      throw DataError(path, reader.line(),
                      "order_id " + quote(id) +
                          " appears twice; every order needs its own id");
    }
  }
  if (orders.empty()) {
    throw DataError(path, 0, "file has a header but no orders");
  }
  return orders;
}

void read_order_products(const std::string& path,
                         const std::string& orders_path, OrderMap* orders,
                         EventTable* table) {
  DelimitedReader reader(path, ",", /*quoting=*/true);
  Header header = read_header(&reader, /*typed=*/false);
  std::size_t order_column =
      header.require_fixed("order_id", kOrderProductsLayout);
  std::size_t product_column =
      header.require_fixed("product_id", kOrderProductsLayout);
  std::size_t position_column =
      header.require_fixed("add_to_cart_order", kOrderProductsLayout);

  table->reserve(reader.count_lines());
  std::vector<std::string_view> fields;
  std::string order_id;
  while (reader.next(&fields)) {
    check_field_count(reader, fields, header.size());
    order_id.assign(fields[order_column]);
    auto order = orders->find(order_id);
    if (order == orders->end()) {
      throw DataError(path, reader.line(),
                      "order_id " + quote(order_id) +
                          " is not in the orders file " + quote(orders_path) +
                          "; list the orders file that matches these "
                          "products in the dataset option path");
    }
    std::string_view product =
        require_id(reader, fields[product_column], "product id", "product_id");
    double position = parse_number_field(reader, fields[position_column],
                                         "position", "add_to_cart_order");
    Order& found = order->second;
    if (!found.has_products) {
      found.has_products = true;
      found.user_index = table->users.intern(found.user);
      found.basket_index = table->baskets.intern(order_id);
    }
    table->add_interned(found.user_index, product, found.number,
                        found.basket_index, position);
  }
}

}  // namespace

EventTable read_instacart(const DatasetOptions& options, LoadStats* stats) {
  if (options.order_products.empty()) {
    throw DataError("", 0,
                    "format \"instacart\" needs the dataset option "
                    "order_products: the order_products__*.csv files whose "
                    "rows list the products of each order");
  }
  OrderMap orders = read_orders(options.path);

  EventTable table;
  table.has_baskets = true;
  for (const std::string& path : options.order_products) {
    read_order_products(path, options.path, &orders, &table);
  }
  if (table.size() == 0) {
    throw DataError(options.order_products.front(), 0,
                    "the order_products files contain no product rows");
  }

  // Orders without products are Instacart's `test` orders, whose contents
  // are not public; they are counted rather than dropped silently.
  for (const auto& [id, order] : orders) {
    if (!order.has_products) ++stats->empty_baskets_skipped;
  }
  stats->rows_read = table.size();
  return table;
}

}  // namespace harness::data
