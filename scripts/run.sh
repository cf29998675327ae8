#!/usr/bin/env bash
# Installs what is missing, builds, and runs vtrguard on the shipped sample data.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/deps.sh
./scripts/build.sh release >/dev/null
echo "== vtrguard validate --file config/samples/numbers.txt"
./build/daemon/vtrguard validate --file config/samples/numbers.txt || true
