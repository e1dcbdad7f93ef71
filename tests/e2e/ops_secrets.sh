#!/usr/bin/env bash
# No secret is ever logged: with SASL and TLS key passwords in the
# configuration and librdkafka's debug output on (which dumps the whole
# client configuration), neither the daemon's stderr, nor its stdout, nor
# /metrics, nor --check-rules, nor a configuration error ever shows them.
set -euo pipefail
B=$1 S=$2
FAIL_LOGS=""
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
SASL=s3cr3t-SASL-9f2c41
KEYPW=s3cr3t-KEY-77ab0e
OAUTH=s3cr3t-OAUTH-c0ffee
leaks() { grep -l -e "$SASL" -e "$KEYPW" -e "$OAUTH" "$@" 2>/dev/null || true; }

"$B/cargowatch-broker" >"$work/broker.out" 2>"$work/broker.err" &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/broker.out" ] && break; sleep 0.1; done
brokers=$(head -n1 "$work/broker.out")
[ -n "$brokers" ] || fail "no broker"

cat >"$work/cargowatch.yaml" <<EOF2
group: e2e-ops-secrets
group_instance_id: ""
http:
  listen: 127.0.0.1:0
kafka:
  security.protocol: SASL_PLAINTEXT
  sasl.mechanisms: PLAIN
  sasl.username: cargowatch
  sasl.password: "$SASL"
  ssl.key.password: "$KEYPW"
  debug: all
  # the password again, where librdkafka does not know it is one: its
  # configuration dump shows this value, and the daemon's logger hides it
  client.rack: "$SASL"
EOF2
# -v: debug lines too, librdkafka's configuration dump among them (the
# embedded broker has no SASL, so the clients also log their failures)
"$B/cargowatchd" -v -c "$work/cargowatch.yaml" -b "$brokers" --rules "$S/rules" >"$work/daemon.out" 2>"$work/daemon.err" &
dpid=$!
pids+=($dpid)
port=
for _ in $(seq 100); do
    port=$(sed -n 's/.*http: serving .* on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/daemon.err" | head -n1)
    [ -n "$port" ] && break
    kill -0 "$dpid" 2>/dev/null || fail "cargowatchd exited at start: $(tail -n 3 "$work/daemon.err")"
    sleep 0.1
done
[ -n "$port" ] || fail "cargowatchd did not say where /metrics is"
sleep 3
curl -sf --max-time 5 "http://127.0.0.1:$port/metrics" >"$work/metrics.txt" || fail "/metrics"
kill -TERM "$dpid"
wait "$dpid" || true
nlines=$(wc -l <"$work/daemon.err")
[ "$nlines" -gt 100 ] || fail "only $nlines log lines: librdkafka's debug output did not come through"
grep -q 'sasl.password' "$work/daemon.err" || fail "the settings' names are not logged: the test proves nothing"
grep -q 'client.rack = \*\*\*' "$work/daemon.err" || fail "client.rack not shown redacted in librdkafka's configuration dump"
[ -z "$(leaks "$work/daemon.err" "$work/daemon.out" "$work/metrics.txt")" ] ||
    fail "a secret was written: $(grep -h -o -e ".\{60\}$SASL.\{0,20\}" -e ".\{60\}$KEYPW.\{0,20\}" "$work/daemon.err" | head -n 3)"
echo "daemon: $nlines log lines at debug level, /metrics: no secret"

# --check-rules with that configuration
# (the rules' own test cases may pass or not: what matters here is that
# the configuration loaded and nothing leaked)
"$B/cargowatchd" -v --check-rules -c "$work/cargowatch.yaml" --rules "$S/rules" >"$work/check.out" 2>"$work/check.err" || true
grep -q ' kits, ' "$work/check.out" || fail "--check-rules: $(tail -n 3 "$work/check.err")"
[ -z "$(leaks "$work/check.out" "$work/check.err")" ] || fail "--check-rules wrote a secret"

# configuration errors: a refused secret value, and an error elsewhere in a
# file that holds secrets
cat >"$work/bad1.yaml" <<EOF2
kafka:
  sasl.oauthbearer.config: "$OAUTH"
  sasl.password: "$SASL"
  nonsense.setting: "$KEYPW"
EOF2
cat >"$work/bad2.yaml" <<EOF2
kafka:
  sasl.password: "$SASL"
limits:
  max_message_bytes: "$KEYPW"
EOF2
for f in bad1 bad2; do
    rc=0
    "$B/cargowatchd" --check-rules -c "$work/$f.yaml" --rules "$S/rules" >"$work/$f.out" 2>"$work/$f.err" || rc=$?
    [ "$rc" -ne 0 ] || fail "$f.yaml was accepted"
    [ -z "$(leaks "$work/$f.out" "$work/$f.err")" ] || fail "the error for $f.yaml shows a secret: $(cat "$work/$f.err")"
    echo "$f.yaml refused: $(head -n1 "$work/$f.err")"
done
echo "PASS"
