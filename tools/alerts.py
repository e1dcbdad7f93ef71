"""Reads alerts (JSON Lines) on stdin and prints one line per alert at or
above a severity (default medium): severity, rule, title, shipments.  On
SIGTERM or end of input it prints how many alerts of each severity it saw.
Used by tools/demo."""
import collections
import json
import os
import signal
import sys

ORDER = ["info", "low", "medium", "high", "critical"]
COLOURS = {"critical": "\033[1;31m", "high": "\033[31m", "medium": "\033[33m", "low": "\033[36m", "info": ""}
TTY = sys.stdout.isatty()
MIN = ORDER.index(os.environ.get("MIN_SEVERITY", "medium"))
seen = collections.Counter()


def tally(*_):
    parts = [f"{seen[s]} {s}" for s in reversed(ORDER) if seen[s]]
    print(f"== alerts on cargo.alerts: {sum(seen.values())} ({', '.join(parts) or 'none'})", flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, tally)
for line in sys.stdin:
    try:
        a = json.loads(line)
    except ValueError:
        continue
    sev = a.get("severity", "info")
    seen[sev] += 1
    if sev not in ORDER or ORDER.index(sev) < MIN:
        continue
    colour, reset = (COLOURS.get(sev, ""), "\033[0m") if TTY else ("", "")
    refs = sorted({e.get("ref", e.get("id", "")) for e in a.get("evidence", [])})
    again = f"  (re-issued, supersedes {a['supersedes'][:11]})" if "supersedes" in a else ""
    print(f"{colour}{sev.upper():8}{reset} {a.get('rule', '?'):26} {a.get('title', '')}  [{', '.join(refs)}]{again}",
          flush=True)
tally()
