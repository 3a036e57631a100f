// The breakdown by item category, on hand-placed target ranks.
#include "store/group_report.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "store_test_support.h"

namespace harness::store {
namespace {

using testing::add_finished_run;
using testing::make_record;
using testing::make_split;
using testing::TempDir;

// Five items: 1 and 2 dairy, 3 and 4 produce, 5 without a department.
DatasetItems toy_items() {
  DatasetItems items;
  items.fingerprint = "fp0123456789abcd";
  items.item_ids = {"", "a", "b", "c", "d", "e"};
  items.names = {"", "milk", "cheese", "apple", "pear", "bag"};
  items.categories["department"] = {"",        "dairy", "dairy",
                                    "produce", "produce", ""};
  return items;
}

// A finished run with the given valid and test ndcg@10 means and test
// target ranks as (user, item, rank) triples.
std::int64_t add_ranked_run(
    Store& store, const RunRecord& record, double valid, double test,
    const std::vector<std::array<std::int64_t, 3>>& ranks) {
  SplitMetrics test_split = make_split("test", {{"ndcg@10", test}});
  for (const auto& [user, item, rank] : ranks) {
    test_split.target_ranks.push_back({user, item, rank, item == 1});
  }
  return add_finished_run(store, record,
                          {make_split("valid", {{"ndcg@10", valid}}),
                           std::move(test_split)});
}

// tifu (two seeds) and pop (one seed) on two users; the expected recall@10
// values per department are worked out beside each run.
void add_toy_runs(Store& store) {
  store.record_dataset_items(toy_items());
  // Seed 1: dairy (1 + 0) / 2, produce (1 + 1) / 2, none 1.
  add_ranked_run(store, make_record("tifu", "{}", 1), 0.3, 0.4,
                 {{1, 1, 1}, {1, 3, 3}, {2, 2, 12}, {2, 4, 2}, {2, 5, 4}});
  // Seed 2: dairy (1 + 1) / 2, produce (0 + 0) / 2, none 1.
  add_ranked_run(store, make_record("tifu", "{}", 2), 0.3, 0.4,
                 {{1, 1, 2}, {1, 3, 20}, {2, 2, 1}, {2, 4, 11}, {2, 5, 3}});
  // dairy (0 + 1) / 2, produce (1 + 0) / 2, none 1.
  add_ranked_run(store, make_record("pop", "{}", 1), 0.2, 0.1,
                 {{1, 1, 15}, {1, 3, 1}, {2, 2, 5}, {2, 4, 30}, {2, 5, 2}});
}

GroupReportOptions by_department(const std::string& metric = "recall@10") {
  GroupReportOptions options;
  options.category = "department";
  options.metric = metric;
  return options;
}

const ItemGroupRow& row_for(const GroupReport& report,
                            const std::string& value) {
  for (const ItemGroupRow& row : report.rows) {
    if (row.value == value) return row;
  }
  FAIL("no row for " << value);
  throw std::logic_error("unreachable");
}

TEST_CASE("group report averages users then seeds") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  add_toy_runs(store);

  const auto reports = compute_group_report(store, by_department());
  REQUIRE(reports.size() == 1);
  const GroupReport& report = reports[0];
  CHECK(report.metric == "recall@10");
  REQUIRE(report.entries.size() == 2);
  CHECK(report.entries[0].plugin == "tifu");
  CHECK(report.entries[1].plugin == "pop");
  CHECK(report.without_ranks.empty());
  CHECK(report.n_values == 3);
  CHECK(report.n_targets == 5);

  // Two targets each for dairy and produce (name order breaks the tie),
  // then the one item without a department.
  REQUIRE(report.rows.size() == 3);
  CHECK(report.rows[0].value == "dairy");
  CHECK(report.rows[1].value == "produce");
  CHECK(report.rows[2].value.empty());
  CHECK(report.rows[2].missing);
  CHECK_FALSE(report.rows[0].missing);

