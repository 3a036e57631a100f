// Rejection of invalid sweep files: every problem at once, each with its
// file, line, value and what is allowed.
#include "sweep_test_support.h"

using namespace harness::sweep;
using namespace harness::sweep::testing;

namespace {

// A valid file around one [[models]] entry body.
std::string with_model(const TempSweep& file, const std::string& model) {
  return dataset_header(file.data_path()) + "[[models]]\n" + model;
}

}  // namespace

TEST_CASE("problems reported together with lines") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) +  // lines 1-2
             "[train]\n"                          // 3
             "epochs = 10\n"                      // 4
             "patience = 2\n"                     // 5
             "batch_size = 64\n"                  // 6
             "learnin_rate = 0.01\n"              // 7: unknown key
             "[[models]]\n"                       // 8
             "plugin = \"sasrec\"\n"              // 9
             "[models.grid]\n"                    // 10
             "dropout = [0.1]\n"                  // 11
             "hidden_size = [32, 9.0]\n");        // 12: float for an int
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].rfind(file.path() + ":7: ", 0) == 0);
  CHECK(problems[0].find("unknown key 'train.learnin_rate'") !=
        std::string::npos);
  CHECK(problems[0].find("did you mean 'learning_rate'?") !=
        std::string::npos);
  CHECK(problems[1].rfind(file.path() + ":12: ", 0) == 0);
  CHECK(problems[1].find("models.0.grid.hidden_size[1] = 9.0") !=
        std::string::npos);
  CHECK(problems[1].find("expected an integer in [1, 4096]") !=
        std::string::npos);
  CHECK(problems[1].find("write it without a decimal point: 9") !=
        std::string::npos);
}

TEST_CASE("config error message lists every problem") {
  TempSweep file("");
  file.write(with_model(file, "plugin = \"sasrec\"\nfoo = 1\nbar = 2\n"));
  try {
    load_sweep(file.path(), test_schemas());
    FAIL("the sweep loaded without problems");
  } catch (const ConfigError& error) {
    const std::string text = error.what();
    CHECK(text.find("(2 problems)") != std::string::npos);
    CHECK(text.find(file.path() + ":5: unknown key 'models.0.foo'") !=
          std::string::npos);
    CHECK(text.find(file.path() + ":6: unknown key 'models.0.bar'") !=
          std::string::npos);
  }
}

TEST_CASE("float for integer param rejected") {
  TempSweep file("");
  file.write(with_model(file, "plugin = \"sasrec\"\n[models.grid]\n"
                              "hidden_size = 9.0\n"));
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 1);
  CHECK(has_problem(problems, {":6: ", "models.0.grid.hidden_size = 9.0",
                               "expected an integer", "got a float"}));
}

TEST_CASE("integer for boolean param rejected") {
  TempSweep file("");
  file.write(with_model(file, "plugin = \"sasrec\"\n[models.grid]\n"
                              "use_bias = 1\n"));
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 1);
  CHECK(has_problem(problems, {":6: ", "models.0.grid.use_bias = 1",
                               "expected a boolean (true or false)",
                               "got an integer", "write true or false"}));
}

TEST_CASE("integer for boolean option rejected") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) +
             "[protocol]\nexclude_history = 0\n[[models]]\nplugin = \"pop\"\n");
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 1);
  CHECK(has_problem(problems, {":4: ", "protocol.exclude_history = 0",
                               "expected a boolean"}));
}

