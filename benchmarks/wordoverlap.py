"""Today's word-overlap ranking, kept as the baseline ``bench_rank.py`` measures against.

This is the ranking ``citecheck todo`` used before ``checker.rank`` (moved
here unchanged but for the :class:`Work` it reads, now defined below).
The docstring it had:

Rank the bibliography's works as candidate sources for a flagged claim.

Two signals, each with a reason an editor can check:

* **topic** -- cosine similarity of stopword-free word sets, weighted by
  inverse document frequency over the bibliography (a word every title shares,
  such as the subject's name, says little; a rare shared word says a lot);
* **years** -- a year the claim mentions that falls in a span a work's title or
  notes cover ("The Prophet Armed 1879–1921" covers a claim about 1905); narrow
  spans count more than broad ones.  Publication years are not coverage: a 1954
  biography says nothing in particular about 1954.

An author's surname named in the claim is a third, small signal.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TypeVar


@dataclass(frozen=True, slots=True)
class Work:
    key: str
    title: str
    authors: tuple[str, ...] = ()  #: surnames of authors (or editors)
    year: int | None = None  #: year of publication
    keywords: tuple[str, ...] = ()
    note: str = ""  #: everything else that says what the work is about

    @property
    def topic_text(self) -> str:
        return " ".join((self.title, " ".join(self.keywords), self.note))


K = TypeVar("K")  # an inverted index's key: a token, a year or a surname

_WORD = re.compile(r"[^\W\d_]{3,}")
_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")
_SPAN = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})\s*(?:–|—|-|to|until)\s*(\d{4}|\d{2})(?!\d)")

ADDED_SECTION = "# the words every rendered reference carries"
YEAR_WEIGHT = 0.5  #: a year hit on a one-year span counts like a half-perfect topic match
AUTHOR_WEIGHT = 0.2
MAX_CANDIDATES = 3


@cache
def stopwords() -> frozenset[str]:
    # the list as it was: checker.rank's copy adds a section of reference furniture at its end
    text = resources.files("checker.rank").joinpath("stopwords.txt").read_text(encoding="utf-8")
    text = text.split(ADDED_SECTION)[0]
    return frozenset(
        word for line in text.splitlines() if not line.startswith("#") for word in line.split()
    )


def _stem(word: str) -> str:
    # just enough to match "revolutions" with "revolution" and "army's" with "army"
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def tokens(text: str) -> frozenset[str]:
    """Topic words: lower-case, stopwords dropped, lightly stemmed."""
    stop = stopwords()
    return frozenset(_stem(w) for w in _WORD.findall(text.casefold()) if w not in stop)


def years(text: str) -> frozenset[int]:
    """Years a text mentions, ranges included as their end points."""
    found = {int(y) for y in _YEAR.findall(text)}
    for start, end in _spans(text):
        found.update((start, end))
    return frozenset(found)


def _spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _SPAN.finditer(text):
        start, end_text = int(match.group(1)), match.group(2)
        # "1917–18" means 1917–1918
        end = int(end_text) if len(end_text) == 4 else start // 100 * 100 + int(end_text)
        if end >= start:
            spans.append((start, end))
    return spans


def covered_spans(work: Work) -> list[tuple[int, int]]:
    """Years a work is about: explicit ranges, else years named in its title."""
    text = f"{work.title} {work.note} {' '.join(work.keywords)}"
    spans = _spans(text)
    if not spans:
        spans = [(y, y) for y in sorted({int(y) for y in _YEAR.findall(work.title)})]
    return spans


@dataclass(frozen=True, slots=True)
class Candidate:
    key: str
    title: str
    score: float
    reasons: tuple[str, ...]


def _postings(index: Mapping[K, list[int]], keys: Iterable[K]) -> set[int]:
    """The works an inverted index lists under any of ``keys``."""
    return {i for key in keys for i in index.get(key, ())}


class Ranker:
    """Ranks one bibliography's works; build once, rank every claim."""

    def __init__(self, works: Sequence[Work]) -> None:
        self.works = tuple(works)
        self._tokens = [tokens(w.topic_text) for w in self.works]
        self._spans = [covered_spans(w) for w in self.works]
        df = Counter(t for ts in self._tokens for t in ts)
        n = len(self.works)
        self._idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
        self._norms = [math.sqrt(sum(self._idf[t] ** 2 for t in ts)) for ts in self._tokens]
        # inverted indexes, so a claim is scored only against works it can match
        self._by_token: dict[str, list[int]] = {}
        self._by_year: dict[int, list[int]] = {}
        self._by_author: dict[str, list[int]] = {}
        for i, (ts, spans, work) in enumerate(
            zip(self._tokens, self._spans, self.works, strict=True)
        ):
            for t in ts:
                self._by_token.setdefault(t, []).append(i)
            for year in {y for start, end in spans for y in range(start, end + 1)}:
                self._by_year.setdefault(year, []).append(i)
            for surname in {a.casefold() for a in work.authors}:
                self._by_author.setdefault(surname, []).append(i)

    def rank(self, claim: str, context: str = "", limit: int = MAX_CANDIDATES) -> list[Candidate]:
        """Up to ``limit`` works that fit the claim (and its paragraph), best first."""
        text = f"{claim} {context}"
        words = tokens(text)
        in_claim = tokens(claim)
        claim_years = years(text)
        # words absent from every work carry no weight in the dot product but
        # still lengthen the claim vector; use the bibliography's idf for all
        default_idf = math.log(1 + len(self.works)) + 1.0
        claim_norm = math.sqrt(sum(self._idf.get(t, default_idf) ** 2 for t in words)) or 1.0
        # an author counts when the claim itself names them: a biography names its
        # subject in nearly every paragraph, which says nothing about one claim
        surnames = {w.casefold() for w in _WORD.findall(claim)}
        reachable = (
            _postings(self._by_token, words)
            | _postings(self._by_year, claim_years)
            | _postings(self._by_author, surnames)
        )
        # score every reachable work cheaply; explain only the ones shown
        scored = []
        for i in reachable:
            match = self._match(i, words, claim_norm, claim_years, surnames)
            if match is not None:
                scored.append(match)
        scored.sort(key=lambda m: (-m.score, m.work.key))
        return [m.explain(self._idf, in_claim) for m in scored[:limit]]

    def _match(
        self,
        i: int,
        words: frozenset[str],
        claim_norm: float,
        claim_years: frozenset[int],
        surnames: set[str],
    ) -> _Match | None:
        work = self.works[i]
        shared = words & self._tokens[i]
        score = 0.0
        if shared and self._norms[i]:
            score += sum(self._idf[t] ** 2 for t in shared) / (self._norms[i] * claim_norm)
        year_hit = _best_span(claim_years, self._spans[i])
        if year_hit is not None:
            _, (start, end) = year_hit
            score += YEAR_WEIGHT / (1 + (end - start) / 20)
        named = tuple(a for a in work.authors if a.casefold() in surnames)
        if named:
            score += AUTHOR_WEIGHT
        if not (shared or year_hit or named):
            return None
        return _Match(round(score, 4), work, shared, year_hit, named)


