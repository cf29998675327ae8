#!/usr/bin/env python3
"""Checks what a soak run left behind and prints its figures; exit 1 when a check fails.

    soak_check.py OUT_DIR

Reads OUT_DIR/expected.json (soak_orders.py), OUT_DIR/soak.db (the daemon's store),
OUT_DIR/run-*.log (every daemon run's log, in order), OUT_DIR/rss.tsv (run, seconds, kB) and
OUT_DIR/requests.tsv (the fake's request log).

- Every number sent to a carrier ends `tracked` with the fake's answer, or `unreachable` with
  the reason stored.
- Alerts: the union of the logs holds each alert the store raised exactly once (nothing lost,
  nothing twice), and the alerts open at the end are exactly the expected ones.
- RSS stays flat: the later half of the runs peaks no higher than the earlier half.
"""

import collections
import glob
import json
import re
import sqlite3
import sys

ALERT = re.compile(r'alert=(\w+) event=(\w+) level=(\w+) order=("(?:[^"\\]|\\.)*"|\S+)'
                   r'.*? condition=(\w+)')
RATE = re.compile(r'alert=(vtr_\w+) marketplace=(\S+) category=(\S+) level=(\w+)')

# The fake's shipments as the store records them.
STATUS = {"found_with_scans": ("in_transit", 1), "label_created": ("label_created", 0),
          "not_found": ("not_found", 0)}


class Report:
    def __init__(self):
        self.failures = []

    def check(self, is_ok, what):
        print(("ok    " if is_ok else "FAIL  ") + what)
        if not is_ok:
            self.failures.append(what)


def check_lookups(report, expected, db):
    rows = {row[0]: row[1:] for row in db.execute(
        "SELECT order_id, number, outcome, status, has_physical_scan, detail, attempts "
        "FROM carrier_lookups")}
    tracked = unreachable = wrong = missing = sent_invalid = 0
    reasons = collections.Counter()
    for order_id, order in expected["orders"].items():
        row = rows.get(order_id)
        if order["api"] is None:
            sent_invalid += row is not None and row[1] not in ("invalid_format",)
            continue
        if row is None:
            missing += 1
            continue
        number, outcome, status, scanned, detail, _ = row
        if outcome == "tracked" and number == order["number"]:
            tracked += 1
            wrong += (status, scanned) != STATUS[order["shipment"]]
        elif outcome == "unreachable" and detail:
            unreachable += 1
            reasons[re.sub(r"\d+", "N", detail)[:90]] += 1
        else:
            wrong += 1
    total = sum(1 for order in expected["orders"].values() if order["api"])
    print(f"      numbers: {total}; tracked {tracked}, unreachable {unreachable}, "
          f"without an answer {missing}, wrong {wrong}")
    for reason, count in reasons.most_common(5):
        print(f"      unreachable x{count}: {reason}")
    report.check(missing == 0, "every number was looked up and its answer stored")
    report.check(wrong == 0, "every answer is the fake's (status and scan) or unreachable with "
                 "its reason")
    report.check(sent_invalid == 0, "no format-invalid number was looked up")


def logged_events(out_dir):
    """(order, condition) -> events in log order, over every run; and the rate alerts."""
    events = collections.defaultdict(list)
    rates = collections.defaultdict(list)
    for path in sorted(glob.glob(f"{out_dir}/run-*.log"),
                       key=lambda name: int(re.search(r"run-(\d+)", name).group(1))):
        with open(path, encoding="utf-8", errors="replace") as log:
            for line in log:
                match = ALERT.search(line)
                if match:
                    code, event, _, order, condition = match.groups()
                    events[(order.strip('"'), condition)].append(event)
                    continue
                match = RATE.search(line)
                if match:
                    code, marketplace, category, level = match.groups()
                    rates[(marketplace, category)].append(level)
    return events, rates