TEST_CASE("out of range values rejected") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) +  // 1-2
             "[train]\n"                          // 3
             "epochs = 0\n"                       // 4
             "patience = 0\n"                     // 5
             "batch_size = -4\n"                  // 6
             "learning_rate = 0.0\n"              // 7
             "timeout = -1\n"                     // 8
             "[protocol]\n"                       // 9
             "max_history = 0\n"                  // 10
             "[[models]]\n"                       // 11
             "plugin = \"sasrec\"\n"              // 12
             "[models.grid]\n"                    // 13
             "hidden_size = [0, 64, 5000]\n"      // 14
             "dropout = [1.5]\n"                  // 15
             "\"train.grad_clip\" = -0.5\n");     // 16
  const auto problems = problems_of(file.path());
  CHECK(problems.size() == 10);
  CHECK(has_problem(problems, {":4: ", "train.epochs = 0 is out of range",
                               "expected an integer >= 1"}));
  CHECK(has_problem(problems, {":5: ", "train.patience = 0"}));
  CHECK(has_problem(problems, {":6: ", "train.batch_size = -4"}));
  CHECK(has_problem(problems, {":7: ", "train.learning_rate = 0.0",
                               "expected a number > 0"}));
  CHECK(has_problem(problems, {":8: ", "train.timeout = -1",
                               "expected a number >= 0"}));
  CHECK(has_problem(problems, {":10: ", "protocol.max_history = 0"}));
  CHECK(has_problem(problems, {":14: ", "hidden_size[0] = 0",
                               "expected an integer in [1, 4096]"}));
  CHECK(has_problem(problems, {":14: ", "hidden_size[2] = 5000"}));
  CHECK(has_problem(problems, {":15: ", "dropout[0] = 1.5",
                               "expected a number in [0, 1]"}));
  CHECK(has_problem(problems, {":16: ", "models.0.grid.\"train.grad_clip\" "
                                        "= -0.5 is out of range"}));
}

TEST_CASE("string choices checked") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) +
             "[train]\ndevice = \"gpu\"\n[protocol]\n"
             "kind = \"leave_one_out\"\n[[models]]\nplugin = \"sasrec\"\n"
             "[models.grid]\nloss = [\"ce\", \"bcee\"]\n");
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 3);
  CHECK(has_problem(problems, {":4: ", "train.device = \"gpu\" is not "
                               "allowed", "one of: cpu, cuda, auto"}));
  CHECK(has_problem(problems, {":6: ", "protocol.kind", "leave_last_item_out,"
                               " leave_last_basket_out"}));
  CHECK(has_problem(problems, {":10: ", "loss[1] = \"bcee\"",
                               "one of: ce, bce", "did you mean 'bce'?"}));
}

TEST_CASE("unknown plugin lists known plugins") {
  TempSweep file("");
  file.write(with_model(file, "plugin = \"sasrek\"\n[models.grid]\n"
                              "hidden_size = [8]\n"));
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 1);
  CHECK(has_problem(problems, {":4: ", "models.0.plugin = \"sasrek\"",
                               "unknown plugin",
                               "plugins found: gru4rec, pop, sasrec",
                               "did you mean 'sasrec'?"}));
}

TEST_CASE("unknown hyperparameter suggests closest") {
  TempSweep file("");
  file.write(with_model(file, "plugin = \"sasrec\"\n[models.grid]\n"
                              "hiden_size = [8]\n"
                              "\"train.epoch\" = [3]\n"));
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 2);
  CHECK(has_problem(problems,
                    {":6: ", "unknown hyperparameter 'hiden_size' for plugin "
                             "'sasrec'; known: hidden_size, dropout, loss, "
                             "use_bias, num_layers",
                     "did you mean 'hidden_size'?"}));
  CHECK(has_problem(problems, {":7: ", "unknown training option "
                                       "'train.epoch'",
                               "did you mean 'train.epochs'?"}));
}

