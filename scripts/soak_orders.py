#!/usr/bin/env python3
"""Makes the soak's orders, the fake carrier APIs' scenario and the expected alerts.

    soak_orders.py VTRGUARD OUT_DIR COUNT FAULT_RATE SEED

Numbers are made from fixed prefixes and kept when `vtrguard validate` finds them valid for
their carrier with a verified check digit, so the soak needs no check-digit code of its own.
Writes OUT_DIR/orders.csv, OUT_DIR/scenario.json and OUT_DIR/expected.json.
"""

import datetime
import json
import subprocess
import sys

# Carrier code, the API that answers for it, a prefix, how many serial digits follow before
# the check digit, a suffix, and the share of orders. 17TRACK answers for La Poste (S10 ...FR).
CARRIERS = [
    ("ups", "ups", "1Z2GK9AJ63", 7, "", 0.30),
    ("fedex", "fedex", "73457", 6, "", 0.20),
    ("usps", "usps", "94005788458860", 7, "", 0.20),
    ("dhl", "dhl", "136", 6, "", 0.15),
    ("la_poste", "17track", "RR", 8, "FR", 0.15),
]

# What the fake says per number: every 20th is unknown, every 20th + 1 only a label.
def shipment_of(index):
    if index % 20 == 0:
        return "not_found"
    if index % 20 == 1:
        return "label_created"
    return "found_with_scans"


def valid_numbers(vtrguard, carrier, prefix, digits, suffix, count):
    """`count` numbers valid for `carrier`, in serial order."""
    numbers = []
    serial = 10 ** (digits - 1) + 12345
    while len(numbers) < count:
        batch = []
        for offset in range(count - len(numbers) + 50):
            body = f"{prefix}{serial + offset:0{digits}d}"
            batch.extend(f"{body}{check}{suffix}" for check in range(10))
        serial += count - len(numbers) + 50
        result = subprocess.run(
            [vtrguard, "validate", "--file", "-", "--carrier", carrier, "--format", "json"],
            input="\n".join(batch) + "\n", capture_output=True, text=True, check=False)
        seen = set()
        for line in result.stdout.splitlines():
            item = json.loads(line)
            if not item["valid"] or not item["check_digit_verified"]:
                continue
            body = item["normalized"][: len(item["normalized"]) - len(suffix) - 1]
            if body in seen:
                continue  # one number per serial: neighbours differ by more than a digit
            seen.add(body)
            numbers.append(item["normalized"])
            if len(numbers) == count:
                break
    return numbers


def bad_check_digit(number, suffix):
    """`number` with its check digit changed: wrong for certain, same shape."""
    at = len(number) - len(suffix) - 1
    digit = (int(number[at]) + 1) % 10
    return number[:at] + str(digit) + number[at + 1:]


def main():
    vtrguard, out_dir, count, fault_rate, seed = sys.argv[1:6]
    count = int(count)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    ship_by = (now + datetime.timedelta(hours=48)).strftime("%Y-%m-%dT%H:%M:%SZ")
    confirmed = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    rows = ["order_id,ship_by,status,carrier,tracking_number,ship_confirmed_at"]
    shipments = {}
    expected = {"orders": {}, "open": []}
    index = 0
    for carrier, api, prefix, digits, suffix, share in CARRIERS:
        wanted = round(count * share) if carrier != CARRIERS[-1][0] else count - index
        for number in valid_numbers(vtrguard, carrier, prefix, digits, suffix, wanted):
            order_id = f"SOAK-{index:05d}"
            if carrier == "ups" and index % 33 == 32:
                # A typo (a 1Z number with a wrong check digit fits no carrier): never sent to
                # a carrier; an awaiting order, so TRACKING_INVALID.
                bad = bad_check_digit(number, suffix)
                rows.append(f"{order_id},{ship_by},awaiting,{carrier},{bad},")
                expected["orders"][order_id] = {"number": bad, "api": None, "shipment": None}
                expected["open"].append([order_id, "invalid_tracking"])
            else:
                shipment = shipment_of(index)
                shipments[number] = shipment
                rows.append(f"{order_id},{ship_by},shipped,{carrier},{number},{confirmed}")
                expected["orders"][order_id] = {
                    "number": number, "api": api, "shipment": shipment}
                if shipment == "not_found":
                    expected["open"].append([order_id, "carrier_not_found"])
                elif shipment == "label_created":
                    expected["open"].append([order_id, "no_carrier_scan"])
            index += 1
    with open(f"{out_dir}/orders.csv", "w", encoding="utf-8") as out:
        out.write("\n".join(rows) + "\n")
    scenario = {
        "port": 0,
        "default": "not_found",
        "numbers": shipments,
        "retry_after_s": 1,
        "random_faults": {
            "fraction": float(fault_rate),
            "faults": ["rate_limited", "retry_after", "server_error", "hang", "truncated",
                       "not_json", "refused_cut", "refused_html"],
            "seed": int(seed),
        },
        "request_log": f"{out_dir}/requests.tsv",
    }
    with open(f"{out_dir}/scenario.json", "w", encoding="utf-8") as out:
        json.dump(scenario, out)
    with open(f"{out_dir}/expected.json", "w", encoding="utf-8") as out:
        json.dump(expected, out)
    print(f"{index} orders, {len(shipments)} numbers for the carriers, "
          f"{len(expected['open'])} alerts expected open")


if __name__ == "__main__":
    main()
