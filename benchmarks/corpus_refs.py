"""Reference scores of the converter on the development corpus, pooled per split.

Run from the project root (needs ../shared, which ``make test`` never does)::

    ../shared/tools/score-corpus -j 2 --json /tmp/score.json > /tmp/score.txt
    python benchmarks/corpus_refs.py /tmp/score.json --split tune=/work/tune.txt \\
        --split heldout=/work/heldout.txt

Prints, for all articles and for each named split (a file of article names),
the pooled works / instances / pages of ``score-corpus`` (and works /
instances without the truth rows marked "free-form"), and the conversion time
per article.  ``--found FILE`` adds each split restricted to the articles
named in FILE (those whose references section the converter finds), so the
reference parse can be told apart from the heading placement.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

Result = Mapping[str, Any]


def pooled(results: Iterable[Result]) -> dict[str, tuple[int, int]]:
    """(hit, total) of works, instances, pages, and the sure-row works and instances."""
    tot = dict.fromkeys(["works", "instances", "pages", "works_sure", "instances_sure"], (0, 0))

    def add(name: str, hit: int, n: int) -> None:
        tot[name] = (tot[name][0] + hit, tot[name][1] + n)

    for r in results:
        for part in ("works", "works_sure"):
            w = r.get(part, {})
            if "works_matched" in w:
                add(part, w["works_matched"], w["works_total"])
        for part in ("instances", "instances_sure"):
            i = r.get(part, {})
            if "instances_aligned" in i:
                add(part, i["instances_aligned"], i["instances_total"])
                if part == "instances":
                    add("pages", i["pages_ok"], i["pages_n"])
    return tot


def line(label: str, results: list[Result]) -> str:
    tot = pooled(results)
    cells = [
        f"{name} {hit}/{n} = {hit / n:.3f}" if n else f"{name} -" for name, (hit, n) in tot.items()
    ]
    secs = [r["secs"] for r in results if "secs" in r]
    mean = sum(secs) / len(secs) if secs else 0.0
    return f"{label:24s} ({len(results)} articles, {mean:.2f} s each): " + ", ".join(cells)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scores", type=Path, help="the --json file of score-corpus")
    ap.add_argument("--split", action="append", default=[], help="NAME=FILE of article names")
    ap.add_argument("--found", type=Path, help="articles whose references section is found")
    args = ap.parse_args()
    results: list[Result] = json.loads(args.scores.read_text(encoding="utf-8"))
    found = set(args.found.read_text(encoding="utf-8").split()) if args.found else None
    print(line("all", results))
    for spec in args.split:
        name, _, path = spec.partition("=")
        names = set(Path(path).read_text(encoding="utf-8").split())
        part = [r for r in results if r["name"] in names]
        print(line(name, part))
        if found is not None:
            print(line(f"{name}, section found", [r for r in part if r["name"] in found]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