  const ItemGroupRow& dairy = row_for(report, "dairy");
  CHECK(dairy.n_targets == 2);
  CHECK(dairy.n_users == 2);
  CHECK(dairy.cells[0].mean == doctest::Approx(0.75).epsilon(1e-12));
  CHECK(dairy.cells[0].std ==
        doctest::Approx(0.3535533905932738).epsilon(1e-12));
  CHECK(dairy.cells[0].n == 2);
  CHECK(dairy.cells[1].mean == doctest::Approx(0.5).epsilon(1e-12));
  CHECK(dairy.cells[1].n == 1);
  CHECK(dairy.best == std::vector<std::size_t>{0});
  REQUIRE(dairy.runner_up.has_value());
  CHECK(*dairy.runner_up == 1);
  // Per-user values over seeds: tifu (1, 0.5), pop (0, 1); differences
  // (1, -0.5) give t = 1/3 with one degree of freedom, where the t
  // distribution is Cauchy: p = 1 - (2 / pi) atan(1/3). The only tested
  // row, so Holm leaves it as it is.
  REQUIRE(dairy.p_value.has_value());
  CHECK(*dairy.p_value == doctest::Approx(0.7951672353008665).epsilon(1e-9));
  CHECK(*dairy.adjusted_p_value == *dairy.p_value);
  CHECK_FALSE(dairy.significant);

  const ItemGroupRow& produce = row_for(report, "produce");
  CHECK(produce.cells[0].mean == doctest::Approx(0.5).epsilon(1e-12));
  CHECK(produce.cells[0].std ==
        doctest::Approx(0.7071067811865476).epsilon(1e-12));
  CHECK(produce.cells[1].mean == doctest::Approx(0.5).epsilon(1e-12));
  // A tie names both and tests nothing.
  CHECK(produce.best == std::vector<std::size_t>{0, 1});
  CHECK_FALSE(produce.runner_up.has_value());
  CHECK_FALSE(produce.p_value.has_value());

  const ItemGroupRow& none = report.rows[2];
  CHECK(none.n_users == 1);
  CHECK(none.cells[0].mean == 1.0);
  CHECK(none.cells[1].mean == 1.0);
}

TEST_CASE("group report ndcg ideal and masking") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  store.record_dataset_items(toy_items());
  // User 1: dairy items at ranks 1 and 4, produce at rank 2. User 2: a
  // produce target masked from the ranking (rank num_items + 1 = 6), a miss
  // even though 6 <= K.
  add_ranked_run(store, make_record("tifu", "{}", 1), 0.3, 0.4,
                 {{1, 1, 1}, {1, 2, 4}, {1, 3, 2}, {2, 4, 6}});

  const auto ndcg = compute_group_report(store, by_department("ndcg@10"));
  REQUIRE(ndcg.size() == 1);
  // (1 + 1/log2 5) / (1 + 1/log2 3).
  CHECK(row_for(ndcg[0], "dairy").cells[0].mean ==
        doctest::Approx(0.8772153153380493).epsilon(1e-12));
  // User 1: 1/log2 3; user 2: 0.
  CHECK(row_for(ndcg[0], "produce").cells[0].mean ==
        doctest::Approx(0.6309297535714575 / 2).epsilon(1e-12));

  const auto precision =
      compute_group_report(store, by_department("precision@2"));
  // User 1 dairy: one of the two dairy targets is in the top 2.
  CHECK(row_for(precision[0], "dairy").cells[0].mean ==
        doctest::Approx(0.5).epsilon(1e-12));

  // Item 1 is the only repeat target, so produce has no row for the
  // repeat metric.
  const auto repeat =
      compute_group_report(store, by_department("recall_repeat@1"));
  REQUIRE(repeat[0].rows.size() == 1);
  CHECK(row_for(repeat[0], "dairy").cells[0].mean == 1.0);
}

TEST_CASE("group report keeps top values") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  add_toy_runs(store);
  GroupReportOptions options = by_department();
  options.top = 1;
  const auto reports = compute_group_report(store, options);
  REQUIRE(reports[0].rows.size() == 1);
  CHECK(reports[0].rows[0].value == "dairy");
  CHECK(reports[0].n_values == 3);
  const std::string table = format_group_report(reports, "table");
  CHECK(table.find("the 1 of 3 values") != std::string::npos);
}

