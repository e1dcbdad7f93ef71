#!/bin/bash
# run.sh TARGET CORPUS DICT ARTIFACTS [libFuzzer flags...]
# Runs a fuzz target on a scratch copy of its seed corpus (the source tree
# is never written), with its dictionary; exits non-zero on a crash, leak,
# timeout or broken invariant, keeping the input under ARTIFACTS.
set -u
target=$1 corpus=$2 dict=$3 artifacts=$4
shift 4
work=$(mktemp -d "${TMPDIR:-/tmp}/cwfuzz-run.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$artifacts"
cp -R "$corpus"/. "$work/corpus/"
name=$(basename "$target")
"$target" -dict="$dict" -artifact_prefix="$artifacts/$name-" -print_final_stats=1 "$@" "$work/corpus" \
  >"$work/log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
  grep -v '^#[0-9]' "$work/log"   # all but the progress lines
  echo "$name: failed (exit $rc); the input is under $artifacts" >&2
else
  tail -n 20 "$work/log"
fi
exit $rc
