#!/usr/bin/env python3
"""Scores an `ingest-worker analyze` report against a generated batch's truth.json.

Usage: score.py REPORT.json TRUTH.json  — prints the figures and exits 1 on a wrong attachment.

Besides accuracy it prints what matters for trust: pieces attached to another applicant's
demande, plis that had to be kept aside (unreadable or missing cover, unknown or struck-off
number) and were, the share of pieces left to an operator, the precision of what was filed
without review and, when the report carries them, identity documents read by their MRZ and
holders named as the truth does. Fields missing from older reports or truths are skipped.
"""
import json
import sys

report = json.load(open(sys.argv[1]))
truth = json.load(open(sys.argv[2]))

report_plis = report.get("plis", [])
truth_plis = truth.get("plis", [])

by_first = {p["first_page"]: p for p in report_plis}
truth_attached = [p for p in truth_plis if p["expected_outcome"] == "attached"]
attached_ok = 0
wrong = []
for p in report_plis:
    if p["outcome"] != "attached":
        continue
    t = next((t for t in truth_plis if t["first_page"] == p["first_page"]), None)
    if t is None or t["expected_outcome"] != "attached" or t["numero_unique"] != p["numero_unique"] \
            or t["last_page"] != p["last_page"]:
        wrong.append((p["first_page"], p["numero_unique"], t and t["expected_outcome"]))
    else:
        attached_ok += 1

outcomes_ok = sum(1 for t in truth_plis
                  if by_first.get(t["first_page"], {}).get("outcome") == t["expected_outcome"])

pieces_out = {}
for p in report_plis:
    for q in p.get("pieces", []):
        pieces_out[q["first_page"]] = q
total = typed = grouped = flagged_wrong = confident_wrong = 0
confusions = {}
truth_piece_at = {}
for t in truth_plis:
    for q in t["pieces"]:
        truth_piece_at[q["first_page"]] = q
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

blank_truth, blank_found = set(truth.get("blank_pages", [])), set(report.get("blank_pages", []))


def pct(a, b):
    return f"{100.0 * a / b:.1f} %" if b else "n/a"


def overlaps(a0, a1, b0, b1):
    return a0 <= b1 and b0 <= a1


def truth_pli_of(page):
    return next((t for t in truth_plis if t["first_page"] <= page <= t["last_page"]), None)


# pieces filed in a demande that is not theirs: every truth piece inside an attached pli that
# belongs to another truth pli, or all of them when the number attached to is not the pli's
attached_ranges = [(p["first_page"], p["last_page"]) for p in report_plis
                   if p["outcome"] == "attached"]
misfiled = []
for p in report_plis:
    if p["outcome"] != "attached":
        continue
    own = truth_pli_of(p.get("cover_page") or p["first_page"])
    for t in truth_plis:
        for q in t["pieces"]:
            if not overlaps(p["first_page"], p["last_page"], q["first_page"], q["last_page"]):
                continue
            if t is not own or own.get("numero_unique") != p.get("numero_unique"):
                misfiled.append(q["first_page"])

# plis to be kept aside, and kept aside: reported with the expected outcome and none of their
# pages inside an attached pli
aside = [t for t in truth_plis if t["expected_outcome"] != "attached"]


def reported_outcome(t):
    r = by_first.get(t["first_page"])
    if r is None:
        r = next((p for p in report_plis
                  if p["first_page"] <= t["first_page"] <= p["last_page"]), None)
    return r and r["outcome"]


def kept_aside(t):
    return reported_outcome(t) == t["expected_outcome"] and not any(
        overlaps(a0, a1, t["first_page"], t["last_page"]) for a0, a1 in attached_ranges)


aside_ok = [t for t in aside if kept_aside(t)]
aside_traps = [t for t in aside if t.get("traps")]

# what an operator must look at, and what was filed without anyone looking
report_pieces = [(p, q) for p in report_plis for q in p.get("pieces", [])]
to_review = sum(1 for p, q in report_pieces if p["outcome"] != "attached" or q.get("needs_review"))
auto = [q for p, q in report_pieces if p["outcome"] == "attached" and not q.get("needs_review")]
auto_right = sum(1 for q in auto
                 if truth_piece_at.get(q["first_page"], {}).get("type") == q.get("type"))

print(f"pages                       {report.get('pages')} (truth {truth.get('pages')})")
print(f"readable covers attached    {attached_ok}/{len(truth_attached)} = {pct(attached_ok, len(truth_attached))}")
print(f"wrong attachments           {len(wrong)} {wrong if wrong else ''}")
print(f"pli outcomes as expected    {outcomes_ok}/{len(truth_plis)} = {pct(outcomes_ok, len(truth_plis))}")
print(f"piece type top-1            {typed}/{total} = {pct(typed, total)}")
print(f"  wrong and flagged review  {flagged_wrong}; wrong and confident {confident_wrong}")
print(f"page grouping exact         {grouped}/{total} = {pct(grouped, total)}")
print(f"blank pages found           {len(blank_truth & blank_found)}/{len(blank_truth)}, false {len(blank_found - blank_truth)}")
print(f"pieces in a wrong demande   {len(misfiled)}/{total} {sorted(misfiled) if misfiled else ''}")
line = f"trap plis kept aside        {len(aside_ok)}/{len(aside)} = {pct(len(aside_ok), len(aside))}"
if aside_traps:
    ok = sum(1 for t in aside_traps if kept_aside(t))
    line += f" (with a trap: {ok}/{len(aside_traps)})"
missed = [(t["first_page"], t["expected_outcome"], reported_outcome(t))
          for t in aside if not kept_aside(t)]
print(line + (f" missed {missed}" if missed else ""))
print(f"review rate                 {to_review}/{len(report_pieces)} = {pct(to_review, len(report_pieces))}")
# The same among the pieces of plis that were to be attached: the operators' share of ordinary
# mail (plis that had to stay aside go to them whole, by design).
meant = [(p, q) for p, q in report_pieces
         if truth_piece_at.get(q["first_page"]) is not None
         and any(t["expected_outcome"] == "attached" and t["first_page"] <= q["first_page"] <= t["last_page"]
                 for t in truth_plis)]
meant_review = sum(1 for p, q in meant if p["outcome"] != "attached" or q.get("needs_review"))
print(f"  of plis to attach         {meant_review}/{len(meant)} = {pct(meant_review, len(meant))}")
print(f"auto-accepted precision     {auto_right}/{len(auto)} = {pct(auto_right, len(auto))}")
if any("mrz" in q for _, q in report_pieces):
    identity = [q for t in truth_plis for q in t["pieces"]
                if q["type"] in ("CID", "CIDC", "TSJ", "TSJC")]
    valid = sum(1 for q in identity
                if ((pieces_out.get(q["first_page"]) or {}).get("mrz") or {}).get("valid"))
    print(f"identity pieces, valid MRZ  {valid}/{len(identity)} = {pct(valid, len(identity))}")
if any("holder" in q for _, q in report_pieces):
    named = [(q, pieces_out.get(q["first_page"])) for t in truth_plis for q in t["pieces"]
             if q.get("holder") and pieces_out.get(q["first_page"])]
    read = [(q, o) for q, o in named if o.get("holder")]
    same = sum(1 for q, o in read if o["holder"].get("role") == q["holder"]["role"])
    print(f"holder role as truth        {same}/{len(read)} read, {len(named)} pieces = {pct(same, len(named))}")
if confusions:
    print("confusions (truth -> read):", ", ".join(f"{a}->{b}:{n}" for (a, b), n in sorted(confusions.items())))
sys.exit(1 if wrong else 0)
