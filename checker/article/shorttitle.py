"""Short citations that name their work by its title, not by author and year.

Hand-written lists cite a work given in full elsewhere by a locator and its
title ("chapter xii walden", "document 106 lost letters", "chapter xxiii
1984") or by the author and a title that is a year ("george orwell 1984 p").
Such a citation resolves to the full entry (one with an author or editor)
whose title it names: the whole title, or a title's last two words or more
("lost letters" of "political report ... lost letters").  Once its title is
complete the citation is done, so the words after it are the next citation
("chapter xxxiv walden" / "night sky retrieved may").
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Reference
from .refdata import DOMAIN_SUFFIXES
from .references import parse
from .text import is_year

#: A title's ending this long names it (a single word must be the whole title).
MIN_SUFFIX = 2
_QUOTES = "'‘’“”\""


def title_key(title: str) -> tuple[str, ...]:
    return tuple(w.strip(_QUOTES) for w in title.split() if w.strip(_QUOTES))


def _surname(ref: Reference) -> str:
    return ref.authors[0].split(",")[0].lower() if ref.authors else ""


class Titles:
    """The full entries of a list, looked up by the title a short citation names."""

    def __init__(self, refs: Sequence[Reference]) -> None:
        self.whole: dict[tuple[str, ...], Reference] = {}
        self.endings: dict[tuple[str, ...], Reference] = {}
        self.by_author: dict[tuple[str, str], Reference] = {}
        for ref in refs:
            key = title_key(ref.title)
            # a full entry names who wrote or edited it, and a locator's citation
            # only when it gives the work's year or publisher ("document 59 ... 1996")
            full = ref.authors or ref.editors
            if not key or not full or (ref.locator and not (ref.year or ref.publisher)):
                continue
            self.whole.setdefault(key, ref)
            for n in range(MIN_SUFFIX, len(key)):
                self.endings.setdefault(key[-n:], ref)
            if ref.authors:
                self.by_author.setdefault((_surname(ref), " ".join(key)), ref)

    def target(self, ref: Reference) -> Reference | None:
        """The full entry a short citation names by title, or None."""
        if ref.locator and not ref.authors:
            key = title_key(ref.title)
            if len(key) > MIN_SUFFIX and key[-1] in DOMAIN_SUFFIXES:
                key = key[:-2]  # "walden gutenberg org": the website it was read on
            for n in range(len(key), 0, -1):
                found = self.whole.get(key[-n:]) or (
                    self.endings.get(key[-n:]) if n >= MIN_SUFFIX else None
                )
                if found is not None and found is not ref:
                    return found
        if ref.authors and ref.year and not ref.title:
            return self.by_author.get((_surname(ref), ref.year))
        return None

    def known_start(self, ref: Reference) -> int:
        """How many of a locator citation's title words are a known title, when
        more words follow it (the next citation); 0 otherwise."""
        if not ref.locator or ref.authors:
            return 0
        key = title_key(ref.title)
        for n in range(len(key) - 1, 0, -1):
            if key[:n] in self.whole and (n > 1 or not is_year(key[0])):
                return n
        return 0


def split_after_titles(refs: Sequence[Reference], titles: Titles) -> list[Reference]:
    """Cut each locator citation after the known title it names, when words
    other than a website follow ("chapter xxxiv walden night sky ...")."""
    out: list[Reference] = []
    for ref in refs:
        n = titles.known_start(ref)
        words = ref.raw.split()
        cut = _cut_after(words, ref.locator.split(), title_key(ref.title)[:n]) if n else 0
        rest = words[cut:]
        if not cut or len(rest) < MIN_SUFFIX or rest[-1] in DOMAIN_SUFFIXES:
            out.append(ref)
            continue
        out.append(parse(ref.line, words[:cut]))
        out.append(parse(ref.line, rest))
    return out


def _cut_after(words: list[str], locator: list[str], title: tuple[str, ...]) -> int:
    """Index after ``title`` following the locator in the raw words."""
    start = next(
        (i + len(locator) for i in range(len(words)) if words[i : i + len(locator)] == locator), -1
    )
    if start < 0:
        return 0
    for i in range(start, len(words) - len(title) + 1):
        if title_key(" ".join(words[i : i + len(title)])) == title:
            return i + len(title)
    return 0
