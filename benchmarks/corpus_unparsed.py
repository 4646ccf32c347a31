"""How many .bib entries the converter could only guess (``x-parse = {guessed}``, reported as
``unparsed-reference``), in the further-reading / bibliography lists and in the rest, over
articles of the development corpus.

usage: python benchmarks/corpus_unparsed.py [--corpus ../shared/corpus] [--names tune.txt]
       [--seed docs/_article/leon-trotsky.txt]

The corpus's truth does not score the further-reading lists, so this is the measure of how
well they are read: an entry is sure when the rules found its author, title and a date or
publisher (README, "Reading references").  Run it on two checkouts to compare.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pybtex.database import parse_string

from checker.article.convert import convert_text


def count(text: str, name: str) -> dict[str, list[int]]:
    """{"further": [guessed, entries], "other": [guessed, entries]} for one article."""
    bib = parse_string(convert_text(text, name).files["references.bib"], "bibtex")
    out = {"further": [0, 0], "other": [0, 0]}
    for entry in bib.entries.values():
        part = out["further" if "further reading" in entry.fields.get("keywords", "") else "other"]
        part[0] += "x-parse" in entry.fields
        part[1] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--names", type=Path, help="one article name a line (default: all)")
    parser.add_argument("--seed", type=Path, help="also count this article on its own")
    args = parser.parse_args(argv)
    names = (
        args.names.read_text().split()
        if args.names
        else sorted(p.stem for p in args.corpus.glob("*.txt"))
    )
    total = {"further": [0, 0], "other": [0, 0]}
    for name in names:
        for part, (guessed, entries) in count(
            (args.corpus / f"{name}.txt").read_text(encoding="utf-8"), name
        ).items():
            total[part][0] += guessed
            total[part][1] += entries
    if args.seed:
        seed = count(args.seed.read_text(encoding="utf-8"), args.seed.stem)
        print(
            f"seed: further reading {seed['further'][0]}/{seed['further'][1]} guessed, "
            f"other {seed['other'][0]}/{seed['other'][1]} guessed"
        )
    for part, (guessed, entries) in total.items():
        print(
            f"{len(names)} articles, {part}: {guessed}/{entries} entries guessed"
            f" ({guessed / max(entries, 1):.3f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
