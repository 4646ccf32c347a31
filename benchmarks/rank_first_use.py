"""Where the reference list's order helps the ranker: first-use claims against the rest.

A Wikipedia reference list is numbered by first use, so for a sentence that is
the *first* to cite a work, that work's place in the list is set by the very
citation the ranker is asked to find; for a sentence citing a work already
cited earlier, it is not.  This script splits the dev claims (text, with
context) into those two groups and prints recall@1 / recall@3 of the shipped
model with the sources listed and shuffled, so the gain of the order features
can be read for what it is.  A flagged claim in a project (no citation yet) is
never a first use: the "cited before" row is the closer picture of ``todo``.

    PYTHONPATH=. .venv/bin/python benchmarks/rank_first_use.py DATA_DIR

Not a test: it prints numbers for ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path
from typing import Any

from checker.rank import dataset
from checker.rank.evaluate import model_ranking, recall
from checker.rank.model import shipped


def first_uses(article: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Each source id -> the (paragraph, sentence) that cites it first."""
    first: dict[str, tuple[int, int]] = {}
    for sentence in sorted(article["sentences"], key=lambda s: (s["para"], s["sent"])):
        for cited in sentence["cites"]:
            first.setdefault(cited, (sentence["para"], sentence["sent"]))
    return first


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path, help="the candidate-sources folder (dev.jsonl.gz)")
    args = ap.parse_args()
    rank = model_ranking(shipped())
    print("| sources | claims | n | R@1 | R@3 |\n|---|---|---:|---:|---:|")
    for order in ("listed", "shuffled"):
        sums: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
        for article in dataset.read_articles(args.data / "dev.jsonl.gz"):
            first = first_uses(article)
            known = {s["id"] for s in article["sources"]}
            # article_examples keeps the cited sentences whose cites name a known source, in order
            kept = [
                s
                for s in article["sentences"]
                if s["cites"] and any(c in known for c in s["cites"])
            ]
            examples = dataset.article_examples(article, order=order)
            for sentence, example in zip(kept, examples, strict=True):
                here = (sentence["para"], sentence["sent"])
                group = (
                    "first use"
                    if any(first[c] == here for c in sentence["cites"])
                    else "cited before"
                )
                ranked = rank(example.claim)
                row = sums[group]
                row[0] += 1
                row[1] += recall(ranked, example.cited, 1)
                row[2] += recall(ranked, example.cited, 3)
        for group, (n, r1, r3) in sorted(sums.items()):
            print(f"| {order} | {group} | {n:.0f} | {r1 / n:.3f} | {r3 / n:.3f} |")


if __name__ == "__main__":
    main()
