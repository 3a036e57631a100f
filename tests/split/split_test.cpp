#include "split/split.h"
#include "split_fixtures.h"

#include <doctest/doctest.h>

#include <stdexcept>

using harness::split::leave_last_basket_out;
using harness::split::leave_last_item_out;
using harness::split::make_split;
using harness::split::Split;
using harness::split::testing::Items;
using harness::split::testing::make_dataset;

TEST_CASE("item protocol gives exact histories") {
  Split split = leave_last_item_out(make_dataset({{5, 3, 5, 7}}));

  REQUIRE(split.train.users.size() == 1);
  CHECK(split.train.users[0].user == 1);
  CHECK(split.train.users[0].items == Items{5, 3});
  CHECK(split.train.users[0].baskets == Items{1, 2});

  REQUIRE(split.valid.size() == 1);
  CHECK(split.valid[0].user == 1);
  CHECK(split.valid[0].history_items == Items{5, 3});
  CHECK(split.valid[0].history_baskets == Items{1, 2});
  CHECK(split.valid[0].targets == Items{5});

  REQUIRE(split.test.size() == 1);
  CHECK(split.test[0].user == 1);
  CHECK(split.test[0].history_items == Items{5, 3, 5});
  CHECK(split.test[0].history_baskets == Items{1, 2, 3});
  CHECK(split.test[0].targets == Items{7});
  CHECK(split.training_only_users == 0);
}

TEST_CASE("item protocol keeps short users for training only") {
  Split split = leave_last_item_out(make_dataset({{1}, {2, 3}, {4, 5, 6}}));
  CHECK(split.training_only_users == 2);
  REQUIRE(split.train.users.size() == 3);
  CHECK(split.train.users[0].items == Items{1});
  CHECK(split.train.users[1].items == Items{2, 3});
  CHECK(split.train.users[1].baskets == Items{1, 2});
  CHECK(split.train.users[2].items == Items{4});
  REQUIRE(split.valid.size() == 1);
  REQUIRE(split.test.size() == 1);
  CHECK(split.valid[0].user == 3);
  CHECK(split.valid[0].history_items == Items{4});
  CHECK(split.valid[0].targets == Items{5});
  CHECK(split.test[0].history_items == Items{4, 5});
  CHECK(split.test[0].targets == Items{6});
}

TEST_CASE("item protocol flattens baskets in stored order") {
  // Baskets {1 2} {3} {4 5}: the last two events are targets, and the
  // test history ends inside the third basket.
  Split split =
      leave_last_item_out(make_dataset({{1, 2, 3, 4, 5}}, {{1, 1, 2, 3, 3}}));
  CHECK(split.train.users[0].items == Items{1, 2, 3});
  CHECK(split.train.users[0].baskets == Items{1, 1, 2});
  CHECK(split.valid[0].history_items == Items{1, 2, 3});
  CHECK(split.valid[0].history_baskets == Items{1, 1, 2});
  CHECK(split.valid[0].targets == Items{4});
  CHECK(split.test[0].history_items == Items{1, 2, 3, 4});
  CHECK(split.test[0].history_baskets == Items{1, 1, 2, 3});
  CHECK(split.test[0].targets == Items{5});
}

TEST_CASE("basket protocol targets distinct items of a basket") {
  // Baskets {1 2} {3} {4 4 5} {6 1}.
  Split split = leave_last_basket_out(
      make_dataset({{1, 2, 3, 4, 4, 5, 6, 1}}, {{1, 1, 2, 3, 3, 3, 4, 4}}));
  REQUIRE(split.train.users.size() == 1);
  CHECK(split.train.users[0].items == Items{1, 2, 3});
  CHECK(split.train.users[0].baskets == Items{1, 1, 2});

  REQUIRE(split.valid.size() == 1);
  CHECK(split.valid[0].history_items == Items{1, 2, 3});
  CHECK(split.valid[0].history_baskets == Items{1, 1, 2});
  CHECK(split.valid[0].targets == Items{4, 5});

  REQUIRE(split.test.size() == 1);
  CHECK(split.test[0].history_items == Items{1, 2, 3, 4, 4, 5});
  CHECK(split.test[0].history_baskets == Items{1, 1, 2, 3, 3, 3});
  // First-occurrence order, and item 1 was bought before: still a target.
  CHECK(split.test[0].targets == Items{6, 1});
}

TEST_CASE("basket protocol keeps users with two baskets for training") {
  Split split = leave_last_basket_out(
      make_dataset({{1, 2, 3, 4, 5}, {1, 2, 3}}, {{1, 1, 1, 2, 2}, {1, 2, 3}}));
  CHECK(split.training_only_users == 1);
  REQUIRE(split.train.users.size() == 2);
  CHECK(split.train.users[0].items == Items{1, 2, 3, 4, 5});
  CHECK(split.train.users[0].baskets == Items{1, 1, 1, 2, 2});
  CHECK(split.train.users[1].items == Items{1});
  REQUIRE(split.valid.size() == 1);
  CHECK(split.valid[0].user == 2);
  CHECK(split.test[0].user == 2);
}

TEST_CASE("basket protocol rejects data without baskets") {
  CHECK_THROWS_AS(leave_last_basket_out(make_dataset({{1, 2, 3}})),
                  std::invalid_argument);
  CHECK_THROWS_WITH(
      make_split("leave_last_basket_out", make_dataset({{1, 2, 3}})),
      doctest::Contains("needs baskets"));
}

TEST_CASE("make_split dispatches on the protocol name") {
  auto dataset = make_dataset({{1, 2, 3}}, {{1, 2, 3}});
  CHECK(make_split("leave_last_item_out", dataset).test[0].targets == Items{3});
  CHECK(make_split("leave_last_basket_out", dataset).test[0].targets ==
        Items{3});
  CHECK_THROWS_WITH_AS(make_split("random", dataset),
                       "unknown protocol \"random\"; expected one of: "
                       "leave_last_item_out, leave_last_basket_out",
                       std::invalid_argument);
}
