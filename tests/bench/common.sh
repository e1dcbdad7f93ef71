# common.sh: helpers the benchmark scripts source.  Not a benchmark.
now_ns() { date +%s%N; }
# Run a command on one core when taskset is there (figures are "one core").
one_core() { if command -v taskset >/dev/null; then taskset -c "${CW_BENCH_CPU:-1}" "$@"; else "$@"; fi; }
# A simulated feed of N messages, made once and kept in /tmp (never in the
# repository): feed N [SCHEMES] prints its path.
feed() {
    local n=$1 schemes=${2:-50} f
    f=${CW_BENCH_TMP:-/tmp}/cargowatch-bench-s5-$1-$schemes.jsonl
    if [ ! -s "$f" ]; then
        "$B/cargowatch-sim" --seed 5 --messages "$n" --schemes "$schemes" --data "$S/rules/reference" -o "$f.part" >&2
        mv "$f.part" "$f"
    fi
    echo "$f"
}
ms() { echo $((($2 - $1) / 1000000)); }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }'; }