TEST_CASE("group report unknown category message") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  add_toy_runs(store);
  GroupReportOptions options = by_department();
  options.category = "aisle";
  CHECK_THROWS_WITH_AS(
      compute_group_report(store, options),
      doctest::Contains("no selected dataset has the item category 'aisle'; "
                        "stored categories: toy (fp0123456789): department, "
                        "and 'repeat' (repeat against explore targets)"),
      std::invalid_argument);
  options = by_department("recal@10");
  CHECK_THROWS_AS(compute_group_report(store, options), std::invalid_argument);
  options = by_department();
  options.split = "train";
  CHECK_THROWS_WITH_AS(compute_group_report(store, options),
                       doctest::Contains("invalid split 'train'"),
                       std::invalid_argument);
}

TEST_CASE("group report plugins without ranks") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  add_toy_runs(store);
  add_finished_run(store, make_record("old", "{}", 1),
                   {make_split("valid", {{"ndcg@10", 0.1}}),
                    make_split("test", {{"ndcg@10", 0.05}})});
  const auto reports = compute_group_report(store, by_department());
  REQUIRE(reports[0].entries.size() == 3);
  CHECK(reports[0].without_ranks == std::vector<std::string>{"old"});
  CHECK(std::isnan(row_for(reports[0], "dairy").cells[2].mean));
  const std::string table = format_group_report(reports, "table");
  CHECK(table.find("No target ranks are stored for old") != std::string::npos);
}

TEST_CASE("group report formats") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  add_toy_runs(store);
  const auto reports = compute_group_report(store, by_department());

  const std::string markdown = format_group_report(reports, "markdown");
  CHECK(markdown.find("| department | targets | users | tifu | pop | best | "
                      "runner-up | p (Holm) |") != std::string::npos);
  CHECK(markdown.find("| dairy | 2 | 2 | **0.7500** | 0.5000 | tifu | pop | "
                      "0.7952 |") != std::string::npos);
  CHECK(markdown.find("| produce | 2 | 2 | **0.5000** | **0.5000** | "
                      "tifu = pop | - | - |") != std::string::npos);

  const std::string csv = format_group_report(reports, "csv");
  CHECK(csv.find("toy,fp0123456789abcd,leave_last_item_out,test,recall@10,"
                 "department,dairy,false,2,2,pop,{},0.5,0,1,false,true,"
                 "0.79516723530086") != std::string::npos);

  const auto json = nlohmann::json::parse(format_group_report(reports, "json"));
  REQUIRE(json.size() == 1);
  CHECK(json[0]["rows"][0]["value"] == "dairy");
  CHECK(json[0]["rows"][0]["best"] == nlohmann::json::array({"tifu"}));
  CHECK(json[0]["rows"][0]["runner_up"] == "pop");
  CHECK(json[0]["rows"][0]["cells"][0]["mean"].get<double>() ==
        doctest::Approx(0.75));

  CHECK(format_group_report(reports, "table").find("(no department)") !=
        std::string::npos);
  CHECK(json[0]["rows"][2]["value"].is_null());
  CHECK_THROWS_AS(format_group_report(reports, "xml"), std::invalid_argument);
}

TEST_CASE("group report empty output") {
  CHECK(format_group_report({}, "json") == "[]\n");
  const std::string csv = format_group_report({}, "csv");
  CHECK(csv.rfind("dataset,fingerprint,", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1);
}

TEST_CASE("group report subset metric counts") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  add_toy_runs(store);
  // Item 1, user 1's dairy target, is the only repeat target.
  const auto reports =
      compute_group_report(store, by_department("recall_repeat@10"));
  REQUIRE(reports[0].rows.size() == 1);
  const ItemGroupRow& dairy = reports[0].rows[0];
  CHECK(dairy.value == "dairy");
  CHECK(dairy.n_targets == 1);
  CHECK(dairy.n_users == 1);
  CHECK(reports[0].n_targets == 1);
  // tifu ranks it 1 and 2, pop 15.
  CHECK(dairy.cells[0].mean == 1.0);
  CHECK(dairy.cells[1].mean == 0.0);
}

