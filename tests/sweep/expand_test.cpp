// Expansion of valid sweep files into trials: counts, order, values,
// defaults and per-model training options.
#include "sweep_test_support.h"

#include <filesystem>

using harness::ParamValue;
using namespace harness::sweep;
using namespace harness::sweep::testing;

namespace {

// The example of docs/sweep-file.md, with the dataset in a temp folder.
std::string example_sweep(const std::string& data_path) {
  return R"(name = "ml-100k"
[dataset]
path = ")" + data_path + R"("
format = "recbole"
[protocol]
kind = "leave_last_item_out"
max_history = 50
exclude_history = false
metrics = ["recall@10", "ndcg@10", "mrr@10", "recall@20", "ndcg@20"]
select_by = "ndcg@10"
[train]
epochs = 200
patience = 10
batch_size = 256
learning_rate = 0.001
seeds = [1, 2]
device = "cpu"
[[models]]
plugin = "sasrec"
[models.grid]
hidden_size = [64]
dropout = [0.2, 0.5]
"train.learning_rate" = [0.001, 0.0005]
[models.train]
epochs = 400
[[models]]
plugin = "pop"
)";
}

// Restores the working directory when a test changed it.
class CurrentDirectory {
 public:
  explicit CurrentDirectory(const std::filesystem::path& path)
      : saved_(std::filesystem::current_path()) {
    std::filesystem::current_path(path);
  }
  ~CurrentDirectory() { std::filesystem::current_path(saved_); }

 private:
  std::filesystem::path saved_;
};

}  // namespace

TEST_CASE("example sweep reads every section") {
  TempSweep file(example_sweep("data.inter"));
  CurrentDirectory in_folder(file.dir());
  const Sweep sweep = load_sweep(file.path(), test_schemas());
  const SweepConfig& config = sweep.config;

  CHECK(config.name == "ml-100k");
  CHECK(config.dataset.format == "recbole");
  // Relative paths resolve against the current directory.
  CHECK(std::filesystem::equivalent(config.dataset.path, file.data_path()));
  CHECK(std::filesystem::path(config.dataset.path).is_absolute());
  CHECK(config.protocol.kind == "leave_last_item_out");
  CHECK(config.protocol.max_history == 50);
  CHECK_FALSE(config.protocol.exclude_history);
  CHECK(config.protocol.metrics.size() == 5);
  CHECK(config.protocol.select_by == "ndcg@10");
  CHECK(config.train.epochs == 200);
  CHECK(config.train.seeds == std::vector<std::int64_t>{1, 2});
  REQUIRE(config.models.size() == 2);
  CHECK(config.models[0].plugin == "sasrec");
  CHECK(config.models[0].name == "sasrec");
  CHECK(config.models[0].line == 18);
  CHECK(config.models[0].train.epochs == 400);
  CHECK(config.models[1].plugin == "pop");
  CHECK(config.models[1].line == 26);
  CHECK(config.models[1].train.epochs == 200);
}

