"""How well a ranking finds the works claims really cite: recall@1, recall@3, MRR, speed.

``python -m checker.rank.evaluate DATA_DIR`` scores the shipped model on
``dev.jsonl.gz`` for the sentences as written and flattened, each with the
claim alone, with its paragraph, and with the context (the other cited
sentences of its section).  ``benchmarks/bench_rank.py`` adds today's
word-overlap ranking to the same run.

recall@k = |cited works in the first k| / min(k, |cited works|), averaged over
claims; MRR = 1 / the rank of the first cited work, averaged.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import dataset
from .claims import Claim
from .model import Model, shipped

#: a ranking: the claim's source ids, best first
Ranking = Callable[[Claim], list[str]]


@dataclass(frozen=True, slots=True)
class Scores:
    claims: int
    recall1: float
    recall3: float
    mrr: float
    seconds: float

    @property
    def per_second(self) -> float:
        return self.claims / self.seconds if self.seconds else float("inf")


def recall(ranked: Sequence[str], cited: frozenset[str], k: int) -> float:
    return len(cited.intersection(ranked[:k])) / min(k, len(cited))


def reciprocal_rank(ranked: Sequence[str], cited: frozenset[str]) -> float:
    for n, ident in enumerate(ranked, 1):
        if ident in cited:
            return 1.0 / n
    return 0.0


def score(ranking: Ranking, examples: Sequence[dataset.Example]) -> Scores:
    r1 = r3 = mrr = 0.0
    started = time.perf_counter()
    results = [ranking(e.claim) for e in examples]
    seconds = time.perf_counter() - started
    for ranked, example in zip(results, examples, strict=True):
        r1 += recall(ranked, example.cited, 1)
        r3 += recall(ranked, example.cited, 3)
        mrr += reciprocal_rank(ranked, example.cited)
    n = len(examples) or 1
    return Scores(len(examples), r1 / n, r3 / n, mrr / n, seconds)


def model_ranking(model: Model) -> Ranking:
    def rank(claim: Claim) -> list[str]:
        return [claim.sources[r.index].id for r in model.rank(claim)]

    return rank


def table(
    dev: Path, rankings: dict[str, Ranking], *, limit: int = 0, out: Callable[[str], None] = print
) -> dict[tuple[str, str, str], Scores]:
    """Every ranking on every form and level of ``dev``, as a Markdown table."""
    results: dict[tuple[str, str, str], Scores] = {}
    out("| form | given | ranking | R@1 | R@3 | MRR | claims/s |")
    out("|---|---|---|---:|---:|---:|---:|")
    for form in ("text", "flat"):
        for level in dataset.LEVELS:
            examples = dataset.examples(dev, flat=form == "flat", level=level, limit=limit)
            for name, ranking in rankings.items():
                s = score(ranking, examples)
                results[form, level, name] = s
                out(
                    f"| {form} | {level} | {name} | {s.recall1:.3f} | {s.recall3:.3f} "
                    f"| {s.mrr:.3f} | {s.per_second:,.0f} |"
                )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker.rank.evaluate", description=__doc__)
    parser.add_argument("data", type=Path, help="folder with dev.jsonl.gz")
    parser.add_argument("--limit", type=int, default=0, help="read only the first N articles")
    args = parser.parse_args(argv)
    dev = args.data / "dev.jsonl.gz"
    if not dev.exists():
        print(f"evaluate: no dev.jsonl.gz in {args.data}", file=sys.stderr)
        return 2
    table(dev, {"model": model_ranking(shipped())}, limit=args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
