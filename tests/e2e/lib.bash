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
