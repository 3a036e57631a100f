// Random search: deterministic draws within bounds, combined with grids,
// and strict checks of the distributions.
#include "sweep/random_search.h"
#include "sweep_test_support.h"

#include <algorithm>
#include <cmath>
#include <set>

using namespace harness::sweep;
using namespace harness::sweep::testing;

namespace {

std::string search_sweep(const TempSweep& file, int samples, int seed) {
  return dataset_header(file.data_path()) + R"(
[[models]]
plugin = "sasrec"
[models.search]
samples = )" + std::to_string(samples) + R"(
search_seed = )" + std::to_string(seed) + R"(
dropout = { uniform = [0.1, 0.5] }
"train.learning_rate" = { log_uniform = [1e-4, 1e-2] }
num_layers = { int_uniform = [1, 4] }
hidden_size = { choice = [32, 64] }
)";
}

}  // namespace

TEST_CASE("random search deterministic and within bounds") {
  TempSweep file("");
  file.write(search_sweep(file, 200, 11));
  const Sweep first = load_sweep(file.path(), test_schemas());
  const Sweep second = load_sweep(file.path(), test_schemas());
  REQUIRE(first.trials.size() == 200);
  REQUIRE(second.trials.size() == 200);

  std::set<std::int64_t> layers;
  std::set<std::int64_t> sizes;
  int below_geometric_middle = 0;
  for (std::size_t i = 0; i < first.trials.size(); ++i) {
    CAPTURE(i);
    const Trial& trial = first.trials[i];
    CHECK(trial.params.values() == second.trials[i].params.values());
    CHECK(trial.train.learning_rate == second.trials[i].train.learning_rate);

    const double dropout = trial.params.get_float("dropout");
    CHECK(dropout >= 0.1);
    CHECK(dropout < 0.5);
    const double rate = trial.train.learning_rate;
    CHECK(rate >= 1e-4);
    CHECK(rate < 1e-2);
    below_geometric_middle += rate < 1e-3 ? 1 : 0;
    layers.insert(trial.params.get_int("num_layers"));
    sizes.insert(trial.params.get_int("hidden_size"));
    // Params the search leaves out keep their defaults.
    CHECK(trial.params.get_string("loss") == "ce");
  }
  CHECK(layers == std::set<std::int64_t>{1, 2, 3, 4});
  CHECK(sizes == std::set<std::int64_t>{32, 64});
  // Log-uniform puts half the mass below 1e-3; uniform would put 9 %.
  CHECK(below_geometric_middle > 70);
  CHECK(below_geometric_middle < 130);
}

TEST_CASE("search seed changes the points") {
  TempSweep file("");
  file.write(search_sweep(file, 5, 1));
  const Sweep one = load_sweep(file.path(), test_schemas());
  file.write(search_sweep(file, 5, 2));
  const Sweep two = load_sweep(file.path(), test_schemas());
  REQUIRE(one.trials.size() == 5);
  REQUIRE(two.trials.size() == 5);
  CHECK(one.trials[0].params.get_float("dropout") !=
        two.trials[0].params.get_float("dropout"));
}

TEST_CASE("search draws follow the documented maths") {
  // The first output of std::mt19937_64 seeded with 5489, fixed by the
  // C++ standard ([rand.predef] gives the 10000th; this is the first).
  std::mt19937_64 engine(5489);
  const std::uint64_t first_output = engine();
  REQUIRE(first_output == 14514284786278117030ULL);

  RandomSearch search;
  search.samples = 1;
  search.seed = 5489;
  SearchDimension unit;
  unit.key = "dropout";
  unit.distribution = Distribution::kUniform;
  unit.low = 0.0;
  unit.high = 1.0;
  search.dimensions = {unit};
  const auto points = draw_search_points(search);
  REQUIRE(points.size() == 1);
  const double expected =
      static_cast<double>(first_output >> 11) / 9007199254740992.0;
  CHECK(std::get<double>(points[0][0]) == expected);
}

TEST_CASE("draw below is within range") {
  std::mt19937_64 engine(3);
  std::vector<int> counts(3, 0);
  for (int i = 0; i < 3000; ++i) {
    const std::uint64_t value = draw_below(engine, 3);
    REQUIRE(value < 3);
    ++counts[value];
  }
  for (int count : counts) {
    CHECK(count > 900);
    CHECK(count < 1100);
  }
  CHECK(draw_below(engine, 1) == 0);
}

TEST_CASE("int uniform over the full int64 range") {
  RandomSearch search;
  search.samples = 3;
  SearchDimension wide;
  wide.key = "x";
  wide.distribution = Distribution::kIntUniform;
  wide.int_low = std::numeric_limits<std::int64_t>::min();
  wide.int_high = std::numeric_limits<std::int64_t>::max();
  search.dimensions = {wide};
  const auto points = draw_search_points(search);
  CHECK(points.size() == 3);
}

