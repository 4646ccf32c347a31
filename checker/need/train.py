"""Train the citation-need model: ``python -m checker.need.train DATA_DIR [-o FILE]``.

DATA_DIR holds ``train.jsonl.gz`` and ``dev.jsonl.gz`` (one sentence a line, the
fields of the citation-need data set: ``text``, ``flat``, ``section``, ``lead``,
``label``). Positive = ``cited`` or ``cn``. Every sentence is learnt twice, as
written and flattened, so the one model serves both forms. The regularisation
is chosen on dev (mean ROC-AUC of the two forms), and so is the rule's threshold
(the lowest score at which the sentences above it are still mostly positive);
the model is fitted on train only so that the dev numbers it records stay honest.

Needs the ``train`` extra (NumPy, SciPy, scikit-learn); scoring needs none of it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from .features import EDGE, sentence_features
from .metrics import evaluate, pick_threshold
from .model import MODEL_FILE, NeedModel, hashed

Row = dict[str, Any]

GRID_C = (0.003, 0.006, 0.01, 0.02)
BUCKETS = 1 << 18


def read_split(folder: Path, name: str) -> list[Row]:
    for path in (folder / f"{name}.jsonl.gz", folder / f"{name}.jsonl"):
        if path.exists():
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8") as fh:
                return [json.loads(line) for line in fh if line.strip()]
    raise InputError(f"{folder}: no {name}.jsonl.gz or {name}.jsonl")


def derive_stopwords(rows: Sequence[Row], min_count: int = 20) -> frozenset[str]:
    """The words the flattening removed: dropped from ``flat`` in ≥ 95 % of their uses."""
    seen: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    for row in rows:
        kept = set(row["flat"].split())
        for raw in row["text"].lower().split():
            word = raw.strip(EDGE)
            if not word:
                continue
            seen[word] += 1
            dropped[word] += word not in kept
    return frozenset(w for w, n in seen.items() if n >= min_count and dropped[w] >= 0.95 * n)


def matrix(rows: Sequence[Row], field: str, stopwords: frozenset[str]) -> Any:
    import numpy as np
    import scipy.sparse as sp

    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for row in rows:
        feats = sentence_features(
            row[field], row.get("section", ""), bool(row.get("lead")), stopwords
        )
        for slot, x in sorted(hashed(feats, BUCKETS - 1).items()):
            indices.append(slot)
            values.append(x)
        indptr.append(len(indices))
    return sp.csr_matrix(
        (np.array(values, np.float32), np.array(indices), np.array(indptr)),
        shape=(len(rows), BUCKETS),
    )


def positive(rows: Sequence[Row]) -> list[bool]:
    return [row["label"] != "uncited" for row in rows]


def train(folder: Path, precision: float, log: Any = sys.stderr) -> NeedModel:
    import numpy as np
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    train_rows, dev_rows = read_split(folder, "train"), read_split(folder, "dev")
    stopwords = derive_stopwords(train_rows)
    print(
        f"train {len(train_rows)} sentences, dev {len(dev_rows)}; {len(stopwords)} stopwords",
        file=log,
    )
    x = sp.vstack([matrix(train_rows, f, stopwords) for f in ("text", "flat")]).tocsr()
    y = np.array(positive(train_rows) * 2)
    dev = {f: matrix(dev_rows, f, stopwords) for f in ("text", "flat")}
    dev_y = positive(dev_rows)
    dev_cn = [row["label"] == "cn" for row in dev_rows]

    best: tuple[float, float, Any] | None = None
    for c in GRID_C:
        fit = LogisticRegression(C=c, solver="liblinear", max_iter=5000).fit(x, y)
        aucs = [evaluate(fit.decision_function(dev[f]).tolist(), dev_y, dev_cn)["auc"] for f in dev]
        mean = sum(aucs) / len(aucs)
        print(f"C={c}: dev ROC-AUC text {aucs[0]:.4f} flat {aucs[1]:.4f}", file=log)
        if best is None or mean > best[0]:
            best = (mean, c, fit)
    assert best is not None
    _, c, fit = best

    def prob(field: str) -> list[float]:
        return [float(p) for p in fit.predict_proba(dev[field])[:, 1]]

    scores = {f: prob(f) for f in dev}
    threshold, at = pick_threshold(scores["text"], dev_y, precision)
    meta: dict[str, object] = {
        "trained_on": {"train": len(train_rows), "dev": len(dev_rows)},
        "C": c,
        "dev": {
            f: {k: round(v, 4) for k, v in evaluate(scores[f], dev_y, dev_cn).items()}
            for f in scores
        },
        "threshold_on_dev": {k: round(v, 4) for k, v in at.items()},
    }
    weights = tuple(float(w) for w in fit.coef_[0])
    return NeedModel(weights, float(fit.intercept_[0]), stopwords, round(threshold, 4), meta)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker.need.train", description=__doc__)
    parser.add_argument("data", type=Path, help="folder with train.jsonl.gz and dev.jsonl.gz")
    default = Path(__file__).with_name(MODEL_FILE)
    parser.add_argument("-o", "--output", type=Path, default=default, help="model file to write")
    parser.add_argument(
        "--precision",
        type=float,
        default=0.5,
        help="the rule's threshold: lowest score whose sentences above are this precise on dev",
    )
    args = parser.parse_args(argv)
    try:
        model = train(args.data, args.precision)
    except InputError as exc:
        print(f"citecheck: {exc}", file=sys.stderr)
        return 2
    tmp = args.output.with_suffix(".tmp")
    tmp.write_text(model.to_json(), encoding="utf-8")
    tmp.replace(args.output)
    print(json.dumps(model.meta, indent=1), file=sys.stderr)
    print(f"wrote {args.output} (threshold {model.threshold})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
