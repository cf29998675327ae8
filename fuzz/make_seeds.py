#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/: ordinary inputs and the hostile shapes
vtrguard has met (deep JSON, huge lines, invalid UTF-8, unterminated quotes, NULs, BOMs, UTF-16).
Run it again after changing a shape; the files are committed so the corpora need no tools."""

import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
SOURCE = ROOT.parent

BOM = b"\xef\xbb\xbf"


def utf16(text):
    return b"\xff\xfe" + text.encode("utf-16-le")


def write(target, seeds):
    folder = CORPUS / target
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, data in seeds.items():
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def numbers():
    seeds = {
        "ups": "1Z5R89390357567127",
        "usps_spaced": "9400 1112 0108 0805 4830 16",
        "s10": "RB123456785GB",
        "routing_prefix": "420902109400111201080805483016",
        "fedex_barcode": "9622001900000000000000776632648712",
        "typo_letter": "1Z5R8939O357567127",
        "swapped": "1Z5R89390357567172",
        "fullwidth": "\uff11\uff3a\uff15\uff32\uff18\uff19\uff13\uff19\uff10\uff13\uff15\uff17\uff15\uff16\uff17\uff11\uff12\uff17",
        "labels": "Tracking: No.#'1Z5R89390357567127'",
        "quoted": '"RB123456785GB"',
        "rlm": "RB123456785GB\u200f",
        "rlo": "\u202eRB123456785GB",
        "zwsp": "RB12345\u200b6785GB",
        "empty": "",
        "dashes": "--- -- -",
        "short": "986578788855",
        "long_line": "1" * 5000,
    }
    seeds = {k: v.encode() for k, v in seeds.items()}
    seeds.update({
        "invalid_utf8": b"1Z5R89\xff\xfe390357567127",
        "overlong_utf8": b"\xc0\xb1Z5R89390357567127",
        "nul": b"RB1234\x005678\x005GB",
        "bom": BOM + b"1Z5R89390357567127",
        "utf16": utf16("1Z5R89390357567127"),
        "gb18030": "单号 RB123456785GB".encode("gb18030"),
    })
    return seeds


CSV_HEADER = "order_id,ship_by,carrier,tracking_number,status,order_value\n"
TSV_HEADER = "order-id\tpurchase-date\tsales-channel\tship-service-level\tship-country\tlatest-ship-date\n"


def records(prefix=b""):
    rows = [
        "111-0000001-0000001,2026-01-02T10:00:00Z,ups,1Z5R89390357567127,awaiting,12.50",
        '111-0000002-0000002,2026-01-02,usps,"9400 1112 0108 0805 4830 16",shipped,0',
        '"111-0000003-0000003","2026-01-03T00:00:00+08:00","royal_mail","RB123456785GB",,',
    ]
    seeds = {
        "csv": CSV_HEADER + "\n".join(rows) + "\n",
        "csv_crlf": (CSV_HEADER + "\n".join(rows) + "\n").replace("\n", "\r\n"),
        "tsv": TSV_HEADER + "113-1-1\t2026-01-01T00:00:00Z\tAmazon.com\tStandard\tUS\t2026-01-03T07:59:59Z\n",
        "unterminated_quote": CSV_HEADER + '111-1,"2026-01-02,ups,1Z5R89390357567127,awaiting,1\n'
        + "\n".join(rows) + "\n",
        "quote_in_field": CSV_HEADER + '111-1,2026-01-02,ups,1Z"5R8"9,awaiting,1\n',
        "multiline": CSV_HEADER + '"111-\n1",2026-01-02,ups,"1Z5R\r\n89",awaiting,1\n',
        "formulas": CSV_HEADER + '=HYPERLINK("x"),+SUM(A1),-1,@x,awaiting,1\n',
        "wrong_count": CSV_HEADER + "a,b\na,b,c,d,e,f,g,h\n",
        "unknown_column": "order_idd,shipby\n1,2\n",
        "absurd_dates": CSV_HEADER + "1,9999-99-99T99:99:99Z,ups,1,awaiting,1e308\n2,2330-01-01,ups,1,awaiting,-0\n",
        "header_only": CSV_HEADER,
        "empty": "",
        "blank_lines": "\n\n\r\n\n",
    }
    seeds = {k: v.encode() for k, v in seeds.items()}
    huge = b"x" * 70_000
    seeds.update({
        "huge_line": CSV_HEADER.encode() + b"1,2026-01-02,ups," + huge + b",awaiting,1\n2,2026-01-02,ups,1Z,awaiting,1\n",
        "huge_quoted": CSV_HEADER.encode() + b'1,"' + huge + b'",ups,1,awaiting,1\n',
        "nul": CSV_HEADER.encode() + b"1\x00,2026-01-02,ups,1Z5R\x0089390357567127,awaiting,1\n",
        "invalid_utf8": CSV_HEADER.encode() + b"1,2026-01-02,ups,1Z\xff\xfe,awaiting,1\n",
        "bom": BOM + CSV_HEADER.encode() + b"1,2026-01-02,ups,1Z5R89390357567127,awaiting,1\n",
        "utf16": utf16(CSV_HEADER + rows[0] + "\n"),
        "gb18030": (CSV_HEADER + "订单1,2026-01-02,中国邮政,RB123456785GB,awaiting,1\n").encode("gb18030"),
        "tsv_bom_utf16": utf16(TSV_HEADER + "113-1\t2026-01-01\tAmazon.com\tStd\tUS\t2026-01-03\n"),
    })
    return {name: prefix + data for name, data in seeds.items()}


def json_hostile(depth):
    """Hostile JSON; `depth` nested arrays (200,000 crashed the recursive parser)."""
    return {
        "deep_array": b"[" * depth + b"]" * depth,
        "deep_object": b'{"a":' * (depth // 4) + b"1" + b"}" * (depth // 4),
        "invalid_utf8": b'{"a":"\xff\xfe"}',
        "nul": b'{"a\x00b":1}',
        "bom": BOM + b"{}",
        "utf16": utf16("{}"),
        "unterminated_string": b'{"a":"',
        "unterminated_comment": b'{"a":1 /* ',
        "huge_number": b'{"a":1e309}',
        "empty": b"",
    }


def config():
    seeds = json_hostile(200_000)
    seeds.update({
        "sample": (SOURCE / "config" / "vtrguard.json").read_bytes(),
        "duplicate_key": b'{"poll_interval":"1m","poll_interval":"2m"}',
        "duplicate_nested": b'{"carriers":{"ups":{"burst":2,"burst":3}}}',
        "burst_huge": b'{"carriers":{"ups":{"burst":1e308}}}',
        "timeout_huge": b'{"carriers":{"ups":{"timeout_ms":18446744073709551615}}}',
        "negative_zero": b'{"carriers":{"usps":{"requests_per_second":-0.0}}}',
        "base_url_secret": b'{"carriers":{"ups":{"base_url":"https://user:pa55@host.example?key=abc"}}}',
        "trailing_commas": b'{"log":{"level":"debug",},}',
        "marketplaces": b'{"marketplaces":{"amazon_us":{"threshold":95,"exempt_below_value":1e308}}}',
        "lead_times": b'{"lead_times":{"warn":"9999999999999d","error":"1s","critical":"0s"}}',
        "time_zone": b'{"report":{"time_zone":"../../etc/passwd"}}',
    })
    return seeds


def rule_file():
    seeds = json_hostile(200_000)
    seeds.update({
        "example": (SOURCE / "config" / "carriers.d" / "example-regional-line.json").read_bytes(),
        "duplicate_key": b'{"carriers":[{"code":"x","code":"y"}]}',
        "huge_weights": b'{"carriers":[{"code":"zz","name":"Z","formats":[{"id":"zz","pattern":"d{12}",'
        b'"check":{"algorithm":"weighted_mod","weights":[2147483647,2147483647],"modulo1":2147483647,'
        b'"serial_begin":0,"serial_end":11,"check_at":11}}]}]}',
        "zero_modulo": b'{"carriers":[{"code":"zz","name":"Z","formats":[{"id":"zz","pattern":"d{12}",'
        b'"check":{"algorithm":"mod10","modulo1":0,"modulo2":0}}]}]}',
        "huge_position": b'{"carriers":[{"code":"zz","name":"Z","formats":[{"id":"zz","pattern":"d{12}",'
        b'"check":{"algorithm":"mod10","check_at":-2147483648,"evens_multiplier":2147483647}}]}]}',
        "huge_count": b'{"carriers":[{"code":"zz","name":"Z","formats":[{"id":"zz","pattern":"d{999999999}"}]}]}',
    })
    return seeds


API_BODIES = {
    "ups": {
        "found": '{"trackResponse":{"shipment":[{"package":[{"currentStatus":{"type":"I","code":"OT"},'
        '"activity":[{"gmtDate":"20240320","gmtTime":"74700","status":{"type":"I","code":"OT"}},'
        '{"gmtDate":"20240319","gmtTime":"23:07:00","status":{"type":"I","code":"AR"},"logicalScan":true}]}]}]}}',
        "warning": '{"trackResponse":{"shipment":[{"inquiryNumber":"1Z","warnings":[{"code":"TW0001"}]}]}}',
        "errors": '{"response":{"errors":[{"code":"10429","message":"x"}]}}',
        "bad_date": '{"trackResponse":{"shipment":[{"package":[{"activity":[{"gmtDate":"99999999","gmtTime":"999999"}]}]}]}}',
    },
    "fedex": {
        "found": '{"output":{"completeTrackResults":[{"trackingNumber":"1Z5R89390357567127","trackResults":['
        '{"latestStatusDetail":{"code":"DL"},"scanEvents":[{"date":"2024-08-17T10:00:00-05:00","eventType":"DL"}]}]},'
        '{"trackingNumber":"x","trackResults":[{"error":{"code":"TRACKING.TRACKINGNUMBER.NOTFOUND"}}]}]}}',
        "bad_date": '{"output":{"completeTrackResults":[{"trackingNumber":"1Z5R89390357567127","trackResults":['
        '{"scanEvents":[{"date":"2024-13-45T99:00:00+99:99"}]}]}]}}',
    },
    "usps": {
        "found": '{"statusCategory":"Alert","trackingEvents":[{"eventCode":"09","GMTTimestamp":"2024-11-27T00:00:00Z"},'
        '{"eventCode":"03","GMTTimestamp":"2024-11-26T00:26:14Z"}]}',
        "not_found": '{"error":{"code":"400","errors":[{"code":"150001"}]}}',
        "forbidden": '{"error":{"message":"MID"}}',
    },
    "dhl": {
        "found": '{"shipments":[{"id":"1","status":{"statusCode":"transit","status":"Out for Delivery"},'
        '"events":[{"timestamp":"2024-01-02T10:00:00+01:00","statusCode":"transit"}]}]}',
        "not_found": '{"status":404}',
    },
    "17track": {
        "register": '{"code":0,"data":{"accepted":[{"number":"RR1"}],"rejected":[{"number":"RR2","error":{"code":-18019901}}]}}',
        "info": '{"code":0,"data":{"accepted":[{"number":"1Z5R89390357567127","track_info":{"latest_status":'
        '{"status":"InfoReceived"},"milestone":[{"key_stage":"PickedUp","time_utc":"2024-04-26T06:30:00Z"}]}}],'
        '"rejected":[{"number":"RB123456785GB","error":{"code":-18019909}}]}}',
        "error": '{"code":-18010002}',
    },
    "token": {
        "string_expiry": '{"access_token":"abc","expires_in":"14399"}',
        "number_expiry": '{"access_token":"abc","expires_in":3600}',
        "huge_expiry": '{"access_token":"abc","expires_in":"999999999999999999"}',
        "refused": '{"error":"invalid_client"}',
    },
}


def api(name):
    seeds = {k: v.encode() for k, v in API_BODIES[name].items()}
    seeds.update(json_hostile(20_000))
    seeds["cut"] = seeds[next(iter(API_BODIES[name]))][:40]
    seeds["html"] = b"<html><body>502 Bad Gateway</body></html>"
    return seeds


def tzif():
    seeds = {}
    zoneinfo = pathlib.Path("/usr/share/zoneinfo")
    for zone in ["UTC", "Europe/Berlin", "Asia/Shanghai", "America/New_York", "Australia/Lord_Howe"]:
        path = zoneinfo / zone
        if path.exists():
            data = path.read_bytes()
            name = zone.replace("/", "_")
            seeds[name] = data
            seeds[name + "_cut"] = data[: len(data) // 2]
            seeds[name + "_footer"] = data[:-1] + b"XXX-99:99:99YYY,M13.9.9/999,J999\n"
    seeds["empty"] = b""
    seeds["magic_only"] = b"TZif2" + b"\x00" * 15
    seeds["huge_counts"] = b"TZif2" + b"\x00" * 15 + b"\xff" * 24
    return seeds


SP_ORDER = (
    '{"orderId":"113-0000000-0000001","createdTime":"2026-11-20T10:00:00Z",'
    '"lastUpdatedTime":"2026-11-21T10:00:00Z",'
    '"salesChannel":{"channelName":"Amazon.com","marketplaceId":"ATVPDKIKX0DER"},'
    '"fulfillment":{"fulfillmentStatus":"SHIPPED","fulfilledBy":"MERCHANT",'
    '"fulfillmentServiceLevel":"Standard","shipByWindow":{"latestDateTime":"2026-11-22T23:59:59Z"},'
    '"deliverByWindow":{"latestDateTime":"2026-11-28T23:59:59Z"}},'
    '"packages":[{"packageReferenceId":"1","carrier":"UPS","trackingNumber":"1Z5R89390357567127",'
    '"shipTime":"2026-11-21T09:00:00Z","packageStatus":{"status":"IN_TRANSIT"}},'
    '{"packageReferenceId":"2","carrier":"Yun Express","trackingNumber":"YT2230000000000000",'
    '"shipTime":null,"packageStatus":{"status":"PENDING"}}]}'
)


def sp_api():
    seeds = {
        "page": '{"orders":[' + SP_ORDER + '],"pagination":{"nextToken":"abc"},'
                '"lastUpdatedBefore":"2026-11-21T11:00:00Z"}',
        "last_page": '{"orders":[' + SP_ORDER + "," + SP_ORDER.replace("0001", "0002") + "]}",
        "missing_fields": '{"orders":[{"orderId":"113-1"},{"createdTime":"x"},{}]}',
        "bad_times": '{"orders":[' + SP_ORDER.replace("2026-11-20T10:00:00Z", "2999-99-99T99:99:99Z") + "]}",
        "quota": '{"errors":[{"code":"QuotaExceeded","message":"You exceeded your quota"}]}',
        "token": '{"access_token":"Atza|x","token_type":"bearer","expires_in":3600}',
        "token_refused": '{"error":"invalid_grant","error_description":"The request has an invalid grant"}',
        "cut": ('{"orders":[' + SP_ORDER)[:120],
        "html": "<html><body>503 Service Unavailable</body></html>",
    }
    seeds = {k: v.encode() for k, v in seeds.items()}
    seeds.update(json_hostile(20_000))
    return seeds


def main():
    write("fuzz_validate", numbers())
    write("fuzz_record_reader", records())
    # fuzz_import takes the format from the first byte: 0 detect, 1 amazon-unshipped, 2 csv.
    write("fuzz_import", {**records(b"\x00"), **{k + "_csv": v for k, v in records(b"\x02").items()},
                          "tsv_forced": b"\x01" + records()["tsv"]})
    write("fuzz_config", config())
    write("fuzz_rule_file", rule_file())
    for name in API_BODIES:
        write("fuzz_api_" + name, api(name))
    write("fuzz_tzif", tzif())
    write("fuzz_sp_api", sp_api())


if __name__ == "__main__":
    main()
