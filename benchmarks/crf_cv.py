"""K-fold cross-validation of the reference labeller inside a set of articles.

Run from the project root (needs ../shared, which ``make test`` never does)::

    python benchmarks/crf_cv.py /work/tune.txt --folds 5 [--c1 0.2 --c2 0.01] [--in-sample]
        [--keep DIR]

The articles named in the file are cut into K folds (sorted names dealt round
robin, so the split is fixed).  For each fold a model is trained on the other
K-1 folds only (``checker.article.reflabel.train`` with the given settings),
and the fold's articles are converted with that model
(``$CITECHECK_REFLABEL_MODEL``) and scored by ``../shared/tools/score-corpus``.
The pooled scores over all folds say how the labeller does on articles it has
not seen, so its settings and features can be chosen without looking at a
held-out set.  ``--in-sample`` also scores every article with a model trained
on all of them, the optimistic figure a model reports about its own training
articles; the gap between the two is the labeller's over-fitting.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus_refs import pooled
from checker.article.reflabel.model import MODEL_ENV
from checker.article.reflabel.train import corpus_examples, train

CORPUS = Path("../shared/corpus")
SCORER = Path("../shared/tools/score-corpus")


def folds(names: list[str], k: int) -> list[list[str]]:
    ordered = sorted(names)
    return [ordered[i::k] for i in range(k)]


def score(
    names: list[str], model: Path, out: Path, jobs: int, citecheck: str | None = None
) -> list[dict[str, object]]:
    env = {**os.environ, MODEL_ENV: str(model)}
    cmd = [str(SCORER), str(CORPUS), "-j", str(jobs), "--json", str(out), "--only", ",".join(names)]
    if citecheck:
        cmd += ["--citecheck", citecheck]
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    data = json.loads(out.read_text(encoding="utf-8"))
    return list(data["articles"] if isinstance(data, dict) else data)


def report(label: str, results: list[dict[str, object]]) -> None:
    tot = pooled(results)
    parts = [f"{name} {hit}/{n} = {hit / max(n, 1):.3f}" for name, (hit, n) in tot.items()]
    print(f"{label}: " + ", ".join(parts))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", type=Path, help="a file of article names, one a line")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c1", type=float)
    ap.add_argument("--c2", type=float)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--in-sample", action="store_true")
    ap.add_argument("--citecheck", help="the citecheck to convert with (default: the scorer's)")
    ap.add_argument("--keep", type=Path, help="keep each fold's model and score JSON here")
    args = ap.parse_args()
    names = args.names.read_text(encoding="utf-8").split()
    params = {k: v for k, v in (("c1", args.c1), ("c2", args.c2)) if v is not None}
    results: list[dict[str, object]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crf-cv-") as tmp:
        # --keep lets the fold misses be read afterwards with the fold's own model.
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        parts = folds(names, args.folds)
        for k, held in enumerate(parts):
            seen = [n for n in names if n not in set(held)]
            model = work / f"fold{k}.crfsuite"
            train(corpus_examples(CORPUS, seen), model, params)
            got = score(held, model, work / f"fold{k}.json", args.jobs, args.citecheck)
            report(f"fold {k + 1}/{args.folds} ({len(held)} articles)", got)
            results.extend(got)
        report(f"cross-validated, {len(results)} articles", results)
        if args.in_sample:
            model = work / "all.crfsuite"
            train(corpus_examples(CORPUS, names), model, params)
            report("in sample", score(names, model, work / "all.json", args.jobs, args.citecheck))
    print(f"settings {params or 'default'}; {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
