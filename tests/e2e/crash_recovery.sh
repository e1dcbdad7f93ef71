#!/usr/bin/env bash
# Never lose a message: while a simulated feed flows through
# cargowatch-broker, kill cargowatchd with SIGKILL at random moments
# (CRASHES times, 20 by default) and restart it each time; after every
# fifth kill it is also stopped once with SIGTERM under the full load,
# which must commit and exit 0 within 30 s.  A kill
# comes a random 0.3 to 3 s after the instance has committed once, so
# every instance gets past its start whatever the machine's speed.  At the
# end the set of alert ids on cargo.alerts equals the set --replay gives
# for the same feed: the restarted daemon rebuilds its windows from the log
# (its alerts there suppressed) and resumes at the committed offsets.
#
# The third argument is the processing.guarantee (at_least_once by default;
# crash_recovery_eos.sh runs it with exactly_once, where the daemon resumes
# from its last committed checkpoint).  Alerts are read read_committed.
set -euo pipefail
B=$1 S=$2
GUARANTEE=${3:-at_least_once}
CRASHES=${CRASHES:-20}
MESSAGES=${MESSAGES:-50000}
PY=/usr/bin/python3
. "$S/tests/e2e/lib.bash"
dpid=
cleanup() { # lib.bash's, and the daemon running now
    for p in "${pids[@]}" $dpid; do kill -KILL "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
fail() {
    echo "FAIL: $*"
    if [ -n "${dpid:-}" ]; then
        kill -0 "$dpid" 2>/dev/null && echo "cargowatchd (pid $dpid) is running" || echo "cargowatchd (pid $dpid) is gone"
    fi
    [ -s "$work/daemon.err" ] && echo "$(grep -c rebuilding "$work/daemon.err") partitions said they would rebuild" &&
        grep -v "^<6>kafka: cargo" "$work/daemon.err" | tail -n 20
    if [ -n "${port:-}" ]; then
        curl -sf --max-time 10 "http://127.0.0.1:$port/metrics" >"$work/last.metrics" || echo "no answer on /metrics"
        grep -E "^cargowatch_(uncommitted|outputs_pending|assigned|messages_in_total|reorder|rebuilt|suppressed|commit|txn|rewinds)" \
            "$work/last.metrics" | head -20
        grep "commit_lag" "$work/last.metrics" | grep -v " 0$" | head -5
    fi
    exit 1
}

"$B/cargowatch-sim" --seed 23 --messages "$MESSAGES" --schemes 12 --data "$S/rules/reference" -o "$work/feed.jsonl"
"$B/cargowatchd" --replay "$work/feed.jsonl" --rules "$S/rules" -q >"$work/replay.jsonl" || fail "replay"
sort -u <(sed -E 's/^\{"type":"alert","version":1,"id":"([^"]*)".*/\1/' "$work/replay.jsonl") >"$work/replay.ids"
echo "replay: $(wc -l <"$work/replay.ids") alert ids from $MESSAGES messages"

# the embedded broker keeps about 5 MB a partition: spread the feed wide
"$B/cargowatch-broker" --partitions 24 >"$work/broker.out" 2>"$work/broker.err" &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/broker.out" ] && break; sleep 0.1; done
brokers=$(head -n1 "$work/broker.out")
[ -n "$brokers" ] || fail "no broker"

cat >"$work/c.yaml" <<YAML
group: e2e-crash
processing:
  guarantee: $GUARANTEE
http:
  listen: 127.0.0.1:0
kafka:
  session.timeout.ms: 4000
  heartbeat.interval.ms: 500
YAML

start_daemon() {
    "$B/cargowatchd" -c "$work/c.yaml" -b "$brokers" --rules "$S/rules" 2>"$work/daemon.err" >/dev/null &
    dpid=$!
}
# metrics_port: the port the running instance serves /metrics on
metrics_port() {
    for _ in $(seq 200); do
        port=$(sed -n 's/.*http: serving .* on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/daemon.err" | head -n1)
        [ -n "$port" ] && return
        kill -0 "$dpid" 2>/dev/null || fail "cargowatchd exited at start"
        sleep 0.1
    done
    fail "no /metrics"
}
# working: wait until the running instance has partitions and has
# committed once, or has nothing left to commit (2 minutes at most)
working() {
    local m
    metrics_port
    for _ in $(seq 240); do
        kill -0 "$dpid" 2>/dev/null || fail "cargowatchd exited"
        m=$(curl -sf --max-time 2 "http://127.0.0.1:$port/metrics" || true)
        if [ "$(metric_sum cargowatch_assigned_partitions <<<"$m")" -gt 0 ] &&
            { [ "$(metric_sum cargowatch_commits_total <<<"$m")" -gt 0 ] || caught_up <<<"$m"; }; then
            return
        fi
        sleep 0.5
    done
    fail "an instance did not get to work within 2 minutes of its start"
}

# the feed flows in while the daemon is stopped and restarted
"$B/cargowatch-sim" --seed 23 --messages "$MESSAGES" --schemes 12 --data "$S/rules/reference" \
    -b "$brokers" --rate "${RATE:-$((MESSAGES / (CRASHES * 10) + 1))}" 2>"$work/sim.err" &
simpid=$!
pids+=($simpid)
start_daemon
terms=0
for i in $(seq $((CRASHES + CRASHES / 5))); do
    working
    sleep "$($PY -c "import random; random.seed($i); print(round(random.uniform(0.3, 3.0), 2))")"
    if [ $((i % 6)) -eq 0 ]; then
        # SIGTERM under load: commit what was done, exit 0, promptly
        t0=$(date +%s)
        kill -TERM "$dpid"
        rc=0
        wait "$dpid" || rc=$?
        [ "$rc" -eq 0 ] || fail "exit $rc after SIGTERM under load"
        [ $(($(date +%s) - t0)) -le 30 ] || fail "SIGTERM under load took more than 30 s"
        terms=$((terms + 1))
    else
        kill -KILL "$dpid" 2>/dev/null || true
        wait "$dpid" 2>/dev/null || true
    fi
    start_daemon
done
echo "stopped and restarted cargowatchd $((i)) times: $((i - terms)) with SIGKILL, $terms with SIGTERM (each exit 0)"
wait "$simpid" || fail "simulator could not produce the feed: $(tail -n 3 "$work/sim.err")"

# let the last instance catch up: nothing uncommitted, every line read
kill -KILL "$dpid" 2>/dev/null || true
wait "$dpid" 2>/dev/null || true
start_daemon
metrics_port
ok=
wait_caught_up "$port" "${CATCHUP:-240}" && ok=1
m=$metrics
[ -n "$ok" ] || fail "the last instance did not catch up"
rebuilt=$(metric_sum cargowatch_rebuilt_messages_total <<<"$m")
echo "last instance: rebuilt its windows from $rebuilt messages below the committed offsets," \
    "$(metric_sum cargowatch_suppressed_alerts_total <<<"$m") alerts there not sent again"
[ "$rebuilt" -gt 0 ] || fail "the last instance did not rebuild its state from the log: $(grep -c rebuilding "$work/daemon.err") partitions said they would"
kill -TERM "$dpid"
wait "$dpid" || fail "cargowatchd did not stop cleanly"
dpid=

timeout 60 kcat -C -b "$brokers" -X isolation.level=read_committed -t cargo.alerts -o beginning -e -q -f '%k\n' >"$work/kafka.keys" 2>/dev/null || true
sort -u "$work/kafka.keys" >"$work/kafka.ids"
total=$(grep -c . "$work/kafka.keys" || true)
lost=$(comm -23 "$work/replay.ids" "$work/kafka.ids" | wc -l)
extra=$(comm -13 "$work/replay.ids" "$work/kafka.ids" | wc -l)
echo "$GUARANTEE: cargo.alerts: $total alerts, $(wc -l <"$work/kafka.ids") distinct ids; lost $lost, not in replay $extra," \
    "duplicates $((total - $(wc -l <"$work/kafka.ids")))"
[ "$lost" -eq 0 ] || { comm -23 "$work/replay.ids" "$work/kafka.ids" | head -3; fail "$lost alerts lost"; }
[ "$extra" -eq 0 ] || fail "$extra alert ids the replay does not give"
# Exactly once, a read_committed reader sees each alert once.  (Whatever
# the order a restarted instance meets the messages in, it does not send
# again an id already on cargo.alerts; the development broker shows an
# aborted transaction's alerts to read_committed readers too, and so to the
# restarted daemon, which takes them as sent.)
if [ "$GUARANTEE" = exactly_once ] && [ "$total" -ne "$(wc -l <"$work/kafka.ids")" ]; then
    fail "$((total - $(wc -l <"$work/kafka.ids"))) alerts seen twice by a read_committed reader"
fi
echo "nothing lost across $CRASHES crashes"
