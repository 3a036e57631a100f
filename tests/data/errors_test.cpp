// Every kind of bad input fails with a DataError whose message names the
// file, the line and the offending value.
#include "data/data_error.h"
#include "data/dataset.h"
#include "temp_files.h"

#include <doctest/doctest.h>

#include <string>

using harness::data::DataError;
using harness::data::DatasetOptions;
using harness::data::load_dataset;
using harness::data::testing::TempDir;

namespace {

// The message of the DataError that loading `options` throws.
std::string load_error(const DatasetOptions& options) {
  try {
    load_dataset(options);
  } catch (const DataError& error) {
    return error.what();
  }
  FAIL("load_dataset did not throw a DataError");
  return "";
}

const char kHeader[] =
    "user_id:token\titem_id:token\trating:float\ttimestamp:float\n";

}  // namespace

TEST_CASE("DataError formats file and line") {
  DataError error("a.csv", 7, "bad value");
  CHECK(std::string(error.what()) == "a.csv:7: bad value");
  CHECK(error.file() == "a.csv");
  CHECK(error.line() == 7);
  CHECK(std::string(DataError("a.csv", 0, "empty").what()) == "a.csv: empty");
  CHECK(std::string(DataError("", 0, "bad option").what()) == "bad option");
}

TEST_CASE("error for a missing file names the path") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.path("absent.inter");
  std::string message = load_error(options);
  CHECK(message.find(options.path + ": cannot read data file") == 0);
  CHECK(message.find("No such file or directory") != std::string::npos);

  options.path = "relative/absent.inter";
  message = load_error(options);
  CHECK(message.find("\"relative/absent.inter\"") != std::string::npos);
  CHECK(message.find("relative to the working directory") != std::string::npos);
}

TEST_CASE("error for a missing column lists the header") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("cols.inter",
                           "user:token\titem_id:token\ttimestamp:float\n"
                           "1\t2\t3\n");
  std::string message = load_error(options);
  CHECK(message.find(options.path + ":1: column \"user_id\" not found") == 0);
  CHECK(message.find("columns found: user:token, item_id:token, "
                     "timestamp:float") != std::string::npos);
  CHECK(message.find("user_column") != std::string::npos);
}

TEST_CASE("error for a wrong field count quotes the line") {
  TempDir dir;
  DatasetOptions options;
  options.path =
      dir.write("count.inter", std::string(kHeader) + "1\t2\t3\t4\n1\t2\t3\n");
  std::string message = load_error(options);
  CHECK(message.find(options.path + ":3: found 3 fields, expected 4") == 0);
  CHECK(message.find("\"1\\t2\\t3\"") != std::string::npos);
}

TEST_CASE("error for a non-numeric timestamp quotes value and line") {
  TempDir dir;
  DatasetOptions options;
  options.path =
      dir.write("time.inter", std::string(kHeader) + "1\t2\t3\t12abc\n");
  std::string message = load_error(options);
  CHECK(message.find(options.path + ":2: invalid timestamp \"12abc\"") == 0);
  CHECK(message.find("column \"timestamp\"") != std::string::npos);
  CHECK(message.find("\"1\\t2\\t3\\t12abc\"") != std::string::npos);

  // Values std::stod would accept in part or overflow std::stoi.
  for (const char* value : {"", "nan", "inf", "1e999", "0x10", "1,5"}) {
    CAPTURE(value);
    options.path = dir.write("time.inter",
                             std::string(kHeader) + "1\t2\t3\t" + value + "\n");
    CHECK(load_error(options).find("invalid timestamp") != std::string::npos);
  }
}

TEST_CASE("error for an empty file or a header alone") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("empty.inter", "");
  CHECK(load_error(options) == options.path +
                                   ": file is empty; expected a header row "
                                   "and data rows");
  options.path = dir.write("blank.inter", "\n  \n");
  CHECK(load_error(options).find("file is empty") != std::string::npos);
  options.path = dir.write("header.inter", kHeader);
  CHECK(load_error(options) ==
        options.path + ": file has a header but no data rows");
}

