// A deliberately small model: the next item is scored by the dot product of
// its embedding with the mean embedding of the last `window` history items.
// It shows everything a gradient-trained plugin needs: a schema, a
// torch::nn::Module, a training loss over windows and full-ranking scores.
#include <harness/plugin.h>

#include <torch/torch.h>

namespace {

struct MeanEmbeddingImpl : torch::nn::Module {
  MeanEmbeddingImpl(std::int64_t num_items, std::int64_t size)
      : items(register_module(
            "items", torch::nn::Embedding(torch::nn::EmbeddingOptions(
                                              num_items + 1, size)
                                              .padding_idx(0)))) {}

  // [B, T] item ids -> [B, T, size]: at each position, the mean of the
  // embeddings of the last `window` non-padding items up to it.
  torch::Tensor encode(const torch::Tensor& ids, std::int64_t window) {
    torch::Tensor mask = ids.ne(0).unsqueeze(-1).to(torch::kFloat32);
    torch::Tensor sums = (items(ids) * mask).cumsum(1);
    torch::Tensor counts = mask.cumsum(1);
    if (ids.size(1) > window) {
      auto shifted_sums = torch::zeros_like(sums);
      auto shifted_counts = torch::zeros_like(counts);
      shifted_sums.narrow(1, window, ids.size(1) - window)
          .copy_(sums.narrow(1, 0, ids.size(1) - window));
      shifted_counts.narrow(1, window, ids.size(1) - window)
          .copy_(counts.narrow(1, 0, ids.size(1) - window));
      sums = sums - shifted_sums;
      counts = counts - shifted_counts;
    }
    return sums / counts.clamp_min(1.0);
  }

  torch::nn::Embedding items;
};
TORCH_MODULE(MeanEmbedding);

class MeanEmbeddingModel : public harness::Model {
 public:
  MeanEmbeddingModel(const harness::Params& params,
                     const harness::DatasetInfo& info)
      : window_(params.get_int("window")),
        net_(info.num_items, params.get_int("embedding_size")) {}

  std::vector<torch::Tensor> parameters() override {
    return net_->parameters();
  }

  torch::Tensor loss(const harness::SequenceBatch& windows) override {
    const std::int64_t width = windows.items.size(1);
    torch::Tensor inputs = windows.items.narrow(1, 0, width - 1);
    torch::Tensor targets = windows.items.narrow(1, 1, width - 1);
    torch::Tensor states = net_->encode(inputs, window_);
    torch::Tensor logits = torch::matmul(states, net_->items->weight.t());
    torch::Tensor valid = targets.ne(0) & inputs.ne(0);
    return torch::nn::functional::cross_entropy(
        logits.index({valid}), targets.index({valid}));
  }

  torch::Tensor score(const harness::SequenceBatch& histories) override {
    torch::NoGradGuard no_grad;
    torch::Tensor states = net_->encode(histories.items, window_);
    torch::Tensor last = states.select(1, states.size(1) - 1);
    return torch::matmul(last, net_->items->weight.t());
  }

  void set_training(bool training) override { net_->train(training); }
  void to(torch::Device device) override { net_->to(device); }

 private:
  std::int64_t window_;
  MeanEmbedding net_;
};

harness::PluginInfo describe() {
  harness::PluginInfo info;
  info.name = "mean_embedding";
  info.version = "1.0.0";
  info.description = "mean of the last items' embeddings (SDK example)";
  info.params = {
      {"embedding_size", harness::ParamType::kInt, std::int64_t{32}, 1.0,
       4096.0, {}, "embedding width"},
      {"window", harness::ParamType::kInt, std::int64_t{5}, 1.0, 1000.0, {},
       "history items averaged"},
  };
  info.create = [](const harness::Params& params,
                   const harness::DatasetInfo& dataset) {
    return std::make_unique<MeanEmbeddingModel>(params, dataset);
  };
  return info;
}

}  // namespace

HARNESS_PLUGIN(describe)
