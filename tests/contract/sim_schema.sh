#!/usr/bin/env bash
# cargowatch-sim writes only what the message contract allows: every line
# of a feed with schemes and split deliveries validates against the
# manifest or insurance schema (tests/contract/schema, copied from the
# contract), with RFC 3339 UTC times, real container and IMO check digits,
# bounded lateness; and the ground truth names only ids and B/Ls that are
# in the feed.  Also: bad options are refused, too small a budget too.
# Usage: sim_schema.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
B=$1 S=$2
sim="$B/cargowatch-sim"
data="$S/rules/reference"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
validate() { /usr/bin/python3 "$S/tests/contract/validate.py" "$S/tests/contract/schema" "$@"; }

echo "== 3000 messages, 8 schemes (every kit and concealment level), 4 split deliveries"
"$sim" --seed 7 --messages 3000 --schemes 8 --splits 4 --data "$data" \
    --truth "$work/truth.jsonl" -o "$work/feed.jsonl"
[ "$(wc -l <"$work/feed.jsonl")" -eq 3000 ] || fail "asked for 3000 lines, got $(wc -l <"$work/feed.jsonl")"
[ "$(wc -l <"$work/truth.jsonl")" -eq 12 ] || fail "truth should have 8 schemes and 4 splits"
validate "$work/feed.jsonl" "$work/truth.jsonl" || fail "feed or truth breaks the contract"
levels=$(/usr/bin/python3 -c 'import json,sys; print(sorted({json.loads(l)["level"] for l in open(sys.argv[1]) if "scheme" in l}))' "$work/truth.jsonl")
[ "$levels" = "[0, 1, 2, 3]" ] || fail "8 schemes should cover levels 0-3, got $levels"
echo "concealment levels present: $levels"

echo "== a short run on stdout: 2 days from New Year's Eve, default splits"
"$sim" --seed 3 --messages 600 --schemes 2 --days 2 --start 2025-12-31T22:00:00Z \
    --data "$data" --truth "$work/t2.jsonl" >"$work/small.jsonl"
validate "$work/small.jsonl" "$work/t2.jsonl" || fail "short run breaks the contract"

echo "== refusals"
for bad in "--messages 0" "--messages x" "--days 0" "--start yesterday" "--schemes -1" "--bogus"; do
    # shellcheck disable=SC2086
    if "$sim" $bad --data "$data" -o "$work/x.jsonl" 2>/dev/null; then fail "accepted $bad"; fi
done
if "$sim" --messages 20 --schemes 10 --data "$data" -o "$work/x.jsonl" 2>"$work/err"; then
    fail "20 messages cannot hold 10 schemes, yet it succeeded"
fi
grep -q "too few" "$work/err" || fail "no reason given for a too small --messages"
"$sim" --help | grep -q -- "--truth" || fail "--help does not list the options"
"$sim" --version | grep -q "cargowatch-sim" || fail "--version"
echo "bad options, a too small budget refused; --help, --version fine"
echo "sim_schema: passed"