TEST_CASE("example sweep expands grid then seeds") {
  TempSweep file(example_sweep(""));
  file.write(example_sweep(file.data_path()));
  const Sweep sweep = load_sweep(file.path(), test_schemas());
  const auto& trials = sweep.trials;

  // sasrec: 1 x 2 x 2 grid points x 2 seeds; pop: 1 point x 2 seeds.
  REQUIRE(trials.size() == 10);
  struct Expected {
    double dropout;
    double learning_rate;
    std::int64_t seed;
  };
  // First grid key outermost, seeds innermost.
  const Expected expected[] = {
      {0.2, 0.001, 1},  {0.2, 0.001, 2},  {0.2, 0.0005, 1},
      {0.2, 0.0005, 2}, {0.5, 0.001, 1},  {0.5, 0.001, 2},
      {0.5, 0.0005, 1}, {0.5, 0.0005, 2},
  };
  for (std::size_t i = 0; i < 8; ++i) {
    CAPTURE(i);
    const Trial& trial = trials[i];
    CHECK(trial.plugin == "sasrec");
    CHECK(trial.model_index == 0);
    CHECK(trial.seed == expected[i].seed);
    CHECK(trial.params.get_float("dropout") == expected[i].dropout);
    CHECK(trial.train.learning_rate == expected[i].learning_rate);
    CHECK(trial.train.epochs == 400);
    CHECK(trial.train.batch_size == 256);
    CHECK(trial.params.get_int("hidden_size") == 64);
    // Defaults fill the params the file leaves out, with their types.
    CHECK(trial.params.get_string("loss") == "ce");
    CHECK(trial.params.get_bool("use_bias"));
    CHECK(trial.params.get_int("num_layers") == 2);
    CHECK(trial.params.values().size() == 5);
    CHECK(std::holds_alternative<std::int64_t>(
        trial.params.values().at("hidden_size")));
    CHECK(std::holds_alternative<double>(
        trial.params.values().at("dropout")));
  }
  for (std::size_t i = 8; i < 10; ++i) {
    CAPTURE(i);
    CHECK(trials[i].plugin == "pop");
    CHECK(trials[i].model_index == 1);
    CHECK(trials[i].params.values().empty());
    CHECK(trials[i].train.epochs == 200);
    CHECK(trials[i].train.learning_rate == 0.001);
    CHECK(trials[i].seed == static_cast<std::int64_t>(i - 7));
  }
}

TEST_CASE("grid scalars are fixed values") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) + R"(
[[models]]
plugin = "sasrec"
name = "sasrec-small"
[models.grid]
hidden_size = 32
loss = ["bce", "ce"]
use_bias = false
)");
  const Sweep sweep = load_sweep(file.path(), test_schemas());
  REQUIRE(sweep.trials.size() == 2);
  CHECK(sweep.config.models[0].name == "sasrec-small");
  CHECK(sweep.config.name == "sweep");
  CHECK(sweep.trials[0].seed == 1);
  CHECK(sweep.trials[0].params.get_string("loss") == "bce");
  CHECK(sweep.trials[1].params.get_string("loss") == "ce");
  for (const Trial& trial : sweep.trials) {
    CHECK(trial.params.get_int("hidden_size") == 32);
    CHECK_FALSE(trial.params.get_bool("use_bias"));
  }
}

TEST_CASE("grid keys keep file order") {
  TempSweep file("");
  // Alphabetical order, which toml++ iterates in, would put dropout and
  // hidden_size before loss.
  file.write(dataset_header(file.data_path()) + R"(
[[models]]
plugin = "sasrec"
[models.grid]
loss = ["ce", "bce"]
hidden_size = [16, 32]
dropout = [0.1, 0.2]
)");
  const Sweep sweep = load_sweep(file.path(), test_schemas());
  REQUIRE(sweep.trials.size() == 8);
  const auto& grid = sweep.config.models[0].grid;
  REQUIRE(grid.size() == 3);
  CHECK(grid[0].key == "loss");
  CHECK(grid[1].key == "hidden_size");
  CHECK(grid[2].key == "dropout");
  for (std::size_t i = 0; i < 8; ++i) {
    CAPTURE(i);
    const Trial& trial = sweep.trials[i];
    CHECK(trial.params.get_string("loss") == (i < 4 ? "ce" : "bce"));
    CHECK(trial.params.get_int("hidden_size") == ((i / 2) % 2 ? 32 : 16));
    CHECK(trial.params.get_float("dropout") == (i % 2 ? 0.2 : 0.1));
  }
}

TEST_CASE("integer accepted for float values") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) + R"(
[train]
weight_decay = 0
learning_rate = 1
[[models]]
plugin = "sasrec"
[models.grid]
dropout = [0, 1]
)");
  const Sweep sweep = load_sweep(file.path(), test_schemas());
  REQUIRE(sweep.trials.size() == 2);
  CHECK(sweep.config.train.weight_decay == 0.0);
  CHECK(sweep.config.train.learning_rate == 1.0);
  const ParamValue& first = sweep.trials[0].params.values().at("dropout");
  REQUIRE(std::holds_alternative<double>(first));
  CHECK(std::get<double>(first) == 0.0);
  CHECK(sweep.trials[1].params.get_float("dropout") == 1.0);
}

