# lib.bash: what the end-to-end scripts share, sourced after `B=$1 S=$2`:
# a scratch directory $work removed at exit, the pids in $pids killed at
# exit, and fail(), which shows the last lines of the logs named in
# FAIL_LOGS (files in $work; default daemon.err broker.err) and exits 1.
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*"
    for f in ${FAIL_LOGS-daemon.err broker.err}; do
        if [ -s "$work/$f" ]; then echo "--- $f (last lines):"; tail -n 25 "$work/$f"; fi
    done
    exit 1
}

# wait_metrics_port PID: the port cargowatchd PID says it serves /metrics
# on, read from $work/daemon.err; fails if it exits or never says.
wait_metrics_port() {
    local pid=$1 p=
    for _ in $(seq 100); do
        p=$(sed -n 's/.*http: serving .* on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/daemon.err" | head -n1)
        [ -n "$p" ] && break
        kill -0 "$pid" 2>/dev/null || fail "cargowatchd exited at start" >&2
        sleep 0.1
    done
    [ -n "$p" ] || fail "cargowatchd did not say where /metrics is" >&2
    echo "$p"
}

# metric_sum NAME: the sum of NAME's samples (any labels) in the Prometheus
# text on stdin; 0 when absent.
metric_sum() { awk -v m="$1" '$1 ~ "^"m"({|$)" { s += $2 } END { printf "%d", s }'; }

# caught_up: the /metrics text on stdin shows partitions, nothing
# uncommitted or in flight, and every partition committed to its end.
caught_up() {
    local m
    m=$(cat)
    [ "$(metric_sum cargowatch_assigned_partitions <<<"$m")" -gt 0 ] &&
        [ "$(metric_sum cargowatch_uncommitted_messages <<<"$m")" -eq 0 ] &&
        [ "$(metric_sum cargowatch_outputs_pending <<<"$m")" -eq 0 ] &&
        grep -q '^cargowatch_partition_commit_lag{' <<<"$m" &&
        ! grep '^cargowatch_partition_commit_lag{' <<<"$m" | grep -q -v ' 0$'
}

# wait_caught_up PORT [TRIES]: wait (half a second a try, 240 by default)
# until the daemon on PORT has caught up (caught_up); the last /metrics
# text is left in $metrics.  Returns 1 when it never does.
wait_caught_up() {
    local port=$1 tries=${2:-240}
    for _ in $(seq "$tries"); do
        metrics=$(curl -sf --max-time 5 "http://127.0.0.1:$port/metrics" || true)
        [ -n "$metrics" ] && caught_up <<<"$metrics" && return 0
        sleep 0.5
    done
    return 1
}

# alert_ids FILE: the ids of the alerts in FILE (replay output), sorted, unique.
alert_ids() { sed -E 's/^\{"type":"alert","version":1,"id":"([^"]*)".*/\1/' "$1" | sort -u; }

# compare_ids REPLAY_IDS KEYS: how the alert keys read from Kafka (one a
# line, duplicates kept) compare with the replay's ids; sets $lost, $extra,
# $dups and prints one line.  Fails when one is lost or one is not the
# replay's.
compare_ids() {
    local total distinct
    total=$(grep -c . "$2" || true)
    distinct=$(sort -u "$2" | grep -c . || true)
    lost=$(comm -23 "$1" <(sort -u "$2") | wc -l)
    extra=$(comm -13 "$1" <(sort -u "$2") | wc -l)
    dups=$((total - distinct))
    echo "alerts: $total read, $distinct distinct; lost $lost, not in replay $extra, duplicates $dups"
    [ "$lost" -eq 0 ] || { comm -23 "$1" <(sort -u "$2") | head -3; fail "$lost alerts lost"; }
    [ "$extra" -eq 0 ] || fail "$extra alert ids the replay does not give"
}

# feed_kafka FILE BROKERS RATE: produce the JSON Lines feed FILE (from
# cargowatch-sim -o) to cargo.manifests (keyed by B/L) and cargo.insurance
# (keyed by certificate), RATE lines a second, with kcat, whose deliveries
# wait out a broker outage of minutes (cargowatch-sim gives up after 30 s).
# Returns non-zero when a message could not be delivered.
feed_kafka() {
    /usr/bin/python3 - "$@" <<'PY'
import json, subprocess, sys, time
path, brokers, rate = sys.argv[1], sys.argv[2], float(sys.argv[3])
def kcat(topic):
    return subprocess.Popen(["kcat", "-P", "-E", "-q", "-b", brokers, "-t", topic, "-K", "\t",
                             "-X", "enable.idempotence=true", "-X", "partitioner=murmur2_random",
                             "-X", "linger.ms=10", "-X", "message.timeout.ms=600000"],
                            stdin=subprocess.PIPE, text=True)
out = {"manifest": kcat("cargo.manifests"), "insurance": kcat("cargo.insurance")}
start = time.monotonic()
with open(path, encoding="utf-8") as f:
    for i, line in enumerate(f):
        m = json.loads(line)
        key = m["bl"] if m["type"] == "manifest" else m["certificate"]
        out[m["type"]].stdin.write(key + "\t" + line)
        ahead = (i + 1) / rate - (time.monotonic() - start)
        if ahead > 0.05:
            for p in out.values():
                p.stdin.flush()
            time.sleep(ahead)
rc = 0
for p in out.values():
    p.stdin.close()
    rc |= p.wait()
sys.exit(rc)
PY
}

# start_broker PARTITIONS [INPUT]: start cargowatch-broker with PARTITIONS
# partitions a topic (the embedded broker keeps about 5 MB a partition:
# spread big feeds wide), its fault commands read from INPUT (default
# /dev/null), and set $brokers to its bootstrap servers.
start_broker() {
    "$B/cargowatch-broker" --partitions "$1" <"${2:-/dev/null}" >"$work/broker.out" 2>"$work/broker.err" &
    pids+=($!)
    for _ in $(seq 100); do [ -s "$work/broker.out" ] && break; sleep 0.1; done
    brokers=$(head -n1 "$work/broker.out")
    [ -n "$brokers" ] || fail "no broker"
}
