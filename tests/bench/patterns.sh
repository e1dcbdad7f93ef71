#!/usr/bin/env bash
# Pattern scaling: --replay throughput with the shipped pack plus 50, 500
# and 5,000 generated text patterns, all used by one rule on goods
# descriptions (so every description is scanned for all of them).  The
# replay times itself after loading and compiling the rules (CPU time);
# the rest of the wall time is shown as the start-up.  Usage: patterns.sh BUILD_DIR SOURCE_DIR [MESSAGES]
set -euo pipefail
B=$1 S=$2 N=${3:-100000}
. "$(dirname "$0")/common.sh"
f=$(feed "$N")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat "$f" >/dev/null
words=(valve flange rotor gasket bearing nozzle sleeve casing turbine impeller bracket coupling
    sensor relay spindle piston bushing manifold sprocket diaphragm)
first=
for np in 50 500 5000; do
    d=$work/rules-$np
    cp -r "$S/rules" "$d"
    {
        for ((i = 0; i < np; i++)); do
            w1=${words[i % 20]} w2=${words[(i / 20) % 20]}
            echo "- pattern: bench-$i"
            echo "  regex: '\\b${w1}s?\\s+(type|model)\\s+${w2}[-\\s]?$((i * 7 + 100))\\b'"
        done
        echo "- rule: bench-patterns"
        echo "  title: Benchmark patterns"
        echo "  severity: info"
        echo "  source: [bench]"
        echo "  applies_to: manifest"
        echo "  when:"
        echo "    field: goods.description"
        echo "    matches:"
        for ((i = 0; i < np; i++)); do echo "      - bench-$i"; done
    } >"$d/zz-bench.yaml"
    t0=$(now_ns)
    one_core "$B/cargowatchd" --replay "$f" --rules "$d" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    t1=$(now_ns)
    cpu=$(sed -n 's/.*replay of.* (\([0-9.]*\) s CPU).*/\1/p' "$work/err")
    [ -z "$first" ] && first=$cpu
    echo "$np patterns (+ the shipped pack): $N messages in $cpu s CPU after start-up" \
        "= $(awk -v n="$N" -v c="$cpu" 'BEGIN { printf "%.0f", n / c }') messages/s," \
        "$(awk -v a="$cpu" -v b="$first" 'BEGIN { printf "%.2f", a / b }')x the time with 50;" \
        "$(($(ms "$t0" "$t1") - ${cpu%.*} * 1000)) ms or so loading and compiling the rules"
done