TEST_CASE("unknown keys rejected at every level") {
  TempSweep file("");
  file.write("nmae = \"x\"\n"                          // 1
             "[dataset]\n"                             // 2
             "path = \"" + file.data_path() + "\"\n"   // 3
             "fromat = \"csv\"\n"                      // 4
             "[protocl]\n"                             // 5
             "[[models]]\n"                            // 6
             "plugin = \"pop\"\n"                      // 7
             "[models.grids]\n");                      // 8
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 4);
  CHECK(has_problem(problems, {":1: ", "unknown key 'nmae'",
                               "did you mean 'name'?"}));
  CHECK(has_problem(problems, {":4: ", "unknown key 'dataset.fromat'",
                               "did you mean 'format'?"}));
  CHECK(has_problem(problems, {":5: ", "unknown key 'protocl'",
                               "did you mean 'protocol'?"}));
  CHECK(has_problem(problems, {":8: ", "unknown key 'models.0.grids'",
                               "did you mean 'grid'?"}));
}

TEST_CASE("missing required keys reported") {
  SUBCASE("no dataset path and no models") {
    TempSweep file("[dataset]\nformat = \"movielens\"\n");
    const auto problems = problems_of(file.path());
    REQUIRE(problems.size() == 2);
    CHECK(has_problem(problems, {file.path() + ": missing [[models]]",
                                 "plugins found: gru4rec, pop, sasrec"}));
    CHECK(has_problem(problems, {":1: missing key dataset.path",
                                 "format 'movielens'"}));
  }
  SUBCASE("no dataset table") {
    TempSweep file("[[models]]\nplugin = \"pop\"\n");
    const auto problems = problems_of(file.path());
    REQUIRE(problems.size() == 1);
    CHECK(has_problem(problems, {"missing table [dataset]"}));
  }
  SUBCASE("no plugin") {
    TempSweep file("");
    file.write(with_model(file, "name = \"x\"\n"));
    const auto problems = problems_of(file.path());
    REQUIRE(problems.size() == 1);
    CHECK(has_problem(problems, {":3: ", "models.0: missing key plugin"}));
  }
  SUBCASE("instacart without order products") {
    TempSweep file("");
    file.write("[dataset]\nformat = \"instacart\"\npath = \"" +
               file.data_path() + "\"\n[[models]]\nplugin = \"pop\"\n");
    const auto problems = problems_of(file.path());
    REQUIRE(problems.size() == 1);
    CHECK(has_problem(problems, {"missing key dataset.order_products"}));
  }
}

TEST_CASE("select_by must be a listed metric") {
  SUBCASE("written select_by") {
    TempSweep file("");
    file.write(dataset_header(file.data_path()) +
               "[protocol]\nmetrics = [\"recall@10\", \"ndcg@20\"]\n"
               "select_by = \"ndcg@10\"\n[[models]]\nplugin = \"pop\"\n");
    const auto problems = problems_of(file.path());
    REQUIRE(problems.size() == 1);
    CHECK(has_problem(problems, {":5: ", "protocol.select_by = \"ndcg@10\" "
                                         "is not one of protocol.metrics "
                                         "(recall@10, ndcg@20)"}));
  }
  SUBCASE("default select_by") {
    TempSweep file("");
    file.write(dataset_header(file.data_path()) +
               "[protocol]\nmetrics = [\"recall@10\"]\n"
               "[[models]]\nplugin = \"pop\"\n");
    const auto problems = problems_of(file.path());
    REQUIRE(problems.size() == 1);
    CHECK(has_problem(problems, {":3: ", "\"ndcg@10\" (the default)"}));
  }
}

TEST_CASE("metric names checked") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) +
             "[protocol]\nmetrics = [\"ndcg@10\", \"ndcg@0\", \"auc@5\", "
             "\"ndcg@10\"]\n[[models]]\nplugin = \"pop\"\n");
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 3);
  CHECK(has_problem(problems, {"metrics[1] = \"ndcg@0\" is not a metric"}));
  CHECK(has_problem(problems, {"metrics[2] = \"auc@5\" is not a metric"}));
  CHECK(has_problem(problems, {"metrics[3] = \"ndcg@10\" is listed twice"}));
}

