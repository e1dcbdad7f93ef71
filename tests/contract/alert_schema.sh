#!/usr/bin/env bash
# Every alert cargowatchd writes validates against the contract's alert
# schema, and a replay is repeatable: two runs print the same bytes but for
# detected_at.
set -euo pipefail
B=$1 S=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$B/cargowatch-sim" --seed 11 --messages 5000 --schemes 6 --truth "$work/truth.jsonl" -o "$work/feed.jsonl"
"$B/cargowatchd" --replay "$work/feed.jsonl" --rules "$S/rules" >"$work/a1.jsonl" 2>"$work/err1" ||
    { echo "FAIL: replay exited $?"; tail -n 20 "$work/err1"; exit 1; }
"$B/cargowatchd" --replay - --rules "$S/rules" <"$work/feed.jsonl" >"$work/a2.jsonl" 2>"$work/err2" ||
    { echo "FAIL: replay of stdin exited $?"; tail -n 20 "$work/err2"; exit 1; }

n=$(wc -l <"$work/a1.jsonl")
echo "replay gave $n alerts"
[ "$n" -gt 0 ] || { echo "FAIL: no alerts from a feed with 6 schemes"; exit 1; }

strip() { sed -E 's/"detected_at":"[^"]*"//' "$1"; }
if ! cmp -s <(strip "$work/a1.jsonl") <(strip "$work/a2.jsonl"); then
    echo "FAIL: two replays of one feed differ"
    diff <(strip "$work/a1.jsonl") <(strip "$work/a2.jsonl") | head -5
    exit 1
fi
echo "two replays identical apart from detected_at"

/usr/bin/python3 - "$S/tests/contract/schema/alert.schema.json" "$work/a1.jsonl" <<'PY'
import json, re, sys
from datetime import datetime
from jsonschema import Draft202012Validator, FormatChecker
schema = json.load(open(sys.argv[1]))
schema.pop("$id", None)  # relative: Debian's jsonschema 4.10 cannot resolve it
checker = FormatChecker()
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
@checker.checks("date-time", raises=ValueError)
def date_time(s):
    # the rfc3339 validator package is not in Debian 12: check strictly here
    if not isinstance(s, str):
        return True
    if not RFC3339.match(s):
        raise ValueError("not RFC 3339")
    datetime.fromisoformat(s.replace("Z", "+00:00"))
    return True
v = Draft202012Validator(schema, format_checker=checker)
bad = 0
for i, line in enumerate(open(sys.argv[2]), 1):
    for err in v.iter_errors(json.loads(line)):
        bad += 1
        if bad <= 5:
            print(f"alert line {i}: {err.message} at {list(err.absolute_path)}")
print(f"{i} alerts checked against the alert schema, {bad} errors")
sys.exit(1 if bad else 0)
PY
