"""Where one line of a free-text references list holds several citations.

A list written by hand (no citation templates, no footnote numbers left) runs
its citations together wherever an item had no closing full stop:
"... hughes 2014 p 211 document 103 may 1922 lost letters document 106 ...",
"... 1937 fox richard 2003 ...", "... gutenberg org war international ...".
A line is cut where one citation is plainly finished and the next plainly opens.

Finished: its page locator has its number ("p 211", "pg viii"); it ends with a
web domain ("gutenberg org") or a closing quotation mark ("'walden'"); it is a
locator's short citation with its title ("chapter xxxv walden"); or it ends
with a year.  Opens: a locator ("chapter xvii", "document 106"), a reader's
pointer before one ("quoted", "see", "cf"), an author's possessive with the
work it names ("darwin's 1859 book", "darwin's 'variation ...'"), or an
author's name.  After a page number or a domain anything but the citation's
own tail (identifiers, an access date, "n 3") opens the next one.  A locator
before a possessive ("chapter darwin's unfinished book") or a pointer before
a locator ("quoted chapter xii") opens one wherever it stands.

A run of citations without years written title first, author last ("hue cry
over harbour jane doe doe protests too much ann lee ...", the
"by" lost to the stopwords) is cut after each author's name.
"""

from __future__ import annotations

from collections.abc import Sequence

from .furniture import MONTHS
from .refdata import (
    DOMAIN_SUFFIXES,
    GENRE_WORDS,
    GIVEN_NAMES,
    LOCATOR_WORDS,
    PAGE_CONTINUATION,
    PAGE_TOKEN,
    PAGE_WORDS,
    PARTICLES,
    PLACES,
    POINTER_WORDS,
    PUBLISHER_SUFFIXES,
)
from .text import is_year, is_year_or_range

#: Quotation marks that the flattening keeps around a quoted title.
OPEN_QUOTES = ("'", "‘", "“", '"')
CLOSE_QUOTES = ("'", "’", "”", '"')
#: Cuts of a title-then-author run: one would be a name inside a title.
MIN_RUN_CUTS = 2


def possessive(word: str) -> str:
    """ "darwin's" -> "darwin"; "" when the word is not a name's possessive."""
    for mark in ("'s", "’s"):
        if word.endswith(mark) and len(word) > len(mark) + 1:
            base = word[: -len(mark)]
            if base.replace("-", "").isalpha():
                return base
    return ""


def _names_work(words: Sequence[str], i: int) -> bool:
    """After a possessive at ``words[i - 1]``: the work it names follows (a quoted
    title, a year, or a genre word: "'thermidor ...'", "1925 book", "unfinished book")."""
    if i >= len(words):
        return False
    if words[i].startswith(OPEN_QUOTES) or is_year(words[i]):
        return True
    return any(w in GENRE_WORDS for w in words[i : i + 2])


def possessive_opening(words: Sequence[str], i: int, *, named: bool = False) -> int:
    """Index after "[given name] surname's" when it opens a citation at ``words[i]``
    and names its author's work; 0 otherwise.  With ``named``, a full name's
    possessive ("emil ludwig's napoleon") is its author's whatever follows."""
    j = i + 1 if words[i] in GIVEN_NAMES and i + 1 < len(words) else i
    if possessive(words[j]) and ((named and j > i) or _names_work(words, j + 1)):
        return j + 1
    return 0


def locator_opening(words: Sequence[str], i: int) -> int:
    """Index after "chapter xii" / "document 106" / "chapter" (before a possessive)."""
    if words[i] not in LOCATOR_WORDS or i + 1 >= len(words):
        return 0
    if PAGE_TOKEN.match(words[i + 1]):
        return i + 2
    return i + 1 if possessive(words[i + 1]) else 0


def _strong_opening(words: Sequence[str], i: int) -> bool:
    """A citation opens here whatever came before: a locator before an author's
    possessive ("chapter 12 darwin's ..."), a pointer before a locator."""
    after = locator_opening(words, i)
    if after:
        return bool(possessive(words[i + 1]) or (after < len(words) and possessive(words[after])))
    if words[i] in POINTER_WORDS and words[i] != "also":
        return i + 1 < len(words) and locator_opening(words, i + 1) > 0
    return False


def _name_start(words: Sequence[str], i: int) -> bool:
    """ "mary beard ...": a given name, then a surname."""
    if words[i] not in GIVEN_NAMES or i + 1 >= len(words):
        return False
    j = i + 1
    while j < len(words) - 1 and (len(words[j]) == 1 or words[j] in PARTICLES):
        j += 1
    return words[j].replace("-", "").isalpha() and words[j] not in GIVEN_NAMES


