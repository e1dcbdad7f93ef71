#!/usr/bin/env bash
# The operator's endpoints during an end-to-end run on the embedded broker:
# /metrics scraped after each of two batches of input is valid Prometheus
# text (checked line by line, families grouped and typed, histograms
# cumulative) and its counters move with the input: messages in by topic and
# type, bad messages by reason, alerts by severity and rule, the latency
# histogram, consumer lag, window size; /healthz and /readyz answer 200; a
# SIGHUP with a broken rules dir keeps the old rules and counts a failure,
# a SIGHUP with the dir repaired counts a reload.
set -euo pipefail
B=$1 S=$2
PY=/usr/bin/python3
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

"$B/cargowatch-broker" >"$work/broker.out" 2>"$work/broker.err" &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/broker.out" ] && break; sleep 0.1; done
brokers=$(head -n1 "$work/broker.out")
[ -n "$brokers" ] || fail "no broker"

# one batch: the simulator's feed straight to the topics, and two bad messages
batch() { # seed, start
    "$B/cargowatch-sim" --seed "$1" --messages 2000 --schemes 3 --start "$2" --data "$S/rules/reference" \
        -b "$brokers" >/dev/null 2>"$work/sim.err" || fail "cargowatch-sim: $(tail -n 3 "$work/sim.err")"
    printf 'bad-%s-1\tthis is not JSON\nbad-%s-2\t{"type":"invoice","version":1,"id":"x%s"}\n' "$1" "$1" "$1" |
        timeout 30 kcat -P -b "$brokers" -t cargo.manifests -K $'\t' || fail "kcat -P"
}

cp -r "$S/rules" "$work/rules"
cat >"$work/cargowatch.yaml" <<EOF2
group: e2e-ops-metrics
group_instance_id: ""
http:
  listen: 127.0.0.1:0
windows:
  idle_flush: 500ms
kafka:
  statistics.interval.ms: 1000
EOF2
batch 21 2026-03-01T00:00:00Z
"$B/cargowatchd" -c "$work/cargowatch.yaml" -b "$brokers" --rules "$work/rules" >"$work/daemon.out" 2>"$work/daemon.err" &
dpid=$!
pids+=($dpid)
port=$(wait_metrics_port "$dpid")
url=http://127.0.0.1:$port

code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url$1" || true; }
[ "$(code /healthz)" = 200 ] || fail "/healthz: $(code /healthz)"
ready=
for _ in $(seq 300); do
    [ "$(code /readyz)" = 200 ] && { ready=1; break; }
    sleep 0.1
done
[ -n "$ready" ] || fail "/readyz not 200 within 30 s: $(curl -s "$url/readyz")"
[ "$(code /nope)" = 404 ] || fail "/nope is not 404"
echo "/healthz 200, /readyz 200, unknown path 404"

metrics() { curl -sf --max-time 5 "$url/metrics" || true; }
sum() { awk -v m="$1" -v l="${2:-}" '$1 ~ "^"m"({|$)" && index($1, l) { s += $2 } END { printf "%d", s }'; }
# all of one batch read, processed and delivered; consumer lag known
settled() { # messages expected
    local m
    m=$(metrics)
    [ -n "$m" ] &&
        [ "$(sum cargowatch_messages_in_total <<<"$m")" -eq "$1" ] &&
        [ "$(sum cargowatch_reorder_buffered <<<"$m")" -eq 0 ] &&
        [ "$(sum cargowatch_outputs_pending <<<"$m")" -eq 0 ] &&
        [ "$(sum cargowatch_uncommitted_messages <<<"$m")" -eq 0 ] &&
        grep -q '^cargowatch_consumer_lag 0$' <<<"$m"
}
wait_settled() {
    for _ in $(seq 120); do
        kill -0 "$dpid" 2>/dev/null || fail "cargowatchd died"
        settled "$1" && return 0
        sleep 0.5
    done
    fail "not settled at $1 messages within 60 s: $(metrics | grep -E '^cargowatch_(messages_in|outputs_pending|uncommitted|reorder|consumer_lag)')"
}

check_format() { # file
    $PY - "$1" <<'PY'
import math, re, sys
name_re = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
label_re = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:\\[\\"n]|[^"\\\n])*"'
sample_re = re.compile(r"^(%s)(?:\{((?:%s)(?:,(?:%s))*)?\})? (\S+)(?: -?\d+)?$" % (name_re, label_re, label_re))
types, helps, seen, done_families, errors = {}, set(), set(), set(), []
series = {}
current = None
def family(n):
    for suf in ("_bucket", "_sum", "_count"):
        if n.endswith(suf) and types.get(n[: -len(suf)]) in ("histogram", "summary"):
            return n[: -len(suf)]
    return n
text = open(sys.argv[1], encoding="utf-8").read()
if not text.endswith("\n"):
    errors.append("no newline at the end")
