#!/usr/bin/env python3
"""Scores an `ingest-worker analyze` report against a generated batch's truth.json.

Usage: score.py REPORT.json TRUTH.json  — prints the figures and exits 1 on a wrong attachment.
"""
import json
import sys

report = json.load(open(sys.argv[1]))
truth = json.load(open(sys.argv[2]))

by_first = {p["first_page"]: p for p in report["plis"]}
truth_attached = [p for p in truth["plis"] if p["expected_outcome"] == "attached"]
attached_ok = 0
wrong = []
for p in report["plis"]:
    if p["outcome"] != "attached":
        continue
    t = next((t for t in truth["plis"] if t["first_page"] == p["first_page"]), None)
    if t is None or t["expected_outcome"] != "attached" or t["numero_unique"] != p["numero_unique"] \
            or t["last_page"] != p["last_page"]:
        wrong.append((p["first_page"], p["numero_unique"], t and t["expected_outcome"]))
    else:
        attached_ok += 1

outcomes_ok = sum(1 for t in truth["plis"]
                  if by_first.get(t["first_page"], {}).get("outcome") == t["expected_outcome"])

pieces_out = {}
for p in report["plis"]:
    for q in p["pieces"]:
        pieces_out[q["first_page"]] = q
total = typed = grouped = flagged_wrong = confident_wrong = 0
confusions = {}
for t in truth["plis"]:
    for q in t["pieces"]:
        total += 1
        o = pieces_out.get(q["first_page"])
        if o and o["last_page"] == q["last_page"]:
            grouped += 1
        if o and o["type"] == q["type"]:
            typed += 1
        elif o:
            confusions[(q["type"], o["type"])] = confusions.get((q["type"], o["type"]), 0) + 1
            if o["needs_review"]:
                flagged_wrong += 1
            else:
                confident_wrong += 1

blank_truth, blank_found = set(truth["blank_pages"]), set(report["blank_pages"])

def pct(a, b):
    return f"{100.0 * a / b:.1f} %" if b else "n/a"

print(f"pages                       {report['pages']} (truth {truth['pages']})")
print(f"readable covers attached    {attached_ok}/{len(truth_attached)} = {pct(attached_ok, len(truth_attached))}")
print(f"wrong attachments           {len(wrong)} {wrong if wrong else ''}")
print(f"pli outcomes as expected    {outcomes_ok}/{len(truth['plis'])} = {pct(outcomes_ok, len(truth['plis']))}")
print(f"piece type top-1            {typed}/{total} = {pct(typed, total)}")
print(f"  wrong and flagged review  {flagged_wrong}; wrong and confident {confident_wrong}")
print(f"page grouping exact         {grouped}/{total} = {pct(grouped, total)}")
print(f"blank pages found           {len(blank_truth & blank_found)}/{len(blank_truth)}, false {len(blank_found - blank_truth)}")
if confusions:
    print("confusions (truth -> read):", ", ".join(f"{a}->{b}:{n}" for (a, b), n in sorted(confusions.items())))
sys.exit(1 if wrong else 0)
