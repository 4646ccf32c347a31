"""How rare a term is in encyclopedic prose and references at large (not just in one bibliography).

A bibliography of twenty works is too small to know that "used" is common and
"chaos" is not; the table shipped beside this file counts, for each term,
the sentences and references of the training articles that hold it (terms
seen fewer than five times are left out and count as rare).  Written by
:mod:`checker.rank.train`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

FILE = "vocabulary.txt"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    documents: int
    weights: Mapping[str, float]  #: idf of every counted term
    rare: float  #: idf of a term the table does not count

    def weight(self, term: str) -> float:
        return self.weights.get(term, self.rare)

    @classmethod
    def from_counts(cls, documents: int, counts: Mapping[str, int], floor: int) -> Vocabulary:
        n = max(documents, 1)
        return cls(
            documents=n,
            weights={t: math.log(n / c) for t, c in counts.items()},
            rare=math.log(n / max(floor / 2, 1)),
        )


def write(path: str, documents: int, counts: Mapping[str, int], floor: int) -> None:
    """The table as text: a header line, then ``term count`` by falling count."""
    lines = [f"# documents {documents} floor {floor}"]
    kept = sorted(((c, t) for t, c in counts.items() if c >= floor), key=lambda p: (-p[0], p[1]))
    lines += [f"{t} {c}" for c, t in kept]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def parse(lines: Iterable[str]) -> Vocabulary:
    documents, floor = 1, 1
    counts: dict[str, int] = {}
    for line in lines:
        if line.startswith("#"):
            parts = line.split()
            if len(parts) >= 5 and parts[1] == "documents" and parts[3] == "floor":
                documents, floor = int(parts[2]), int(parts[4])
            continue
        term, _, count = line.rpartition(" ")
        if term and count.isdigit():
            counts[term] = int(count)
    return Vocabulary.from_counts(documents, counts, floor)


@cache
def shipped() -> Vocabulary:
    """The table in the package (an empty one, every term rare, if it is missing)."""
    try:
        text = resources.files(__package__).joinpath(FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return Vocabulary(1, {}, 0.0)
    return parse(text.splitlines())