TEST_CASE("error for an unknown format lists the formats") {
  DatasetOptions options;
  options.format = "parquet";
  options.path = "x";
  CHECK(load_error(options) ==
        "unknown dataset format \"parquet\"; expected one of: recbole, csv, "
        "instacart, instacart_flat, movielens, synthetic");
}

TEST_CASE("error for invalid options") {
  DatasetOptions options;
  CHECK(load_error(options).find("dataset option path is empty") == 0);
  options.path = "x";
  options.min_user_events = -1;
  CHECK(load_error(options).find("min_user_events") != std::string::npos);

  DatasetOptions synthetic;
  synthetic.format = "synthetic";
  synthetic.synthetic_items = 1;
  CHECK(load_error(synthetic) ==
        "dataset option synthetic_items must be at least 2, got 1");
  synthetic.synthetic_items = 10;
  synthetic.synthetic_users = 0;
  CHECK(load_error(synthetic) ==
        "dataset option synthetic_users must be at least 1, got 0");
}

TEST_CASE("error for an empty id names the column") {
  TempDir dir;
  DatasetOptions options;
  options.path = dir.write("ids.inter", std::string(kHeader) + "\t5\t3\t1\n");
  std::string message = load_error(options);
  CHECK(message.find(options.path + ":2: empty user id in column "
                                    "\"user_id\"") == 0);
}

TEST_CASE("error for csv quoting problems") {
  TempDir dir;
  DatasetOptions options;
  options.format = "csv";
  options.time_column = "";
  options.path = dir.write("q.csv", "user_id,item_id\n1,2\n3,\"open\n\n");
  CHECK(load_error(options).find(options.path + ":3: quoted field is not "
                                                "closed") == 0);
  options.path = dir.write("q.csv", "user_id,item_id\n1,\"a\"b\n");
  CHECK(load_error(options).find(options.path +
                                 ":2: unexpected text after the closing "
                                 "quote of field \"a\"") == 0);
}

TEST_CASE("error for csv positions and basket ids") {
  TempDir dir;
  DatasetOptions options;
  options.format = "csv";
  options.time_column = "";
  options.basket_column = "order";
  options.position_column = "pos";
  options.path =
      dir.write("p.csv", "user_id,item_id,order,pos\n1,2,o1,first\n");
  CHECK(load_error(options).find(options.path +
                                 ":2: invalid position \"first\" in column "
                                 "\"pos\"") == 0);
  options.path = dir.write("p.csv", "user_id,item_id,order,pos\n1,2,,1\n");
  CHECK(load_error(options).find(
            options.path + ":2: empty basket id in column \"order\"") == 0);
}

TEST_CASE("error for instacart inputs") {
  TempDir dir;
  DatasetOptions options;
  options.format = "instacart";
  options.path = dir.write("orders.csv",
                           "order_id,user_id,eval_set,order_number\n"
                           "1,10,prior,1\n");
  CHECK(load_error(options).find("needs the dataset option order_products") !=
        std::string::npos);

  options.order_products = {
      dir.write("op.csv",
                "order_id,product_id,add_to_cart_order,reordered\n"
                "1,5,1,0\n"
                "2,6,1,0\n")};
  CHECK(load_error(options).find(options.order_products[0] +
                                 ":3: order_id \"2\" is not in the orders "
                                 "file") == 0);

  options.path = dir.write("orders.csv",
                           "order_id,user_id,eval_set,order_number\n"
                           "1,10,prior,1\n"
                           "1,11,prior,1\n");
  CHECK(load_error(options).find(options.path +
                                 ":3: order_id \"1\" appears twice") == 0);

  options.path = dir.write("orders.csv", "order_id,user,order_number\n1,2,3\n");
  std::string message = load_error(options);
  CHECK(message.find(options.path + ":1: column \"user_id\" not found") == 0);
  CHECK(message.find("orders.csv: order_id,user_id") != std::string::npos);
}
