"""Words, names and years of a claim or a source, as the ranker compares them.

The same functions read text as written ("Matson, John (2009). The Origin of
Zero") and flattened ("matson john 2009 origin zero"), so nothing here may
depend on case or punctuation surviving.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from importlib import resources

_WORD = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"(?<![\d./-])(1[5-9][0-9]{2}|20[0-4][0-9])(?![\d])")
_SPAN = re.compile(
    r"(?<!\d)(1[0-9]{3}|20[0-9]{2})\s*(?:–|—|-|to|until)\s*(1[0-9]{3}|20[0-9]{2}|[0-9]{2})(?!\d)"
)


@cache
def stopwords() -> frozenset[str]:
    """Function words (and bibliographic furniture) that say nothing about a topic."""
    text = resources.files(__package__).joinpath("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(
        word for line in text.splitlines() if not line.startswith("#") for word in line.split()
    )


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Just enough to match "revolutions" with "revolution" and "studies" with "study"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# a claim's paragraph and its section's cited sentences come back with every claim
# of the paragraph: the cached tuples save tokenising them again
@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Every word and number, case-folded, in order (names and years included)."""
    return tuple(_WORD.findall(text.casefold()))


@lru_cache(maxsize=8192)
def terms(text: str) -> tuple[str, ...]:
    """Topic terms in order: stopwords, one-letter words and lone digits dropped, stemmed."""
    stop = stopwords()
    return tuple(stem(w) for w in _WORD.findall(text.casefold()) if len(w) > 1 and w not in stop)


def years(text: str) -> frozenset[int]:
    """Years a text mentions, the ends of ranges ("1914–18") included."""
    found = {int(y) for y in _YEAR.findall(text)}
    for start, end in spans(text):
        found.update((start, end))
    return frozenset(found)


def spans(text: str) -> list[tuple[int, int]]:
    """Year ranges a text names: "1789–1848", "1914–18", "1848 to 1851"."""
    found = []
    for match in _SPAN.finditer(text):
        start, end_text = int(match.group(1)), match.group(2)
        end = int(end_text) if len(end_text) == 4 else start // 100 * 100 + int(end_text)
        if end >= start:
            found.append((start, end))
    return found


def surname(author: str) -> str:
    """The family name of "Matson, John", "John Matson" or "matson john" (flattened: first)."""
    author = author.strip()
    if "," in author:
        return author.split(",", 1)[0].strip()
    parts = author.split()
    if not parts:
        return ""
    # a flattened name lost its comma: "matson john" keeps the bibliography's order
    return parts[0] if author.islower() else parts[-1]


class Paragraph:
    """Where sentences sit in the claim's paragraph (word offsets), found by their words."""

    def __init__(self, text: str) -> None:
        self.words = words(text)
        self.trigrams: dict[tuple[str, str, str], int] = {}
        self.first: dict[str, int] = {}
        ws = self.words
        for i, w in enumerate(ws):
            self.first.setdefault(w, i)
            if i + 2 < len(ws):
                self.trigrams.setdefault((w, ws[i + 1], ws[i + 2]), i)

    def locate(self, text: str) -> int | None:
        """Where ``text`` starts in the paragraph, if at least half its word triples are there.

        One shared triple is not enough: sentences of one section repeat
        phrases ("the date and time associated with"), and a sentence of
        another paragraph placed here would put the claim's neighbours wrong.
        """
        ws = words(text)
        if len(ws) < 3:
            return self.first.get(ws[0]) if ws else None
        votes: Counter[int] = Counter()
        for i in range(len(ws) - 2):
            at = self.trigrams.get((ws[i], ws[i + 1], ws[i + 2]))
            if at is not None:
                votes[at - i] += 1
        if not votes:
            return None
        start, count = votes.most_common(1)[0]
        return max(start, 0) if 2 * count >= len(ws) - 2 else None
