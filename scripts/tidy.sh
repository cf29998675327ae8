#!/usr/bin/env bash
# Runs clang-tidy over the project's sources using the Release build's compile commands.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/compile_commands.json ] || ./scripts/build.sh release
git ls-files 'carriers/*.cpp' 'daemon/*.cpp' | xargs -P "$(nproc)" -n 4 clang-tidy -p build --quiet