TEST_CASE("zip pairs move together") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) + R"(
[[models]]
plugin = "sasrec"
[models.grid]
loss = ["ce", "bce"]
[models.zip]
hidden_size = [32, 64, 128]
dropout = [0.1, 0.3, 0.5]
"train.batch_size" = [64, 128, 256]
)");
  const Sweep sweep = load_sweep(file.path(), test_schemas());
  REQUIRE(sweep.trials.size() == 6);
  const std::int64_t sizes[] = {32, 64, 128};
  const double dropouts[] = {0.1, 0.3, 0.5};
  const std::int64_t batches[] = {64, 128, 256};
  for (std::size_t i = 0; i < 6; ++i) {
    CAPTURE(i);
    const Trial& trial = sweep.trials[i];
    CHECK(trial.params.get_string("loss") == (i < 3 ? "ce" : "bce"));
    CHECK(trial.params.get_int("hidden_size") == sizes[i % 3]);
    CHECK(trial.params.get_float("dropout") == dropouts[i % 3]);
    CHECK(trial.train.batch_size == batches[i % 3]);
  }
}

TEST_CASE("models train overrides stay per model") {
  TempSweep file("");
  file.write(dataset_header(file.data_path()) + R"(
[train]
seeds = [3]
device = "auto"
[[models]]
plugin = "pop"
[models.train]
seeds = [7, 8, 9]
timeout = 60
[[models]]
plugin = "gru4rec"
)");
  const Sweep sweep = load_sweep(file.path(), test_schemas());
  REQUIRE(sweep.trials.size() == 4);
  CHECK(sweep.trials[0].seed == 7);
  CHECK(sweep.trials[2].seed == 9);
  CHECK(sweep.trials[2].train.timeout == 60.0);
  CHECK(sweep.trials[3].plugin == "gru4rec");
  CHECK(sweep.trials[3].seed == 3);
  CHECK(sweep.trials[3].train.timeout == 0.0);
  CHECK(sweep.trials[3].train.device == "auto");
  CHECK(sweep.trials[3].params.get_int("hidden_size") == 100);
}

TEST_CASE("synthetic dataset needs no path") {
  TempSweep file(R"(
[dataset]
format = "synthetic"
synthetic_users = 50
synthetic_items = 20
synthetic_seed = 3
[protocol]
kind = "leave_last_basket_out"
metrics = ["recall_repeat@10", "phr_explore@5", "precision@10"]
select_by = "precision@10"
[[models]]
plugin = "pop"
)");
  const Sweep sweep = load_sweep(file.path(), test_schemas());
  CHECK(sweep.config.dataset.format == "synthetic");
  CHECK(sweep.config.dataset.path.empty());
  CHECK(sweep.config.dataset.synthetic_users == 50);
  CHECK(sweep.config.dataset.synthetic_items == 20);
  CHECK(sweep.config.dataset.synthetic_seed == 3);
  CHECK(sweep.config.protocol.kind == "leave_last_basket_out");
  CHECK(sweep.trials.size() == 1);
}

TEST_CASE("csv dataset keys are read") {
  TempSweep file("");
  file.write(R"(
[dataset]
format = "csv"
path = ")" + file.data_path() + R"("
user_column = "user"
item_column = "product"
time_column = ""
basket_column = "order_id"
position_column = "add_to_cart_order"
delimiter = "\t"
min_user_events = 5
[[models]]
plugin = "pop"
)");
  const Sweep sweep = load_sweep(file.path(), test_schemas());
  const auto& dataset = sweep.config.dataset;
  CHECK(dataset.user_column == "user");
  CHECK(dataset.item_column == "product");
  CHECK(dataset.time_column.empty());
  CHECK(dataset.basket_column == "order_id");
  CHECK(dataset.position_column == "add_to_cart_order");
  CHECK(dataset.delimiter == '\t');
  CHECK(dataset.min_user_events == 5);
  CHECK(dataset.min_item_events == 0);
}
