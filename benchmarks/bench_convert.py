"""How long converting an article takes, against reading and splitting it.

Run: ``python benchmarks/bench_convert.py [ARTICLE] [--repeat N]``.  The
baseline, measured in the same process, is the least any converter must do:
read the file and split it into lines and words.  The script also converts an
article made of the seed repeated 10 times in its body, to show how time grows.

``--corpus DIR [--names FILE]`` converts every article of a folder (or those
named in FILE) once and prints the time per article: mean, median, the
slowest, against the same baseline.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from checker.article.convert import convert_text
from checker.article.reader import read_article

SEED = Path(__file__).resolve().parent.parent / "docs" / "_article" / "leon-trotsky.txt"


def timed(func: Callable[[], object], repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        runs.append(time.perf_counter() - start)
    return runs


def describe(name: str, runs: list[float], base: float) -> str:
    median = statistics.median(runs)
    return (
        f"{name:<34} median {median * 1000:8.1f} ms  "
        f"(min {min(runs) * 1000:.1f}, max {max(runs) * 1000:.1f})  {median / base:6.1f}x baseline"
    )


def _split(path: Path) -> list[list[str]]:
    return [line.split() for line in read_article(path).split("\n")]


def _convert(path: Path) -> object:
    return convert_text(read_article(path), path.stem)


def corpus(folder: Path, names: Path | None) -> None:
    wanted = set(names.read_text(encoding="utf-8").split()) if names else None
    paths = [p for p in sorted(folder.glob("*.txt")) if wanted is None or p.stem in wanted]
    base, secs = [], []
    for path in paths:
        base += timed(partial(_split, path), 1)
        secs += timed(partial(_convert, path), 1)
    slowest = max(range(len(paths)), key=secs.__getitem__)
    mean = statistics.mean(secs)
    print(f"{len(paths)} articles from {folder}")
    print(describe("read + split (baseline)", base, statistics.median(base)))
    print(describe("citecheck convert (in memory)", secs, statistics.median(base)))
    print(f"mean {mean * 1000:.0f} ms per article; slowest {paths[slowest].stem}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("article", type=Path, nargs="?", default=SEED)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--corpus", type=Path, help="convert every article of this folder")
    parser.add_argument("--names", type=Path, help="with --corpus: only the names in this file")
    args = parser.parse_args()
    if args.corpus:
        corpus(args.corpus, args.names)
        return
    text = read_article(args.article)
    lines = text.split("\n")
    # a 10x longer body: the body lines repeated, contents and head kept once
    big = "\n".join(lines + lines[45:] * 9)

    baseline = timed(
        lambda: [line.split() for line in read_article(args.article).split("\n")], args.repeat
    )
    base = statistics.median(baseline)
    convert = timed(lambda: convert_text(read_article(args.article), "Article"), args.repeat)
    large = timed(lambda: convert_text(big, "Article"), max(3, args.repeat // 5))
    print(f"article: {args.article} ({len(text) / 1024:.0f} kB, {len(lines)} lines)")
    print(describe("read + split (baseline)", baseline, base))
    print(describe("citecheck convert (in memory)", convert, base))
    print(describe(f"10x body ({len(big) / 1024:.0f} kB)", large, base))
    print(f"growth 10x body / 1x: {statistics.median(large) / statistics.median(convert):.1f}x")


if __name__ == "__main__":
    main()
