"""Citation-need model: quality on dev, scoring speed, size and start-up.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_need.py /work/shared/data/citation-need

Quality: ROC-AUC on dev (positive = cited or cn) for the ``text`` and ``flat``
forms, the share of ``cn`` sentences in the top 30 % of scores, and the
precision, recall and share flagged at the shipped threshold. Speed: sentences
per second after start-up (model loaded, first pass done), wall and CPU, as a
ratio to a baseline in the same process (``str.lower().split()`` over the same
sentences, the least any scorer must do). Start-up: a fresh interpreter that
imports the model and scores one sentence, against one that does nothing.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

from checker.need.metrics import evaluate, pick_threshold
from checker.need.model import MODEL_FILE, shipped_model


def timed(fn, repeat: int = 3) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Best wall and CPU seconds of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def startup(code: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/citation-need")
    with gzip.open(folder / "dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    model = shipped_model()
    labels = [r["label"] != "uncited" for r in rows]
    cn = [r["label"] == "cn" for r in rows]
    print(f"dev: {len(rows)} sentences, {sum(labels)} positive, {sum(cn)} cn")
    for field in ("text", "flat"):
        scores = [model.score(r[field], r["section"], r["lead"]) for r in rows]
        m = evaluate(scores, labels, cn)
        flagged = [s >= model.threshold for s in scores]
        hits = sum(f and y for f, y in zip(flagged, labels, strict=True))
        print(
            f"{field}: ROC-AUC {m['auc']:.4f}  cn in top 30 % {m['cn_in_top30']:.1%}  "
            f"at threshold {model.threshold}: precision {hits / max(sum(flagged), 1):.1%}, "
            f"recall {hits / sum(labels):.1%}, flagged {sum(flagged) / len(rows):.1%}"
        )
        if field == "text":
            for target in (0.4, 0.5, 0.6, 0.7):
                t, at = pick_threshold(scores, labels, target)
                print(
                    f"   precision ≥ {target:.0%}: threshold {t:.4f}, "
                    f"recall {at['recall']:.1%}, flagged {at['share_flagged']:.1%}"
                )

    items = [(r["text"], r["section"], r["lead"]) for r in rows]
    base_wall, _ = timed(lambda: [t.lower().split() for t, _, _ in items])
    wall, cpu = timed(lambda: [model.score(*i) for i in items])
    n = len(items)
    print(
        f"scoring after start-up: {n / wall:,.0f} sentences/s wall, {n / cpu:,.0f} per CPU second"
        f"  ({wall / base_wall:.0f}x the lower().split() baseline's time)"
    )
    size = (
        Path(sys.modules["checker.need.model"].__file__ or "").with_name(MODEL_FILE).stat().st_size
    )
    print(f"model file: {size / 1024:.0f} KiB, {len(model.weights):,} weights")
    bare = startup("pass")
    loaded = startup(
        "from checker.need.model import shipped_model; shipped_model().score('A test sentence.')"
    )
    print(f"start-up: {loaded:.3f} s to import, load and score one (bare interpreter {bare:.3f} s)")


if __name__ == "__main__":
    main()
