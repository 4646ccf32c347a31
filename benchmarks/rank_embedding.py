"""Does a sentence embedding pay for its cost in the source ranker?  A measurement, not a feature.

    PYTHONPATH=. .venv/bin/python benchmarks/rank_embedding.py /work/shared/data/candidate-sources

(needs the ``train`` extra: NumPy, SciPy, LightGBM.)  No deep-learning runtime
installs here, so the embedding is one that fits the package's limits: LSA, a
truncated SVD of the TF-IDF term-by-document matrix of the *train* split's
sentences and references (terms as the ranker reads them, seen in >= 5
documents); a text's vector is the TF-IDF-weighted sum of its terms' vectors,
compared by cosine.  Four features per work:

* ``emb_claim``: cosine of the claim and the reference;
* ``emb_claim_rel``: that minus the best cosine among the claim's works;
* ``emb_para``: cosine of the claim's paragraph and the reference;
* ``emb_like``: the best cosine of the claim and a context sentence citing the work.

Printed, on dev (text, with context; sources shuffled and listed):

1. each signal alone as a ranker -- the cosine, BM25 of the claim, both summed,
   a random order -- on all claims and on the *unmatched* ones (every cited work
   shares no term with the claim and is cited nowhere near: the model's misses);
2. the shipped pipeline (linear stage over every work, 200 LambdaRank trees over
   its best 10) retrained here without the embedding, with it in the trees only,
   in the linear stage only, and in both -- same data, same seeds, same run (the
   linear fit is not bit-reproducible here: compare several runs);
3. the cost: what the table of word vectors weighs as float16, and the time to
   compute the features in pure Python (what the package would have to do),
   turned into claims per second against the shipped model's own time.
"""

from __future__ import annotations

import argparse
import math
import operator
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.linalg import svds

from checker.rank import dataset
from checker.rank.claims import Claim, Source
from checker.rank.evaluate import recall, reciprocal_rank
from checker.rank.features import NAMES
from checker.rank.model import shipped
from checker.rank.text import terms
from checker.rank.train import DESIGN, design_matrix, feature_table, fit_linear, pool
from checker.rank.vocabulary import shipped as shipped_vocabulary

EMB = ("emb_claim", "emb_claim_rel", "emb_para", "emb_like")
FLOOR = 5


def source_text(source: Source) -> str:
    return " ".join(p for p in (source.text, source.title, source.container) if p)


class Lsa:
    """Word vectors from a truncated SVD of the train split's TF-IDF matrix."""

    def __init__(self, data: Path, dims: int) -> None:
        docs: list[Counter[str]] = []
        for article in dataset.read_articles(data / "train.jsonl.gz"):
            for item in (*article["sentences"], *article["sources"]):
                text = item.get("text", "") or ""
                bag = Counter(terms(text))
                if bag:
                    docs.append(bag)
        df: Counter[str] = Counter()
        for bag in docs:
            df.update(bag.keys())
        vocab = sorted(t for t, c in df.items() if c >= FLOOR)
        self.column = {t: j for j, t in enumerate(vocab)}
        n = len(docs)
        self.idf = np.array([math.log(n / df[t]) for t in vocab])
        rows, cols, vals = [], [], []
        for r, bag in enumerate(docs):
            weights = [(self.column[t], math.log1p(c)) for t, c in bag.items() if t in self.column]
            norm = math.sqrt(sum((w * self.idf[j]) ** 2 for j, w in weights)) or 1.0
            for j, w in weights:
                rows.append(r)
                cols.append(j)
                vals.append(w * self.idf[j] / norm)
        matrix = csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
        _, self.singular, vt = svds(matrix, k=dims, random_state=0)
        #: a term's vector: its row of V (a document folds in as q V, its U S coordinates)
        self.vt = vt
        self.vectors = np.ascontiguousarray(vt.T).astype(np.float32)
        self.documents = n
        self._cache: dict[str, Any] = {}

    def vector(self, text: str) -> Any:
        found = self._cache.get(text)
        if found is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            v = np.zeros(self.vectors.shape[1], dtype=np.float32)
            for t, c in Counter(terms(text)).items():
                j = self.column.get(t)
                if j is not None:
                    v += (math.log1p(c) * self.idf[j]) * self.vectors[j]
            norm = float(np.linalg.norm(v))
            found = self._cache[text] = v / norm if norm else v
        return found

    def features(self, claim: Claim) -> Any:
        """The :data:`EMB` columns for every work of ``claim``."""
        sources = np.stack([self.vector(source_text(s)) for s in claim.sources])
        c = self.vector(claim.claim)
        cos = sources @ c
        para = sources @ self.vector(claim.paragraph) if claim.paragraph else np.zeros(len(cos))
        like = np.zeros(len(cos))
        position = {s.id: i for i, s in enumerate(claim.sources)}
        for cited in claim.context:
            similarity = float(self.vector(cited.text) @ c)
            for ident in cited.cites:
                i = position.get(ident)
                if i is not None and similarity > like[i]:
                    like[i] = similarity
        return np.stack([cos, cos - cos.max(), para, like], axis=1)


