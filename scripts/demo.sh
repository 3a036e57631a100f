#!/usr/bin/env bash
# The main job end to end on a fresh Debian 12 machine: installs the
# dependencies, builds, runs experiments/synthetic.toml (the project's own
# generated data set) and prints the leaderboard.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build/bin/harness run experiments/synthetic.toml --db results/results.sqlite
build/bin/harness leaderboard --db results/results.sqlite
