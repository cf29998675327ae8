#!/usr/bin/env bash
# The soak; not part of the test run. The real daemon on ORDERS orders against the fake carrier
# APIs (vtrguard_fake_apis) failing FAULT_RATE of the tracking calls (429 with and without
# Retry-After, 500, hangs, cut bodies, non-JSON bodies, 400s with cut or HTML bodies), killed
# with SIGKILL every KILL_EVERY seconds and restarted, for DURATION seconds. Then one last run
# until every number has an answer (at most SETTLE seconds), stopped with SIGTERM, and
# scripts/soak_check.py checks the store and the logs and prints the figures.
#
#   scripts/soak.sh                      # 10 minutes, 10,000 orders
#   DURATION=90 KILL_EVERY=30 ORDERS=2000 scripts/soak.sh   # a smoke run
#
# Needs the release build (scripts/build.sh release). Everything goes to SOAK_DIR (default: a
# new folder under /tmp), which is kept for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-600}
KILL_EVERY=${KILL_EVERY:-60}
ORDERS=${ORDERS:-10000}
FAULT_RATE=${FAULT_RATE:-0.3}
SEED=${SEED:-7}
SETTLE=${SETTLE:-240}
BUILD=${BUILD:-build}
if [[ -z ${NO_SCAN_AFTER:-} ]]; then
  # Late enough that most numbers have their first answer, early enough to happen under kills.
  NO_SCAN_AFTER=$((DURATION >= 360 ? 120 : DURATION / 3 + 10))
fi

for needed in "$BUILD/daemon/vtrguard" "$BUILD/tests/vtrguard_fake_apis"; do
  [[ -x $needed ]] || { echo "soak: $needed is missing; run scripts/build.sh release" >&2; exit 2; }
done
out=${SOAK_DIR:-$(mktemp -d /tmp/vtrguard-soak.XXXXXX)}
mkdir -p "$out/bin"
out=$(cd "$out" && pwd)
# Copies, so that a rebuild during the soak changes nothing under it.
cp "$BUILD/daemon/vtrguard" "$BUILD/tests/vtrguard_fake_apis" "$out/bin/"
bin=$out/bin/vtrguard
fake=$out/bin/vtrguard_fake_apis
echo "soak: $ORDERS orders, ${DURATION}s, SIGKILL every ${KILL_EVERY}s, $FAULT_RATE of calls" \
  "failing; files in $out"

fake_pid=
daemon_pid=
cleanup() {
  [[ -n $daemon_pid ]] && kill -KILL "$daemon_pid" 2>/dev/null || true
  [[ -n $fake_pid ]] && kill -TERM "$fake_pid" 2>/dev/null || true
}
trap cleanup EXIT

python3 scripts/soak_orders.py "$bin" "$out" "$ORDERS" "$FAULT_RATE" "$SEED"
: > "$out/requests.tsv"
: > "$out/rss.tsv"
"$fake" "$out/scenario.json" > "$out/fake.out" 2>&1 &
fake_pid=$!
for _ in $(seq 100); do
  grep -q '^listening on ' "$out/fake.out" && break
  sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$out/fake.out")
[[ -n $url ]] || { echo "soak: the fake APIs did not start: $(cat "$out/fake.out")" >&2; exit 1; }

carrier() { # one carrier's settings: fast retries, short timeouts, no pacing (the fake has none)
  printf '"%s": {"base_url": "%s", "client_id": "fake-client", "client_secret_env": "%s",
    "requests_per_second": 0, "daily_quota": 0, "timeout_ms": 2000, "max_in_flight": 8,
    "backoff_base_ms": 200, "backoff_max_ms": 2000, "breaker_cooldown_ms": 5000}' \
    "$1" "$url" VTRGUARD_SOAK_SECRET
}
cat > "$out/config.json" <<EOF
{
  "database": "$out/soak.db",
  "inbox": "$out/inbox",
  "poll_interval": "5s",
  "no_scan_after": "${NO_SCAN_AFTER}s",
  "lookups": {"retry_min": "10s", "retry_max": "30s"},
  "carriers": {
    $(carrier ups), $(carrier fedex), $(carrier usps), $(carrier dhl), $(carrier 17track)
  }
}
EOF
export VTRGUARD_SOAK_SECRET=fake-secret-3f9a1c
"$bin" import --config "$out/config.json" "$out/orders.csv" > "$out/import.out"
started=$(date +%s)

run=0
start_daemon() {
  run=$((run + 1))
  "$bin" run --config "$out/config.json" > "$out/run-$run.log" 2>&1 &
  daemon_pid=$!
  run_started=$(date +%s)
}
sample_rss() {
  local kb
  kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$daemon_pid/status" 2>/dev/null || true)
  [[ -n $kb ]] && echo "$run $(($(date +%s) - started)) $kb" >> "$out/rss.tsv"
  return 0
}

start_daemon
while (($(date +%s) - started < DURATION)); do
  sleep 2
  sample_rss
  if (($(date +%s) - run_started >= KILL_EVERY)); then
    if ! kill -KILL "$daemon_pid" 2>/dev/null; then
      echo "soak: run $run had ended by itself: $(tail -n 1 "$out/run-$run.log")" >&2
    fi
    wait "$daemon_pid" 2>/dev/null || true
    echo "soak: run $run killed after $(($(date +%s) - run_started))s"
    start_daemon
  fi
done

# Settled: every number sent to a carrier has an answer, and the no-scan time has passed.
settled() {
  python3 - "$out" "$NO_SCAN_AFTER" "$started" <<'EOF'
import json, sqlite3, sys, time
out, no_scan_after, started = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
orders = json.load(open(f"{out}/expected.json"))["orders"]
db = sqlite3.connect(f"file:{out}/soak.db?mode=ro", uri=True, timeout=5)
answered = {row[0] for row in db.execute(
    "SELECT order_id FROM carrier_lookups WHERE outcome IN ('tracked', 'unreachable')")}
waiting = sum(1 for order_id, order in orders.items() if order["api"] and order_id not in answered)
print(waiting)
sys.exit(0 if waiting == 0 and time.time() - started > no_scan_after + 15 else 1)
EOF
}
echo "soak: last run, until every number has an answer (at most ${SETTLE}s)"
while (($(date +%s) - run_started < SETTLE)); do
  sleep 2
  sample_rss
  if waiting=$(settled); then
    break
  fi
done
echo "soak: numbers still without an answer: ${waiting:-?}"
sleep 6 # one more poll, so the last answers are swept
kill -TERM "$daemon_pid"
wait "$daemon_pid" || echo "soak: the last run exited $?"
daemon_pid=
kill -TERM "$fake_pid"
wait "$fake_pid" || true
fake_pid=
grep '^faults:' "$out/fake.out" || true
echo "soak: $run runs, $(($(date +%s) - started))s"
python3 scripts/soak_check.py "$out"
