#!/usr/bin/env python3
"""Produce-to-alert latency from Kafka timestamps.

Reads two files written by `kcat -C -f '%T\\t%s\\n'`: the input topics
(each message's producer timestamp and its JSON, with its "id") and
cargo.alerts (the daemon's produce timestamp and the alert JSON).  An
alert's latency is its timestamp minus the latest timestamp among the
input messages its evidence names: the message that completed it.
Prints p50, p99 and max in ms (Kafka timestamps have 1 ms resolution).
"""
import json
import sys


def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            ts, _, body = line.rstrip("\n").partition("\t")
            if body:
                yield int(ts), body


def pct(xs, p):
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    inputs, alerts = sys.argv[1], sys.argv[2]
    sent = {}
    for ts, body in rows(inputs):
        try:
            sent[json.loads(body)["id"]] = ts
        except (ValueError, KeyError):
            pass
    lat = []
    for ts, body in rows(alerts):
        a = json.loads(body)
        times = [sent[e["id"]] for e in a.get("evidence", []) if e.get("id") in sent]
        if times:
            lat.append(ts - max(times))
    if not lat:
        print("latency: no alerts matched to input messages")
        return
    lat.sort()
    print(f"produce-to-alert latency over {len(lat)} alerts ({len(sent)} messages in): "
          f"p50 {pct(lat, 50)} ms, p99 {pct(lat, 99)} ms, max {lat[-1]} ms (target p99 10 ms or less)")


main()
