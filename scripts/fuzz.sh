#!/usr/bin/env bash
# Builds the libFuzzer targets (build-fuzz/, clang with ASan and UBSan) when needed and runs each
# for SECONDS (default 60) on its seeds in fuzz/corpus/<target>/. Inputs that find new paths are
# kept in build-fuzz/corpus/<target>/ (never in the source tree); a crash leaves its input in
# build-fuzz/crashes/ and fails the script. Prints the executions of each target.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
jobs=${VTRGUARD_JOBS:-$(nproc)}
VTRGUARD_JOBS=$jobs ./scripts/build.sh fuzz

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for folder in fuzz/corpus/*/; do
    targets+=("$(basename "$folder")")
  done
fi

mkdir -p build-fuzz/crashes
failed=()
for target in "${targets[@]}"; do
  found=build-fuzz/corpus/$target
  mkdir -p "$found"
  log=build-fuzz/$target.log
  # The first folder receives new inputs; the seeds are read only.
  if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "build-fuzz/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$target-" \
    "$found" "fuzz/corpus/$target" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    echo "fuzz: $target: ${runs:-?} executions in ${seconds}s (${rate:-?}/s), no crash"
  else
    echo "fuzz: $target: FAILED (log: $log)" >&2
    grep -E "ERROR|runtime error|Test unit written" "$log" | head -5 >&2 || true
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, no crash"
