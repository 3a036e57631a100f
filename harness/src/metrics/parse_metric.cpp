#include <cctype>
#include <limits>
#include <stdexcept>
#include <string>

#include "metrics/metrics.h"

namespace harness::metrics {
namespace {

constexpr const char* kAcceptedForms =
    "expected one of recall@K, ndcg@K, mrr@K, precision@K, phr@K (alias "
    "hit@K), optionally with _repeat or _explore before @, with K an "
    "integer >= 1";

[[noreturn]] void reject(const std::string& text, const std::string& why) {
  throw std::invalid_argument(why + " metric '" + text +
                              "': " + kAcceptedForms);
}

std::string to_lower(const std::string& text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool parse_kind(const std::string& word, MetricKind& kind,
                std::string& canonical) {
  if (word == "recall") {
    kind = MetricKind::kRecall;
  } else if (word == "ndcg") {
    kind = MetricKind::kNdcg;
  } else if (word == "mrr") {
    kind = MetricKind::kMrr;
  } else if (word == "precision") {
    kind = MetricKind::kPrecision;
  } else if (word == "phr" || word == "hit") {
    kind = MetricKind::kHitRate;
  } else {
    return false;
  }
  canonical = word == "hit" ? "phr" : word;
  return true;
}

// Parses a decimal K of digits only; returns -1 when it is not one or
// does not fit in int64.
std::int64_t parse_k(const std::string& digits) {
  if (digits.empty()) return -1;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  std::int64_t k = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
    const int digit = c - '0';
    if (k > (kMax - digit) / 10) return -1;
    k = k * 10 + digit;
  }
  return k;
}

}  // namespace

MetricSpec parse_metric(const std::string& text) {
  const std::string lower = to_lower(text);
  const std::size_t at = lower.find('@');
  if (at == std::string::npos) reject(text, "missing @K in");

  std::string head = lower.substr(0, at);
  MetricSpec spec;
  std::string suffix;
  for (const char* tail : {"_repeat", "_explore"}) {
    const std::string t(tail);
    if (head.size() > t.size() &&
        head.compare(head.size() - t.size(), t.size(), t) == 0) {
      spec.subset =
          t == "_repeat" ? TargetSubset::kRepeat : TargetSubset::kExplore;
      suffix = t;
      head.resize(head.size() - t.size());
      break;
    }
  }
  std::string kind_name;
  if (!parse_kind(head, spec.kind, kind_name)) {
    reject(text, "unknown");
  }

  const std::string k_text = lower.substr(at + 1);
  const std::int64_t k = parse_k(k_text);
  if (k < 0) reject(text, "invalid K '" + k_text + "' in");
  if (k < 1) reject(text, "K must be at least 1 in");
  spec.k = k;
  spec.name = kind_name + suffix + "@" + std::to_string(k);
  return spec;
}

}  // namespace harness::metrics
