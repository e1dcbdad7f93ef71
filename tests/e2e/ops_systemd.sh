#!/usr/bin/env bash
# The unit file as systemd reads it, and the daemon's side of Type=notify:
# - `systemd-analyze security --offline=yes`: overall exposure 2.0 or less;
# - `systemd-analyze verify`: no complaint (the unit pointed at this build's
#   cargowatchd, its man page found through MANPATH);
# - the daemon under a fake service manager (NOTIFY_SOCKET, WATCHDOG_USEC):
#   READY=1 once running, WATCHDOG=1 at half the interval, RELOADING=1 then
#   READY=1 around SIGHUP, STOPPING=1 on SIGTERM, exit 0.
set -euo pipefail
B=$1 S=$2
PY=/usr/bin/python3
UNIT=$S/systemd/cargowatchd.service
FAIL_LOGS="daemon.err notify.log"
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

if ! command -v systemd-analyze >/dev/null; then
    # tools/setup.sh installs it (package systemd); without it the unit
    # cannot be checked here
    echo "SKIP: systemd-analyze is not installed (apt-get install systemd)"
    exit 0
fi
systemd-analyze --version | head -n1

# --- exposure ---
systemd-analyze security --offline=yes "$UNIT" >"$work/security.txt" 2>&1 || true
exposure=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$work/security.txt")
[ -n "$exposure" ] || { cat "$work/security.txt"; fail "no exposure figure from systemd-analyze security"; }
echo "systemd-analyze security: exposure $exposure"
grep '✗' "$work/security.txt" | sed 's/  */ /g; s/^/  /' || true
awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }' || fail "exposure $exposure is above 2.0"

# --- verify ---
mkdir -p "$work/unit" "$work/man/man8"
sed "s#^ExecStart=/usr/bin/cargowatchd #ExecStart=$B/cargowatchd #" "$UNIT" >"$work/unit/cargowatchd.service"
grep -q "^ExecStart=$B/cargowatchd " "$work/unit/cargowatchd.service" || fail "no ExecStart=/usr/bin/cargowatchd in the unit"
man_opt=--man=no
if command -v man >/dev/null && [ -f "$S/daemon/cargowatchd.8" ]; then
    cp "$S/daemon/cargowatchd.8" "$work/man/man8/"
    man_opt=--man=yes
fi
if ! MANPATH="$work/man:" systemd-analyze verify "$man_opt" "$work/unit/cargowatchd.service" >"$work/verify.txt" 2>&1; then
    cat "$work/verify.txt"
    fail "systemd-analyze verify failed"
fi
# warnings do not change its exit code: any line about our unit is one
if grep -v '^$' "$work/verify.txt" | grep -q .; then
    cat "$work/verify.txt"
    fail "systemd-analyze verify complained"
fi
echo "systemd-analyze verify ($man_opt): clean"

# --- sd_notify, against a fake service manager ---
"$B/cargowatch-broker" >"$work/broker.out" 2>"$work/broker.err" &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/broker.out" ] && break; sleep 0.1; done
brokers=$(head -n1 "$work/broker.out")
[ -n "$brokers" ] || fail "no broker"

$PY - "$work/notify.sock" "$work/notify.log" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "w") as log:
    while True:
        msg = s.recv(4096).decode("utf-8", "replace")
        log.write("%.3f %s\n" % (time.monotonic(), msg.replace("\n", "|")))
        log.flush()
PY
pids+=($!)
for _ in $(seq 50); do [ -S "$work/notify.sock" ] && break; sleep 0.1; done
[ -S "$work/notify.sock" ] || fail "no notify socket"

cat >"$work/cargowatch.yaml" <<EOF2
group: e2e-ops-systemd
group_instance_id: ""
http:
  listen: 127.0.0.1:0
EOF2
NOTIFY_SOCKET=$work/notify.sock WATCHDOG_USEC=1000000 \
    bash -c 'export WATCHDOG_PID=$$; exec "$@"' - \
    "$B/cargowatchd" -c "$work/cargowatch.yaml" -b "$brokers" --rules "$S/rules" 2>"$work/daemon.err" &
dpid=$!
pids+=($dpid)
wait_for() { # pattern, seconds
    for _ in $(seq $(($2 * 10))); do
        grep -q -- "$1" "$work/notify.log" 2>/dev/null && return 0
        kill -0 "$dpid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
wait_for 'READY=1' 15 || fail "no READY=1"
grep -m1 'READY=1' "$work/notify.log" | grep -q 'STATUS=' || fail "READY=1 without STATUS="
sleep 2.5
nwd=$(grep -c 'WATCHDOG=1' "$work/notify.log" || true)
[ "$nwd" -ge 3 ] || fail "$nwd WATCHDOG=1 in 2.5 s with WatchdogSec=1s (want one each 0.5 s)"
echo "READY=1 with STATUS=, then $nwd WATCHDOG=1 in 2.5 s"

kill -HUP "$dpid"
wait_for 'RELOADING=1' 5 || fail "no RELOADING=1 after SIGHUP"
grep 'RELOADING=1' "$work/notify.log" | grep -q 'MONOTONIC_USEC=' || fail "RELOADING=1 without MONOTONIC_USEC="
# loading and compiling the rules takes a second or so
reloaded=
for _ in $(seq 200); do
    if sed -n '/RELOADING=1/,$p' "$work/notify.log" | grep -q 'READY=1'; then reloaded=1; break; fi
    sleep 0.1
done
[ -n "$reloaded" ] || fail "no READY=1 within 20 s of RELOADING=1"
grep -q 'SIGHUP: rules .* replace ' "$work/daemon.err" || fail "the reload was not logged"
echo "SIGHUP: RELOADING=1, then READY=1"

kill -TERM "$dpid"
rc=0
wait "$dpid" || rc=$?
[ "$rc" -eq 0 ] || fail "cargowatchd exited $rc after SIGTERM"
grep -q 'STOPPING=1' "$work/notify.log" || fail "no STOPPING=1"
echo "SIGTERM: STOPPING=1, exit 0"
grep -q 'systemd: watchdog every 500 ms' "$work/daemon.err" || fail "the daemon did not log its watchdog interval"
echo "PASS"
