"""Train the ranking model: ``python -m checker.rank.train DATA_DIR [-o DIR]``.

Reads ``train.jsonl.gz`` (and ``dev.jsonl.gz`` to choose the noise threshold)
from DATA_DIR, in the candidate-sources format (see :mod:`checker.rank.dataset`),
and writes ``vocabulary.txt`` and ``model.json`` (default: into this package).
Every training article is read twice (``--order both``): its sources as the
article lists them (by first use) and shuffled, so the model learns to use the
list's order only where the context bears it out (:mod:`checker.rank.order`).

1. the vocabulary: how many training sentences and references hold each term;
2. the linear stage: a conditional logit (softmax over each claim's works,
   the cited ones sharing the target) over :data:`DESIGN`, fitted with L-BFGS;
3. the trees: LightGBM LambdaRank on the linear stage's ``--pool`` best works
   of each training claim, each tree over a random 80 % of the features;
4. the noise gate: a logistic regression of cited-or-not on the absolute
   evidence (:data:`GATE`), and its threshold chosen on dev: the weakest
   candidates, together cited at most ``--noise`` of the time, are not shown.

Needs the ``train`` extra (NumPy, SciPy, LightGBM); the package itself never does.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import dataset
from .features import LINEAR, NAMES, ClaimFeatures
from .model import Model, Term
from .text import terms
from .vocabulary import Vocabulary, write

#: the linear stage's terms beyond every LINEAR feature as it is: hinges where a
#: feature's effect bends, products where two only count together
DESIGN: tuple[Term, ...] = (
    *(("x", name) for name in LINEAR),
    *(("hinge", "bm25_claim", k) for k in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0)),
    *(("hinge", "bm25_claim_rel", k) for k in (0.3, 0.5, 0.7, 0.9, 0.99)),
    *(("hinge", "bm25_para", k) for k in (0.5, 1.0, 2.0, 3.0)),
    *(("hinge", "vocab_claim_rel", k) for k in (0.3, 0.6, 0.9, 0.99)),
    *(("hinge", "ctx_count", k) for k in (0.7, 1.1, 1.6)),
    ("prod", "ctx_count", "ctx_para"),
    ("prod", "ctx_count", "ctx_like"),
    ("prod", "ctx_count", "bm25_claim_rel"),
    ("prod", "ctx_near", "ctx_count"),
    ("prod", "bm25_claim_rank", "shape_isbn"),
)
#: the evidence the noise gate weighs: absolute amounts, never a work's rank among the
#: others (the best of three weak works is still weak), and how many works there are (a
#: claim's source is easier to guess among five works than among three hundred)
GATE = (
    "log_sources",
    "bm25_claim",
    "bm25_para",
    "vocab_claim",
    "title_share",
    "ctx_count",
    "ctx_para",
    "ctx_next",
    "ctx_prev",
    "author_claim",
    "year_named",
    "year_covered",
    "ord_edge",
)
VOCABULARY_FLOOR = 5


def log(message: str) -> None:
    print(f"train: {message}", file=sys.stderr, flush=True)


def count_vocabulary(path: Path) -> tuple[int, Counter[str]]:
    """Documents (sentences and references) per term, over a split file."""
    counts: Counter[str] = Counter()
    documents = 0
    for article in dataset.read_articles(path):
        for item in (*article["sentences"], *article["sources"]):
            counts.update(set(terms(item.get("text", ""))))
            documents += 1
    return documents, counts


def feature_table(
    examples: Sequence[dataset.Example], vocabulary: Vocabulary
) -> tuple[Any, Any, Any]:
    """Every row of every example: X, y (cited or not) and the group sizes."""
    import numpy as np

    rows: list[list[float]] = []
    labels: list[int] = []
    groups: list[int] = []
    for example in examples:
        features = ClaimFeatures(example.claim, vocabulary)
        for i, source in enumerate(example.claim.sources):
            rows.append(features.row(i))
            labels.append(int(source.id in example.cited))
        groups.append(len(example.claim.sources))
    return np.array(rows, dtype=np.float64), np.array(labels), np.array(groups)


def design_matrix(x: Any, design: Sequence[Term]) -> Any:
    import numpy as np

    col = {n: i for i, n in enumerate(NAMES)}
    columns = []
    for term in design:
        if term[0] == "x":
            columns.append(x[:, col[term[1]]])
        elif term[0] == "hinge":
            columns.append(np.maximum(x[:, col[term[1]]] - term[2], 0.0))
        else:
            columns.append(x[:, col[term[1]]] * x[:, col[term[2]]])
    return np.stack(columns, axis=1)


def fit_linear(z: Any, y: Any, groups: Any, l2: float = 1e-3) -> list[float]:
    """Conditional logit: maximise, per claim, the probability mass of its cited works."""
    import numpy as np
    from scipy.optimize import minimize

    ends = np.cumsum(groups)
    starts = ends - groups
    positives = np.add.reduceat(y.astype(float), starts)
    # a claim none of whose cited works is among its rows teaches nothing
    useful = np.repeat(positives > 0, groups)
    z, y = z[useful], y[useful]
    groups = groups[positives > 0]
    positives = positives[positives > 0]
    starts = np.cumsum(groups) - groups
    owner = np.repeat(np.arange(len(groups)), groups)
    mean, scale = z.mean(axis=0), z.std(axis=0) + 1e-9
    z = (z - mean) / scale
    target = y / positives[owner]

    def loss(w: Any) -> tuple[float, Any]:
        s = z @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[owner])
        total = np.add.reduceat(e, starts)
        log_p = s - top[owner] - np.log(total[owner])
        p = e / total[owner]
        value = -(target * log_p).sum() / len(groups) + l2 * (w @ w)
        grad = -(z.T @ (target - p)) / len(groups) + 2 * l2 * w
        return float(value), grad

    result = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B")
    return [float(v) for v in result.x / scale]


def fit_gate(x: Any, y: Any, l2: float = 1e-4) -> tuple[list[float], float]:
    """Logistic regression of cited-or-not on :data:`GATE`: a probability, not a rank."""
    import numpy as np
    from scipy.optimize import minimize

    z = x[:, [NAMES.index(n) for n in GATE]]
    mean, scale = z.mean(axis=0), z.std(axis=0) + 1e-9
    z = (z - mean) / scale
    z = np.hstack([z, np.ones((len(z), 1))])

    def loss(w: Any) -> tuple[float, Any]:
        s = z @ w
        p = 1.0 / (1.0 + np.exp(-s))
        value = np.logaddexp(0.0, s).sum() - (y * s).sum()
        grad = z.T @ (p - y)
        return float(value / len(y) + l2 * (w[:-1] @ w[:-1])), grad / len(y) + 2 * l2 * np.r_[
            w[:-1], 0.0
        ]

    w = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B").x
    weights = w[:-1] / scale
    return [float(v) for v in weights], float(w[-1] - weights @ mean)


def pool(scores: Any, groups: Any, size: int) -> Any:
    """Row indexes of each claim's ``size`` best works by ``scores``, and the new group sizes."""
    import numpy as np

    chosen, sizes = [], []
    start = 0
    for n in groups:
        best = start + np.argsort(-scores[start : start + n], kind="stable")[:size]
        chosen.append(best)
        sizes.append(len(best))
        start += n
    return np.concatenate(chosen), np.array(sizes)