def emb_table(lsa: Lsa, examples: Sequence[dataset.Example]) -> Any:
    return np.vstack([lsa.features(e.claim) for e in examples])


def scores_of(
    examples: Sequence[dataset.Example],
    groups: Any,
    linear: Any,
    trees: Any | None,
    top: int,
    keep: Sequence[bool] | None = None,
) -> tuple[float, float, float]:
    """R@1, R@3, MRR of the two-stage ranking (ties keep the sources' order, as the model).

    ``keep``: score only the claims marked true.
    """
    r1 = r3 = mrr = 0.0
    start = 0
    for k, (example, n) in enumerate(zip(examples, groups, strict=True)):
        if keep is not None and not keep[k]:
            start += n
            continue
        ids = [s.id for s in example.claim.sources]
        order = list(np.argsort(-linear[start : start + n], kind="stable"))
        if trees is not None:
            head = order[:top]
            t = trees[start : start + n]
            head = sorted(head, key=lambda i: -t[i])
            order = head + order[top:]
        ranked = [ids[i] for i in order]
        r1 += recall(ranked, example.cited, 1)
        r3 += recall(ranked, example.cited, 3)
        mrr += reciprocal_rank(ranked, example.cited)
        start += n
    total = (len(examples) if keep is None else sum(keep)) or 1
    return r1 / total, r3 / total, mrr / total


def unmatched(examples: Sequence[dataset.Example], x: Any, groups: Any) -> list[bool]:
    """Claims whose every cited work shares no term with the claim and is cited nowhere near."""
    bm, count = NAMES.index("bm25_claim"), NAMES.index("ctx_count")
    found = []
    start = 0
    for example, n in zip(examples, groups, strict=True):
        rows = [start + i for i, s in enumerate(example.claim.sources) if s.id in example.cited]
        found.append(all(x[r, bm] == 0 and x[r, count] == 0 for r in rows))
        start += n
    return found


