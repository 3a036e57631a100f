// `compare` against the statistics library on constructed values, and its
// input errors.
#include "store/compare.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "stats/paired_tests.h"
#include "stats/welch_test.h"
#include "store_test_support.h"

namespace harness::store {
namespace {

using testing::add_finished_run;
using testing::make_record;
using testing::make_split;
using testing::TempDir;

std::vector<float> values_for(int salt, float shift) {
  std::vector<float> values;
  for (int u = 0; u < 50; ++u) {
    values.push_back(static_cast<float>((u * 13 + salt * 7) % 20) / 20.0f +
                     shift);
  }
  return values;
}

double mean_of(const std::vector<float>& values) {
  double sum = 0;
  for (float value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

std::int64_t add_run(Store& store, const RunRecord& record,
                     const std::vector<float>& test) {
  return add_finished_run(
      store, record,
      {make_split("valid", {{"ndcg@10", 0.5}}),
       make_split("test", {{"ndcg@10", mean_of(test)}}, {{"ndcg@10", test}})});
}

void check_same(const stats::PairedComparison& got,
                const stats::PairedComparison& expected) {
  CHECK(got.n == expected.n);
  CHECK(got.mean_a == doctest::Approx(expected.mean_a));
  CHECK(got.mean_b == doctest::Approx(expected.mean_b));
  CHECK(got.mean_difference == doctest::Approx(expected.mean_difference));
  CHECK(got.t_statistic == doctest::Approx(expected.t_statistic));
  CHECK(got.t_p_value == doctest::Approx(expected.t_p_value));
  CHECK(got.wilcoxon_statistic == doctest::Approx(expected.wilcoxon_statistic));
  CHECK(got.wilcoxon_p_value == doctest::Approx(expected.wilcoxon_p_value));
  CHECK(got.effect_size == doctest::Approx(expected.effect_size));
  CHECK(got.ci_low == doctest::Approx(expected.ci_low));
  CHECK(got.ci_high == doctest::Approx(expected.ci_high));
}

std::vector<double> widen(const std::vector<float>& values) {
  return std::vector<double>(values.begin(), values.end());
}

TEST_CASE("compare run ids matches compare_paired") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  std::vector<float> a = values_for(1, 0.1f);
  std::vector<float> b = values_for(2, 0.0f);
  std::int64_t id_a = add_run(store, make_record("sasrec", "{}", 1), a);
  std::int64_t id_b = add_run(store, make_record("pop", "{}", 1), b);

  CompareRequest request;
  request.a = std::to_string(id_a);
  request.b = std::to_string(id_b);
  request.metric = "ndcg@10";
  request.bootstrap_samples = 2000;
  CompareReport report = compare(store, request);
  check_same(report.users, stats::compare_paired(widen(a), widen(b), 2000, 1));
  CHECK(report.a.run_ids == std::vector<std::int64_t>{id_a});
  CHECK(report.b.plugin == "pop");
  CHECK_FALSE(report.seeds.has_value());
  CHECK(report.dataset_name == "toy");
}

TEST_CASE("compare plugins averages seeds and tests seed means") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  std::vector<std::vector<float>> a = {values_for(1, 0.2f), values_for(3, 0.1f),
                                       values_for(5, 0.15f)};
  std::vector<std::vector<float>> b = {
      values_for(2, 0.0f), values_for(4, 0.05f), values_for(6, 0.0f)};
  for (std::int64_t seed = 1; seed <= 3; ++seed) {
    add_run(store, make_record("sasrec", "{}", seed), a[seed - 1]);
    add_run(store, make_record("pop", "{}", seed), b[seed - 1]);
  }
  // A worse-on-valid config of sasrec must not be the one compared.
  add_finished_run(store, make_record("sasrec", R"({"d":1})", 1),
                   {make_split("valid", {{"ndcg@10", 0.1}}),
                    make_split("test", {{"ndcg@10", 0.9}},
                               {{"ndcg@10", values_for(9, 0.5f)}})});

  CompareRequest request;
  request.a = "sasrec";
  request.b = "pop";
  request.bootstrap_samples = 1000;
  request.bootstrap_seed = 7;
  CompareReport report = compare(store, request);

  std::vector<double> mean_a;
  std::vector<double> mean_b;
  for (std::size_t u = 0; u < 50; ++u) {
    mean_a.push_back((static_cast<double>(a[0][u]) + a[1][u] + a[2][u]) / 3);
    mean_b.push_back((static_cast<double>(b[0][u]) + b[1][u] + b[2][u]) / 3);
  }
  check_same(report.users, stats::compare_paired(mean_a, mean_b, 1000, 7));
  CHECK(report.a.params_json == "{}");
  CHECK(report.a.run_ids.size() == 3);
  CHECK(report.a.seeds == std::vector<std::int64_t>{1, 2, 3});

  REQUIRE(report.seeds.has_value());
  stats::WelchComparison expected =
      stats::welch_t_test({mean_of(a[0]), mean_of(a[1]), mean_of(a[2])},
                          {mean_of(b[0]), mean_of(b[1]), mean_of(b[2])});
  CHECK(report.seeds->n_a == 3);
  CHECK(report.seeds->mean_difference ==
        doctest::Approx(expected.mean_difference));
  CHECK(report.seeds->t_statistic == doctest::Approx(expected.t_statistic));
  CHECK(report.seeds->p_value == doctest::Approx(expected.p_value));

  std::string table = format_compare(report, "table");
  CAPTURE(table);
  CHECK(table.rfind("Compare test ndcg@10 on toy", 0) == 0);
  CHECK(table.find("over 50 users") != std::string::npos);
  CHECK(table.find("Welch t-test on per-seed means, 3 vs 3 seeds") !=
        std::string::npos);
  nlohmann::json json = nlohmann::json::parse(format_compare(report, "json"));
  CHECK(json["users"]["n"] == 50);
  CHECK(json["users"]["t_p_value"].get<double>() ==
        doctest::Approx(report.users.t_p_value));
  CHECK(json["seeds"]["test"] == "welch");
  CHECK_THROWS_AS(format_compare(report, "csv"), std::invalid_argument);
}

TEST_CASE("compare pairs only common users and skips NaN") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  SplitMetrics a = make_split("test", {{"ndcg@10", 0.5}},
                              {{"ndcg@10", {0.5f, 0.25f, 1.0f, 0.0f}}});
  a.users = {1, 2, 3, 4};
  a.per_user["ndcg@10"][1] = std::nanf("");
  SplitMetrics b = make_split("test", {{"ndcg@10", 0.5}},
                              {{"ndcg@10", {0.75f, 0.5f, 0.125f, 1.0f}}});
  b.users = {1, 3, 4, 5};
  std::int64_t id_a = add_finished_run(store, make_record("x", "{}", 1), {a});
  std::int64_t id_b = add_finished_run(store, make_record("y", "{}", 1), {b});