for i, line in enumerate(text.splitlines(), 1):
    if not line:
        continue
    if line.startswith("#"):
        m = re.match(r"^# (HELP|TYPE) (%s) (.*)$" % name_re, line)
        if not m:
            if line.startswith("# HELP") or line.startswith("# TYPE"):
                errors.append("%d: bad comment: %s" % (i, line))
            continue
        kind, n, rest = m.groups()
        if n in done_families:
            errors.append("%d: %s declared again after its samples" % (i, n))
        if kind == "TYPE":
            if rest not in ("counter", "gauge", "histogram", "summary", "untyped"):
                errors.append("%d: bad type %s" % (i, rest))
            if n in types:
                errors.append("%d: second TYPE for %s" % (i, n))
            types[n] = rest
        else:
            if n in helps:
                errors.append("%d: second HELP for %s" % (i, n))
            helps.add(n)
        if current and current != n:
            done_families.add(current)
        current = n
        continue
    m = sample_re.match(line)
    if not m:
        errors.append("%d: not a sample: %s" % (i, line))
        continue
    n, labels, value = m.group(1), m.group(2) or "", m.group(3)
    try:
        v = float(value)
    except ValueError:
        errors.append("%d: bad value %s" % (i, value))
        continue
    f = family(n)
    if f not in types:
        errors.append("%d: %s has no TYPE before it" % (i, n))
    if f in done_families:
        errors.append("%d: samples of %s not grouped together" % (i, f))
    if current and current != f:
        done_families.add(current)
    current = f
    key = (n, labels)
    if key in seen:
        errors.append("%d: duplicate series %s{%s}" % (i, n, labels))
    seen.add(key)
    if types.get(f) == "counter" and (v < 0 or math.isnan(v)):
        errors.append("%d: negative counter %s" % (i, line))
    if types.get(f) == "counter" and not n.endswith("_total"):
        errors.append("%d: counter %s does not end in _total" % (i, n))
    series[key] = v
# histograms: cumulative buckets, +Inf equal to _count
for f, t in types.items():
    if t != "histogram":
        continue
    buckets = []
    for (n, labels), v in series.items():
        if n == f + "_bucket":
            le = re.search(r'le="([^"]*)"', labels).group(1)
            buckets.append((float(le), v))
    buckets.sort()
    if not buckets or buckets[-1][0] != math.inf:
        errors.append("%s: no +Inf bucket" % f)
        continue
    if any(hi[1] < lo[1] for lo, hi in zip(buckets, buckets[1:])):
        errors.append("%s: buckets not cumulative" % f)
    if buckets[-1][1] != series.get((f + "_count", ""), -1):
        errors.append("%s: +Inf bucket %s != _count %s" % (f, buckets[-1][1], series.get((f + "_count", ""))))
for e in errors[:20]:
    print("  " + e)
print("%d families, %d series, %d errors" % (len(types), len(series), len(errors)))
sys.exit(1 if errors else 0)
PY
}

wait_settled 2002
curl -s -D "$work/headers1" -o "$work/m1.txt" "$url/metrics"
grep -qi '^content-type: text/plain; version=0.0.4' "$work/headers1" || fail "/metrics content type: $(grep -i content-type "$work/headers1")"
check_format "$work/m1.txt" || fail "scrape 1 is not valid Prometheus text"
version1=$(sed -n 's/^cargowatch_rules_info{version="\([^"]*\)"} 1$/\1/p' "$work/m1.txt")
[ -n "$version1" ] || fail "no cargowatch_rules_info"

# --- SIGHUP with a broken rules dir: refused, old rules kept ---
printf 'rules:\n  - id: broken\n    when: [unclosed\n' >"$work/rules/zz-broken.yaml"
kill -HUP "$dpid"
for _ in $(seq 100); do
    [ "$(metrics | sum cargowatch_rule_reload_failures_total)" -eq 1 ] && break
    sleep 0.1
done
m=$(metrics)
[ "$(sum cargowatch_rule_reload_failures_total <<<"$m")" -eq 1 ] || fail "reload failure not counted"
[ "$(sum cargowatch_rule_reloads_total <<<"$m")" -eq 0 ] || fail "a broken rules dir counted as reloaded"
grep -q "^cargowatch_rules_info{version=\"$version1\"} 1$" <<<"$m" || fail "rules changed after a refused reload"
grep -q '^<3>SIGHUP: rules in .* refused, keeping ' "$work/daemon.err" || fail "the refused reload was not logged as an error"
echo "SIGHUP with a broken rule file: refused, $version1 kept, failure counted"

# --- the second batch, on the old rules ---
batch 22 2026-04-15T00:00:00Z
wait_settled 4004
curl -s -o "$work/m2.txt" "$url/metrics"
check_format "$work/m2.txt" || fail "scrape 2 is not valid Prometheus text"

