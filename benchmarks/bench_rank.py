"""Candidate-source ranking on the dev split: the model against today's word overlap, same run.

    python benchmarks/bench_rank.py /work/shared/data/candidate-sources [--limit N]

(with the package installed, ``make venv``; or ``PYTHONPATH=.``)

Prints a Markdown table: recall@1, recall@3 and MRR of the shipped model and
of the word-overlap ranking ``citecheck todo`` used before it, for the
sentences as written and flattened, given the claim alone, with its
paragraph, and with its context; claims ranked per second (after start-up,
the bibliography indexes built as they are needed); then the model's size
and its time through ``citecheck rank-sources`` on a JSON Lines file.  Not a
test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wordoverlap import Ranker, Work

import checker.rank as rank_package
from checker.rank import dataset
from checker.rank.bibindex import clear_cache
from checker.rank.claims import Claim, Source
from checker.rank.evaluate import model_ranking, table
from checker.rank.model import shipped
from checker.rank.text import surname


def _work(source: Source) -> Work:
    authors = tuple(surname(a) for a in source.authors)
    return Work(source.id, source.title or source.text, authors, source.year, (), source.container)


def word_overlap(claim: Claim) -> list[str]:
    """Today's ranking: every work it matches, then the rest in the sources' order."""
    ranker = _rankers.get(claim.sources)
    if ranker is None:
        _rankers.clear()
        ranker = _rankers[claim.sources] = Ranker([_work(s) for s in claim.sources])
    found = [c.key for c in ranker.rank(claim.claim, claim.paragraph, limit=len(claim.sources))]
    rest = [s.id for s in claim.sources if s.id not in set(found)]
    return found + rest


_rankers: dict[tuple[Source, ...], Ranker] = {}


def command_speed(dev: Path, limit: int) -> tuple[int, float, float]:
    """Claims, seconds for the whole ``rank-sources`` run, and for start-up alone."""
    examples = dataset.examples(dev, limit=limit)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for e in examples:
                handle.write(json.dumps(dataset.claim_to_json(e.claim), ensure_ascii=False) + "\n")
        empty = Path(tmp) / "empty.jsonl"
        empty.write_text("")
        command = [sys.executable, "-m", "checker", "rank-sources"]
        started = time.perf_counter()
        subprocess.run([*command, str(empty)], check=True, stdout=subprocess.DEVNULL)
        startup = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run([*command, str(path)], check=True, stdout=subprocess.DEVNULL)
        whole = time.perf_counter() - started
    return len(examples), whole, startup


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, help="folder with dev.jsonl.gz")
    parser.add_argument("--limit", type=int, default=0, help="only the first N dev articles")
    args = parser.parse_args()
    dev = args.data / "dev.jsonl.gz"
    model = shipped()
    clear_cache()
    table(
        dev, {"word overlap (today)": word_overlap, "model": model_ranking(model)}, limit=args.limit
    )
    folder = Path(rank_package.__file__).parent
    size = sum((folder / name).stat().st_size for name in ("model.json", "vocabulary.txt"))
    print(
        f"\nmodel: {len(model.trees)} trees over the top {model.top}, "
        f"{len(model.weights)} linear terms; model.json + vocabulary.txt = {size / 1024:.0f} KiB"
    )
    claims, whole, startup = command_speed(dev, args.limit)
    print(
        f"rank-sources on {claims} dev claims: {whole:.2f} s in all, start-up {startup:.2f} s, "
        f"{claims / (whole - startup):,.0f} claims/s after start-up"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
