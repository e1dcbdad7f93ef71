#!/usr/bin/env bash
# Latency: the simulator produces at a steady rate (default 1,000
# messages/s for 20 s) into cargowatch-broker while cargowatchd runs;
# then both input topics and cargo.alerts are read back with their Kafka
# timestamps and latency.py reports produce-to-alert p50/p99 (the alert's
# produce time minus that of the latest message its evidence names).
# Messages wait in the engine's reorder buffer until the event-time
# watermark passes them (windows.allowed_lateness behind the slowest
# partition that is not at its end, windows.partition_idle after it got
# there), so the figure depends on those settings: LATENESS and
# PARTITION_IDLE (default 0s each, a live feed's settings; the daemon's
# defaults are 1h and 500ms) are passed to the daemon.  So is
# FETCH_WAIT_MS (fetch.wait.max.ms, default 1): the development broker
# does not answer a fetch that found nothing before that wait is over,
# even when messages arrive meanwhile (at librdkafka's default of 500 ms,
# p50 362 ms), where a Kafka broker answers as soon as they do.
# Usage: latency.sh BUILD_DIR SOURCE_DIR [RATE] [SECONDS]
set -euo pipefail
B=$1 S=$2 RATE=${3:-1000} SECS=${4:-20}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
"$B/cargowatch-broker" --partitions "${PARTITIONS:-16}" >"$work/broker.out" 2>"$work/broker.err" &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/broker.out" ] && break; sleep 0.1; done
brokers=$(head -n1 "$work/broker.out")
cat >"$work/c.yaml" <<YAML
http:
  listen: 127.0.0.1:0
windows:
  allowed_lateness: ${LATENESS:-0s}
  partition_idle: ${PARTITION_IDLE:-0s}
kafka:
  fetch.wait.max.ms: "${FETCH_WAIT_MS:-1}"
YAML
"$B/cargowatchd" -c "$work/c.yaml" -b "$brokers" --rules "$S/rules" >/dev/null 2>"$work/daemon.err" &
dpid=$!
pids+=($dpid)
# ready once it holds its partitions (from /readyz), or after 10 s
port=
for _ in $(seq 200); do
    port=$(sed -n 's/.*http: serving .* on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/daemon.err" | head -n1)
    [ -n "$port" ] && curl -sf --max-time 1 "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.05
done
sleep 1
n=$((RATE * SECS))
"$B/cargowatch-sim" --seed 5 --messages "$n" --schemes 20 --data "$S/rules/reference" \
    -b "$brokers" --rate "$RATE" >/dev/null 2>"$work/sim.err"
cp "$work/daemon.err" /tmp/cw-latency-daemon.err 2>/dev/null || true
sleep 4 # idle flush (2 s) and the last deliveries
for t in cargo.manifests cargo.insurance; do
    kcat -C -b "$brokers" -t "$t" -o beginning -e -q -f '%T\t%s\n' >>"$work/in.tsv"
done
kcat -C -b "$brokers" -t cargo.alerts -o beginning -e -q -f '%T\t%s\n' >"$work/alerts.tsv"
echo "produced $n messages at $RATE/s (allowed_lateness ${LATENESS:-0s}, partition_idle ${PARTITION_IDLE:-0s}, fetch.wait.max.ms ${FETCH_WAIT_MS:-1}, ${PARTITIONS:-16} partitions a topic); $(wc -l <"$work/in.tsv") read back, $(wc -l <"$work/alerts.tsv") alerts"
python3 "$here/latency.py" "$work/in.tsv" "$work/alerts.tsv"
