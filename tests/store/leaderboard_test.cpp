// Leaderboard selection, summary statistics, significance and formats.
#include "store/leaderboard.h"

#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "stats/paired_tests.h"
#include "store/sqlite_statement.h"
#include "store_test_support.h"

namespace harness::store {
namespace {

using testing::add_finished_run;
using testing::add_scored_run;
using testing::make_record;
using testing::make_split;
using testing::TempDir;

const LeaderboardEntry& entry_for(const LeaderboardGroup& group,
                                  const std::string& plugin) {
  for (const LeaderboardEntry& entry : group.entries) {
    if (entry.plugin == plugin) return entry;
  }
  FAIL("no leaderboard entry for " << plugin);
  throw std::logic_error("unreachable");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// 200 users with deterministic per-user ndcg values in [0, 1).
std::vector<float> user_values(int salt, float shift) {
  std::vector<float> values;
  for (int u = 0; u < 200; ++u) {
    float base = static_cast<float>((u * 37 + salt * 11) % 100) / 100.0f;
    values.push_back(std::max(0.0f, base + shift));
  }
  return values;
}

double mean_of_floats(const std::vector<float>& values) {
  double sum = 0;
  for (float value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

// A run whose test ndcg@10 has these per-user values and their mean.
std::int64_t add_user_run(Store& store, const RunRecord& record, double valid,
                          const std::vector<float>& test) {
  double mean = mean_of_floats(test);
  return add_finished_run(
      store, record,
      {make_split("valid", {{"ndcg@10", valid}}),
       make_split("test", {{"ndcg@10", mean}, {"recall@10", mean}},
                  {{"ndcg@10", test}})});
}

TEST_CASE("leaderboard selects config by validation not test") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  // Config A is better on valid and worse on test than config B.
  for (std::int64_t seed : {1, 2}) {
    add_scored_run(store, make_record("sasrec", R"({"dropout":0.1})", seed),
                   0.30, 0.20);
    add_scored_run(store, make_record("sasrec", R"({"dropout":0.5})", seed),
                   0.25, 0.40);
  }
  auto groups = compute_leaderboard(store);
  REQUIRE(groups.size() == 1);
  REQUIRE(groups[0].entries.size() == 1);
  const LeaderboardEntry& entry = groups[0].entries[0];
  CHECK(entry.params_json == R"({"dropout":0.1})");
  CHECK(entry.valid_mean == doctest::Approx(0.30));
  CHECK(entry.test.at("ndcg@10").mean == doctest::Approx(0.20));
  CHECK(entry.n_configs == 2);
  CHECK(entry.n_seeds == 2);

  // The SQL view makes the same choice.
  Statement view(store.handle(),
                 "SELECT params_json, test_mean FROM leaderboard WHERE "
                 "metric = 'ndcg@10'");
  REQUIRE(view.step());
  CHECK(view.column_text(0) == R"({"dropout":0.1})");
  CHECK(view.column_double(1) == doctest::Approx(0.20));
  CHECK_FALSE(view.step());
}

TEST_CASE("leaderboard mean and sample std are exact") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  std::vector<double> test = {0.1, 0.2, 0.4};
  for (std::int64_t seed = 1; seed <= 3; ++seed) {
    add_finished_run(store, make_record("bpr", "{}", seed),
                     {make_split("valid", {{"ndcg@10", 0.5}}),
                      make_split("test", {{"ndcg@10", test[seed - 1]}})},
                     /*epochs_run=*/seed * 10, /*train_seconds=*/seed * 1.5);
  }
  add_scored_run(store, make_record("pop", "{}", 1), 0.1, 0.05);

  auto groups = compute_leaderboard(store);
  REQUIRE(groups.size() == 1);
  const LeaderboardEntry& bpr = entry_for(groups[0], "bpr");
  const MetricSummary& ndcg = bpr.test.at("ndcg@10");
  // mean = 0.7 / 3; sum of squared deviations = 0.21 - 0.49 / 3 = 7 / 150,
  // so the sample variance is 7 / 300.
  CHECK(ndcg.mean == doctest::Approx(0.7 / 3).epsilon(1e-12));
  CHECK(ndcg.std == doctest::Approx(std::sqrt(7.0 / 300)).epsilon(1e-12));
  CHECK(ndcg.n == 3);
  CHECK(bpr.mean_epochs_run == doctest::Approx(20.0));
  CHECK(bpr.mean_train_seconds == doctest::Approx(3.0));
  CHECK(bpr.run_ids.size() == 3);

  const LeaderboardEntry& pop = entry_for(groups[0], "pop");
  CHECK(pop.test.at("ndcg@10").std == 0.0);
  CHECK(pop.test.at("ndcg@10").n == 1);
  CHECK(pop.n_seeds == 1);
  CHECK(pop.max_seeds == 3);

  // config_summary computes the same spread in SQL.
  Statement view(store.handle(),
                 "SELECT n_seeds, mean, std FROM config_summary WHERE "
                 "plugin = 'bpr' AND split = 'test' AND metric = 'ndcg@10'");
  REQUIRE(view.step());
  CHECK(view.column_int(0) == 3);
  CHECK(view.column_double(1) == doctest::Approx(0.7 / 3).epsilon(1e-12));
  CHECK(view.column_double(2) ==
        doctest::Approx(std::sqrt(7.0 / 300)).epsilon(1e-12));
}

TEST_CASE("leaderboard sorts by test mean and ignores failed runs") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  add_scored_run(store, make_record("pop", "{}", 1), 0.1, 0.10);
  add_scored_run(store, make_record("sasrec", "{}", 1), 0.2, 0.30);
  add_scored_run(store, make_record("gru4rec", "{}", 1), 0.3, 0.20);
  // A failed run with high numbers must not count.
  std::int64_t failed = store.start_run(make_record("pop", R"({"x":1})", 1));
  RunOutcome crash;
  crash.status = "failed";
  crash.splits = {make_split("valid", {{"ndcg@10", 0.9}}),
                  make_split("test", {{"ndcg@10", 0.9}})};
  store.finish_run(failed, crash);
  store.start_run(make_record("pop", R"({"x":2})", 1));

  auto groups = compute_leaderboard(store);
  REQUIRE(groups.size() == 1);
  const auto& entries = groups[0].entries;
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].plugin == "sasrec");
  CHECK(entries[1].plugin == "gru4rec");
  CHECK(entries[2].plugin == "pop");
  CHECK(entries[2].params_json == "{}");
  CHECK(entries[2].n_configs == 1);
}