$PY - "$work/m1.txt" "$work/m2.txt" <<'PY' || fail "counters did not move as they should"
import re, sys
def load(p):
    d = {}
    for line in open(p, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        k, v = line.rsplit(" ", 1)
        d[k] = float(v)
    return d
a, b = load(sys.argv[1]), load(sys.argv[2])
def total(d, name, sub=""):
    return sum(v for k, v in d.items() if (k == name or k.startswith(name + "{")) and sub in k)
ok = True
def check(what, x, y, cond):
    global ok
    good = cond(x, y)
    ok &= good
    print("  %-58s %10g -> %-10g %s" % (what, x, y, "ok" if good else "WRONG"))
moved = lambda x, y: y > x
for t in ("cargo.manifests", "cargo.insurance"):
    check("messages in, topic %s" % t, total(a, "cargowatch_messages_in_total", t), total(b, "cargowatch_messages_in_total", t), moved)
for t in ("manifest", "insurance"):
    check("messages decoded, type %s" % t, total(a, "cargowatch_engine_messages_total", '"%s"' % t),
          total(b, "cargowatch_engine_messages_total", '"%s"' % t), moved)
check("bad messages, reason json", total(a, "cargowatch_bad_messages_total", '"json"'),
      total(b, "cargowatch_bad_messages_total", '"json"'), lambda x, y: x == 1 and y == 2)
check("bad messages, all reasons", total(a, "cargowatch_bad_messages_total"), total(b, "cargowatch_bad_messages_total"),
      lambda x, y: x == 2 and y == 4)
check("dead letters delivered", total(a, "cargowatch_delivered_total", "deadletter"),
      total(b, "cargowatch_delivered_total", "deadletter"), lambda x, y: x == 2 and y == 4)
check("alerts (all severities)", total(a, "cargowatch_alerts_total"), total(b, "cargowatch_alerts_total"),
      lambda x, y: x > 0 and y > x)
check("alerts by rule = alerts by severity", total(b, "cargowatch_rule_alerts_total"), total(b, "cargowatch_alerts_total"),
      lambda x, y: x == y)
check("alerts delivered = alerts raised", total(b, "cargowatch_delivered_total", "alert"), total(b, "cargowatch_alerts_total"),
      lambda x, y: x == y)
check("latency histogram count", a.get("cargowatch_processing_latency_seconds_count", 0),
      b.get("cargowatch_processing_latency_seconds_count", 0), lambda x, y: x == 2002 and y == 4004)
check("latency histogram sum (s)", a.get("cargowatch_processing_latency_seconds_sum", 0),
      b.get("cargowatch_processing_latency_seconds_sum", 0), moved)
check("window shipments", total(a, "cargowatch_window_shipments"), total(b, "cargowatch_window_shipments"), moved)
check("window evictions (present)", total(a, "cargowatch_window_evictions_total"),
      total(b, "cargowatch_window_evictions_total"), lambda x, y: "cargowatch_window_evictions_total" in b)
check("consumer lag (present, caught up)", a.get("cargowatch_consumer_lag", -1), b.get("cargowatch_consumer_lag", -1),
      lambda x, y: x == 0 and y == 0)
check("brokers up", a.get("cargowatch_brokers_up", 0), b.get("cargowatch_brokers_up", 0), lambda x, y: x > 0 and y > 0)
check("commits", total(a, "cargowatch_commits_total"), total(b, "cargowatch_commits_total"), moved)
rules = sorted(set(re.search(r'rule="([^"]*)"', k).group(1) for k in b if k.startswith("cargowatch_rule_alerts_total{")))
print("  alerts by rule: %s" % ", ".join(rules))
sys.exit(0 if ok else 1)
PY

# --- SIGHUP with the rules dir repaired: reloaded ---
rm "$work/rules/zz-broken.yaml"
kill -HUP "$dpid"
for _ in $(seq 100); do
    [ "$(metrics | sum cargowatch_rule_reloads_total)" -eq 1 ] && break
    sleep 0.1
done
[ "$(metrics | sum cargowatch_rule_reloads_total)" -eq 1 ] || fail "reload not counted"
[ "$(metrics | sum cargowatch_rule_reload_failures_total)" -eq 1 ] || fail "failures changed on a good reload"
echo "SIGHUP with the rules repaired: reload counted"
[ "$(code /healthz)" = 200 ] && [ "$(code /readyz)" = 200 ] || fail "/healthz or /readyz not 200 after the run"

# --- the brokers gone: not ready, still alive ---
kill -TERM "${pids[0]}"
wait "${pids[0]}" 2>/dev/null || true
notready=
for _ in $(seq 150); do
    [ "$(code /readyz)" = 503 ] && { notready=1; break; }
    sleep 0.1
done
[ -n "$notready" ] || fail "/readyz still $(code /readyz) 15 s after the brokers went away"
[ "$(code /healthz)" = 200 ] || fail "/healthz not 200 with the brokers away"
grep -q '^cargowatch_ready 0$' <<<"$(metrics)" || fail "cargowatch_ready not 0 with the brokers away"
echo "brokers gone: /readyz 503 ($(curl -s "$url/readyz")), /healthz 200"

kill -TERM "$dpid"
rc=0
wait "$dpid" || rc=$?
[ "$rc" -eq 0 ] || fail "cargowatchd exited $rc after SIGTERM"
# every log line carries a syslog priority
if grep -qv '^<[0-7]>' "$work/daemon.err"; then
    grep -v '^<[0-7]>' "$work/daemon.err" | head -n 3
    fail "log lines without a priority prefix"
fi
echo "SIGTERM: exit 0; every log line has a priority prefix"
echo "PASS"
