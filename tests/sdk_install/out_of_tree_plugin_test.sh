#!/usr/bin/env bash
# Usage: out_of_tree_plugin_test.sh CMAKE BUILD_DIR SOURCE_DIR
set -euo pipefail
cmake_bin=$1 build_dir=$2 source_dir=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. Install into a prefix of our own.
"$cmake_bin" --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
test -x "$work/prefix/bin/harness"
test -f "$work/prefix/include/harness/plugin.h"
test -f "$work/prefix/lib/cmake/Harness/HarnessConfig.cmake"

# 2. Build the example plugin from a copy outside the project tree, so it
#    can only see the installed SDK.
cp -r "$source_dir/examples/mean_embedding_plugin" "$work/plugin_src"
"$cmake_bin" -S "$work/plugin_src" -B "$work/plugin_build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$work/prefix" \
  > "$work/configure.log"
"$cmake_bin" --build "$work/plugin_build" > "$work/build.log"
mkdir "$work/drop_in"
cp "$work/plugin_build/mean_embedding.so" "$work/drop_in/"

# 3. The installed harness lists it and runs it in a sweep.
"$work/prefix/bin/harness" --plugin-dir "$work/drop_in" plugins \
  > "$work/plugins.txt"
grep -q "^mean_embedding 1.0.0" "$work/plugins.txt" || {
  echo "harness plugins did not list mean_embedding:"; cat "$work/plugins.txt"
  exit 1
}
cat > "$work/sweep.toml" <<'TOML'
name = "drop-in"
[dataset]
format = "synthetic"
synthetic_users = 200
synthetic_items = 60
[protocol]
kind = "leave_last_item_out"
max_history = 20
metrics = ["recall@10", "ndcg@10"]
select_by = "ndcg@10"
[train]
epochs = 2
patience = 2
seeds = [1]
[[models]]
plugin = "mean_embedding"
[models.grid]
embedding_size = [16]
TOML
(cd "$work" && "$work/prefix/bin/harness" --plugin-dir "$work/drop_in" \
  run sweep.toml --db "$work/results.sqlite" > "$work/run.log" 2>&1) || {
  echo "harness run failed:"; cat "$work/run.log"; exit 1
}
status=$(sqlite3 "$work/results.sqlite" \
  "select status from runs where plugin = 'mean_embedding'")
if [[ "$status" != "finished" ]]; then
  echo "expected one finished mean_embedding run, got '$status'"
  cat "$work/run.log"
  exit 1
fi
echo "out-of-tree plugin built against the installed SDK and ran: ok"
