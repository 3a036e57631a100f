// Next-basket runs on real Instacart data, broken down by department: the
// report must agree with plain SQL over the stored target ranks, and those
// ranks with the metrics the run stored.
#include "harness_process.h"
#include "results_db.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <map>

namespace harness::e2e {
namespace {

const std::string kInstacart10 =
    std::string(HARNESS_SHARED_DATASETS) + "/instacart-10";

const char* const kBaselines =
    "[[models]]\nplugin = \"top_freq\"\n"
    "[models.grid]\nmode = [\"personal_global\"]\n"
    "[[models]]\nplugin = \"pop\"\n";

// Next-basket runs of `models` on the flattened 10-user sample, with side
// data; two fast baselines by default.
std::string basket_sweep(const std::string& models = kBaselines) {
  return "name = \"baskets\"\n"
         "[dataset]\n"
         "format = \"instacart_flat\"\n"
         "path = \"" + kInstacart10 + "/transactions.csv\"\n"
         "products = \"" + kInstacart10 + "/products.csv\"\n"
         "[protocol]\n"
         "kind = \"leave_last_basket_out\"\n"
         "max_history = 200\n"
         "metrics = [\"recall@10\", \"ndcg@10\", \"recall_repeat@10\", "
         "\"recall_explore@10\"]\n"
         "select_by = \"recall@10\"\n"
         "[train]\n"
         "epochs = 1\n"
         "seeds = [1]\n" +
         models;
}

struct BasketSweep {
  TempDir dir;
  std::string db = dir.file("results.sqlite");
  CommandResult run;

