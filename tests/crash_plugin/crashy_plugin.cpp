// `crashy`: a one-table next-item model that fails in a chosen way, so the
// end-to-end tests can check how the harness records each kind of failure.
//
// mode = "ok" trains normally; the others fail on the first training batch
// (or in fit, for "exit"), inside the trial's child process.
#include <harness/plugin.h>

#include <torch/torch.h>

#include <chrono>
#include <cstdlib>
#include <limits>
#include <memory>
#include <stdexcept>
#include <algorithm>
#include <string>
#include <thread>

namespace {

class CrashyModel : public harness::Model {
 public:
  CrashyModel(const harness::Params& params,
              const harness::DatasetInfo& dataset)
      : mode_(params.get_string("mode")),
        sleep_ms_(params.get_int("sleep_ms")),
        num_items_(dataset.num_items),
        embedding_(torch::nn::EmbeddingOptions(dataset.num_items + 1,
                                               params.get_int("dim"))) {
    require_category(params.get_string("require_category"), dataset);
  }

  void fit(const harness::TrainingData& data) override {
    (void)data;
    if (mode_ == "exit") std::_Exit(7);
  }

  std::vector<torch::Tensor> parameters() override {
    return embedding_->parameters();
  }

  torch::Tensor loss(const harness::SequenceBatch& windows) override {
    fail_or_wait();

    // Each event predicts the next one; rows are left padded, so an input
    // that is not padding always has a real target after it.
    const torch::Tensor inputs = windows.items.slice(1, 0, -1);
    const torch::Tensor targets = windows.items.slice(1, 1);
    const torch::Tensor mask = (inputs != 0).reshape({-1});
    const torch::Tensor logits =
        torch::matmul(embedding_(inputs), embedding_->weight.t())
            .reshape({-1, num_items_ + 1});
    torch::Tensor loss = torch::nn::functional::cross_entropy(
        logits.index({mask}), targets.reshape({-1}).index({mask}));
    if (mode_ == "nan") {
      loss = loss * std::numeric_limits<double>::quiet_NaN();
    }
    return loss;
  }

  torch::Tensor score(const harness::SequenceBatch& histories) override {
    const torch::Tensor last = histories.items.select(1, -1);
    return torch::matmul(embedding_(last), embedding_->weight.t());
  }

  void set_training(bool training) override { embedding_->train(training); }

  void to(torch::Device device) override { embedding_->to(device); }

 private:
  // Fails unless the host passed item side data with this category, so a
  // test can tell that side data reaches a plugin in the trial process.
  static void require_category(const std::string& category,
                               const harness::DatasetInfo& dataset) {
    if (category.empty()) return;
    const auto& categories = dataset.side->categories;
    const auto found = categories.find(category);
    const bool coded =
        found != categories.end() &&
        std::any_of(found->second.begin(), found->second.end(),
                    [](std::int64_t code) { return code > 0; });
    if (coded && !dataset.side->names.empty()) return;
    std::string present;
    for (const auto& [name, codes] : categories) present += " " + name;
    throw std::runtime_error("no item category '" + category +
                             "' in the side data; categories:" +
                             (present.empty() ? " none" : present));
  }

  void fail_or_wait() const {
    if (mode_ == "throw") throw std::runtime_error("deliberate failure");
    if (mode_ == "segfault") {
      // Volatile, so the compiler keeps the null dereference.
      volatile int* null_pointer = nullptr;
      *null_pointer = 1;
    }
    if (mode_ == "abort") std::abort();
    if (mode_ == "hang") {
      for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    if (sleep_ms_ > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms_));
    }
  }

  std::string mode_;
  std::int64_t sleep_ms_ = 0;
  std::int64_t num_items_ = 0;
  torch::nn::Embedding embedding_;
};

harness::PluginInfo describe() {
  harness::PluginInfo info;
  info.name = "crashy";
  info.version = "1.0.0";
  info.description = "Test plugin that fails on purpose (tests only)";

  harness::ParamSpec mode;
  mode.name = "mode";
  mode.type = harness::ParamType::kString;
  mode.default_value = std::string("ok");
  mode.choices = {"ok", "throw", "segfault", "abort", "nan", "hang", "exit"};
  mode.help = "how the trial fails; ok trains normally";

  harness::ParamSpec dim;
  dim.name = "dim";
  dim.type = harness::ParamType::kInt;
  dim.default_value = std::int64_t{8};
  dim.min = 1.0;
  dim.max = 256.0;
  dim.help = "embedding size";

  harness::ParamSpec sleep_ms;
  sleep_ms.name = "sleep_ms";
  sleep_ms.type = harness::ParamType::kInt;
  sleep_ms.default_value = std::int64_t{0};
  sleep_ms.min = 0.0;
  sleep_ms.max = 60000.0;
  sleep_ms.help = "milliseconds slept in each training batch, to make a "
                  "trial last long enough to interrupt";

  harness::ParamSpec require_category;
  require_category.name = "require_category";
  require_category.type = harness::ParamType::kString;
  require_category.default_value = std::string("");
  require_category.help = "fail at creation unless the item side data has "
                          "this category; empty checks nothing";

  info.params = {mode, dim, sleep_ms, require_category};
  info.create = [](const harness::Params& params,
                   const harness::DatasetInfo& dataset) {
    return std::make_unique<CrashyModel>(params, dataset);
  };
  return info;
}

}  // namespace

HARNESS_PLUGIN(describe)