TEST_CASE("group report by repeat") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  add_toy_runs(store);
  GroupReportOptions options = by_department();
  options.category = kRepeatCategory;
  const auto reports = compute_group_report(store, options);
  REQUIRE(reports.size() == 1);
  REQUIRE(reports[0].rows.size() == 2);
  // Item 1 of user 1 is the only repeat target.
  const ItemGroupRow& repeat = row_for(reports[0], "repeat");
  CHECK(repeat.n_targets == 1);
  CHECK(repeat.n_users == 1);
  CHECK(repeat.cells[0].mean == 1.0);
  CHECK(repeat.cells[1].mean == 0.0);
  // tifu seed 1: user 1 (1 of 1), user 2 (2 of 3); seed 2: 0 of 1 and 2
  // of 3. pop: 1 of 1 and 2 of 3.
  const ItemGroupRow& explore = row_for(reports[0], "explore");
  CHECK(explore.n_targets == 4);
  CHECK(explore.n_users == 2);
  CHECK(explore.cells[0].mean ==
        doctest::Approx((5.0 / 6.0 + 1.0 / 3.0) / 2).epsilon(1e-12));
  CHECK(explore.cells[1].mean == doctest::Approx(5.0 / 6.0).epsilon(1e-12));
  CHECK(explore.best == std::vector<std::size_t>{1});
}

TEST_CASE("group report rounding ties") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  store.record_dataset_items(toy_items());
  // Ten users with one dairy target each; only user 1's is in the top 10,
  // so every run has recall@10 0.1. Three seeds average to
  // 0.10000000000000002, one seed stays 0.1.
  std::vector<std::array<std::int64_t, 3>> ranks;
  for (std::int64_t user = 1; user <= 10; ++user) {
    ranks.push_back({user, 2, user == 1 ? 1 : 50});
  }
  for (std::int64_t seed : {1, 2, 3}) {
    add_ranked_run(store, make_record("three", "{}", seed), 0.3, 0.4, ranks);
  }
  add_ranked_run(store, make_record("one", "{}", 1), 0.3, 0.3, ranks);
  const auto reports = compute_group_report(store, by_department());
  REQUIRE(reports[0].rows.size() == 1);
  const ItemGroupRow& dairy = reports[0].rows[0];
  CHECK(dairy.cells[0].mean != dairy.cells[1].mean);
  CHECK(dairy.best == std::vector<std::size_t>{0, 1});
  CHECK_FALSE(dairy.p_value.has_value());
}

TEST_CASE("group report gives no p without spread") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  store.record_dataset_items(toy_items());
  // Both users' dairy target is a hit for "hits" and a miss for "misses":
  // every difference is 1, so t is infinite and no p is reported.
  add_ranked_run(store, make_record("hits", "{}", 1), 0.3, 0.4,
                 {{1, 1, 1}, {2, 2, 1}});
  add_ranked_run(store, make_record("misses", "{}", 1), 0.2, 0.1,
                 {{1, 1, 40}, {2, 2, 40}});
  const auto reports = compute_group_report(store, by_department());
  const ItemGroupRow& dairy = reports[0].rows[0];
  CHECK(dairy.best == std::vector<std::size_t>{0});
  REQUIRE(dairy.runner_up.has_value());
  CHECK_FALSE(dairy.p_value.has_value());
  CHECK(reports[0].n_tested == 0);
}

TEST_CASE("group report partly ranked plugins") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  add_toy_runs(store);
  add_finished_run(store, make_record("tifu", "{}", 3),
                   {make_split("valid", {{"ndcg@10", 0.3}}),
                    make_split("test", {{"ndcg@10", 0.4}})});
  const auto reports = compute_group_report(store, by_department());
  CHECK(reports[0].partly_ranked ==
        std::vector<std::string>{"tifu (2 of 3 seeds)"});
  CHECK(row_for(reports[0], "dairy").cells[0].n == 2);
  CHECK(format_group_report(reports, "table")
            .find("only some seeds of tifu (2 of 3 seeds)") !=
        std::string::npos);
}

}  // namespace
}  // namespace harness::store
