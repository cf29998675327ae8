#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the Release build, then the
# AddressSanitizer + UndefinedBehaviorSanitizer build, then the layout checks.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/deps.sh
jobs=${VTRGUARD_JOBS:-$(nproc)}

echo "== release build and tests"
./scripts/build.sh release
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== sanitizer build and tests"
./scripts/build.sh asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

echo "== fuzz targets, briefly on their seeds"
./scripts/fuzz.sh 3

echo "== layering and format"
./scripts/check_layering.sh
./scripts/format.sh --check
echo "all tests passed"
