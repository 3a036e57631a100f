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

// Two users; o9 and o7 are `test` orders without products.
DatasetOptions write_kaggle_layout(const TempDir& dir) {
  DatasetOptions options;
  options.format = "instacart";
  options.path = dir.write(
      "orders.csv",
      "order_id,user_id,eval_set,order_number,order_dow,order_hour_of_day,"
      "days_since_prior_order\n"
      "o3,7,prior,2,1,10,3.0\n"
      "o1,7,prior,1,1,9,\n"
      "o9,7,test,3,2,8,5.0\n"
      "o5,0,prior,1,4,11,\n"
      "o6,0,prior,2,4,12,7.0\n"
      "o7,0,test,3,5,13,2.0\n");
  options.order_products = {
      dir.write("order_products__prior.csv",
                "order_id,product_id,add_to_cart_order,reordered\n"
                "o3,200,2,1\n"
                "o3,100,1,1\n"
                "o1,100,1,0\n"
                "o5,0,1,0\n"),
      dir.write("order_products__train.csv",
                "order_id,product_id,add_to_cart_order,reordered\n"
                "o6,300,1,0\n"
                "o6,0,2,1\n")};
  return options;
}

}  // namespace

TEST_CASE("instacart orders baskets by order_number and cart position") {
  TempDir dir;
  Dataset dataset = load_dataset(write_kaggle_layout(dir));

  CHECK(dataset.name == "orders");
  CHECK(dataset.has_baskets);
  // Users and items are numbered by first appearance in the product rows.
  CHECK(dataset.user_ids == std::vector<std::string>{"", "7", "0"});
  CHECK(dataset.item_ids ==
        std::vector<std::string>{"", "200", "100", "0", "300"});
  CHECK(raw_items(dataset, 1) == std::vector<std::string>{"100", "100", "200"});
  CHECK(dataset.baskets[1] == std::vector<std::int64_t>{1, 2, 2});
  CHECK(dataset.times[1] == std::vector<double>{1, 2, 2});
  CHECK(raw_items(dataset, 2) == std::vector<std::string>{"0", "300", "0"});
  CHECK(dataset.baskets[2] == std::vector<std::int64_t>{1, 2, 2});
}

TEST_CASE("instacart counts skipped empty orders") {
  TempDir dir;
  Dataset dataset = load_dataset(write_kaggle_layout(dir));
  CHECK(dataset.stats.empty_baskets_skipped == 2);
  CHECK(dataset.stats.rows_read == 6);
  CHECK(dataset.stats.events_kept == 6);
}

TEST_CASE("instacart side data from the Kaggle tables") {
  TempDir dir;
  DatasetOptions options = write_kaggle_layout(dir);
  options.products =
      dir.write("products.csv",
                "product_id,product_name,aisle_id,department_id\n"
                "100,\"Milk, whole\",5,2\n"
                "200,Bread,6,3\n"
                "0,Zero product,5,9\n"
                "555,Not ordered,6,3\n");
  options.aisles =
      dir.write("aisles.csv", "aisle_id,aisle\n5,dairy\n6,bakery\n");
  options.departments = dir.write(
      "departments.csv", "department_id,department\n2,dairy eggs\n3,bakery\n");
  Dataset dataset = load_dataset(options);

  // Dense items: 1="200", 2="100", 3="0", 4="300" (not in products.csv).
  CHECK(dataset.side.names == std::vector<std::string>{"", "Bread",
                                                       "Milk, whole",
                                                       "Zero product", ""});
  CHECK(dataset.side.categories.at("aisle") ==
        std::vector<std::int64_t>{0, 1, 2, 2, 0});
  CHECK(dataset.category_values.at("aisle") ==
        std::vector<std::string>{"", "bakery", "dairy"});
  // Department 9 is not in departments.csv, so its id is its label.
  CHECK(dataset.side.categories.at("department") ==
        std::vector<std::int64_t>{0, 1, 2, 3, 0});
  CHECK(dataset.category_values.at("department") ==
        std::vector<std::string>{"", "bakery", "dairy eggs", "9"});
}

TEST_CASE("instacart flattened products carry category names") {
  TempDir dir;
  DatasetOptions options;
  options.format = "instacart_flat";
  options.path = dir.write(
      "transactions.csv",
      "order_id,user_id,order_number,order_dow,order_hour_of_day,"
      "days_since_prior_order,product_id,add_to_cart_order,reordered\n"
      "10,1,1,2,8,,23,1.0,0.0\n"
      "10,1,1,2,8,,79,2.0,0.0\n");
  options.products = dir.write(
      "products.csv",
      "product_id,product_name,aisle_id,department_id,aisle,department\n"
      "23,Organic Turkey Burgers,49,12,packaged poultry,meat seafood\n"
      "79,Wild Albacore Tuna,95,15,canned meat seafood,canned goods\n");
  Dataset dataset = load_dataset(options);
  CHECK(dataset.side.names == std::vector<std::string>{"",
                                                       "Organic Turkey Burgers",
                                                       "Wild Albacore Tuna"});
  CHECK(dataset.side.categories.at("aisle") ==
        std::vector<std::int64_t>{0, 1, 2});
  CHECK(
      dataset.category_values.at("aisle") ==
      std::vector<std::string>{"", "packaged poultry", "canned meat seafood"});
  CHECK(dataset.category_values.at("department") ==
        std::vector<std::string>{"", "meat seafood", "canned goods"});
}
