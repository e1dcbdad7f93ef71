"""Reads alerts (JSON Lines) on stdin and prints one line per alert:
severity, rule, title, shipments.  Used by tools/demo."""
import json
import sys

COLOURS = {"critical": "\033[1;31m", "high": "\033[31m", "medium": "\033[33m", "low": "\033[36m", "info": ""}
RESET = "\033[0m" if sys.stdout.isatty() else ""

for line in sys.stdin:
    try:
        a = json.loads(line)
    except ValueError:
        continue
    sev = a.get("severity", "?")
    colour = COLOURS.get(sev, "") if RESET else ""
    refs = sorted({e.get("ref", e.get("id", "")) for e in a.get("evidence", [])})
    again = "  (supersedes %s)" % a["supersedes"][:11] if "supersedes" in a else ""
    print(f"{colour}{sev.upper():8}{RESET} {a.get('rule', '?'):28} {a.get('title', '')}  [{', '.join(refs)}]{again}")