  CompareRequest request;
  request.a = std::to_string(id_a);
  request.b = std::to_string(id_b);
  request.bootstrap_samples = 500;
  CompareReport report = compare(store, request);
  // Users 1, 3 and 4 are in both; user 2 is NaN in A and absent from B.
  check_same(report.users, stats::compare_paired({0.5, 1.0, 0.0},
                                                 {0.75, 0.5, 0.125}, 500, 1));
}

TEST_CASE("compare rejects invalid requests") {
  TempDir dir;
  Store store(dir.file("results.sqlite"));
  std::int64_t toy =
      add_run(store, make_record("sasrec", "{}", 1), values_for(1, 0.0f));
  add_run(store, make_record("pop", "{}", 1), values_for(2, 0.0f));
  std::int64_t other =
      add_run(store, make_record("sasrec", "{}", 1, "fpother0000"),
              values_for(3, 0.0f));

  CompareRequest request;
  request.a = std::to_string(toy);
  request.b = "999";
  CHECK_THROWS_WITH_AS(compare(store, request),
                       doctest::Contains("run id 999 not found"), StoreError);

  request.b = "bert4rec";
  CHECK_THROWS_WITH_AS(
      compare(store, request),
      doctest::Contains("plugin 'bert4rec' has no finished runs"), StoreError);

  request.b = std::to_string(other);
  CHECK_THROWS_WITH_AS(compare(store, request),
                       doctest::Contains("runs used different data"),
                       StoreError);

  request.b = "pop";
  request.metric = "mrr@10";
  CHECK_THROWS_WITH_AS(
      compare(store, request),
      doctest::Contains("no per-user values for test mrr@10; stored: test "
                        "ndcg@10"),
      StoreError);

  // sasrec has runs on two datasets: a plugin name alone is ambiguous.
  request.a = "sasrec";
  request.metric = "ndcg@10";
  request.b = "sasrec";
  CHECK_THROWS_WITH_AS(compare(store, request),
                       doctest::Contains("pass --dataset"), StoreError);
  request.dataset = "toy";
  request.b = "pop";
  request.bootstrap_samples = 100;
  CompareReport report = compare(store, request);
  CHECK(report.a.run_ids == std::vector<std::int64_t>{toy});

  // A run id fixes the dataset, so the plugin resolves within it.
  request.dataset.clear();
  request.a = "sasrec";
  request.b = std::to_string(other);
  CompareReport within = compare(store, request);
  CHECK(within.a.run_ids == std::vector<std::int64_t>{other});
  CHECK(within.dataset_name == "other");
}

}  // namespace
}  // namespace harness::store
