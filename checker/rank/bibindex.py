"""One bibliography, read once: each work's terms, names, years and shape, and the terms' weights.

A claim is compared with every work of its bibliography, and a project (or a
``rank-sources`` input) asks about many claims against the same works, so
everything that depends only on the works is computed here once and kept
(:func:`index_for` caches the last few bibliographies).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .claims import Source
from .text import spans, stopwords, surname, terms, words, years

#: "Smith, John (2001)" or "Smith, J.; Jones, K." -- the author a rendered reference opens with
_LEADING_SURNAME = re.compile(r"^\s*([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?),\s")
_PUBLISHED = re.compile(r"\((?:[^()]*?\b)?(1[5-9]\d\d|20[0-4]\d)[a-z]?\)")
_ACCESS = re.compile(r"\b(?:retrieved|archived|accessed)\b", re.I)
#: what a rendered reference says about the kind of work
SHAPES = {
    "isbn": re.compile(r"\bisbn\b", re.I),
    "doi": re.compile(r"\bdoi\b|\bjstor\b|\bpmid\b|\barxiv\b", re.I),
    "web": re.compile(r"\bretrieved\b|\barchived\b|\baccessed\b|https?:|www\.", re.I),
    "pages": re.compile(r"\bpp?\.\s*\d|\bpages?\s\d", re.I),
}


@dataclass(frozen=True, slots=True)
class Work:
    """What the features need of one source, precomputed."""

    source: Source
    bag: Counter[str]  #: terms of the whole reference (text and every field)
    length: int
    title: frozenset[str]
    container: frozenset[str]
    surnames: frozenset[str]  #: case-folded family names of its authors
    year: int | None  #: year of publication
    covers: tuple[tuple[int, int], ...]  #: year ranges its title or notes are about
    shape: tuple[float, ...]  #: has isbn / doi / web / pages; has title, authors, year; stub


def _full_text(source: Source) -> str:
    """The reference as rendered, plus any field the rendering left out."""
    parts = [source.text]
    lowered = source.text.casefold()
    for extra in (source.title, source.container, source.note, *source.authors):
        if extra and extra.casefold() not in lowered:
            parts.append(extra)
    return " ".join(p for p in parts if p)


def _surnames(source: Source) -> frozenset[str]:
    stop = stopwords()
    names = [surname(a) for a in source.authors]
    if not names:
        match = _LEADING_SURNAME.match(source.text)
        if match:
            names = [match.group(1)]
    found = set()
    for name in names:
        for part in words(name):
            # "de Gaulle", "van der Waals": every part of three letters or more is a name
            if len(part) >= 3 and part not in stop and not part.isdigit():
                found.add(part)
    return frozenset(found)


def _year(source: Source) -> int | None:
    if source.year is not None:
        return source.year
    match = _PUBLISHED.search(source.text)
    if match:
        return int(match.group(1))
    # a bare "Smith 2001" stub, or a year before the access date of a web page
    found = sorted(years(_ACCESS.split(source.text)[0]))
    return found[0] if found else None


def _work(source: Source) -> Work:
    full = _full_text(source)
    bag = Counter(terms(full))
    covers = spans(f"{source.title} {source.note}") or [(y, y) for y in sorted(years(source.title))]
    year = _year(source)
    shape = [1.0 if pattern.search(full) else 0.0 for pattern in SHAPES.values()]
    shape += [
        float(bool(source.title)),
        float(bool(source.authors)),
        float(year is not None),
        float(len(bag) <= 4),
    ]
    return Work(
        source=source,
        bag=bag,
        length=sum(bag.values()),
        title=frozenset(terms(source.title)),
        container=frozenset(terms(source.container)),
        surnames=_surnames(source),
        year=year,
        covers=tuple(covers),
        shape=tuple(shape),
    )


class BibIndex:
    """The works of one bibliography with an inverted index and term weights."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self.works = tuple(_work(s) for s in sources)
        n = len(self.works)
        df: Counter[str] = Counter()
        for work in self.works:
            df.update(work.bag.keys())
        # BM25's idf, kept positive: a term every work shares is worth little, not less than nothing
        self.idf = {t: math.log(1.0 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.mean_length = (sum(w.length for w in self.works) / n) if n else 1.0
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for i, work in enumerate(self.works):
            for term, tf in work.bag.items():
                self.postings.setdefault(term, []).append((i, tf))
        self.by_surname: dict[str, list[int]] = {}
        self.by_year: dict[int, list[int]] = {}
        for i, work in enumerate(self.works):
            for name in work.surnames:
                self.by_surname.setdefault(name, []).append(i)
            if work.year is not None:
                self.by_year.setdefault(work.year, []).append(i)
        self.position = {s.id: i for i, s in enumerate(sources)}
        containers = Counter(w.container for w in self.works if w.container)
        #: per work: how general its title is (mean idf: low = about the whole subject),
        #: how many works share its container, how long it is
        self.static = [
            (
                sum(self.idf[t] for t in w.title if t in self.idf) / len(w.title)
                if w.title
                else -1.0,
                math.log1p(containers[w.container]) if w.container else 0.0,
                math.log1p(w.length),
            )
            for w in self.works
        ]
        #: the static features of each work, without and with "published before the claim's year"
        self.static_rows = [
            tuple([*w.shape, *static, float(before)] for before in (False, True))
            for w, static in zip(self.works, self.static, strict=True)
        ]
        #: BM25 scores of texts asked about again and again (the context sentences)
        self.cache: dict[str, dict[int, float]] = {}
        #: linear scores of each work with no evidence from the claim, per model
        self.baseline: dict[int, list[float]] = {}

    def __len__(self) -> int:
        return len(self.works)


@lru_cache(maxsize=8)
def _index(sources: tuple[Source, ...]) -> BibIndex:
    return BibIndex(sources)


_last: list[tuple[tuple[Source, ...], BibIndex]] = []


def index_for(sources: tuple[Source, ...]) -> BibIndex:
    """The index of a bibliography, shared by every claim asked about it.

    Claims come in runs over the same bibliography object, so the last one is
    recognised by identity before the cache hashes every work.
    """
    if _last and _last[0][0] is sources:
        return _last[0][1]
    index = _index(sources)
    _last[:] = [(sources, index)]
    return index


def clear_cache() -> None:
    _index.cache_clear()
    _last.clear()
