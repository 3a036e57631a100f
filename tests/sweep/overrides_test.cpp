// --set key=value overrides: applied before validation, and reported with
// the override's text when they are wrong.
#include "sweep_test_support.h"

using namespace harness::sweep;
using namespace harness::sweep::testing;

namespace {

std::string base_sweep(const TempSweep& file) {
  return dataset_header(file.data_path()) +
         "[train]\nepochs = 50\n[[models]]\nplugin = \"sasrec\"\n"
         "[models.grid]\ndropout = [0.2, 0.5]\n";
}

}  // namespace

TEST_CASE("set overrides replace and add values") {
  TempSweep file("");
  file.write(base_sweep(file));
  const std::string other_data = (file.dir() / "other.inter").string();
  std::ofstream(other_data) << "\n";

  const Sweep sweep = load_sweep(
      file.path(), test_schemas(),
      {"train.epochs=5", "protocol.max_history = 20", "train.device=cuda",
       "dataset.path=" + other_data, "models.0.grid.dropout=[0.1]",
       "models.0.grid.loss=[\"bce\"]", "name=\"smoke\"",
       "protocol.metrics=[\"ndcg@5\"]", "protocol.select_by=ndcg@5",
       "train.weight_decay=0"});
  CHECK(sweep.config.name == "smoke");
  CHECK(sweep.config.train.epochs == 5);
  CHECK(sweep.config.train.device == "cuda");
  CHECK(sweep.config.train.weight_decay == 0.0);
  CHECK(sweep.config.protocol.max_history == 20);
  CHECK(sweep.config.protocol.select_by == "ndcg@5");
  CHECK(sweep.config.dataset.path == other_data);
  REQUIRE(sweep.trials.size() == 1);
  CHECK(sweep.trials[0].params.get_float("dropout") == 0.1);
  CHECK(sweep.trials[0].params.get_string("loss") == "bce");
  CHECK(sweep.trials[0].train.epochs == 5);
}

TEST_CASE("set overrides apply in order") {
  TempSweep file("");
  file.write(base_sweep(file));
  const Sweep sweep = load_sweep(file.path(), test_schemas(),
                                 {"train.epochs=5", "train.epochs=7"});
  CHECK(sweep.config.train.epochs == 7);
}

TEST_CASE("set override can add a table") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) +
             "[[models]]\nplugin = \"sasrec\"\n");
  const Sweep sweep = load_sweep(
      file.path(), test_schemas(),
      {"train.seeds=[4,5]", "models.0.zip.hidden_size=[16,32]",
       "models.0.zip.dropout=[0.3,0.4]"});
  REQUIRE(sweep.trials.size() == 4);
  CHECK(sweep.trials[0].seed == 4);
  CHECK(sweep.trials[1].seed == 5);
  CHECK(sweep.trials[2].params.get_int("hidden_size") == 32);
  CHECK(sweep.trials[2].params.get_float("dropout") == 0.4);
}

TEST_CASE("set override keys keep their order") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) +
             "[[models]]\nplugin = \"sasrec\"\n");
  // Alphabetical order would make dropout the outer key.
  const Sweep sweep = load_sweep(
      file.path(), test_schemas(),
      {"models.0.grid.loss=[\"ce\",\"bce\"]",
       "models.0.grid.dropout=[0.1,0.2]"});
  REQUIRE(sweep.trials.size() == 4);
  CHECK(sweep.trials[0].params.get_string("loss") == "ce");
  CHECK(sweep.trials[1].params.get_string("loss") == "ce");
  CHECK(sweep.trials[1].params.get_float("dropout") == 0.2);
  CHECK(sweep.trials[2].params.get_string("loss") == "bce");
}

TEST_CASE("bad set overrides reported") {
  TempSweep file("");
  file.write(base_sweep(file));
  const auto problems = problems_of(
      file.path(), {"train.epochs.max=3", "train.epochs=abc", "nonsense",
                    "train.epoch=5", "models.3.grid.dropout=[0.1]",
                    "models.x.plugin=pop", "a b=1", "=5",
                    "models.0.grid.hidden_size=9.0",
                    "train.patience=99999999999999999999"});
  CHECK(problems.size() == 10);
  CHECK(has_problem(problems, {"--set train.epochs=abc: train.epochs = "
                               "\"abc\": expected an integer >= 1, got a "
                               "string"}));
  CHECK(has_problem(problems, {"--set nonsense: expected key=value"}));
  CHECK(has_problem(problems, {"--set train.epoch=5: unknown key "
                               "'train.epoch'",
                               "did you mean 'epochs'?"}));
  CHECK(has_problem(problems, {"--set models.3.grid.dropout=[0.1]: 'models' "
                               "is an array with 1 entry",
                               "from 0 to 0, not '3'"}));
  CHECK(has_problem(problems, {"--set models.x.plugin=pop:", "not 'x'"}));
  CHECK(has_problem(problems, {"--set train.epochs.max=3: 'train.epochs' is "
                               "an integer (50), so it has no keys"}));
  CHECK(has_problem(problems, {"--set a b=1: invalid key 'a b'"}));
  CHECK(has_problem(problems, {"--set =5: expected key=value"}));
  CHECK(has_problem(problems, {"--set models.0.grid.hidden_size=9.0: ",
                               "expected an integer"}));
  // TOML reads the too-large integer as a bare word, so quotes are not
  // the cause.
  CHECK(has_problem(problems, {"--set train.patience=99999999999999999999: ",
                               "outside the 64-bit integer range (at most "
                               "9223372036854775807)"}));
  CHECK_FALSE(has_problem(problems, {"remove the quotes"}));
}

TEST_CASE("set problems come with file problems") {
  TempSweep file("");
  file.write("bogus = 1\n" + base_sweep(file));
  const auto problems = problems_of(file.path(), {"train.patience=0"});
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].rfind(file.path() + ":1: unknown key 'bogus'", 0) == 0);
  CHECK(problems[1].rfind("--set train.patience=0: train.patience = 0 is "
                          "out of range",
                          0) == 0);
}
