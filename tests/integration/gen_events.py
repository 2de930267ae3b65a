#!/usr/bin/env python3
"""Generates integration-test input from the shipped sample events.

usage: gen_events.py [--asn-pct N] SAMPLES OUT PREFIX COUNT

Writes COUNT lines to OUT: copies of the sample events (contract §1) with unique event_ids
(PREFIX-n), and about one line in 12 invalid (not JSON, missing field, wrong type, unknown enum,
bad timestamp). With --asn-pct N, only N% of the valid events keep their (ASN) actor; the others
get an unregistered actor without a NIP (realistic traffic: most posts are not by civil servants).
Prints "<valid> <invalid>" on stdout.
"""
import json
import sys


def main():
    args = sys.argv[1:]
    asn_pct = 100
    if args and args[0] == "--asn-pct":
        asn_pct = int(args[1])
        args = args[2:]
    samples_path, out_path, prefix, count = args[0], args[1], args[2], int(args[3])
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
                if asn_pct < 100 and (n * 7919) % 100 >= asn_pct:
                    actor = dict(ev.get("actor") or {})
                    actor.pop("nip", None)
                    actor["account_id"] = "public-%d" % (n % 50000)
                    actor["handle"] = "@warga%d" % (n % 50000)
                    ev["actor"] = actor
                line = json.dumps(ev, ensure_ascii=False, separators=(",", ":"))
                valid += 1
            out.write(line + "\n")
    print(valid, invalid)


if __name__ == "__main__":
    main()