TEST_CASE("search combines with grid and seeds") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) + R"(
[train]
seeds = [1, 2]
[[models]]
plugin = "sasrec"
[models.grid]
loss = ["ce", "bce"]
[models.search]
samples = 3
dropout = { uniform = [0.0, 1.0] }
)");
  const Sweep sweep = load_sweep(file.path(), test_schemas());
  // 2 grid points x 3 samples x 2 seeds.
  REQUIRE(sweep.trials.size() == 12);
  for (std::size_t i = 0; i < 6; ++i) {
    CAPTURE(i);
    // The same points are drawn once and reused under every grid point.
    CHECK(sweep.trials[i].params.get_float("dropout") ==
          sweep.trials[i + 6].params.get_float("dropout"));
    CHECK(sweep.trials[i].params.get_string("loss") == "ce");
    CHECK(sweep.trials[i + 6].params.get_string("loss") == "bce");
  }
  CHECK(sweep.trials[0].seed == 1);
  CHECK(sweep.trials[1].seed == 2);
  CHECK(sweep.trials[0].params.get_float("dropout") ==
        sweep.trials[1].params.get_float("dropout"));
  CHECK(sweep.trials[0].params.get_float("dropout") !=
        sweep.trials[2].params.get_float("dropout"));
}

TEST_CASE("bad search distributions rejected") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) +  // 1-2
             "[[models]]\n"                           // 3
             "plugin = \"sasrec\"\n"                  // 4
             "[models.search]\n"                      // 5
             "samples = 4\n"                          // 6
             "hidden_size = { uniform = [8, 64] }\n"  // 7
             "dropout = { int_uniform = [0, 1] }\n"   // 8
             "\"train.learning_rate\" = { log_uniform = [0.0, 0.1] }\n"  // 9
             "num_layers = { int_uniform = [4, 2] }\n"                   // 10
             "loss = { choice = [\"ce\", \"hinge\"] }\n"                 // 11
             "use_bias = { normal = [0, 1] }\n"                          // 12
             "\"train.weight_decay\" = 0.1\n"                            // 13
             "\"train.grad_clip\" = { uniform = [2.0, 1.0] }\n");        // 14
  const auto problems = problems_of(file.path());
  CHECK(problems.size() == 8);
  CHECK(has_problem(problems, {":7: ", "draws float values but "
                                       "'models.0.search.hidden_size' is an "
                                       "integer; use int_uniform or choice"}));
  CHECK(has_problem(problems, {":8: ", "draws integer values", "use uniform "
                                       "or choice"}));
  CHECK(has_problem(problems, {":9: ", "log_uniform[0] = 0.0 is out of "
                                       "range"}));
  CHECK(has_problem(problems, {":10: ", "low must not exceed high"}));
  CHECK(has_problem(problems, {":11: ", "choice[1] = \"hinge\" is not "
                                        "allowed"}));
  CHECK(has_problem(problems, {":12: ", "unknown distribution 'normal'"}));
  CHECK(has_problem(problems, {":13: ", "expected one distribution",
                               "fixed values belong in [models.grid]"}));
  CHECK(has_problem(problems, {":14: ", "low must be below high"}));
}

TEST_CASE("search needs samples and hyperparameters") {
  SUBCASE("no samples") {
    TempSweep file("");
    file.write(dataset_header(file.data_path()) +
               "[[models]]\nplugin = \"sasrec\"\n[models.search]\n"
               "dropout = { uniform = [0.1, 0.2] }\n");
    CHECK(has_problem(problems_of(file.path()),
                      {":5: ", "missing key models.0.search.samples"}));
  }
  SUBCASE("no hyperparameters") {
    TempSweep file("");
    file.write(dataset_header(file.data_path()) +
               "[[models]]\nplugin = \"sasrec\"\n[models.search]\n"
               "samples = 3\n");
    CHECK(has_problem(problems_of(file.path()),
                      {":5: ", "no hyperparameters to search"}));
  }
  SUBCASE("log uniform needs positive bounds for any param") {
    SchemaMap schemas = test_schemas();
    schemas["linear"] = {{"shift", harness::ParamType::kFloat, 0.0,
                          std::nullopt, std::nullopt, {}, "a shift"}};
    TempSweep file("");
    file.write(dataset_header(file.data_path()) +
               "[[models]]\nplugin = \"linear\"\n[models.search]\n"
               "samples = 3\nshift = { log_uniform = [-1.0, 1.0] }\n");
    try {
      load_sweep(file.path(), schemas);
      FAIL("the sweep loaded without problems");
    } catch (const ConfigError& error) {
      CHECK(has_problem(error.problems(),
                        {":7: ", "log_uniform needs bounds above 0"}));
    }
  }
}
