#!/usr/bin/env bash
# Engine throughput: `cargowatchd --replay` with the shipped rule pack on a
# simulated feed (default 1,000,000 messages), on one core, against a bare
# cJSON parse of the same feed (bare_parse) in the same run.  Both time
# themselves after start-up (the replay after loading its rules, which is
# shown apart), in CPU time, which a busy shared machine disturbs least;
# wall time is printed too.  Prints messages/s and MB/s and their ratio.
# The daemon's decoder alone (bare_parse --decode: parse, contract checks,
# fields copied out) is timed too: what is left of the replay's time after
# it is what the rules and the windows take.
# Usage: engine.sh BUILD_DIR SOURCE_DIR [MESSAGES]
set -euo pipefail
B=$1 S=$2 N=${3:-1000000}
. "$(dirname "$0")/common.sh"
f=$(feed "$N")
bytes=$(stat -c %s "$f")
cat "$f" >/dev/null # into the page cache, for both
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bare=$(one_core "$B/tests/bench/bare_parse" "$f")
echo "$bare"
bare_cpu=$(sed -n 's/.* (\([0-9.]*\) s CPU).*/\1/p' <<<"$bare")
decode=$(one_core "$B/tests/bench/bare_parse" --decode "$f")
echo "$decode"
decode_cpu=$(sed -n 's/.* (\([0-9.]*\) s CPU).*/\1/p' <<<"$decode")

t0=$(now_ns)
one_core "$B/cargowatchd" --replay "$f" --rules "$S/rules" >"$work/alerts" 2>"$work/err"
t1=$(now_ns)
log=$(grep 'replay of' "$work/err")
wall=$(sed -n 's/.*; in \([0-9.]*\) s (.*/\1/p' <<<"$log")
cpu=$(sed -n 's/.* (\([0-9.]*\) s CPU).*/\1/p' <<<"$log")
echo "cargowatchd --replay: $N messages, $(wc -l <"$work/alerts") alerts; $(ms "$t0" "$t1") ms from start to exit," \
    "of which $wall s (CPU $cpu s) reading the feed after loading the rules"
awk -v n="$N" -v b="$bytes" -v c="$cpu" -v p="$bare_cpu" -v d="$decode_cpu" 'BEGIN {
    printf "replay: %.0f messages/s, %.1f MB/s (one core, CPU time)\n", n / c, b / 1e6 / c
    printf "bare cJSON parse: %.0f messages/s, %.1f MB/s\n", n / p, b / 1e6 / p
    printf "decoding alone: %.0f messages/s, %.3f of the bare parse speed\n", n / d, p / d
    printf "per message: bare parse %.1f us, decoding %.1f us, replay %.1f us (rules and windows %.1f us)\n",
        p / n * 1e6, d / n * 1e6, c / n * 1e6, (c - d) / n * 1e6
    printf "replay / bare parse speed: %.3f (target 0.5 or more)\n", p / c }'
