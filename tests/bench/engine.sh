#!/usr/bin/env bash
# Engine throughput: `cargowatchd --replay` with the shipped rule pack on a
# simulated feed (default 1,000,000 messages), on one core, against a bare
# cJSON parse of the same feed (bare_parse) in the same run.  Prints
# messages/s and MB/s of both and their ratio; the replay's fixed start-up
# (loading and compiling the rules) is measured on a one-line feed and shown
# apart.  Usage: engine.sh BUILD_DIR SOURCE_DIR [MESSAGES]
set -euo pipefail
B=$1 S=$2 N=${3:-1000000}
. "$(dirname "$0")/common.sh"
f=$(feed "$N")
bytes=$(stat -c %s "$f")
cat "$f" >/dev/null # into the page cache, for both
head -n1 "$f" >"$f.one"

t0=$(now_ns)
one_core "$B/tests/bench/bare_parse" "$f"
t1=$(now_ns)
bare_ms=$(ms "$t0" "$t1")

t0=$(now_ns)
one_core "$B/cargowatchd" --replay "$f.one" --rules "$S/rules" >/dev/null 2>&1
t1=$(now_ns)
start_ms=$(ms "$t0" "$t1")
t0=$(now_ns)
one_core "$B/cargowatchd" --replay "$f" --rules "$S/rules" >"$f.alerts" 2>"$f.err"
t1=$(now_ns)
all_ms=$(ms "$t0" "$t1")
run_ms=$((all_ms - start_ms))
alerts=$(wc -l <"$f.alerts")
rm -f "$f.one" "$f.alerts" "$f.err"
echo "cargowatchd --replay: $N messages, $alerts alerts, $all_ms ms in all, start-up (rules) $start_ms ms"
echo "cargowatchd --replay after start-up: $(rate "$N" "$run_ms") messages/s," \
    "$(awk -v b="$bytes" -v ms="$run_ms" 'BEGIN { printf "%.1f", b / 1e3 / ms }') MB/s (one core)"
echo "bare cJSON parse:                    $(rate "$N" "$bare_ms") messages/s," \
    "$(awk -v b="$bytes" -v ms="$bare_ms" 'BEGIN { printf "%.1f", b / 1e3 / ms }') MB/s (one core)"
awk -v r="$run_ms" -v p="$bare_ms" 'BEGIN { printf "replay / bare parse speed: %.2f (target 0.5 or more)\n", p / r }'
