#!/usr/bin/env bash
# Run every benchmark and print its figures: bash tests/bench/run.sh BUILD_DIR
# (default build).  Figures only: nothing here passes or fails on timing.
# Sizes can be lowered for a quick look: CW_BENCH_QUICK=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
S=${CW_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
B=$(cd "${1:-$S/build}" && pwd)
[ -x "$B/tests/bench/bare_parse" ] || cmake --build "$B" --target bare_parse cargowatchd cargowatch-sim cargowatch-broker
if [ -n "${CW_BENCH_QUICK:-}" ]; then big=100000 mem=100000 pat=20000 kafka=30000 secs=10
else big=1000000 mem=1400000 pat=100000 kafka=100000 secs=20; fi
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(git -C "$S" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "== engine (--replay, shipped rules, one core) =="
bash "$here/engine.sh" "$B" "$S" "$big"
echo "== pattern scaling =="
bash "$here/patterns.sh" "$B" "$S" "$pat"
echo "== memory per held shipment =="
bash "$here/memory.sh" "$B" "$S" "$mem"
echo "== Kafka path against kcat =="
bash "$here/kafka_path.sh" "$B" "$S" "$kafka"
echo "== latency at 1,000 messages/s =="
bash "$here/latency.sh" "$B" "$S" 1000 "$secs"