def booster(x: Any, y: Any, groups: Any, rounds: int = 200) -> Any:
    import lightgbm as lgb

    # the shipped settings (checker/rank/train.py fit_trees, feature fraction 0.8)
    params = {
        "objective": "lambdarank",
        "learning_rate": 0.1,
        "num_leaves": 15,
        "feature_fraction": 0.8,
        "min_data_in_leaf": max(5, min(50, len(y) // 200)),
        "deterministic": True,
        "seed": 15,
        "num_threads": 2,
        "verbose": -1,
    }
    return lgb.train(params, lgb.Dataset(x, y, group=groups), num_boost_round=rounds)


def pure_python_seconds(
    lsa: Lsa, examples: Sequence[dataset.Example], dims: int, top: int = 0
) -> float:
    """The four features computed the package's way: lists of floats, no NumPy.

    ``top`` > 0: only for that many works a claim (what trees over the linear
    stage's best ``top`` would need); the cost does not depend on which.
    """
    table = {t: [float(v) for v in lsa.vectors[j]] for t, j in lsa.column.items()}
    idf = {t: float(lsa.idf[j]) for t, j in lsa.column.items()}
    cache: dict[str, list[float]] = {}

    def vector(text: str) -> list[float]:
        found = cache.get(text)
        if found is None:
            v = [0.0] * dims
            for t, c in Counter(terms(text)).items():
                row = table.get(t)
                if row is not None:
                    w = math.log1p(c) * idf[t]
                    v = [a + w * b for a, b in zip(v, row, strict=True)]
            norm = math.sqrt(sum(map(operator.mul, v, v))) or 1.0
            found = cache[text] = [a / norm for a in v]
        return found

    def dot(a: list[float], b: list[float]) -> float:
        return sum(map(operator.mul, a, b))

    started = time.perf_counter()
    last: tuple[Source, ...] | None = None
    for example in examples:
        claim = example.claim
        if claim.sources is not last:
            # a new bibliography: its references' vectors once, as the index is built once
            cache.clear()
            last = claim.sources
        sources = [vector(source_text(s)) for s in claim.sources[: top or None]]
        c = vector(claim.claim)
        p = vector(claim.paragraph)
        cos = [dot(c, s) for s in sources]
        best = max(cos, default=0.0)
        _ = [(x, x - best, dot(p, s)) for x, s in zip(cos, sources, strict=True)]
        _ = [dot(vector(o.text), c) for o in claim.context]
    return time.perf_counter() - started


def cost(lsa: Lsa, examples: Sequence[dataset.Example], dims: int) -> None:
    """The package size of the word vectors and the features' time against the model's."""
    model = shipped()
    t0 = time.perf_counter()
    for example in examples:
        model.rank(example.claim)
    model_seconds = time.perf_counter() - t0
    n = len(examples)
    size = len(lsa.column) * dims * 2
    print(
        f"\ncost: word vectors {len(lsa.column)} terms x {dims} float16 = "
        f"{size / 1024 / 1024:.1f} MiB; the shipped model ranks {n / model_seconds:,.0f} "
        f"claims/s in process ({n} dev claims, shuffled)"
    )
    for top, what in ((0, "every work"), (10, "the best 10 works")):
        seconds = pure_python_seconds(lsa, examples, dims, top)
        print(
            f"- the features for {what}: {seconds / n * 1000:.2f} ms a claim in pure Python; "
            f"model + features {n / (model_seconds + seconds):,.0f} claims/s"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("--dims", type=int, default=150)
    parser.add_argument("--limit", type=int, default=0, help="only the first N train articles")
    parser.add_argument("--cost-only", action="store_true", help="measure only the cost")
    args = parser.parse_args()
    started = time.time()

    def log(message: str) -> None:
        print(f"[{time.time() - started:5.0f} s] {message}", file=sys.stderr, flush=True)

    lsa = Lsa(args.data, args.dims)
    log(f"LSA: {lsa.documents} documents, {len(lsa.column)} terms, {args.dims} dimensions")
    dev = args.data / "dev.jsonl.gz"
    if args.cost_only:
        cost(lsa, dataset.examples(dev, order="shuffled"), args.dims)
        return 0
    vocabulary = shipped_vocabulary()
    settings = {order: dataset.examples(dev, order=order) for order in ("shuffled", "listed")}
    dev_tables = {}
    for order, examples in settings.items():
        x, y, groups = feature_table(examples, vocabulary)
        dev_tables[order] = (x, emb_table(lsa, examples), y, groups)
    log("dev features")

    print(f"## LSA embedding on dev ({args.dims} dimensions, {len(lsa.column)} terms)\n")
    print("| sources | claims | ranking | R@1 | R@3 | MRR |")
    print("|---|---|---|---:|---:|---:|")
    bm = NAMES.index("bm25_claim")
    for order, (x, e, _, groups) in dev_tables.items():
        examples = settings[order]
        alone = {
            "BM25 of the claim alone": x[:, bm],
            "LSA cosine of the claim alone": e[:, 0],
            "BM25 + 2 x cosine": x[:, bm] + 2 * e[:, 0],
            "LSA cosine of the paragraph alone": e[:, 2],
        }
        if order == "shuffled":
            alone["random (the shuffled order)"] = np.zeros(len(x))
        hard = unmatched(examples, x, groups)
        for name, column in alone.items():
            for claims, keep in ((f"all {len(hard)}", None), (f"unmatched {sum(hard)}", hard)):
                r = scores_of(examples, groups, column, None, 0, keep)
                print(f"| {order} | {claims} | {name} | {r[0]:.3f} | {r[1]:.3f} | {r[2]:.3f} |")

    train_examples = dataset.examples(args.data / "train.jsonl.gz", order="both", limit=args.limit)
    x, y, groups = feature_table(train_examples, vocabulary)
    e = emb_table(lsa, train_examples)
    log(f"train features: {len(train_examples)} claims, {len(y)} rows")
    z = design_matrix(x, DESIGN)
    base_w = np.array(fit_linear(z, y, groups))
    log("linear stage without the embedding")
    ze = np.hstack([z, e])
    emb_w = np.array(fit_linear(ze, y, groups))
    log("linear stage with the embedding")
    variants = {}
    xe = np.hstack([x, e])
    for name, weights, emb_linear in (("base", base_w, False), ("emb", emb_w, True)):
        linear = (ze if emb_linear else z) @ weights
        rows, sizes = pool(linear, groups, 20)
        variants[name, "trees without"] = (weights, emb_linear, booster(x[rows], y[rows], sizes))
        variants[name, "trees with"] = (weights, emb_linear, booster(xe[rows], y[rows], sizes))
        log(f"trees on the {name} linear stage")
    labels = {
        ("base", "trees without"): "pipeline retrained, no embedding",
        ("base", "trees with"): "embedding in the trees only",
        ("emb", "trees without"): "embedding in the linear stage only",
        ("emb", "trees with"): "embedding in both stages",
    }
    print("\n| sources | claims | model | R@1 | R@3 | MRR |")
    print("|---|---|---|---:|---:|---:|")
    for order, (xd, ed, _, gd) in dev_tables.items():
        zd = design_matrix(xd, DESIGN)
        hard = unmatched(settings[order], xd, gd)
        for key, (weights, emb_linear, trees) in variants.items():
            linear = (np.hstack([zd, ed]) if emb_linear else zd) @ weights
            tree_x = np.hstack([xd, ed]) if key[1] == "trees with" else xd
            predicted = trees.predict(tree_x)
            for claims, keep in ((f"all {len(hard)}", None), (f"unmatched {sum(hard)}", hard)):
                r = scores_of(settings[order], gd, linear, predicted, 10, keep)
                print(
                    f"| {order} | {claims} | {labels[key]} | {r[0]:.3f} | {r[1]:.3f} | {r[2]:.3f} |"
                )

    cost(lsa, settings["shuffled"], args.dims)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
