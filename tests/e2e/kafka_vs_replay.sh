#!/usr/bin/env bash
# The daemon on Kafka gives exactly the alerts --replay gives for the same
# feed (same ids, each once, keyed by id), commits every input offset once
# those alerts are delivered, sends each bad message to cargo.deadletter
# with its original key and bytes and an x-error header, and stops on
# SIGTERM with exit 0.  A second instance in a new group reads the feed
# again and sends none of the alerts already on cargo.alerts.
set -euo pipefail
B=$1 S=$2
PY=/usr/bin/python3
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

# --- the feed: the simulator's, or a small handmade one without it ---
if [ -x "$B/cargowatch-sim" ]; then
    "$B/cargowatch-sim" --seed 7 --messages 3000 --schemes 4 --data "$S/rules/reference" -o "$work/feed.jsonl" 2>"$work/sim.err" ||
        fail "cargowatch-sim: $(tail -n 3 "$work/sim.err")"
else
    echo "(no cargowatch-sim in $B: using a handmade feed)"
    $PY - >"$work/feed.jsonl" <<'PY'
import json
# three components of a solid rocket motor to front companies sharing one
# phone, by three routes, repeated as separate schemes among plain cargo
parts = [
    ("AMMONIUM PERCHLORATE 200 DRUMS", "282990", "Liaoning Hengda Trading Co Ltd", "Gulf Horizon FZE",
     "+971 4 555 %04d", "CNDLC", ["SGSIN"]),
    ("ROCKET MOTOR CASE", "841290", "Penang Star Sdn Bhd", "Al Noor General Trading LLC",
     "00971-4-555%04d", "MYPKG", ["OMSLL"]),
    ("SPHERICAL ALUMINIUM POWDER", "760310", "Anatolia Metal AS", "Desert Pearl Trading FZCO",
     "04 555 %04d", "TRMER", []),
]
plain = [("FROZEN FISH FILLETS", "030489"), ("COTTON T-SHIRTS", "610910"), ("CERAMIC TILES", "690721"),
         ("OFFICE CHAIRS", "940130"), ("CAR TYRES", "401110")]
