#!/usr/bin/env bash
# Detection quality on simulated feeds the rules were not tuned on: prints
# schemes linked per concealment level, precision of high/critical alerts,
# false alarms per 10,000 benign manifests and split deliveries flagged.
# Usage: detection.sh BUILD_DIR SOURCE_DIR [SEED...]
set -euo pipefail
B=$1 S=$2
shift 2
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(101 202 303)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for seed in "${seeds[@]}"; do
    echo "== seed $seed: ${MESSAGES:-50000} messages, ${SCHEMES:-40} schemes"
    "$B/cargowatch-sim" --seed "$seed" --messages "${MESSAGES:-50000}" --schemes "${SCHEMES:-40}" \
        --truth "$work/truth.jsonl" -o "$work/feed.jsonl"
    "$B/cargowatchd" --replay "$work/feed.jsonl" --rules "$S/rules" -q >"$work/alerts.jsonl"
    /usr/bin/python3 "$S/tests/quality/score.py" "$work/truth.jsonl" "$work/alerts.jsonl" "$work/feed.jsonl"
done
