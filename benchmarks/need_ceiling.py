"""How far can a per-sentence citation-need model get on dev? An upper-bound experiment.

    .venv/bin/python benchmarks/need_ceiling.py /work/shared/data/citation-need

The `need-score` contract gives a scorer one sentence, its section path and the lead flag.
Much of the label, though, is a property of the article (how densely its editors cite) and of
the section, which no such scorer can see.  This script measures how much: a TF-IDF 1-2-gram
logistic regression over the sentence and its section words (the baseline shape), then the
same model given, as an extra feature, the *true* citation rate of the sentence's article and
of its section (leave-one-out: the sentence's own label is not counted).  Those rates are an
oracle, unavailable at run time; if even the oracle-fed model stays below the issue's target,
the target is beyond what the contract's inputs carry, whatever the sentence model.

Needs the `train` extra (scikit-learn, SciPy); not part of `make test`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

Row = dict[str, Any]


def load(path: Path) -> list[Row]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def positive(row: Row) -> int:
    return int(row["label"] != "uncited")


def document(row: Row, form: str) -> str:
    section = (row["section"] or "LEAD").lower().split()
    return row[form] + " || " + " ".join("sec_" + w for w in section)


def leave_one_out_rate(rows: list[Row], key: tuple[str, ...]) -> list[list[float]]:
    """The log-odds of the positive share of each row's group, without the row itself."""
    counts: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        group = counts[tuple(row[k] for k in key)]
        group[0] += positive(row)
        group[1] += 1
    out = []
    for row in rows:
        pos, n = counts[tuple(row[k] for k in key)]
        share = (pos - positive(row) + 1) / (n - 1 + 2)  # Laplace, own label left out
        out.append([math.log(share / (1 - share))])
    return out


def auc(train: list[Row], dev: list[Row], form: str, oracle: list[tuple[str, ...]]) -> float:
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x_train = vectoriser.fit_transform([document(r, form) for r in train])
    x_dev = vectoriser.transform([document(r, form) for r in dev])
    for key in oracle:
        x_train = hstack([x_train, csr_matrix(leave_one_out_rate(train, key))]).tocsr()
        x_dev = hstack([x_dev, csr_matrix(leave_one_out_rate(dev, key))]).tocsr()
    model = LogisticRegression(C=2, max_iter=3000)
    model.fit(x_train, [positive(r) for r in train])
    return float(roc_auc_score([positive(r) for r in dev], model.predict_proba(x_dev)[:, 1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="the citation-need folder (train/dev .jsonl.gz)")
    args = parser.parse_args()
    train, dev = load(args.data / "train.jsonl.gz"), load(args.data / "dev.jsonl.gz")
    variants: list[tuple[str, list[tuple[str, ...]]]] = [
        ("sentence + section words (no oracle)", []),
        ("+ oracle: the article's true rate", [("page",)]),
        ("+ oracle: the article's and the section's true rates", [("page",), ("page", "section")]),
    ]
    print("| model (TF-IDF 1-2-grams + LR, trained on train) | AUC text | AUC flat |")
    print("|---|---:|---:|")
    for name, oracle in variants:
        text, flat = auc(train, dev, "text", oracle), auc(train, dev, "flat", oracle)
        print(f"| {name} | {text:.3f} | {flat:.3f} |")


if __name__ == "__main__":
    main()