ports = ["CNDLC", "SGSIN", "MYPKG", "OMSLL", "TRMER", "AEJEA", "NLRTM", "DEHAM", "KRPUS", "INNSA"]
def ts(h):
    return "2026-%02d-%02dT%02d:00:00Z" % (1 + h // (24 * 28), 1 + h // 24 % 28, h % 24)
out = []
for i in range(600):
    h = i * 6
    if i % 60 == 7:
        s = i // 60
        for j, (desc, hs, shipper, consignee, phone, load, via) in enumerate(parts):
            out.append({"type": "manifest", "version": 1, "id": "s%d-%d" % (s, j), "bl": "BLS%d-%d" % (s, j),
                        "filed_at": ts(h + 24 * j), "route": {"loading": load, "transshipment": via, "discharge": "AEJEA"},
                        "shipper": {"name": "%s %d" % (shipper, s)},
                        "consignee": {"name": consignee, "phone": phone % s, "country": "AE"},
                        "goods": [{"description": desc, "hs": hs, "weight_kg": 1000, "value": 5000}]})
    desc, hs = plain[i % len(plain)]
    a, b = ports[i % 10], ports[(i * 3 + 1) % 10]
    if a == b:
        b = "AEJEA"
    if i % 3 == 0:
        out.append({"type": "insurance", "version": 1, "id": "i%d" % i, "certificate": "CERT%d" % i,
                    "issued_at": ts(h), "assured": {"name": "Assured %d" % i}, "voyage": {"from": a, "to": b},
                    "subject_matter": desc})
    else:
        out.append({"type": "manifest", "version": 1, "id": "m%d" % i, "bl": "BL%d" % i, "filed_at": ts(h),
                    "route": {"loading": a, "transshipment": [], "discharge": b},
                    "shipper": {"name": "Shipper %d" % i}, "consignee": {"name": "Consignee %d" % (i % 50)},
                    "goods": [{"description": desc, "hs": hs, "weight_kg": 100}]})
for o in out:
    print(json.dumps(o, separators=(",", ":")))
PY
fi
# bad lines: not JSON, an unknown type, a manifest without its B/L
cat >>"$work/feed.jsonl" <<'EOF'
this is not JSON at all
{"type":"invoice","version":1,"id":"bad-type-1"}
{"type":"manifest","version":1,"id":"bad-nobl-1","filed_at":"2026-03-01T10:00:00Z","route":{"loading":"CNDLC","discharge":"AEJEA"},"shipper":{"name":"A"},"consignee":{"name":"B"},"goods":[{"description":"PUMPS"}]}
EOF
nlines=$(grep -c . "$work/feed.jsonl")

# split by type to the two input topics, keyed as the contract says (B/L,
# certificate); anything unreadable goes to manifests with a made-up key
$PY - "$work/feed.jsonl" "$work" <<'PY'
import json, sys
feed, work = sys.argv[1], sys.argv[2]
outs = {t: open("%s/%s.kv" % (work, t), "w") for t in ("manifests", "insurance")}
bad = open("%s/bad.kv" % work, "w")
for n, line in enumerate(open(feed, encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line:
        continue
    try:
        m = json.loads(line)
    except ValueError:
        m = None
    if isinstance(m, dict) and m.get("type") == "insurance":
        key, topic = m.get("certificate") or "line-%d" % n, "insurance"
    else:
        key = (m.get("bl") if isinstance(m, dict) else None) or "line-%d" % n
        topic = "manifests"
    assert "\t" not in key and "\t" not in line
    outs[topic].write("%s\t%s\n" % (key, line))
    if not (isinstance(m, dict) and m.get("type") in ("manifest", "insurance") and
            ("bl" in m or m.get("type") == "insurance")):
        bad.write("%s\t%s\n" % (key, line))
PY

# --- what replay says ---
"$B/cargowatchd" --replay "$work/feed.jsonl" --rules "$S/rules" >"$work/replay.jsonl" 2>"$work/replay.err" ||
    fail "replay failed: $(tail -n 3 "$work/replay.err")"
nbad=$(grep -c '^[^<].*feed.jsonl:[0-9]*: ' "$work/replay.err" || true)
nreplay=$(grep -c . "$work/replay.jsonl" || true)
echo "feed: $nlines lines; replay: $nreplay alerts, $nbad bad lines"
[ "$nreplay" -gt 0 ] || fail "replay gave no alerts: the comparison would prove nothing"

# --- the broker, the feed on it, the daemon ---
"$B/cargowatch-broker" >"$work/broker.out" 2>"$work/broker.err" &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/broker.out" ] && break; sleep 0.1; done
brokers=$(head -n1 "$work/broker.out")
[ -n "$brokers" ] || fail "no broker"

for t in manifests insurance; do
    if [ -s "$work/$t.kv" ]; then
        timeout 60 kcat -P -b "$brokers" -t "cargo.$t" -K $'\t' -l "$work/$t.kv" || fail "kcat -P cargo.$t"
    fi
done

cat >"$work/cargowatch.yaml" <<EOF
group: e2e-kafka-vs-replay
group_instance_id: ""
http:
  listen: 127.0.0.1:0
EOF
start=$(date +%s%N)
"$B/cargowatchd" -c "$work/cargowatch.yaml" -b "$brokers" --rules "$S/rules" >"$work/daemon.out" 2>"$work/daemon.err" &
dpid=$!
pids+=($dpid)
port=$(wait_metrics_port "$dpid")

metrics() { curl -sf --max-time 5 "http://127.0.0.1:$port/metrics" || true; }
# all read: caught up (lib.bash) on all 8 input partitions, every line
# read and nothing left in the reorder buffer
all_read() {
    local m
    m=$(metrics)
    [ -n "$m" ] && caught_up <<<"$m" &&
        [ "$(metric_sum cargowatch_messages_in_total <<<"$m")" -eq "$nlines" ] &&
        [ "$(metric_sum cargowatch_reorder_buffered <<<"$m")" -eq 0 ] &&
        [ "$(grep -c '^cargowatch_partition_commit_lag{' <<<"$m")" -eq 8 ]
}
alerts_on_topic() {
    timeout 30 kcat -C -b "$brokers" -t cargo.alerts -o beginning -e -q -f '%k\t%s\n' >"$work/kafka.kv" 2>/dev/null || true
    grep -c . "$work/kafka.kv" || true
}
prev=-1
ok=
for _ in $(seq 120); do
    kill -0 "$dpid" 2>/dev/null || fail "cargowatchd died"
    if all_read; then
        n=$(alerts_on_topic)
        if [ "$n" -eq "$prev" ]; then ok=1; break; fi
        prev=$n
    fi
    sleep 1
done
[ -n "$ok" ] || fail "not caught up within 120 s: $(metrics | grep -E '^cargowatch_(messages_in|outputs_pending|uncommitted|partition_commit_lag|reorder)')"
elapsed=$((($(date +%s%N) - start) / 1000000))
echo "daemon caught up: $nlines messages read, all committed, $prev alerts on cargo.alerts (${elapsed} ms from start, group join included)"

kill -TERM "$dpid"
rc=0
for _ in $(seq 300); do
    kill -0 "$dpid" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$dpid" 2>/dev/null && fail "cargowatchd still running 30 s after SIGTERM"
wait "$dpid" || rc=$?
[ "$rc" -eq 0 ] || fail "cargowatchd exited $rc after SIGTERM"
echo "SIGTERM: exit 0"

# --- the same alerts, each once, keyed by id ---
$PY - "$work/kafka.kv" "$work/replay.jsonl" <<'PY' || fail "alerts differ"
import json, sys
from collections import Counter
kafka, keys_ok = Counter(), True
for line in open(sys.argv[1], encoding="utf-8"):
    key, _, value = line.rstrip("\n").partition("\t")
    a = json.loads(value)
    kafka[a["id"]] += 1
    if key != a["id"]:
        keys_ok = False
        print("alert %s has key %r" % (a["id"], key))
replay = Counter(json.loads(l)["id"] for l in open(sys.argv[2], encoding="utf-8") if l.strip())
dups = {i: n for i, n in kafka.items() if n > 1}
only_k, only_r = set(kafka) - set(replay), set(replay) - set(kafka)
print("alerts: %d on cargo.alerts, %d from replay, %d in common" % (sum(kafka.values()), sum(replay.values()),
                                                                  len(set(kafka) & set(replay))))
for what, ids in (("only on Kafka", only_k), ("only in replay", only_r)):
    if ids:
        print("%d %s, e.g. %s" % (len(ids), what, sorted(ids)[:3]))
if dups:
    print("%d ids delivered more than once, e.g. %s" % (len(dups), sorted(dups)[:3]))
sys.exit(0 if keys_ok and not only_k and not only_r and not dups and kafka == replay else 1)
PY
echo "cargo.alerts holds exactly the replay's alerts, each once, keyed by id"

# --- dead letters: the bad messages, original key and bytes, with headers ---
timeout 30 kcat -C -b "$brokers" -t cargo.deadletter -o beginning -e -q -f '%k\t%h\t%s\n' >"$work/dead.tsv" 2>/dev/null || true
$PY - "$work/dead.tsv" "$work/bad.kv" "$nbad" <<'PY' || fail "dead letters"
import sys
want = set(l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8") if l.strip())
got, ok = set(), True
for line in open(sys.argv[1], encoding="utf-8"):
    key, headers, value = line.rstrip("\n").split("\t", 2)
    got.add("%s\t%s" % (key, value))
    for h in ("x-error=", "x-source-topic=cargo.", "x-source-partition=", "x-source-offset="):
        if h not in headers:
            ok = False
            print("dead letter %r lacks %s...: %s" % (key, h, headers))
print("dead letters: %d on cargo.deadletter, %d bad lines in the feed, replay counted %s" %
      (len(got), len(want), sys.argv[3]))
if got != want:
    ok = False
    for x in sorted(want - got)[:3]:
        print("missing:", x[:120])
    for x in sorted(got - want)[:3]:
        print("unexpected:", x[:120])
if len(want) != int(sys.argv[3]):
    ok = False
    print("the daemon and replay disagree on how many lines are bad")
sys.exit(0 if ok else 1)
PY
echo "cargo.deadletter holds every bad message with its key, bytes and x-error"

# --- a new group reads it all again: the alerts on the topic are not sent again ---
sed -i 's/^group: .*/group: e2e-kafka-vs-replay-again/' "$work/cargowatch.yaml"
mv "$work/daemon.err" "$work/daemon1.err"
"$B/cargowatchd" -c "$work/cargowatch.yaml" -b "$brokers" --rules "$S/rules" >"$work/daemon2.out" 2>"$work/daemon.err" &
dpid=$!
pids+=($dpid)
port=$(wait_metrics_port "$dpid")
ok=
for _ in $(seq 120); do
    kill -0 "$dpid" 2>/dev/null || fail "the second cargowatchd died"
    if all_read; then ok=1; break; fi
    sleep 1
done
[ -n "$ok" ] || fail "the second instance did not catch up within 120 s: $(metrics | grep -E '^cargowatch_(messages_in|outputs_pending|uncommitted|partition_commit_lag|reorder)')"
m=$(metrics)
again=$(metric_sum cargowatch_suppressed_alerts_total <<<"$m")
sent=$(metric_sum cargowatch_produced_total <<<"$(grep 'kind="alert"' <<<"$m")")
kill -TERM "$dpid"
wait "$dpid" || fail "the second cargowatchd did not stop cleanly"
n=$(alerts_on_topic)
echo "a new group: $again alerts raised again and found on cargo.alerts, $sent sent; $n on the topic"
[ "$sent" -eq 0 ] && [ "$again" -eq "$nreplay" ] && [ "$n" -eq "$prev" ] ||
    fail "a new group sent alerts already on cargo.alerts"
echo "PASS"
