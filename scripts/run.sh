#!/usr/bin/env bash
# Installs what is missing, builds, and runs the daemon in the foreground on an embedded SQLite
# database filled with sample orders whose ship-by times are relative to now. Warnings appear
# within seconds; one order escalates about 20 seconds in. Ctrl-C stops it.
# Usage: scripts/run.sh [--seconds N]   (stop by itself after N seconds)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=""
if [ "${1:-}" = "--seconds" ]; then seconds=${2:?}; fi

./scripts/deps.sh
./scripts/build.sh release >/dev/null
vtrguard=./build/daemon/vtrguard

echo "== vtrguard validate --file config/samples/numbers.txt"
$vtrguard validate --file config/samples/numbers.txt || true

demo=out/demo
rm -rf "$demo" && mkdir -p "$demo/inbox"
./scripts/sample_orders.sh > "$demo/inbox/.orders.csv"
mv "$demo/inbox/.orders.csv" "$demo/inbox/orders.csv"
echo
echo "== vtrguard run --db $demo/vtrguard.db  (sample orders in $demo/inbox; Ctrl-C to stop)"
if [ -n "$seconds" ]; then
  timeout -s TERM "$seconds" $vtrguard run --db "$demo/vtrguard.db" || [ $? -eq 124 ]
else
  exec $vtrguard run --db "$demo/vtrguard.db"
fi
