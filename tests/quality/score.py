"""Scores cargowatch's alerts against a simulated feed's ground truth.

usage: score.py TRUTH.jsonl ALERTS.jsonl FEED.jsonl

Prints, as the detection engine's targets are stated:
  - schemes linked, overall and per concealment level: a scheme is linked
    when one alert names at least two of its manifests;
  - precision of high and critical alerts: the share that rest on at least
    one message of a scheme;
  - medium-or-worse false alarms per 10,000 benign manifests;
  - legitimate split deliveries flagged (a medium-or-worse alert naming two
    of one split's manifests);
  - kit watches (low severity: fewer components than the kit needs) that
    rest on benign traffic only, the analysts' triage load.
Exit status 0 always: the figures are measured, not asserted.
"""
import collections
import json
import sys

SEVERE = {"high", "critical"}
MEDIUM_UP = {"medium", "high", "critical"}


def main(truth_path, alerts_path, feed_path):
    schemes, splits = [], []
    scheme_of = {}
    for line in open(truth_path):
        t = json.loads(line)
        if "scheme" in t:
            schemes.append(t)
            for i in t.get("manifest_ids", []) + t.get("insurance_ids", []):
                scheme_of[i] = t["scheme"]
        elif "split" in t:
            splits.append(t)

    benign_manifests = 0
    for line in open(feed_path):
        try:
            m = json.loads(line)
        except ValueError:
            continue
        if m.get("type") == "manifest" and m.get("id") not in scheme_of:
            benign_manifests += 1

    alerts = [json.loads(l) for l in open(alerts_path) if l.strip()]
    severe = [a for a in alerts if a["severity"] in SEVERE]
    true_severe = [a for a in severe if any(e["id"] in scheme_of for e in a["evidence"])]
    false_medium = [a for a in alerts if a["severity"] in MEDIUM_UP
                    and not any(e["id"] in scheme_of for e in a["evidence"])]

    linked_by_level = collections.defaultdict(lambda: [0, 0])
    linked_medium = 0
    for s in schemes:
        ids = set(s["manifest_ids"])
        linking = [a for a in alerts if len(ids & {e["id"] for e in a["evidence"]}) >= 2]
        linked_by_level[s["level"]][0] += bool(linking)
        linked_by_level[s["level"]][1] += 1
        linked_medium += any(a["severity"] in MEDIUM_UP for a in linking)
    splits_flagged = 0
    for sp in splits:
        ids = set(sp["manifest_ids"])
        if any(a["severity"] in MEDIUM_UP and len(ids & {e["id"] for e in a["evidence"]}) >= 2 for a in alerts):
            splits_flagged += 1

    total_linked = sum(v[0] for v in linked_by_level.values())
    print(f"schemes linked: {total_linked}/{len(schemes)}"
          + (f" = {total_linked / len(schemes):.3f}" if schemes else ""))
    for level in sorted(linked_by_level):
        got, n = linked_by_level[level]
        print(f"  concealment level {level}: {got}/{n} = {got / n:.3f}")
    print(f"  of them by a medium-or-worse alert: {linked_medium}/{len(schemes)}")
    prec = len(true_severe) / len(severe) if severe else 1.0
    print(f"precision of high and critical alerts: {len(true_severe)}/{len(severe)} = {prec:.3f}")
    rate = 10000 * len(false_medium) / benign_manifests if benign_manifests else 0.0
    print(f"medium-or-worse false alarms: {len(false_medium)} on {benign_manifests} benign manifests"
          f" = {rate:.2f} per 10,000")
    print(f"legitimate split deliveries flagged: {splits_flagged}/{len(splits)}")
    false_low = [a for a in alerts if a["severity"] == "low" and " (watch)" in a["title"]
                 and not any(e["id"] in scheme_of for e in a["evidence"])]
    rate = 10000 * len(false_low) / benign_manifests if benign_manifests else 0.0
    print(f"kit watches (low) on benign traffic only: {len(false_low)} = {rate:.2f} per 10,000 benign manifests")
    by_rule = collections.Counter((a["rule"], a["severity"]) for a in false_medium)
    for (rule, sev), n in by_rule.most_common(8):
        print(f"  false alarm: {rule} ({sev}) x{n}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
