"""Token features of one flattened reference, for the field labeller.

A reference arrives as the lines the sentence splitter left (``pieces``): in
the citation styles every full stop ends a field ("Cresswell, Julia (2010).
Oxford Dictionary of Word Origins. Oxford University Press."), so where a
token sits -- which line, where in it, before or after the first date -- says
as much as the word itself.  Features describe the word (its shape, and the
converter's own tables: given names, months, page and identifier words), its
neighbours, and its line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..furniture import MONTHS
from ..refdata import (
    ACCESS_WORDS,
    CHAPTER_WORDS,
    EDITOR_WORDS,
    GIVEN_NAMES,
    IDENTIFIER_WORDS,
    PAGE_TOKEN,
    PAGE_WORDS,
    PARTICLES,
    PLACES,
    PUBLISHER_SUFFIXES,
)
from ..text import is_year

Features = dict[str, str | float]

_ISO_DATE = re.compile(r"^(1[5-9]\d\d|20\d\d)-\d\d(-\d\d)?$")
_YEAR_INSIDE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_MONTH_ABBR = frozenset(m[:3] for m in MONTHS) | {"sept"}
_PLACE_WORDS = frozenset(w for p in PLACES for w in p.split())
_WORD_CLASSES = (
    ("given", GIVEN_NAMES),
    ("particle", PARTICLES),
    ("pageword", PAGE_WORDS),
    ("access", ACCESS_WORDS),
    ("ident", IDENTIFIER_WORDS),
    ("pubsuffix", PUBLISHER_SUFFIXES),
    ("editor", EDITOR_WORDS),
    ("chapter", CHAPTER_WORDS),
    ("place", _PLACE_WORDS),
)


def year_of(word: str) -> str:
    """The year a token stands for: "2010", "2011-02-22", "1957/1966" (the first)."""
    if is_year(word):
        return word
    found = _YEAR_INSIDE.search(word)
    return found[1] if found and _is_dateish(word) else ""


def _is_dateish(word: str) -> bool:
    """A year, an ISO date or years joined ("1968/1983", "1789–1848")."""
    return bool(_ISO_DATE.match(word)) or bool(re.fullmatch(r"\d{4}([/–-]\d{2,4})*[a-z]?", word))


@functools.lru_cache(maxsize=4096)
def shape(word: str) -> str:
    """Character classes, runs collapsed: "2010" -> "d", "978-0-19" -> "d-d-d", "ed." -> "a."."""
    out = re.sub(r"[a-zà-ÿ]+", "a", word)
    out = re.sub(r"[0-9]+", "d", out)
    return re.sub(r"[^ad\-/–.&']+", "x", out)[:8]


def word_features(word: str) -> Features:
    return dict(_word_features(word))


@functools.lru_cache(maxsize=8192)
def _word_features(word: str) -> Features:
    feats: Features = {
        "w": word,
        "shape": shape(word),
        "len": str(min(len(word), 8)),
        "suf3": word[-3:],
    }
    if is_year(word):
        feats["year"] = 1.0
    elif year_of(word):
        feats["datey"] = 1.0
    if word in MONTHS or word in _MONTH_ABBR:
        feats["month"] = 1.0
    if word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 31:
        feats["day"] = 1.0
    if PAGE_TOKEN.match(word):
        feats["pagetok"] = 1.0
    if len(word) <= 3 and word.isalpha() and not re.search(r"[aeiouy]", word):
        feats["initials"] = 1.0  # "j", "cp", "jrr": no vowel, so not a word
    for name, table in _WORD_CLASSES:
        if word in table:
            feats[name] = 1.0
    return feats


def line_map(pieces: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """(line index, index in line) of every token, in reading order."""
    return [(k, i) for k, piece in enumerate(pieces) for i in range(len(piece))]


def reference_features(pieces: Sequence[Sequence[str]]) -> list[Features]:
    """One feature dict per token of the reference."""
    words = [w for piece in pieces for w in piece]
    where = line_map(pieces)
    date_at = next((j for j, w in enumerate(words) if year_of(w)), -1)
    first_date = where[date_at][0] if date_at >= 0 else -1
    heads = [piece[0] if piece else "" for piece in pieces]
    lengths = [len(piece) for piece in pieces]
    base = [_word_features(w) for w in words]
    out: list[Features] = []
    for j in range(len(words)):
        line, pos = where[j]
        feats: Features = dict(base[j])
        feats["line"] = str(min(line, 6))
        feats["pos"] = str(min(pos, 5))
        feats["tail"] = str(min(lengths[line] - 1 - pos, 3))
        feats["linelen"] = str(min(lengths[line], 8))
        feats["head"] = heads[line] if heads[line] in _LINE_HEADS else shape(heads[line])
        feats["prevhead"] = _head_class(heads[line - 1]) if line else "BOS"
        if first_date >= 0:
            feats["dateline"] = str(max(-2, min(line - first_date, 3)))
            # words from the first date: a date in mid-line ("lee rc ambros v 1993 c
            # elegans ...") parts the names before it from the title after it
            feats["datedist"] = _bucket(j - date_at)
        feats["lastline"] = "1" if line == len(pieces) - 1 else "0"
        for off in (-2, -1, 1, 2):
            k = j + off
            name = f"{off:+d}"
            if 0 <= k < len(words):
                near = base[k]
                if abs(off) == 1:
                    feats[name + "w"] = words[k]
                feats[name + "shape"] = str(near["shape"])
                for flag in ("year", "datey", "month", "given", "initials", "pageword", "access"):
                    if flag in near:
                        feats[name + flag] = 1.0
                if where[k][0] != line:
                    feats[name + "break"] = 1.0
            else:
                feats[name + "edge"] = 1.0
        out.append(feats)
    return out


def _bucket(offset: int) -> str:
    """An offset in words, exact near zero and coarser further out."""
    size = abs(offset)
    rounded = size if size <= 3 else 4 if size <= 6 else 7 if size <= 12 else 13
    return f"{'-' if offset < 0 else '+'}{rounded}"


#: Line openings that name what the line is.
_LINE_HEADS = frozenset(
    {*ACCESS_WORDS, *IDENTIFIER_WORDS, *PAGE_WORDS, "archived", "http", "https", "www"}
)


def _head_class(word: str) -> str:
    if word in _LINE_HEADS:
        return word
    if year_of(word):
        return "date"
    return shape(word)