def _node(tree: dict[str, Any]) -> Any:
    if "leaf_value" in tree:
        return float(tree["leaf_value"])
    if tree.get("decision_type") != "<=":
        raise ValueError("only numerical splits are exported")
    return [
        int(tree["split_feature"]),
        float(tree["threshold"]),
        _node(tree["left_child"]),
        _node(tree["right_child"]),
    ]


def fit_trees(
    x: Any, y: Any, groups: Any, rounds: int, leaves: int, feature_fraction: float = 1.0
) -> list[Any]:
    import lightgbm as lgb

    params = {
        "objective": "lambdarank",
        "learning_rate": 0.1,
        "num_leaves": leaves,
        # each tree sees a random 80 % of the features (chosen on dev): where the list's
        # order is evidence it outweighs the rest, and trees that must do without it
        # keep learning the words and the context
        "feature_fraction": feature_fraction,
        "min_data_in_leaf": max(5, min(50, len(y) // 200)),
        "deterministic": True,
        "seed": 15,
        "num_threads": 2,
        "verbose": -1,
    }
    booster = lgb.train(params, lgb.Dataset(x, y, group=groups), num_boost_round=rounds)
    return [_node(t["tree_structure"]) for t in booster.dump_model()["tree_info"]]


def choose_threshold(
    model: Model, examples: Sequence[dataset.Example], vocabulary: Vocabulary, noise: float
) -> tuple[float, dict[str, float]]:
    """The gate's threshold, on held-out claims: hide the weakest candidates shown today.

    Each claim's first three works, by the gate's probability: the threshold is
    the highest probability such that the works below it were cited at most
    ``noise`` of the time.  Returns it with what hiding them costs.
    """
    shown: list[tuple[float, bool]] = []
    for example in examples:
        features = ClaimFeatures(example.claim, vocabulary)
        for ranked in model.rank(example.claim, features)[:3]:
            cited = example.claim.sources[ranked.index].id in example.cited
            shown.append((model.probability(features.row(ranked.index)), cited))
    shown.sort()
    threshold, hits, below, lost = 0.0, 0, 0, 0
    for n, (probability, cited) in enumerate(shown, 1):
        hits += cited
        if hits <= noise * n:
            threshold, below, lost = probability, n, hits
    total = sum(c for _, c in shown) or 1
    return threshold, {
        "hidden_share": below / max(1, len(shown)),
        "hidden_cited": lost / max(1, below),
        "hits_lost": lost / total,
    }


def train(
    data: Path,
    out: Path,
    *,
    limit: int = 0,
    rounds: int = 200,
    leaves: int = 15,
    top: int = 10,
    pool_size: int = 20,
    noise: float = 0.1,
    feature_fraction: float = 0.8,
    order: str = "both",
) -> Model:
    import numpy as np

    started = time.time()
    documents, counts = count_vocabulary(data / "train.jsonl.gz")
    out.mkdir(parents=True, exist_ok=True)
    write(str(out / "vocabulary.txt"), documents, counts, VOCABULARY_FLOOR)
    vocabulary = Vocabulary.from_counts(
        documents, {t: c for t, c in counts.items() if c >= VOCABULARY_FLOOR}, VOCABULARY_FLOOR
    )
    log(f"vocabulary: {documents} documents, {len(counts)} terms")
    # ordered and shuffled lists: the model learns when the list's order is evidence
    examples = dataset.examples(data / "train.jsonl.gz", order=order, limit=limit)
    x, y, groups = feature_table(examples, vocabulary)
    log(f"features: {len(examples)} claims, {len(y)} rows ({time.time() - started:.0f} s)")
    weights = fit_linear(design_matrix(x, DESIGN), y, groups)
    linear = design_matrix(x, DESIGN) @ np.array(weights)
    log(f"linear stage fitted ({time.time() - started:.0f} s)")
    gate, bias = fit_gate(x, y)
    rows, sizes = pool(linear, groups, pool_size)
    trees = fit_trees(x[rows], y[rows], sizes, rounds, leaves, feature_fraction)
    log(f"{len(trees)} trees fitted ({time.time() - started:.0f} s)")
    model = Model(
        terms=list(DESIGN),
        weights=weights,
        trees=trees,
        top=top,
        gate=dict(zip(GATE, gate, strict=True)),
        gate_bias=bias,
        info={
            "claims": len(examples),
            "rounds": rounds,
            "leaves": leaves,
            "pool": pool_size,
            "feature_fraction": feature_fraction,
            "order": order,
        },
    )
    dev = data / "dev.jsonl.gz"
    if dev.exists():
        held = dataset.examples(dev, order="mixed", limit=limit)
        model.threshold, report = choose_threshold(model, held, vocabulary, noise)
        model.info["dev_gate"] = report
        model.info["noise"] = noise
        log(f"gate threshold p = {model.threshold:.4f} on {len(held)} dev claims: {report}")
    import json

    (out / "model.json").write_text(json.dumps(model.to_json()) + "\n", encoding="utf-8")
    log(f"wrote {out / 'model.json'} and {out / 'vocabulary.txt'} ({time.time() - started:.0f} s)")
    return model


def rethreshold(data: Path, out: Path, noise: float, limit: int = 0) -> Model:
    """Choose the noise gate's threshold again for the model in ``out``, without retraining."""
    import json

    from .model import load
    from .vocabulary import parse

    model = load(out / "model.json")
    vocabulary = parse((out / "vocabulary.txt").read_text(encoding="utf-8").splitlines())
    held = dataset.examples(data / "dev.jsonl.gz", order="mixed", limit=limit)
    model.threshold, report = choose_threshold(model, held, vocabulary, noise)
    model.info["dev_gate"] = report
    model.info["noise"] = noise
    (out / "model.json").write_text(json.dumps(model.to_json()) + "\n", encoding="utf-8")
    log(f"gate threshold p = {model.threshold:.4f} on {len(held)} dev claims: {report}")
    return model


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker.rank.train", description=__doc__)
    parser.add_argument("data", type=Path, help="folder with train.jsonl.gz (and dev.jsonl.gz)")
    parser.add_argument(
        "-o", "--out", type=Path, default=Path(__file__).parent, help="where to write the model"
    )
    parser.add_argument("--limit", type=int, default=0, help="read only the first N articles")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--leaves", type=int, default=15)
    parser.add_argument("--top", type=int, default=10, help="works the trees re-rank per claim")
    parser.add_argument("--pool", type=int, default=20, help="works per claim the trees learn on")
    parser.add_argument(
        "--noise", type=float, default=0.1, help="hide candidates cited less often than this"
    )
    parser.add_argument(
        "--feature-fraction", type=float, default=0.8, help="share of the features each tree sees"
    )
    parser.add_argument(
        "--order",
        choices=("mixed", "both"),
        default="both",
        help="train on half of the articles shuffled, or on every article listed and shuffled",
    )
    parser.add_argument(
        "--threshold-only",
        action="store_true",
        help="keep the model in --out, choose only its noise threshold on dev again",
    )
    args = parser.parse_args(argv)
    if args.threshold_only:
        if not (args.data / "dev.jsonl.gz").exists():
            print(f"train: no dev.jsonl.gz in {args.data}", file=sys.stderr)
            return 2
        rethreshold(args.data, args.out, args.noise, args.limit)
        return 0
    if not (args.data / "train.jsonl.gz").exists():
        print(f"train: no train.jsonl.gz in {args.data}", file=sys.stderr)
        return 2
    train(
        args.data,
        args.out,
        limit=args.limit,
        rounds=args.rounds,
        leaves=args.leaves,
        top=args.top,
        pool_size=args.pool,
        noise=args.noise,
        feature_fraction=args.feature_fraction,
        order=args.order,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
