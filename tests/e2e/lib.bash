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