@dataclass(frozen=True, slots=True)
class _Match:
    """A scored work, before its reasons are written out."""

    score: float
    work: Work
    shared: frozenset[str]
    year_hit: tuple[int, tuple[int, int]] | None
    named: tuple[str, ...]

    def explain(self, idf: dict[str, float], in_claim: frozenset[str]) -> Candidate:
        reasons = []
        if self.shared:
            # the rarest shared words first: they are why this work stands out
            best = sorted(self.shared, key=lambda t: (-idf[t], t))[:4]
            reasons.append(_shares(best, in_claim))
        if self.year_hit is not None:
            year, (start, end) = self.year_hit
            covered = str(start) if start == end else f"{start}–{end}"
            reasons.append(f"covers {year} ({covered})")
        if self.named:
            reasons.append(f"by {', '.join(self.named)}, named in the claim")
        return Candidate(self.work.key, self.work.title, self.score, tuple(reasons))


def _shares(words: list[str], in_claim: frozenset[str]) -> str:
    """'shares “a” with the claim; “b” with its paragraph' -- says where each word is."""
    parts = []
    for where, group in (
        ("the claim", [w for w in words if w in in_claim]),
        ("its paragraph", [w for w in words if w not in in_claim]),
    ):
        if group:
            parts.append(", ".join(f"“{w}”" for w in group) + f" with {where}")
    return "shares " + "; ".join(parts)


def _best_span(
    claim_years: frozenset[int], spans: Iterable[tuple[int, int]]
) -> tuple[int, tuple[int, int]] | None:
    """The narrowest span that holds a year of the claim, with that year."""
    hits = [(end - start, year, (start, end)) for start, end in spans for year in claim_years]
    hits = [h for h in hits if h[2][0] <= h[1] <= h[2][1]]
    if not hits:
        return None
    _, year, span = min(hits)
    return year, span
