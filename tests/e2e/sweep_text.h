// Sweep files for the end-to-end tests: a small synthetic dataset and a
// budget of a few epochs, so every trial takes a fraction of a second.
#pragma once

#include <string>

namespace harness::e2e {

/// The top of a sweep file named `name`, without [[models]] entries:
/// 30 synthetic users (20 to 80 events each) over 40 items, max_history
/// 10, `epochs` epochs with patience `epochs` (so no early stop) and the
/// given seeds.
inline std::string tiny_sweep(const std::string& name, int epochs = 2,
                              const std::string& seeds = "[1]") {
  return "name = \"" + name + "\"\n" +
         "\n[dataset]\n"
         "format = \"synthetic\"\n"
         "synthetic_users = 30\n"
         "synthetic_items = 40\n"
         "synthetic_seed = 3\n"
         "\n[protocol]\n"
         "kind = \"leave_last_item_out\"\n"
         "max_history = 10\n"
         "metrics = [\"recall@10\", \"ndcg@10\", \"mrr@10\"]\n"
         "select_by = \"ndcg@10\"\n"
         "\n[train]\n"
         "epochs = " + std::to_string(epochs) + "\n" +
         "patience = " + std::to_string(epochs) + "\n" +
         "batch_size = 64\n"
         "seeds = " + seeds + "\n";
}

/// A [[models]] entry for the `crashy` test plugin with mode `mode`;
/// `extra` is appended inside its [models.grid] table.
inline std::string crashy_entry(const std::string& mode, int dim = 8,
                                const std::string& extra = "") {
  return "\n[[models]]\nplugin = \"crashy\"\n"
         "name = \"" + mode + "_" + std::to_string(dim) + "\"\n" +
         "[models.grid]\n"
         "mode = \"" + mode + "\"\n" +
         "dim = " + std::to_string(dim) + "\n" + extra;
}

/// A [[models]] entry for the popularity baseline, which does not train.
inline std::string pop_entry() { return "\n[[models]]\nplugin = \"pop\"\n"; }

/// Returns a [[models]] entry for a one-block SASRec of width 8, with
/// `extra` appended inside its [models.grid] table.
inline std::string sasrec_entry(const std::string& extra = "") {
  return "\n[[models]]\nplugin = \"sasrec\"\n[models.grid]\n"
         "hidden_size = 8\nnum_heads = 1\nnum_layers = 1\ninner_size = 16\n" +
         extra;
}

}  // namespace harness::e2e
