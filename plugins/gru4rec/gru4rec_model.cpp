#include "gru4rec_model.h"

#include "gru4rec_losses.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace gru4rec {
namespace {

void check_items(const torch::Tensor& items, std::int64_t min_width,
                 const char* what) {
  TORCH_CHECK(items.defined() && items.dim() == 2 &&
                  items.scalar_type() == torch::kLong,
              "gru4rec: ", what, " items must be an int64 [B, T] tensor");
  TORCH_CHECK(items.size(1) >= min_width, "gru4rec: ", what,
              " items have width ", items.size(1), ", expected at least ",
              min_width);
}

}  // namespace

Gru4RecNetImpl::Gru4RecNetImpl(const Gru4RecConfig& config,
                               std::int64_t num_items)
    : config_(config) {
  const std::int64_t rows = num_items + 1;
  const std::int64_t hidden = config.hidden_size;

  output_embedding_ =
      register_parameter("output_embedding", torch::empty({rows, hidden}));
  init_uniform_block(output_embedding_, num_items, hidden);
  output_bias_ = register_parameter("output_bias", torch::zeros({rows}));

  // Input of the first layer: the output embeddings (constrained), an
  // embedding of its own, or the item id itself (one-hot lookup).
  std::int64_t input_size = rows;
  bool lookup = true;
  if (config.constrained_embedding) {
    input_size = hidden;
    lookup = false;
  } else if (config.embedding_size > 0) {
    input_embedding_ = register_parameter(
        "input_embedding", torch::empty({rows, config.embedding_size}));
    init_uniform_block(input_embedding_, num_items, config.embedding_size);
    input_size = config.embedding_size;
    lookup = false;
  }

  for (std::int64_t i = 0; i < config.num_layers; ++i) {
    const bool first = i == 0;
    layers_.push_back(register_module(
        "gru" + std::to_string(i),
        GruLayer(first ? input_size : hidden, hidden, config.dropout_hidden,
                 first && lookup)));
  }

  auto weights = torch::ones({rows});
  weights[0] = 0.0;
  sample_weights_ = register_buffer("sample_weights", weights);
}

torch::Tensor Gru4RecNetImpl::encode(const torch::Tensor& items) {
  auto mask = items.ne(0);
  torch::Tensor projections;
  if (config_.constrained_embedding || config_.embedding_size > 0) {
    const auto& table = config_.constrained_embedding ? output_embedding_
                                                      : input_embedding_;
    auto inputs = table.index_select(0, items.reshape({-1}))
                      .view({items.size(0), items.size(1), -1});
    inputs = torch::dropout(inputs, config_.dropout_input, is_training());
    projections = layers_.front()->project(inputs);
  } else {
    projections = layers_.front()->project(items);
  }

  // Layer by layer over the whole sequence: each layer's input projection
  // for all steps is one matmul over the states of the layer below.
  auto states = layers_.front()->forward(projections, mask);
  for (std::size_t i = 1; i < layers_.size(); ++i) {
    states = layers_[i]->forward(layers_[i]->project(states), mask);
  }
  return states;
}

torch::Tensor Gru4RecNetImpl::score_all(const torch::Tensor& states) const {
  return torch::addmm(output_bias_, states, output_embedding_.t());
}

Gru4RecModel::Gru4RecModel(const Gru4RecConfig& config,
                           const harness::DatasetInfo& dataset)
    : config_(config),
      num_items_(dataset.num_items),
      net_(config, dataset.num_items) {}

void Gru4RecModel::fit(const harness::TrainingData& data) {
  std::vector<double> counts(num_items_ + 1, 0.0);
  for (const auto& user : data.users) {
    for (std::int64_t item : user.items) {
      if (item < 1 || item > num_items_) {
        throw std::invalid_argument(
            "gru4rec: training data of user " + std::to_string(user.user) +
            " contains item id " + std::to_string(item) +
            ", outside 1.." + std::to_string(num_items_) +
            "; the dataset's num_items must cover every id");
      }
      counts[item] += 1.0;
    }
  }

  // Items never seen in training get weight 0, as in the authors' code,
  // where they are not in the item index at all.
  std::vector<float> weights(counts.size(), 0.0F);
  double total = 0.0;
  for (std::size_t i = 1; i < counts.size(); ++i) {
    if (counts[i] > 0.0) {
      weights[i] = static_cast<float>(std::pow(counts[i],
                                               config_.sample_alpha));
      total += weights[i];
    }
  }
  if (total <= 0.0) {
    return;  // No events: keep uniform sampling.
  }
  torch::NoGradGuard no_grad;
  net_->sample_weights().copy_(torch::tensor(weights));
}

std::vector<torch::Tensor> Gru4RecModel::parameters() {
  return net_->parameters();
}

std::vector<torch::Tensor> Gru4RecModel::buffers() {
  return net_->buffers();
}

torch::Tensor Gru4RecModel::sample_negatives() {
  if (config_.num_negatives == 0) {
    return torch::empty({0}, net_->sample_weights().options().dtype(
                                 torch::kLong));
  }
  return torch::multinomial(net_->sample_weights(), config_.num_negatives,
                            /*replacement=*/true);
}

torch::Tensor Gru4RecModel::loss(const harness::SequenceBatch& windows) {
  check_items(windows.items, /*min_width=*/1, "training");
  const auto& items = windows.items;
  if (items.size(1) < 2) {
    // One event per row is no transition, so there is nothing to learn.
    return net_->output_bias().sum() * 0.0;
  }
  const std::int64_t width = items.size(1) - 1;
  auto inputs = items.narrow(1, 0, width);
  auto targets = items.narrow(1, 1, width);
  auto valid = inputs.ne(0) & targets.ne(0);

  auto states = net_->encode(inputs);
  if (config_.loss == kLossBprMax) {
    BprMaxOptions options;
    options.bpreg = config_.bpreg;
    options.elu_param = config_.elu_param;
    return bpr_max_loss(states.transpose(0, 1), targets.t(), valid.t(),
                        sample_negatives(), net_->output_embedding(),
                        net_->output_bias(), options);
  }
  if (!valid.any().item<bool>()) {
    return states.sum() * 0.0;
  }
  return cross_entropy_loss(states.index({valid}), targets.index({valid}),
                            net_->output_embedding(), net_->output_bias());
}

torch::Tensor Gru4RecModel::score(const harness::SequenceBatch& histories) {
  check_items(histories.items, /*min_width=*/1, "history");
  torch::NoGradGuard no_grad;
  auto states = net_->encode(histories.items);
  return net_->score_all(states.select(1, states.size(1) - 1));
}

void Gru4RecModel::set_training(bool training) { net_->train(training); }

void Gru4RecModel::to(torch::Device device) { net_->to(device); }

}  // namespace gru4rec
