#!/usr/bin/env bash
# Writes a CSV of sample orders whose ship-by times are relative to now, so the daemon has
# something to warn about within seconds. Usage: scripts/sample_orders.sh > orders.csv
set -euo pipefail

at() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }

echo "order_id,marketplace,purchase_date,ship_by,deliver_by,status,carrier,tracking_number,category,service_level"
row() { echo "$1,amazon.com,$(at '-1 day'),$(at "$2"),$(at '+4 days'),awaiting,$3,$4,$5,Standard"; }
row 111-0000001-0000001 "+20 hours"          ups   1Z5R89390357567127 "Home & Kitchen"
row 111-0000001-0000002 "+50 minutes"        usps  ""                 "Home & Kitchen"
row 111-0000001-0000003 "+3 hours"           ups   1Z5R89390357567128 "Toys & Games"
row 111-0000001-0000004 "+5 hours"           usps  1Z5R89390357567127 "Toys & Games"
row 111-0000001-0000005 "+2 hours"           usps  420787459400111206206406260787 "Toys & Games"
row 111-0000001-0000006 "+1 hour +20 seconds" fedex ""               "Electronics"
row 111-0000001-0000007 "-2 hours"           dhl   ""                 "Electronics"
row 111-0000001-0000008 "+30 hours"          usps  9400111206206406260787 "Electronics"
row 111-0000001-0000009 "+6 hours"           ups   1Z5R89390357567127 "Home & Kitchen"