TEST_CASE("leaderboard breaks validation ties by seeds then params") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  add_scored_run(store, make_record("knn", R"({"k":10})", 1), 0.2, 0.1);
  add_scored_run(store, make_record("knn", R"({"k":20})", 1), 0.2, 0.1);
  add_scored_run(store, make_record("knn", R"({"k":20})", 2), 0.2, 0.1);
  add_scored_run(store, make_record("ease", R"({"l":2})", 1), 0.2, 0.1);
  add_scored_run(store, make_record("ease", R"({"l":1})", 1), 0.2, 0.1);

  auto groups = compute_leaderboard(store);
  REQUIRE(groups.size() == 1);
  CHECK(entry_for(groups[0], "knn").params_json == R"({"k":20})");
  CHECK(entry_for(groups[0], "ease").params_json == R"({"l":1})");
}

TEST_CASE("leaderboard groups by dataset and filters") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  add_scored_run(store, make_record("pop", "{}", 1), 0.1, 0.1);
  add_scored_run(store, make_record("pop", "{}", 1, "fpother0000"), 0.1, 0.1);
  CHECK(compute_leaderboard(store).size() == 2);
  LeaderboardOptions by_name;
  by_name.dataset = "toy";
  auto named = compute_leaderboard(store, by_name);
  REQUIRE(named.size() == 1);
  CHECK(named[0].dataset_fingerprint == "fp0123456789abcd");
  LeaderboardOptions by_prefix;
  by_prefix.dataset = "fpoth";
  auto prefixed = compute_leaderboard(store, by_prefix);
  REQUIRE(prefixed.size() == 1);
  CHECK(prefixed[0].dataset_name == "other");
  LeaderboardOptions by_protocol;
  by_protocol.protocol = "leave_last_basket_out";
  CHECK(compute_leaderboard(store, by_protocol).empty());
}

