#!/usr/bin/env bash
# Installs the Debian 12 packages that harness builds and runs with. Run as root.
# OpenBLAS replaces the reference BLAS behind libblas.so.3, which LibTorch uses
# for its matrix products: on a 2-core machine a 1024x1024 float GEMM ran about
# 20x faster with it.
set -euo pipefail

packages=(
  build-essential cmake ninja-build git sqlite3
  libtorch-dev
  libboost-dev libboost-filesystem-dev
  libtomlplusplus-dev libfmt-dev libsqlite3-dev
  libcli11-dev libspdlog-dev nlohmann-json3-dev doctest-dev
  libopenblas0-openmp
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps.sh: missing packages: ${missing[*]}" >&2
  echo "run as root (sudo $0) so that apt-get can install them" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
