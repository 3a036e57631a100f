// parse_metric: accepted forms, canonical names and rejections.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "metrics/metrics.h"

using harness::metrics::MetricKind;
using harness::metrics::MetricSpec;
using harness::metrics::parse_metric;
using harness::metrics::TargetSubset;

namespace {

// The message parse_metric throws for `text`, or "" when it parses.
std::string error_for(const std::string& text) {
  try {
    parse_metric(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("parse_metric plain kinds") {
  const MetricSpec ndcg = parse_metric("ndcg@10");
  CHECK(ndcg.kind == MetricKind::kNdcg);
  CHECK(ndcg.k == 10);
  CHECK(ndcg.subset == TargetSubset::kAll);
  CHECK(ndcg.name == "ndcg@10");
  CHECK(parse_metric("recall@20").kind == MetricKind::kRecall);
  CHECK(parse_metric("mrr@5").kind == MetricKind::kMrr);
  CHECK(parse_metric("precision@3").kind == MetricKind::kPrecision);
  CHECK(parse_metric("phr@1").kind == MetricKind::kHitRate);
  CHECK(parse_metric("phr@1").k == 1);
}

TEST_CASE("parse_metric subsets") {
  const MetricSpec repeat = parse_metric("recall_repeat@20");
  CHECK(repeat.kind == MetricKind::kRecall);
  CHECK(repeat.subset == TargetSubset::kRepeat);
  CHECK(repeat.k == 20);
  CHECK(repeat.name == "recall_repeat@20");
  const MetricSpec explore = parse_metric("phr_explore@10");
  CHECK(explore.kind == MetricKind::kHitRate);
  CHECK(explore.subset == TargetSubset::kExplore);
  CHECK(explore.name == "phr_explore@10");
}

TEST_CASE("parse_metric canonical names") {
  CHECK(parse_metric("hit@10").name == "phr@10");
  CHECK(parse_metric("hit@10").kind == MetricKind::kHitRate);
  CHECK(parse_metric("NDCG@10").name == "ndcg@10");
  CHECK(parse_metric("Hit_Explore@5").name == "phr_explore@5");
  CHECK(parse_metric("mrr@010").name == "mrr@10");
}

TEST_CASE("parse_metric unknown kind lists accepted forms") {
  const std::string message = error_for("ndgc@10");
  CHECK(message.find("unknown metric 'ndgc@10'") != std::string::npos);
  CHECK(message.find("recall@K") != std::string::npos);
  CHECK(message.find("_repeat or _explore") != std::string::npos);
}

TEST_CASE("parse_metric rejects malformed text") {
  for (const char* text : {"ndcg", "ndcg@", "ndcg@x", "ndcg@10x", "ndcg@1.5",
                           "ndcg@ 10", " ndcg@10", "ndcg_all@10", "_repeat@10",
                           "repeat@10", "ndcg_repeat_explore@10", "ndcg@@10",
                           "@10", "", "ndcg@99999999999999999999"}) {
    CAPTURE(text);
    CHECK_THROWS_AS(parse_metric(text), std::invalid_argument);
  }
}

TEST_CASE("parse_metric rejects K below 1") {
  CHECK(error_for("ndcg@0").find("K must be at least 1") != std::string::npos);
  CHECK_THROWS_AS(parse_metric("recall@-5"), std::invalid_argument);
  CHECK(error_for("recall@-5").find("'recall@-5'") != std::string::npos);
}
