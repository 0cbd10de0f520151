#!/usr/bin/env python3
"""Check xtask's ROUGE (plain variant) against Google's rouge-score package.

    cargo run --release -p xtask -- eval summary --dump /tmp/summary_dump.jsonl
    pip install rouge-score
    python3 scripts/rouge_check.py /tmp/summary_dump.jsonl

Each line of the dump holds a candidate and one reference (both folded:
lowercase, no accents) and our ROUGE-1/2 precision, recall and F1 for them.
rouge-score without its (English) stemmer tokenises exactly like the plain
variant on folded text, so the figures should agree to rounding.
"""
import json
import sys

from rouge_score import rouge_scorer


def main(path):
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=False)
    worst = 0.0
    n = 0
    for line in open(path, encoding="utf-8"):
        row = json.loads(line)
        s = scorer.score(row["reference"], row["candidate"])
        for key, ours in (("rouge1", row["r1"]), ("rouge2", row["r2"])):
            theirs = (s[key].precision, s[key].recall, s[key].fmeasure)
            worst = max(worst, max(abs(a - b) for a, b in zip(ours, theirs)))
        n += 1
    print(f"{n} candidate/reference pairs, max |ours - rouge-score| = {worst:.2e}")
    return 0 if worst < 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
