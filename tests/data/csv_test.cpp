#include "data/dataset.h"
#include "temp_files.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using harness::data::Dataset;
using harness::data::DatasetOptions;
using harness::data::load_dataset;
using harness::data::testing::TempDir;

namespace {

std::vector<std::string> raw_items(const Dataset& dataset, std::int64_t user) {
  std::vector<std::string> raw;
  for (std::int64_t item : dataset.items[user]) {
    raw.push_back(dataset.item_ids[item]);
  }
  return raw;
}

DatasetOptions csv_options(const std::string& path) {
  DatasetOptions options;
  options.format = "csv";
  options.path = path;
  options.user_column = "user";
  options.item_column = "item";
  options.time_column = "time";
  return options;
}

}  // namespace

TEST_CASE("csv reads quoted fields") {
  TempDir dir;
  DatasetOptions options =
      csv_options(dir.write("quoted.csv",
                            "user,item,time,note\n"
                            "\"u,1\",\"a \"\"big\"\" one\",1,plain\n"
                            "\"u,1\",\"line\nbreak\",2,\"x, y\"\n"
                            "u2,\"\",3,z\n"));
  // The empty quoted item id is invalid; it sits on line 5 because the
  // quoted line break above it counts as a line.
  CHECK_THROWS_WITH(load_dataset(options),
                    doctest::Contains("quoted.csv:5: empty item id"));

  options.path = dir.write("quoted.csv",
                           "user,item,time,note\n"
                           "\"u,1\",\"a \"\"big\"\" one\",1,plain\n"
                           "\"u,1\",\"line\nbreak\",2,\"x, y\"\n");
  Dataset dataset = load_dataset(options);
  REQUIRE(dataset.num_users() == 1);
  CHECK(dataset.user_ids[1] == "u,1");
  CHECK(raw_items(dataset, 1) ==
        std::vector<std::string>{"a \"big\" one", "line\nbreak"});
}

TEST_CASE("csv honours the delimiter option") {
  TempDir dir;
  DatasetOptions options =
      csv_options(dir.write("semi.csv", "user;item;time\nx;a,b;2\nx;c;1\n"));
  options.delimiter = ';';
  Dataset dataset = load_dataset(options);
  CHECK(raw_items(dataset, 1) == std::vector<std::string>{"c", "a,b"});

  options = csv_options(dir.write("tabs.tsv", "user\titem\ttime\nx\ta\t1\n"));
  options.delimiter = '\t';
  CHECK(load_dataset(options).num_items() == 1);
}

TEST_CASE("csv accepts CRLF line endings") {
  TempDir dir;
  DatasetOptions options = csv_options(
      dir.write("crlf.csv", "user,item,time\r\nx,a,2\r\nx,b,1\r\n"));
  Dataset dataset = load_dataset(options);
  CHECK(raw_items(dataset, 1) == std::vector<std::string>{"b", "a"});
  CHECK(dataset.times[1] == std::vector<double>{1, 2});
}

TEST_CASE("csv baskets keep file order and cart positions") {
  TempDir dir;
  // No time column: baskets come in order of their first row, events in a
  // basket by position ("1.0" is a valid position), then file order.
  DatasetOptions options = csv_options(dir.write("baskets.csv",
                                                 "user,basket,item,pos\n"
                                                 "x,b2,p,2.0\n"
                                                 "x,b1,q,1\n"
                                                 "x,b2,r,1.0\n"
                                                 "y,b1,s,1\n"
                                                 "x,b1,t,1\n"
                                                 "x,b2,u,1.0\n"));
  options.time_column = "";
  options.basket_column = "basket";
  options.position_column = "pos";
  Dataset dataset = load_dataset(options);

  CHECK(dataset.has_baskets);
  REQUIRE(dataset.num_users() == 2);
  CHECK(raw_items(dataset, 1) ==
        std::vector<std::string>{"r", "u", "p", "q", "t"});
  CHECK(dataset.baskets[1] == std::vector<std::int64_t>{1, 1, 1, 2, 2});
  // Basket id b1 of user y is a different basket from b1 of user x.
  CHECK(raw_items(dataset, 2) == std::vector<std::string>{"s"});
  CHECK(dataset.baskets[2] == std::vector<std::int64_t>{1});
}

TEST_CASE("csv baskets sort by their earliest time") {
  TempDir dir;
  // Basket k2 starts at time 5 (its rows carry 5 and 9), so it comes
  // before k1 (time 7) and its two events stay together.
  DatasetOptions options = csv_options(dir.write("timed.csv",
                                                 "user,basket,item,time\n"
                                                 "x,k1,a,7\n"
                                                 "x,k2,b,9\n"
                                                 "x,k2,c,5\n"));
  options.basket_column = "basket";
  Dataset dataset = load_dataset(options);
  CHECK(raw_items(dataset, 1) == std::vector<std::string>{"b", "c", "a"});
  CHECK(dataset.baskets[1] == std::vector<std::int64_t>{1, 1, 2});
  CHECK(dataset.times[1] == std::vector<double>{9, 5, 7});
}

TEST_CASE("instacart_flat is csv with the flattened columns") {
  TempDir dir;
  std::string path = dir.write(
      "transactions.csv",
      "order_id,user_id,order_number,order_dow,order_hour_of_day,"
      "days_since_prior_order,product_id,add_to_cart_order,reordered\n"
      "20,1,2,3,9,5.0,196,2.0,1.0\n"
      "10,1,1,2,8,,196,1.0,0.0\n"
      "20,1,2,3,9,5.0,0,1.0,0.0\n"
      "30,2,1,2,8,,46149,1.0,0.0\n");
  DatasetOptions flat;
  flat.format = "instacart_flat";
  flat.path = path;
  Dataset dataset = load_dataset(flat);
  CHECK(dataset.has_baskets);
  REQUIRE(dataset.num_users() == 2);
  CHECK(raw_items(dataset, 1) == std::vector<std::string>{"196", "0", "196"});
  CHECK(dataset.baskets[1] == std::vector<std::int64_t>{1, 2, 2});
  CHECK(dataset.times[1] == std::vector<double>{1, 2, 2});

  DatasetOptions mapped = csv_options(path);
  mapped.user_column = "user_id";
  mapped.item_column = "product_id";
  mapped.time_column = "order_number";
  mapped.basket_column = "order_id";
  mapped.position_column = "add_to_cart_order";
  Dataset same = load_dataset(mapped);
  CHECK(same.items == dataset.items);
  CHECK(same.fingerprint == dataset.fingerprint);
}