  BasketSweep() {
    write_text(dir.file("baskets.toml"), basket_sweep());
    run = run_harness({"run", "baskets.toml", "--db", db}, dir.path());
  }
};

BasketSweep& baskets() {
  static BasketSweep sweep;
  return sweep;
}

double to_double(const std::string& text) { return std::stod(text); }

}  // namespace

TEST_CASE("side data: ranks reproduce stored recall") {
  if (!std::filesystem::exists(kInstacart10)) {
    MESSAGE("skipped: " << kInstacart10 << " not found");
    return;
  }
  REQUIRE_MESSAGE(baskets().run.exit_code == 0, baskets().run.err);
  ResultsDb db(baskets().db);
  CHECK(db.count("SELECT COUNT(*) FROM dataset_items") > 0);
  CHECK(db.count("SELECT COUNT(*) FROM item_categories WHERE category = "
                 "'department'") > 0);
  for (const std::string& run_id : db.column("SELECT id FROM runs")) {
    for (const char* split : {"valid", "test"}) {
      const std::string where = "run_id = " + run_id + " AND split = '" +
                                split + "'";
      // Recall@10 per user from the ranks, averaged over users.
      const double from_ranks = to_double(db.value(
          "SELECT AVG(hits) FROM (SELECT user, AVG(rank <= 10) AS hits "
          "FROM target_ranks WHERE " + where + " GROUP BY user)"));
      const double stored = to_double(db.value(
          "SELECT value FROM metrics WHERE metric = 'recall@10' AND " +
          where));
      CHECK(from_ranks == doctest::Approx(stored).epsilon(1e-12));
    }
  }
}

TEST_CASE("side data: department cells match SQL") {
  if (!std::filesystem::exists(kInstacart10)) return;
  REQUIRE(baskets().run.exit_code == 0);
  CommandResult report = run_harness(
      {"leaderboard", "--db", baskets().db, "--by", "department", "--format",
       "json"},
      baskets().dir.path());
  REQUIRE_MESSAGE(report.exit_code == 0, report.err);
  const nlohmann::json json = nlohmann::json::parse(report.out);
  REQUIRE(json.size() == 1);
  CHECK(json[0]["metric"] == "recall@10");
  const nlohmann::json& plugins = json[0]["plugins"];
  REQUIRE(plugins.size() == 2);

  ResultsDb db(baskets().db);
  std::int64_t rows_checked = 0;
  for (const nlohmann::json& row : json[0]["rows"]) {
    ++rows_checked;
    // The row of items without a department has no value to join on.
    if (row["value"].is_null()) continue;
    const std::string value = row["value"];
    for (std::size_t p = 0; p < plugins.size(); ++p) {
      const std::string run_id =
          std::to_string(plugins[p]["run_ids"][0].get<std::int64_t>());
      // Per user: hits among the department's targets over their number.
      const double expected = to_double(db.value(
          "SELECT AVG(hits) FROM (SELECT t.user, AVG(t.rank <= 10) AS hits "
          "FROM target_ranks AS t JOIN runs AS r ON r.id = t.run_id "
          "JOIN item_categories AS c ON c.dataset_fingerprint = "
          "r.dataset_fingerprint AND c.item = t.item AND c.category = "
          "'department' WHERE t.run_id = " + run_id + " AND t.split = "
          "'test' AND c.value = '" + value + "' GROUP BY t.user)"));
      CHECK(row["cells"][p]["mean"].get<double>() ==
            doctest::Approx(expected).epsilon(1e-12));
    }
  }
  CHECK(rows_checked == json[0]["n_values"].get<std::int64_t>());
  // Every test target falls in one department or in the row without one.
  CHECK(json[0]["n_targets"].get<std::int64_t>() ==
        db.count("SELECT COUNT(*) FROM target_ranks WHERE split = 'test' AND "
                 "run_id = (SELECT MIN(id) FROM runs)"));
}

TEST_CASE("side data: --by repeat matches stored") {
  if (!std::filesystem::exists(kInstacart10)) return;
  REQUIRE(baskets().run.exit_code == 0);
  CommandResult report = run_harness(
      {"leaderboard", "--db", baskets().db, "--by", "repeat", "--format",
       "json"},
      baskets().dir.path());
  REQUIRE_MESSAGE(report.exit_code == 0, report.err);
  const nlohmann::json json = nlohmann::json::parse(report.out);
  REQUIRE(json.size() == 1);
  ResultsDb db(baskets().db);
  const nlohmann::json& plugins = json[0]["plugins"];
  for (const nlohmann::json& row : json[0]["rows"]) {
    const std::string metric = "recall_" + row["value"].get<std::string>() +
                               "@10";
    for (std::size_t p = 0; p < plugins.size(); ++p) {
      const std::string run_id =
          std::to_string(plugins[p]["run_ids"][0].get<std::int64_t>());
      const double stored = to_double(db.value(
          "SELECT value FROM metrics WHERE split = 'test' AND run_id = " +
          run_id + " AND metric = '" + metric + "'"));
      CHECK(row["cells"][p]["mean"].get<double>() ==
            doctest::Approx(stored).epsilon(1e-12));
    }
  }
  CHECK(json[0]["rows"].size() == 2);
}

TEST_CASE("side data: unknown category and options") {
  if (!std::filesystem::exists(kInstacart10)) return;
  REQUIRE(baskets().run.exit_code == 0);
  CommandResult report =
      run_harness({"leaderboard", "--db", baskets().db, "--by", "genre"},
                  baskets().dir.path());
  CHECK(report.exit_code != 0);
  CHECK(report.err.find("no selected dataset has the item category 'genre'") !=
        std::string::npos);
  CHECK(report.err.find(": aisle, department") != std::string::npos);

  CommandResult empty_by = run_harness(
      {"leaderboard", "--db", baskets().db, "--by", ""}, baskets().dir.path());
  CHECK(empty_by.exit_code == 2);
  CHECK(empty_by.err.find("--by: expected a category name") !=
        std::string::npos);

  CommandResult negative_top = run_harness(
      {"leaderboard", "--db", baskets().db, "--by", "aisle", "--top", "-1"},
      baskets().dir.path());
  CHECK(negative_top.exit_code == 2);
  CHECK(negative_top.err.find("--top: must be at least 0, got -1") !=
        std::string::npos);

  CommandResult needs_by = run_harness(
      {"leaderboard", "--db", baskets().db, "--metric", "recall@20"},
      baskets().dir.path());
  CHECK(needs_by.exit_code != 0);
  CHECK(needs_by.err.find("--by") != std::string::npos);
}

TEST_CASE("side data: plugins receive categories") {
  if (!std::filesystem::exists(kInstacart10)) return;
  TempDir dir;
  const std::string db = dir.file("results.sqlite");
  write_text(dir.file("side.toml"),
             basket_sweep("[[models]]\nplugin = \"crashy\"\n"
                          "[models.grid]\n"
                          "require_category = [\"department\", \"genre\"]\n"));
  const CommandResult result = run_harness(
      with_test_plugins({"run", "side.toml", "--db", db}), dir.path());
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  ResultsDb results(db);
  CHECK(results.value("SELECT status FROM runs WHERE params_json LIKE "
                      "'%department%'") == "finished");
  CHECK(results.value("SELECT status FROM runs WHERE params_json LIKE "
                      "'%genre%'") == "failed");
  CHECK(results.value("SELECT error FROM runs WHERE params_json LIKE "
                      "'%genre%'") ==
        "no item category 'genre' in the side data; categories: aisle "
        "department");
}

TEST_CASE("side data: empty filter message") {
  if (!std::filesystem::exists(kInstacart10)) return;
  REQUIRE(baskets().run.exit_code == 0);
  for (const char* by : {"", "department"}) {
    std::vector<std::string> args = {"leaderboard", "--db", baskets().db,
                                     "--protocol", "nope"};
    if (*by != '\0') {
      args.push_back("--by");
      args.push_back(by);
    }
    const CommandResult table = run_harness(args, baskets().dir.path());
    CHECK(table.exit_code == 0);
    CHECK(table.out.find("no finished runs in " + baskets().db +
                         " match --protocol nope") != std::string::npos);
    args.push_back("--format");
    args.push_back("json");
    const CommandResult json = run_harness(args, baskets().dir.path());
    CHECK(json.exit_code == 0);
    CHECK(json.out == "[]\n");
  }
}

}  // namespace harness::e2e