TEST_CASE("metric name parser") {
  for (const char* name :
       {"recall@10", "ndcg@1", "mrr@20", "precision@5", "phr@10", "hit@3",
        "recall_repeat@10", "ndcg_explore@20", "phr_repeat@100"}) {
    CAPTURE(name);
    CHECK(is_metric_name(name));
  }
  for (const char* name :
       {"recall", "recall@", "recall@0", "recall@-1", "recall@01",
        "recall@1.5", "Recall@10", "recall_both@10", "auc@10", "@10",
        "ndcg@10 ", "recall_repeat_explore@10"}) {
    CAPTURE(name);
    CHECK_FALSE(is_metric_name(name));
  }
}

TEST_CASE("seeds must be distinct integers") {
  SUBCASE("duplicate") {
    TempSweep file("");
    file.write(dataset_header(file.data_path()) +
               "[train]\nseeds = [1, 2, 1]\n[[models]]\nplugin = \"pop\"\n");
    CHECK(has_problem(problems_of(file.path()),
                      {":4: ", "seed 1 is listed twice"}));
  }
  SUBCASE("empty") {
    TempSweep file("");
    file.write(dataset_header(file.data_path()) +
               "[train]\nseeds = []\n[[models]]\nplugin = \"pop\"\n");
    CHECK(has_problem(problems_of(file.path()),
                      {":4: ", "list at least one seed"}));
  }
  SUBCASE("not integers") {
    TempSweep file("");
    file.write(dataset_header(file.data_path()) +
               "[train]\nseeds = [1, 2.0, -3]\n[[models]]\nplugin = "
               "\"pop\"\n");
    const auto problems = problems_of(file.path());
    REQUIRE(problems.size() == 2);
    CHECK(has_problem(problems, {"train.seeds[1] = 2.0", "got a float"}));
    CHECK(has_problem(problems, {"train.seeds[2] = -3", "out of range"}));
  }
}

TEST_CASE("zip lists of unequal length rejected") {
  TempSweep file("");
  file.write(with_model(file, "plugin = \"sasrec\"\n[models.zip]\n"
                              "hidden_size = [32, 64]\n"
                              "dropout = [0.1, 0.2, 0.3]\n"));
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 1);
  CHECK(has_problem(problems, {":7: ", "zipped lists must have equal "
                                       "lengths", "'dropout' has 3 values",
                               "'hidden_size' has 2"}));
}

TEST_CASE("key set twice in one entry rejected") {
  TempSweep file("");
  file.write(with_model(file, "plugin = \"sasrec\"\n[models.grid]\n"
                              "dropout = [0.1]\n[models.zip]\n"
                              "dropout = [0.2]\n"));
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 1);
  CHECK(has_problem(problems, {":8: ", "'dropout' is already set in "
                                       "models.0.grid"}));
}

TEST_CASE("grid rejects seeds, duplicates and tables") {
  TempSweep file("");
  file.write(with_model(file, "plugin = \"sasrec\"\n[models.grid]\n"
                              "\"train.seeds\" = [1, 2]\n"
                              "hidden_size = [8, 8]\n"
                              "dropout = { uniform = [0.1, 0.2] }\n"
                              "num_layers = []\n"));
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 4);
  CHECK(has_problem(problems, {":6: ", "seeds cannot be swept"}));
  CHECK(has_problem(problems, {":7: ", "hidden_size[1] = 8 is listed "
                                       "twice"}));
  CHECK(has_problem(problems, {":8: ", "dropout = { uniform = [0.1, 0.2] }",
                               "belong in [models.search]"}));
  CHECK(has_problem(problems, {":9: ", "num_layers = []"}));
}

TEST_CASE("format specific keys need their format") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) +
             "delimiter = \";\"\nsynthetic_users = 5\n"
             "[[models]]\nplugin = \"pop\"\n");
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 2);
  CHECK(has_problem(problems, {":3: ", "dataset.delimiter is not used by "
                                       "format 'recbole'",
                               "applies to format csv"}));
  CHECK(has_problem(problems, {":4: ", "dataset.synthetic_users"}));
}

