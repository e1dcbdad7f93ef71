#!/usr/bin/env bash
# The shipped rules load without error and every test case the rule files
# carry (messages that must fire, messages that must stay quiet) holds; a
# broken rule file is refused with file:line: reason.
set -euo pipefail
B=$1 S=$2
"$B/cargowatchd" --check-rules --rules "$S/rules"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$S/rules/." "$work/"
cat >>"$work/messages.yaml" <<'YAML'

- rule: broken-on-purpose
  title: a rule with a bad severity and a regex that does not compile
  severity: severe
  when: {field: goods.description, matches: '(unclosed'}
YAML
if "$B/cargowatchd" --check-rules --rules "$work" >"$work/out" 2>&1; then
    echo "FAIL: a broken rule file was accepted"
    exit 1
fi
grep -E '^messages\.yaml:[0-9]+: ' "$work/out" || { echo "FAIL: no file:line: reason in:"; cat "$work/out"; exit 1; }
echo "broken rule file refused with file:line: reason"
