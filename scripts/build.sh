#!/usr/bin/env bash
# Configures and builds one tree. Usage: scripts/build.sh [release|asan|fuzz]
set -euo pipefail
cd "$(dirname "$0")/.."

kind=${1:-release}
jobs=${VTRGUARD_JOBS:-$(nproc)}
case "$kind" in
  release) dir=build;      flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan)    dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=Debug -DVTRGUARD_SANITIZE=ON -DVTRGUARD_BUILD_BENCH=OFF) ;;
  # libFuzzer targets only, with clang, ASan and UBSan; -O1 keeps the executions per second up.
  fuzz)    dir=build-fuzz; flags=(-DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug
                                  "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1" -DVTRGUARD_SANITIZE=ON
                                  -DVTRGUARD_FUZZ=ON -DVTRGUARD_BUILD_TESTS=OFF
                                  -DVTRGUARD_BUILD_BENCH=OFF) ;;
  *) echo "usage: $0 [release|asan|fuzz]" >&2; exit 2 ;;
esac

cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$dir" -j "$jobs"
