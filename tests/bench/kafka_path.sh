#!/usr/bin/env bash
# Kafka path against kcat, in one run: preload a simulated feed into
# cargowatch-broker, time `kcat -C` reading it to /dev/null, then time
# cargowatchd from start until every message is read, processed and
# committed (from its /metrics).  Prints both rates and their ratio.
# The simulator produces keyed (B/L, certificate) into both input topics,
# as a port's feed would be; the embedded broker keeps only about 5 MB a
# partition, so the topics get PARTITIONS (default 32) partitions each and
# a count read back short of MESSAGES is reported.
# Usage: kafka_path.sh BUILD_DIR SOURCE_DIR [MESSAGES]
set -euo pipefail
B=$1 S=$2 N=${3:-100000}
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s%N; }

"$B/cargowatch-broker" --partitions "${PARTITIONS:-32}" >"$work/broker.out" 2>"$work/broker.err" &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/broker.out" ] && break; sleep 0.1; done
brokers=$(head -n1 "$work/broker.out")
"$B/cargowatch-sim" --seed 5 --messages "$N" --schemes 20 --data "$S/rules/reference" -b "$brokers" >/dev/null

t0=$(now)
got=0
for t in cargo.manifests cargo.insurance; do
    n=$(kcat -C -b "$brokers" -t "$t" -o beginning -e -q -X fetch.max.bytes=8388608 -f 'x\n' | wc -l)
    got=$((got + n))
done
t1=$(now)
[ "$got" -lt "$N" ] && echo "note: the broker kept $got of $N messages (about 5 MB a partition): raise PARTITIONS"
kcat_ms=$(((t1 - t0) / 1000000))
echo "kcat -C (both topics, one after the other): $got messages in $kcat_ms ms = $((got * 1000 / (kcat_ms ? kcat_ms : 1))) messages/s"

# IDLE_FLUSH and COMMIT_INTERVAL (default: the daemon's, 2s and 1s) set how
# long the last hour of event time is held once input is quiet, and how
# often offsets are committed: the tail of this run, not its rate.
cat >"$work/c.yaml" <<YAML
http:
  listen: 127.0.0.1:0
windows:
  idle_flush: ${IDLE_FLUSH:-2s}
processing:
  commit_interval: ${COMMIT_INTERVAL:-1s}
YAML
t0=$(now)
"$B/cargowatchd" -c "$work/c.yaml" -b "$brokers" --rules "$S/rules" 2>"$work/daemon.err" >/dev/null &
pids+=($!)
port=
for _ in $(seq 200); do
    port=$(sed -n 's/.*http: serving .* on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/daemon.err" | head -n1)
    [ -n "$port" ] && break
    sleep 0.05
done
sum() { awk -v m="$1" '$1 ~ "^"m"({|$)" { s += $2 } END { printf "%d", s }'; }
first= all_read=
while :; do
    m=$(curl -sf --max-time 5 "http://127.0.0.1:$port/metrics" || true)
    n_in=$(sum cargowatch_messages_in_total <<<"$m")
    [ -z "$first" ] && [ "$n_in" -gt 0 ] && first=$(now)
    [ -z "$all_read" ] && [ "$n_in" -ge "$got" ] && all_read=$(now)
    if [ "$n_in" -ge "$got" ] && [ "$(sum cargowatch_uncommitted_messages <<<"$m")" -eq 0 ]; then break; fi
    sleep 0.05
done
t1=$(now)
d_ms=$(((t1 - t0) / 1000000))
echo "cargowatchd: $got messages read, processed and committed in $d_ms ms (start and group join included)" \
    "= $((got * 1000 / d_ms)) messages/s"
f_ms=$(((t1 - first) / 1000000)) r_ms=$(((all_read - first) / 1000000))
echo "cargowatchd from its first message to all read and decoded: $r_ms ms = $((got * 1000 / (r_ms ? r_ms : 1))) messages/s"
echo "cargowatchd from its first message to all committed: $f_ms ms = $((got * 1000 / (f_ms ? f_ms : 1))) messages/s" \
    "(idle_flush ${IDLE_FLUSH:-2s}, commit_interval ${COMMIT_INTERVAL:-1s})"
awk -v k="$kcat_ms" -v d="$f_ms" 'BEGIN { printf "ratio to kcat (after start-up): %.2f\n", k / (d ? d : 1) }'