TEST_CASE("missing dataset file reported") {
  TempSweep file("[dataset]\npath = \"no/such/file.inter\"\n"
                 "[[models]]\nplugin = \"pop\"\n");
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 1);
  CHECK(has_problem(problems, {":2: ", "dataset.path = "
                                       "\"no/such/file.inter\": file not "
                                       "found",
                               "relative paths resolve against the current "
                               "directory"}));
}

TEST_CASE("delimiter must be one character") {
  TempSweep file("");
  file.write("[dataset]\nformat = \"csv\"\npath = \"" + file.data_path() +
             "\"\ndelimiter = \"tab\"\n[[models]]\nplugin = \"pop\"\n");
  CHECK(has_problem(problems_of(file.path()),
                    {":4: ", "dataset.delimiter = \"tab\"",
                     "expected one character"}));
}

TEST_CASE("TOML syntax error names line and column") {
  TempSweep file("[train]\nepochs = 5\nbatch_size = = 3\n");
  try {
    load_sweep(file.path(), test_schemas());
    FAIL("the sweep loaded without problems");
  } catch (const ConfigError& error) {
    REQUIRE(error.problems().size() == 1);
    CHECK(error.problems()[0].rfind(file.path() + ":3:", 0) == 0);
    CHECK(error.problems()[0].find("invalid TOML") != std::string::npos);
  }
}

TEST_CASE("missing sweep file reported") {
  try {
    load_sweep("/no/such/sweep.toml", test_schemas());
    FAIL("the sweep loaded without problems");
  } catch (const ConfigError& error) {
    REQUIRE(error.problems().size() == 1);
    CHECK(error.problems()[0].rfind("/no/such/sweep.toml: ", 0) == 0);
  }
}

TEST_CASE("models must be an array of tables") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) +
             "[models]\nplugin = \"pop\"\n");
  CHECK(has_problem(problems_of(file.path()),
                    {":3: ", "expected [[models]] entries"}));
}

TEST_CASE("model names must be distinct") {
  TempSweep file("");
  file.write(with_model(file, "plugin = \"pop\"\nname = \"base\"\n"
                              "[[models]]\nplugin = \"gru4rec\"\n"
                              "name = \"base\"\n"));
  const auto problems = problems_of(file.path());
  REQUIRE(problems.size() == 1);
  CHECK(has_problem(problems, {":8: ", "models.1.name = \"base\" is used by "
                                       "another"}));
}

TEST_CASE("broken plugin default reported") {
  TempSweep file("");
  file.write(with_model(file, "plugin = \"broken\"\n"));
  SchemaMap schemas = test_schemas();
  schemas["broken"] = {{"rate", harness::ParamType::kFloat, 2.0, 0.0, 1.0,
                        {}, "a rate"}};
  try {
    load_sweep(file.path(), schemas);
    FAIL("the sweep loaded without problems");
  } catch (const ConfigError& error) {
    CHECK(has_problem(error.problems(),
                      {"plugin 'broken' is broken", "'rate'",
                       "out of range"}));
  }
}

TEST_CASE("huge grid rejected before expansion") {
  TempSweep file("");
  std::string lists;
  for (const char* key : {"hidden_size", "num_layers"}) {
    lists += std::string(key) + " = [1, 2, 3, 4, 5, 6, 7, 8]\n";
  }
  std::string seeds = "[";
  for (int seed = 0; seed < 20000; ++seed) {
    seeds += (seed == 0 ? "" : ", ") + std::to_string(seed);
  }
  file.write(dataset_header(file.data_path()) + "[train]\nseeds = " + seeds +
             "]\n[[models]]\nplugin = \"sasrec\"\n[models.grid]\n" + lists);
  CHECK(has_problem(problems_of(file.path()),
                    {":5: ", "models.0 expands to more than 1000000 "
                             "trials"}));
}