TEST_CASE("leaderboard marks significant differences only") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  std::vector<float> best_seed1 = user_values(1, 0.0f);
  std::vector<float> best_seed2 = user_values(2, 0.0f);
  // Noise keeps the differences of "worse" from being constant.
  std::vector<float> worse_seed1 = user_values(1, -0.2f);
  std::vector<float> worse_seed2 = user_values(3, -0.2f);
  for (std::size_t u = 0; u < 200; u += 3) worse_seed1[u] += 0.05f;

  add_user_run(store, make_record("alpha", "{}", 1), 0.5, best_seed1);
  add_user_run(store, make_record("alpha", "{}", 2), 0.5, best_seed2);
  // An identical copy of the best plugin: all differences are zero.
  add_user_run(store, make_record("beta", "{}", 1), 0.5, best_seed1);
  add_user_run(store, make_record("beta", "{}", 2), 0.5, best_seed2);
  add_user_run(store, make_record("gamma", "{}", 1), 0.4, worse_seed1);
  add_user_run(store, make_record("gamma", "{}", 2), 0.4, worse_seed2);

  auto groups = compute_leaderboard(store);
  REQUIRE(groups.size() == 1);
  const auto& entries = groups[0].entries;
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].plugin == "alpha");
  CHECK_FALSE(entries[0].p_value.has_value());
  CHECK_FALSE(entries[0].significant);

  const LeaderboardEntry& copy = entry_for(groups[0], "beta");
  const LeaderboardEntry& worse = entry_for(groups[0], "gamma");
  CHECK(copy.n_users_compared == 200);
  CHECK(worse.n_users_compared == 200);
  REQUIRE(copy.adjusted_p_value.has_value());
  REQUIRE(worse.adjusted_p_value.has_value());
  CHECK_FALSE(copy.significant);
  CHECK(worse.significant);

  // The p-values are those of compare_paired on seed-averaged values,
  // Holm-adjusted over the two comparisons.
  std::vector<double> best;
  std::vector<double> gamma;
  for (std::size_t u = 0; u < 200; ++u) {
    best.push_back((static_cast<double>(best_seed1[u]) + best_seed2[u]) / 2);
    gamma.push_back((static_cast<double>(worse_seed1[u]) + worse_seed2[u]) / 2);
  }
  double p_copy = stats::compare_paired(best, best, 200).t_p_value;
  double p_worse = stats::compare_paired(best, gamma, 200).t_p_value;
  std::vector<double> adjusted = stats::holm_adjust({p_copy, p_worse});
  CHECK(*copy.p_value == doctest::Approx(p_copy));
  CHECK(*worse.p_value == doctest::Approx(p_worse));
  CHECK(*copy.adjusted_p_value == doctest::Approx(adjusted[0]));
  CHECK(*worse.adjusted_p_value == doctest::Approx(adjusted[1]));
  CHECK(*worse.adjusted_p_value < 0.05);

  std::string table = format_leaderboard(groups, "table");
  CAPTURE(table);
  std::vector<std::string> lines = lines_of(table);
  int marked = 0;
  for (const std::string& line : lines) {
    if (line.find(" *") == std::string::npos) continue;
    if (line.rfind("Each plugin", 0) == 0) continue;
    ++marked;
    CHECK(line.find("gamma") != std::string::npos);
  }
  CHECK(marked == 1);
}

TEST_CASE("leaderboard skips test without per-user values") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  add_scored_run(store, make_record("pop", "{}", 1), 0.1, 0.1);
  add_scored_run(store, make_record("sasrec", "{}", 1), 0.2, 0.3);
  auto groups = compute_leaderboard(store);
  REQUIRE(groups.size() == 1);
  CHECK_FALSE(entry_for(groups[0], "pop").p_value.has_value());
  CHECK_FALSE(entry_for(groups[0], "pop").significant);
}

// Two plugins with known numbers for the format checks.
std::vector<LeaderboardGroup> format_fixture(Store& store) {
  add_user_run(store,
               make_record("sasrec", R"({"dropout":0.2,"loss":"ce"})", 1), 0.5,
               user_values(1, 0.0f));
  std::vector<float> worse = user_values(1, -0.3f);
  for (std::size_t u = 0; u < 200; u += 2) worse[u] += 0.1f;
  add_user_run(store, make_record("pop", "{}", 1), 0.2, worse);
  return compute_leaderboard(store);
}

TEST_CASE("leaderboard table format") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  auto groups = format_fixture(store);
  std::string table = format_leaderboard(groups, "table");
  CAPTURE(table);
  std::vector<std::string> lines = lines_of(table);
  REQUIRE(lines.size() >= 6);
  CHECK(lines[0] ==
        "toy (fingerprint fp0123456789), leave_last_item_out, selected by "
        "valid ndcg@10");
  CHECK(lines[1].empty());

  // Metric columns follow the sweep's order: recall@10, then ndcg@10.
  std::string header = lines[2];
  CHECK(header.rfind("#  plugin", 0) == 0);
  auto recall = header.find("test recall@10");
  auto ndcg = header.find("test ndcg@10");
  REQUIRE(recall != std::string::npos);
  REQUIRE(ndcg != std::string::npos);
  CHECK(recall < ndcg);
  CHECK(header.find("valid ndcg@10") < recall);
  CHECK(header.find("p (Holm)") != std::string::npos);

  CHECK(lines[3].rfind("1  sasrec  dropout=0.2 loss=ce  1/1", 0) == 0);
  CHECK(lines[4].rfind("2  pop", 0) == 0);
  CHECK(lines[4].find(" ± 0.0000 *") != std::string::npos);
  CHECK(lines[3].find('*') == std::string::npos);
  CHECK(table.find("* marks a test ndcg@10 that differs from row 1 at "
                   "Holm-adjusted p < 0.05") != std::string::npos);
  // The columns line up: the first "±" of both rows sits at the same
  // display column, counting the 2-byte "±" as one column.
  auto display_column = [](const std::string& line) {
    std::size_t byte = line.find("±");
    std::size_t column = 0;
    for (std::size_t i = 0; i < byte; ++i) {
      column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
    }
    return column;
  };
  REQUIRE(lines[3].find("±") != std::string::npos);
  REQUIRE(lines[4].find("±") != std::string::npos);
  CHECK(display_column(lines[3]) == display_column(lines[4]));
}

