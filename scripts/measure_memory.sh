#!/usr/bin/env bash
# Resident memory of the real daemon (`vtrguard run --db DB`): idle on an empty database, then
# after sweeping ORDERS open orders. The orders come from the sweep benchmark, made due again so
# that the daemon's first sweep checks every one of them. Needs a Release build and sqlite3.
# Usage: scripts/measure_memory.sh [ORDERS] [FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."

orders=${1:-1000000}
folder=${2:-$(mktemp -d)}
binary=build/daemon/vtrguard
bench=build/bench/vtrguard_bench_sweep
mkdir -p "$folder"

# Prints VmRSS and VmHWM of PID once its CPU time has stopped growing (the sweep is over).
measure() {
  local pid=$1 before after
  after=-1
  while true; do
    before=$after
    sleep 2
    after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    [[ $after == "$before" ]] && break
  done
  grep -E '^(VmRSS|VmHWM)' "/proc/$pid/status" | tr -s ' \t' ' ' | paste -sd ' '
}

# Runs the daemon on DB (its log in DB.log), measures, stops it with SIGTERM.
run_on() {
  local db=$1 label=$2 pid
  "$binary" run --db "$db" >"$db.log" 2>&1 &
  pid=$!
  echo "$label: $(measure "$pid")"
  kill -TERM "$pid"
  wait "$pid"
}

run_on "$folder/empty.db" "idle, empty database"

"$bench" "$orders" "$folder/orders.db" >/dev/null
# Forget what the bench's sweeps decided: the daemon's first sweep then judges every order.
sqlite3 "$folder/orders.db" "DELETE FROM alerts; DELETE FROM sweep_state; \
  DELETE FROM tracking_checks; DELETE FROM sweep_timers; PRAGMA wal_checkpoint(TRUNCATE);" \
  >/dev/null
run_on "$folder/orders.db" "after a full sweep of $orders orders"
echo "alert lines logged: $(grep -c 'alert=' "$folder/orders.db.log" || true)"