def opens(words: Sequence[str], i: int) -> bool:
    """A citation can open at ``words[i]``."""
    if locator_opening(words, i) or possessive_opening(words, i):
        return True
    if words[i] in POINTER_WORDS and words[i] != "also" and i + 1 < len(words):
        return opens(words, i + 1) or words[i + 1] in POINTER_WORDS
    return _name_start(words, i)


def opens_citation(words: Sequence[str]) -> bool:
    """A line that opens with a locator or a pointer before a name or a locator
    ("chapter xxxvii walden", "quoted max weber", "see robert caro")
    starts a citation of its own."""
    if not words:
        return False
    if locator_opening(words, 0):
        return True
    return words[0] in POINTER_WORDS and words[0] != "also" and opens(words, 0)


def closes_quote(piece: Sequence[str]) -> bool:
    """The piece ends a quoted title that it opened ("quoted chapter xii 'walden'")."""
    if not piece or not piece[-1].endswith(CLOSE_QUOTES) or len(piece[-1]) < 2:
        return False
    return any(w.startswith(OPEN_QUOTES) for w in piece)


def _locator_citation(piece: Sequence[str]) -> bool:
    """ "chapter xxxv walden", "document 103 may 1922 lost letters": a locator
    with a title after it."""
    k = 0
    while k < len(piece) and piece[k] in POINTER_WORDS:
        k += 1
    after = locator_opening(piece, k) if k < len(piece) else 0
    return bool(after) and len(piece) - after >= 2


def page_closed(piece: Sequence[str]) -> bool:
    """ "... p 211", "... pp 189–191", "... pg viii": the page, which ends a citation."""
    return len(piece) >= 2 and piece[-2] in PAGE_WORDS and PAGE_TOKEN.match(piece[-1]) is not None


def domain_closed(piece: Sequence[str]) -> bool:
    """ "... walden gutenberg org": a web citation ends with its site (a site
    alone, "planetmath org total derivative", opens one)."""
    return len(piece) >= 3 and piece[-1] in DOMAIN_SUFFIXES


def byline_closed(piece: Sequence[str]) -> bool:
    """ "... bbc news mike jones 28 august": a news item ends with its byline
    and its date (the year lost to the flattening)."""
    if len(piece) < 5 or not _day_month(piece[-2:]):
        return False
    return piece[-4] in GIVEN_NAMES and piece[-3].isalpha() and piece[-3] not in GIVEN_NAMES


def _day_month(pair: Sequence[str]) -> bool:
    day, month = (pair[0], pair[1]) if pair[0].isdigit() else (pair[1], pair[0])
    return month in MONTHS and day.isdigit() and 1 <= int(day) <= 31


def _tail_word(word: str) -> bool:
    """A word that still belongs to the citation after its page or site."""
    return (
        word in PAGE_CONTINUATION
        or PAGE_TOKEN.match(word) is not None
        or word.isdigit()
        or word in DOMAIN_SUFFIXES
    )


def cut_here(words: Sequence[str], start: int, i: int) -> bool:
    """Whether a new citation opens at ``words[i]`` after ``words[start:i]``."""
    piece = words[start:i]
    site = piece == [words[0]] and words[0] in DOMAIN_SUFFIXES  # "org" / "war international"
    if len(piece) < 2 and not site:
        return False
    if page_closed(piece) or domain_closed(piece) or site or byline_closed(piece):
        # a date after the site is its date ("gutenberg org 9 june 2006")
        return not _tail_word(words[i]) and not words[i][0].isdigit()
    if _strong_opening(words, i):
        return True
    if not opens(words, i):
        return possessive_opening(words, i) > 0 and len(piece) >= 3
    if closes_quote(piece) or _locator_citation(piece):
        return True
    return is_year(piece[-1]) and not _name_start(words, i)


def title_author_cuts(words: Sequence[str]) -> list[int]:
    """Where a run of "title, author" citations without years is cut: after each
    author's name ("storm over harbour jane doe" / "hue cry over ...").
    A single name inside the words is more likely part of a title: a run has
    at least two."""
    if any(is_year_or_range(w) or w in PUBLISHER_SUFFIXES or w in PAGE_WORDS for w in words):
        return []
    cuts: list[int] = []
    start = 0
    for i in range(2, len(words)):
        given, family = words[i - 2], words[i - 1]
        if (
            given in GIVEN_NAMES
            and family.isalpha()
            and family not in GIVEN_NAMES
            and i - 2 > start
            and words[start] not in GIVEN_NAMES
            and words[i] not in GIVEN_NAMES
            and len(words[i]) > 1
            and not any(" ".join(words[i : i + n]) in PLACES for n in (1, 2))
        ):
            cuts.append(i)
            start = i
    return cuts if len(cuts) >= MIN_RUN_CUTS else []
