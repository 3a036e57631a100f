// Text and JSON renderings of a CompareReport.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/compare.h"

namespace harness::store {
namespace {

std::string p_text(double p) {
  if (p < 1e-4) return fmt::format("{:.2e}", p);
  return fmt::format("{:.4f}", p);
}

std::string side_line(const char* name, const CompareSide& side) {
  return fmt::format("  {}: {} {} (runs {}; seeds {})\n", name, side.plugin,
                     side.params_json, fmt::join(side.run_ids, ", "),
                     fmt::join(side.seeds, ", "));
}

std::string format_table(const CompareReport& r) {
  const stats::PairedComparison& u = r.users;
  std::string out = fmt::format(
      "Compare {} {} on {} (fingerprint {}), {}\n", r.split, r.metric,
      r.dataset_name, r.dataset_fingerprint.substr(0, 12), r.protocol);
  out += side_line("A", r.a);
  out += side_line("B", r.b);
  out += fmt::format(
      "\nPer-user paired comparison over {} users (each user's values "
      "averaged over seeds)\n",
      u.n);
  out += fmt::format("  mean A              {:.6f}\n", u.mean_a);
  out += fmt::format("  mean B              {:.6f}\n", u.mean_b);
  out += fmt::format(
      "  mean diff (A - B)   {:.6f}  bootstrap 95% CI [{:.6f}, {:.6f}]\n",
      u.mean_difference, u.ci_low, u.ci_high);
  out += fmt::format("  paired t-test       t = {:.4f}, p = {}\n",
                     u.t_statistic, p_text(u.t_p_value));
  out += fmt::format("  Wilcoxon test       W = {:.1f}, p = {}\n",
                     u.wilcoxon_statistic, p_text(u.wilcoxon_p_value));
  out += fmt::format("  effect size d_z     {:.4f}\n", u.effect_size);

  if (!r.seeds) {
    out +=
        "\nAcross seeds: not tested (needs 2 or more seeds on each "
        "side)\n";
    return out;
  }
  const stats::WelchComparison& s = *r.seeds;
  out += fmt::format(
      "\nAcross seeds (Welch t-test on per-seed means, {} vs {} seeds)\n",
      s.n_a, s.n_b);
  out += fmt::format(
      "  mean A {:.6f}, mean B {:.6f}, diff {:.6f}, t = {:.4f}, df = {:.2f}, "
      "p = {}\n",
      s.mean_a, s.mean_b, s.mean_difference, s.t_statistic,
      s.degrees_of_freedom, p_text(s.p_value));
  return out;
}

nlohmann::ordered_json side_json(const CompareSide& side) {
  return {{"label", side.label},
          {"plugin", side.plugin},
          {"params_json", side.params_json},
          {"run_ids", side.run_ids},
          {"seeds", side.seeds},
          {"run_means", side.run_means}};
}

std::string format_json(const CompareReport& r) {
  const stats::PairedComparison& u = r.users;
  nlohmann::ordered_json out = {{"metric", r.metric},
                                {"split", r.split},
                                {"dataset", r.dataset_name},
                                {"fingerprint", r.dataset_fingerprint},
                                {"protocol", r.protocol},
                                {"a", side_json(r.a)},
                                {"b", side_json(r.b)},
                                {"users",
                                 {{"n", u.n},
                                  {"mean_a", u.mean_a},
                                  {"mean_b", u.mean_b},
                                  {"mean_difference", u.mean_difference},
                                  {"t_statistic", u.t_statistic},
                                  {"t_p_value", u.t_p_value},
                                  {"wilcoxon_statistic", u.wilcoxon_statistic},
                                  {"wilcoxon_p_value", u.wilcoxon_p_value},
                                  {"effect_size_dz", u.effect_size},
                                  {"ci_low", u.ci_low},
                                  {"ci_high", u.ci_high}}},
                                {"seeds", nullptr}};
  if (r.seeds) {
    const stats::WelchComparison& s = *r.seeds;
    out["seeds"] = {{"test", "welch"},
                    {"n_a", s.n_a},
                    {"n_b", s.n_b},
                    {"mean_a", s.mean_a},
                    {"mean_b", s.mean_b},
                    {"mean_difference", s.mean_difference},
                    {"t_statistic", s.t_statistic},
                    {"degrees_of_freedom", s.degrees_of_freedom},
                    {"p_value", s.p_value}};
  }
  return out.dump(2) + "\n";
}

}  // namespace

std::string format_compare(const CompareReport& report,
                           const std::string& format) {
  if (format == "table") return format_table(report);
  if (format == "json") return format_json(report);
  throw std::invalid_argument(fmt::format(
      "invalid compare format '{}'; expected table or json", format));
}

}  // namespace harness::store
