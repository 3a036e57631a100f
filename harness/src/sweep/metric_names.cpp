#include "sweep/sweep_config.h"

#include <array>
#include <cctype>
#include <string_view>

namespace harness::sweep {
namespace {

constexpr std::array<std::string_view, 6> kMetricKinds = {
    "recall", "ndcg", "mrr", "precision", "phr", "hit"};
constexpr std::array<std::string_view, 3> kTargetSubsets = {
    "", "_repeat", "_explore"};

// Whether `text` is a decimal integer >= 1 without sign or leading zero.
bool is_positive_integer(std::string_view text) {
  if (text.empty() || text.size() > 9 || text[0] == '0') {
    return false;
  }
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool is_metric_name(const std::string& name) {
  const std::size_t at = name.find('@');
  if (at == std::string::npos) {
    return false;
  }
  const std::string_view head(name.data(), at);
  for (std::string_view kind : kMetricKinds) {
    for (std::string_view subset : kTargetSubsets) {
      if (head.size() == kind.size() + subset.size() &&
          head.substr(0, kind.size()) == kind &&
          head.substr(kind.size()) == subset) {
        return is_positive_integer(std::string_view(name).substr(at + 1));
      }
    }
  }
  return false;
}

}  // namespace harness::sweep