def check_alerts(report, expected, db, out_dir):
    stored = collections.defaultdict(lambda: [0, 0])  # raised, still open
    for order_id, condition, resolved_at in db.execute(
            "SELECT order_id, condition, resolved_at FROM alerts"):
        stored[(order_id, condition)][0] += 1
        stored[(order_id, condition)][1] += resolved_at is None
    events, rates = logged_events(out_dir)
    lost = twice = unstored = 0
    for key, (raised, _) in stored.items():
        logged = events.get(key, []).count("raised")
        lost += max(0, raised - logged)
        twice += max(0, logged - raised)
    for key in events:
        unstored += key not in stored
    for key, sequence in events.items():
        raises = [event for event in sequence if event in ("raised", "resolved")]
        twice += sum(1 for a, b in zip(raises, raises[1:]) if a == b == "raised")
    open_now = {key for key, (_, is_open) in stored.items() if is_open}
    want = {tuple(item) for item in expected["open"]}
    print(f"      alert rows {sum(r for r, _ in stored.values())}, logged events "
          f"{sum(len(s) for s in events.values())}, open {len(open_now)} "
          f"(expected {len(want)})")
    by_condition = collections.Counter(condition for _, condition in open_now)
    print("      open by condition: " + ", ".join(f"{c}={n}" for c, n in
                                                  sorted(by_condition.items())))
    report.check(lost == 0, f"no alert lost: every raise stored is in the logs ({lost} missing)")
    report.check(twice == 0, f"no alert logged twice ({twice} repeats)")
    report.check(unstored == 0, f"every logged alert is stored ({unstored} not)")
    missing = want - open_now
    extra = open_now - want
    for key in sorted(missing)[:5]:
        print(f"      expected open, is not: {key}")
    for key in sorted(extra)[:5]:
        print(f"      open, not expected: {key}")
    report.check(not missing and not extra,
                 f"the alerts open at the end are the expected ones ({len(missing)} missing, "
                 f"{len(extra)} extra)")
    repeats = sum(1 for levels in rates.values()
                  for a, b in zip(levels, levels[1:]) if a == b)
    report.check(repeats == 0, f"no rate alert logged twice for one crossing ({repeats})")


def check_rss(report, out_dir):
    samples = collections.defaultdict(list)
    with open(f"{out_dir}/rss.tsv", encoding="utf-8") as rss:
        for line in rss:
            run, seconds, kilobytes = line.split()
            samples[int(run)].append((float(seconds), int(kilobytes)))
    if not samples:
        report.check(False, "RSS was sampled")
        return
    peaks = {run: max(kb for _, kb in values) for run, values in samples.items()}
    runs = sorted(peaks)
    print("      RSS peak per run (MiB): "
          + " ".join(f"{peaks[run] / 1024:.1f}" for run in runs))
    every = [kb for run in runs for _, kb in samples[run]]
    print(f"      RSS over all samples: min {min(every) / 1024:.1f} MiB, "
          f"max {max(every) / 1024:.1f} MiB, {len(every)} samples")
    # The early runs ask about every number at once; later ones about fewer. Flat: the later
    # half of the runs peaks no higher than the earlier half (10 % slack), so nothing grows
    # from run to run or over time.
    half = max(1, len(runs) // 2)
    early = max(peaks[run] for run in runs[:half])
    late = max(peaks[run] for run in runs[half:]) if runs[half:] else early
    report.check(late <= early * 1.10,
                 f"RSS stays flat (early runs' peak {early / 1024:.1f} MiB, later runs' "
                 f"{late / 1024:.1f} MiB)")


def print_requests(out_dir):
    answers = collections.Counter()
    per_api = collections.Counter()
    try:
        with open(f"{out_dir}/requests.tsv", encoding="utf-8") as log:
            for line in log:
                endpoint, _, answer, _ = line.rstrip("\n").split("\t")
                per_api[endpoint] += 1
                answers[answer] += 1
    except FileNotFoundError:
        return
    total = sum(answers.values())
    failed = total - answers["ok"]
    print(f"      fake: {total} tracking requests, {failed} failed "
          f"({100.0 * failed / max(total, 1):.1f} %): "
          + ", ".join(f"{name}={count}" for name, count in sorted(answers.items())))
    print("      per endpoint: " + ", ".join(f"{name}={count}"
                                             for name, count in sorted(per_api.items())))


def main():
    out_dir = sys.argv[1]
    with open(f"{out_dir}/expected.json", encoding="utf-8") as source:
        expected = json.load(source)
    db = sqlite3.connect(f"file:{out_dir}/soak.db?mode=ro", uri=True)
    report = Report()
    print_requests(out_dir)
    check_lookups(report, expected, db)
    check_alerts(report, expected, db, out_dir)
    check_rss(report, out_dir)
    print(f"soak: {len(report.failures)} failed")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