TEST_CASE("leaderboard csv format") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  auto groups = format_fixture(store);
  std::vector<std::string> lines = lines_of(format_leaderboard(groups, "csv"));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] ==
        "dataset,fingerprint,protocol,select_by,rank,plugin,plugin_version,"
        "params_json,train_json,n_seeds,n_configs,valid_mean,"
        "test_recall@10_mean,test_recall@10_std,test_ndcg@10_mean,"
        "test_ndcg@10_std,n_users_compared,p_value,adjusted_p_value,"
        "significant,mean_epochs_run,mean_train_seconds");
  CHECK(lines[1].rfind("toy,fp0123456789abcd,leave_last_item_out,ndcg@10,"
                       "1,sasrec,1.0,\"{\"\"dropout\"\":0.2,\"\"loss\"\":"
                       "\"\"ce\"\"}\",\"{\"\"epochs\"\":5}\",1,1,0.5,",
                       0) == 0);
  CHECK(lines[1].find(",0,,,false,10,2") != std::string::npos);
  CHECK(lines[2].find(",pop,") != std::string::npos);
  CHECK(lines[2].find(",200,") != std::string::npos);
  CHECK(lines[2].find(",true,") != std::string::npos);
}

TEST_CASE("leaderboard json format") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  auto groups = format_fixture(store);
  nlohmann::json json =
      nlohmann::json::parse(format_leaderboard(groups, "json"));
  REQUIRE(json.is_array());
  REQUIRE(json.size() == 1);
  const nlohmann::json& group = json[0];
  CHECK(group["dataset"] == "toy");
  CHECK(group["select_by"] == "ndcg@10");
  CHECK(group["metrics"] == nlohmann::json::array({"recall@10", "ndcg@10"}));
  CHECK(group["protocol_options"]["kind"] == "leave_last_item_out");
  REQUIRE(group["entries"].size() == 2);
  const nlohmann::json& first = group["entries"][0];
  CHECK(first["rank"] == 1);
  CHECK(first["plugin"] == "sasrec");
  CHECK(first["params"]["dropout"] == 0.2);
  CHECK(first["p_value"].is_null());
  CHECK(first["test"]["ndcg@10"]["n"] == 1);
  CHECK(first["test"]["ndcg@10"]["mean"].get<double>() ==
        doctest::Approx(groups[0].entries[0].test.at("ndcg@10").mean));
  const nlohmann::json& second = group["entries"][1];
  CHECK(second["significant"] == true);
  CHECK(second["adjusted_p_value"].get<double>() < 0.05);
}

TEST_CASE("leaderboard markdown format") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  auto groups = format_fixture(store);
  std::vector<std::string> lines =
      lines_of(format_leaderboard(groups, "markdown"));
  REQUIRE(lines.size() >= 6);
  CHECK(lines[0] ==
        "### toy (fingerprint fp0123456789), leave_last_item_out, selected "
        "by valid ndcg@10");
  CHECK(lines[2].rfind("| # | plugin | params | seeds | valid ndcg@10 | "
                       "test recall@10 | test ndcg@10 |",
                       0) == 0);
  CHECK(lines[3].rfind("| --- | --- |", 0) == 0);
  CHECK(lines[4].rfind("| 1 | sasrec | dropout=0.2 loss=ce | 1/1 |", 0) == 0);
  CHECK(lines[5].find(" *") != std::string::npos);
}

TEST_CASE("leaderboard of empty database") {
  std::vector<LeaderboardGroup> none;
  CHECK(format_leaderboard(none, "table", "results/results.sqlite") ==
        "no finished runs in results/results.sqlite; run `harness run FILE` "
        "first\n");
  CHECK(format_leaderboard(none, "markdown", "x.sqlite")
            .find("no finished runs in x.sqlite") == 0);
  CHECK(format_leaderboard(none, "json") == "[]\n");
  CHECK(lines_of(format_leaderboard(none, "csv")).size() == 1);
  CHECK_THROWS_WITH_AS(format_leaderboard(none, "html"),
                       doctest::Contains("invalid leaderboard format 'html'"),
                       std::invalid_argument);

  TempDir dir;
  Store store(dir.file("results.sqlite"));
  store.start_run(make_record("pop", "{}", 1));
  CHECK(compute_leaderboard(store).empty());
}

}  // namespace
}  // namespace harness::store
