#!/usr/bin/env bash
# cargowatch-broker: prints its bootstrap servers (loopback) as the first
# line of stdout, serves the contract's topics to an outside client (kcat
# lists, produces, consumes), and stops with exit 0 within 5 s of SIGTERM.
set -euo pipefail
B=$1
work=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*"
    if [ -f "$work/err" ]; then echo "--- broker stderr:"; tail -n 20 "$work/err"; fi
    exit 1
}

"$B/cargowatch-broker" --help | grep -q -- --partitions || fail "--help says nothing of --partitions"
"$B/cargowatch-broker" --version | grep -q '^cargowatch-broker ' || fail "--version"
rc=0
"$B/cargowatch-broker" --no-such-option >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "an unknown option exits $rc, not 2"

# start it and read its first line
start() {
    rm -f "$work/out" # not the last run's line, read before this run truncates it
    "$B/cargowatch-broker" "$@" >"$work/out" 2>"$work/err" &
    pid=$!
    for _ in $(seq 100); do
        [ -s "$work/out" ] && break
        kill -0 "$pid" 2>/dev/null || fail "broker exited at start"
        sleep 0.1
    done
    brokers=$(head -n1 "$work/out")
    [ -n "$brokers" ] || fail "no bootstrap servers on stdout within 10 s"
}
# SIGTERM, then exit 0 within 5 s
stop() {
    kill -TERM "$pid"
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && fail "still running 5 s after SIGTERM"
    rc=0
    wait "$pid" || rc=$?
    pid=
    [ "$rc" -eq 0 ] || fail "exit $rc after SIGTERM"
}

start
echo "bootstrap servers: $brokers"
[[ $brokers =~ ^127\.0\.0\.1:[0-9]+(,127\.0\.0\.1:[0-9]+){2}$ ]] ||
    fail "expected three loopback brokers, got \"$brokers\""

timeout 15 kcat -b "$brokers" -L >"$work/meta" 2>&1 || fail "kcat -L: $(cat "$work/meta")"
grep -q '^ 3 brokers:' "$work/meta" || fail "kcat -L does not see 3 brokers"
for t in cargo.manifests cargo.insurance cargo.alerts cargo.deadletter; do
    grep -q "topic \"$t\" with 4 partitions" "$work/meta" || fail "kcat -L does not list $t with 4 partitions"
done
echo "kcat -L lists the four topics, 4 partitions each"

printf '{"type":"manifest","id":"t-1"}\n{"type":"insurance","id":"t-2"}\n' >"$work/msgs"
timeout 15 kcat -P -b "$brokers" -t cargo.manifests -k BL-TEST-1 -l "$work/msgs" || fail "kcat -P"
timeout 15 kcat -C -b "$brokers" -t cargo.manifests -o beginning -e -q -f '%k %s\n' >"$work/got" 2>&1 ||
    fail "kcat -C: $(cat "$work/got")"
sort "$work/got" >"$work/got.sorted"
printf 'BL-TEST-1 {"type":"insurance","id":"t-2"}\nBL-TEST-1 {"type":"manifest","id":"t-1"}\n' >"$work/want"
diff -u "$work/want" "$work/got.sorted" || fail "consumed messages differ from those produced"
echo "kcat produced and consumed two keyed messages"

stop
echo "SIGTERM: exit 0 within 5 s"

# the options: partition and broker counts, extra topics
start --partitions 2 --brokers 1 --topic extra.one --topic extra.two
timeout 15 kcat -b "$brokers" -L >"$work/meta" 2>&1 || fail "kcat -L: $(cat "$work/meta")"
grep -q '^ 1 brokers:' "$work/meta" || fail "--brokers 1 not honoured"
for t in cargo.manifests cargo.insurance cargo.alerts cargo.deadletter extra.one extra.two; do
    grep -q "topic \"$t\" with 2 partitions" "$work/meta" || fail "--partitions 2 --topic: $t missing or wrong"
done
kill -INT "$pid"
for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$pid" 2>/dev/null && fail "still running 5 s after SIGINT"
rc=0
wait "$pid" || rc=$?
pid=
[ "$rc" -eq 0 ] || fail "exit $rc after SIGINT"
echo "--partitions, --brokers, --topic honoured; SIGINT: exit 0"
echo "PASS"
