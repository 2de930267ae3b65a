#!/usr/bin/env python3
"""Generates integration-test input from the shipped sample events.

usage: gen_events.py SAMPLES OUT PREFIX COUNT

Writes COUNT lines to OUT: copies of the sample events (contract §1) with unique event_ids
(PREFIX-n), and about one line in 12 invalid (not JSON, missing field, wrong type, unknown enum,
bad timestamp). Prints "<valid> <invalid>" on stdout.
"""
import json
import sys


def main():
    samples_path, out_path, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    samples = []
    with open(samples_path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                ev = json.loads(line)
            except ValueError:
                continue
            if isinstance(ev, dict) and "event_id" in ev:
                samples.append(ev)
    if not samples:
        sys.exit("no usable sample events in " + samples_path)
    invalid_kinds = [
        lambda n: "this is not json %d" % n,
        lambda n: json.dumps({"event_id": "%s-%d" % (prefix, n), "platform": "x",
                              "action": "post", "ts": "2024-01-12T08:15:00+07:00"}),
        lambda n: json.dumps({"event_id": "%s-%d" % (prefix, n), "platform": "x",
                              "action": "post", "ts": "2024-01-12T08:15:00+07:00",
                              "actor": {"account_id": 12345}}),
        lambda n: json.dumps({"event_id": "%s-%d" % (prefix, n), "platform": "myspace",
                              "action": "post", "ts": "2024-01-12T08:15:00+07:00",
                              "actor": {"account_id": "a1"}}),
        lambda n: json.dumps({"event_id": "%s-%d" % (prefix, n), "platform": "x",
                              "action": "post", "ts": "yesterday",
                              "actor": {"account_id": "a1"}}),
        lambda n: "[1, 2, 3]",
    ]
    valid = invalid = 0
    with open(out_path, "w", encoding="utf-8", errors="surrogateescape") as out:
        for n in range(count):
            if n % 12 == 11:
                line = invalid_kinds[(n // 12) % len(invalid_kinds)](n)
                invalid += 1
            else:
                ev = dict(samples[n % len(samples)])
                ev["event_id"] = "%s-%d" % (prefix, n)
                line = json.dumps(ev, ensure_ascii=False, separators=(",", ":"))
                valid += 1
            out.write(line + "\n")
    print(valid, invalid)


if __name__ == "__main__":
    main()
