#!/usr/bin/env bash
# Memory per shipment held in the windows: replay a feed (default 1,400,000
# messages: 1,007,643 distinct B/Ls) with a correlation window longer
# than the feed, so every shipment stays held, sampling the process's
# VmRSS/VmHWM from /proc; the same for a one-line feed gives the base (rules,
# ICU, Hyperscan).  Prints resident bytes per held shipment.
# Usage: memory.sh BUILD_DIR SOURCE_DIR [MESSAGES]
set -euo pipefail
B=$1 S=$2 N=${3:-1400000}
. "$(dirname "$0")/common.sh"
f=$(feed "$N")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/c.yaml" <<YAML
windows:
  correlation: 3650d
limits:
  max_window_entries: 100000000
YAML
head -n1 "$f" >"$work/one.jsonl"
# run FEED: replay it, sampling /proc/PID/status; prints "hwm_kB last_rss_kB held"
run() {
    "$B/cargowatchd" -c "$work/c.yaml" --replay "$1" --rules "$S/rules" >/dev/null 2>"$work/err" &
    local pid=$! hwm=0 rss=0 st h r rc=0
    while st=$(cat "/proc/$pid/status" 2>/dev/null) && [ -n "$st" ]; do
        h=$(awk '/^VmHWM/ { print $2 }' <<<"$st")
        r=$(awk '/^VmRSS/ { print $2 }' <<<"$st")
        [ -n "$h" ] && hwm=$h # gone while the process exits
        [ -n "$r" ] && rss=$r
        sleep 0.2
    done
    wait "$pid" || rc=$?
    [ "$rc" = 0 ] || echo "memory.sh: replay exited with $rc: $(tail -n 3 "$work/err")" >&2
    held=$(sed -n 's/.*, \([0-9]*\) shipments held.*/\1/p' "$work/err")
    echo "$hwm $rss ${held:-0}"
}
read -r base_hwm base_rss _ < <(run "$work/one.jsonl")
read -r hwm rss held < <(run "$f")
echo "base (rules loaded, one message): VmHWM $base_hwm kB"
echo "after $N messages: $held shipments held, VmHWM $hwm kB, last VmRSS sampled $rss kB"
awk -v h="$hwm" -v b="$base_hwm" -v n="$held" 'BEGIN {
    if (n > 0) printf "resident memory per held shipment: %.0f bytes (peak minus base, over shipments held; target 1024 or less)\n", (h - b) * 1024 / n }'
