"""Checks a cargowatch-sim feed against the message contract.

usage: validate.py SCHEMA_DIR FEED.jsonl [TRUTH.jsonl]

Every line must validate against manifest.schema.json or
insurance.schema.json (Draft 2020-12, date-time format checked), with
timestamps in UTC ("Z").  Beyond the schemas: container numbers carry a
correct ISO 6346 check digit, IMO numbers a correct check digit, a re-sent
id repeats the same bytes, and no message arrives more than an hour of
event time after one that followed it.  With a truth file, every id and
B/L it names must be in the feed.  Exit status 1 on any failure.
"""
import json
import re
import sys
from datetime import datetime

from jsonschema import Draft202012Validator, FormatChecker


def iso6346_ok(number):
    def value(ch):
        v = 10 + ord(ch) - ord("A")
        return v + (v >= 11) + (v >= 21) + (v >= 31)  # skip 11, 22, 33
    total = sum((value(c) if c.isalpha() else int(c)) << i for i, c in enumerate(number[:10]))
    return total % 11 % 10 == int(number[10])


def imo_ok(imo):
    return sum(int(imo[i]) * (7 - i) for i in range(6)) % 10 == int(imo[6])


def when(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").timestamp()


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def format_checker():
    """FormatChecker with a strict RFC 3339 date-time: Debian's
    python3-jsonschema checks date-time only when rfc3339-validator is
    installed, and it is not a Debian package, so we check it ourselves."""
    fc = FormatChecker()

    @fc.checks("date-time", raises=ValueError)
    def date_time(text):
        if not isinstance(text, str):
            return True
        if not RFC3339.match(text):
            raise ValueError(f"{text!r} is not an RFC 3339 date-time")
        datetime.fromisoformat(text.upper().replace("Z", "+00:00"))  # ranges
        return True

    return fc


def load_schema(schema_dir, name):
    schema = json.load(open(f"{schema_dir}/{name}.schema.json"))
    # The contract's $id ("cargowatch/manifest/1") is a relative reference;
    # python3-jsonschema 4.10 joins it onto itself when it follows the
    # schema's own "#/$defs/..." refs and fails.  Without $id the refs
    # resolve against the document itself, which is what they mean.
    schema.pop("$id", None)
    return schema


class Report:
    def __init__(self):
        self.errors = 0

    def fail(self, msg):
        self.errors += 1
        if self.errors <= 20:
            print("  " + msg)


def check_feed(schema_dir, feed_path, rep):
    fc = format_checker()
    validators = {t: Draft202012Validator(load_schema(schema_dir, t), format_checker=fc)
                  for t in ("manifest", "insurance")}
    seen = {}
    ids, bls = set(), set()
    counts = {"manifest": 0, "insurance": 0, "duplicate": 0, "amend": 0, "cancel": 0}
    latest = None
    n = 0
    for n, raw in enumerate(open(feed_path, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        msg = json.loads(line)
        kind = msg.get("type")
        if kind not in validators:
            rep.fail(f"line {n}: type {kind!r}")
            continue
        for err in validators[kind].iter_errors(msg):
            rep.fail(f"line {n} ({kind}): {err.message} at {list(err.absolute_path)}")
        if msg["id"] in seen:
            counts["duplicate"] += 1
            if seen[msg["id"]] != line:
                rep.fail(f"line {n}: id {msg['id']} re-sent with other bytes")
            continue
        seen[msg["id"]] = line
        counts[kind] += 1
        counts[msg.get("action", "")] = counts.get(msg.get("action", ""), 0) + 1
        ids.add(msg["id"])
        t = msg["filed_at"] if kind == "manifest" else msg["issued_at"]
        for key in ("filed_at", "issued_at", "departure", "arrival"):
            if key in msg and not msg[key].endswith("Z"):
                rep.fail(f"line {n}: {key} {msg[key]} is not UTC")
        ts = when(t)
        if latest is not None and latest - ts > 3600:
            rep.fail(f"line {n}: event time {t} is over an hour behind the feed")
        latest = ts if latest is None else max(latest, ts)
        if kind == "manifest":
            bls.add(msg["bl"])
            for c in msg.get("containers", []):
                if not iso6346_ok(c["number"]):
                    rep.fail(f"line {n}: container {c['number']} has a wrong check digit")
            if "vessel" in msg and not imo_ok(msg["vessel"]["imo"]):
                rep.fail(f"line {n}: IMO {msg['vessel']['imo']} has a wrong check digit")
        else:
            for c in msg.get("containers", []):
                if not iso6346_ok(c):
                    rep.fail(f"line {n}: container {c} has a wrong check digit")
    print(f"{n} lines: {counts['manifest']} manifests ({counts['amend']} amendments, "
          f"{counts['cancel']} cancels), {counts['insurance']} certificates, "
          f"{counts['duplicate']} re-deliveries")
    return ids, bls


def check_truth(truth_path, ids, bls, rep):
    schemes = splits = 0
    for n, line in enumerate(open(truth_path, encoding="utf-8"), 1):
        t = json.loads(line)
        label = t.get("scheme") or t.get("split")
        if not label or not t.get("manifest_ids") or not t.get("bls"):
            rep.fail(f"truth line {n}: no label, manifest_ids or bls")
            continue
        if "scheme" in t:
            schemes += 1
            if t.get("level") not in (0, 1, 2, 3) or not t.get("kit") or len(t.get("components", [])) < 3:
                rep.fail(f"truth {label}: kit, level or components missing")
            if t["level"] == 3 and not t.get("insurance_ids"):
                rep.fail(f"truth {label}: level 3 without certificates")
        else:
            splits += 1
        for i in t["manifest_ids"] + t.get("insurance_ids", []):
            if i not in ids:
                rep.fail(f"truth {label}: id {i} is not in the feed")
        for b in t["bls"]:
            if b not in bls:
                rep.fail(f"truth {label}: B/L {b} is not in the feed")
    print(f"truth: {schemes} schemes, {splits} split deliveries, all ids checked against the feed")


def main(argv):
    rep = Report()
    ids, bls = check_feed(argv[1], argv[2], rep)
    if len(argv) > 3:
        check_truth(argv[3], ids, bls, rep)
    print(f"{rep.errors} errors")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
