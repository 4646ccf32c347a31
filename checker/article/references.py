"""Segment a flattened references section into references and parse each one.

The section is one line per sentence piece: a reference spans several lines
and its page number often starts the next line ("... prophet armed p" /
"145 david north ...").  Segmentation follows the citation format: a page
word waits for its number, "retrieved <date>" ends a reference, a publisher
line or a split web domain continues one, an author-date opening expects its
title.  What cannot be parsed keeps its raw text (``Reference.parsed``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .furniture import MONTHS
from .infobox import split_glued
from .model import Reference
from .refdata import (
    ACCESS_WORDS,
    DOMAIN_SUFFIXES,
    GIVEN_NAMES,
    GLUED_PAGES,
    PAGE_TOKEN,
    PAGE_WORDS,
    PLACES,
    PUBLISHER_NAMES,
    PUBLISHER_SUFFIXES,
)
from .text import is_year, title_case

#: Name particles that belong to the surname.
PARTICLES = frozenset({"van", "von", "de", "der", "den", "di", "da", "du", "la", "le"})
#: Words before an author-date opening that are the note's own comment.
MAX_COMMENT_WORDS = 4
CHAPTER_WORDS = frozenset({"ch", "chap", "chapter"})
#: A reference this short is still missing its title or source.
FRAGMENT_WORDS = 3
#: An opening repeated this many words at the start of another line is a new reference.
REPEAT_WORDS = 3


def _normalise(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in split_glued(words):
        glued = GLUED_PAGES.match(word)
        out.extend([glued[1], glued[2]] if glued else [word])
    return out


def segment(lines: Sequence[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """Group (line number, words) pieces into references: (first line, words)."""
    openings = {
        tuple(words[:REPEAT_WORDS])
        for _, words in lines
        if len(words) >= REPEAT_WORDS and not _is_publisher_line(words)
    }
    refs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start_line = 0
    awaiting_pages = False

    def finish() -> None:
        nonlocal current, awaiting_pages
        if current:
            refs.append((start_line, current))
        current, awaiting_pages = [], False

    for number, raw in lines:
        words = _normalise(raw)
        if awaiting_pages:
            pages = 0
            while pages < len(words) and PAGE_TOKEN.match(words[pages]):
                pages += 1
            current.extend(words[:pages])
            words = words[pages:]
            if not (words and words[0] in ACCESS_WORDS):
                finish()
        if current and words and words[0] in ACCESS_WORDS:
            end = _date_end(words, 1)
            current.extend(words[:end])
            words = words[end:]
            finish()
        elif current and words and not _continues(current, words):
            finish()
        for k, piece in enumerate(_split_inside(words, openings)):
            if k and current:
                finish()
            if not current:
                start_line = number
            current.extend(piece)
            if _ends_with_access(current):
                finish()
        awaiting_pages = bool(current) and current[-1] in PAGE_WORDS | {"ch"}
    finish()
    return refs


def _continues(current: list[str], words: list[str]) -> bool:
    if words[0] in DOMAIN_SUFFIXES or words[0] in PAGE_WORDS:
        return True
    if _is_publisher_line(words):
        return True
    if len(current) <= FRAGMENT_WORDS and not any(is_year(w) for w in current):
        return True
    # "lindemann 4 december 2000" / "esau's tears ...": an author-date opening
    return is_year(current[-1]) and len(current) <= 6


def _is_publisher_line(words: list[str]) -> bool:
    text = " ".join(words)
    if len(words) > 6:
        return False
    return words[-1] in PUBLISHER_SUFFIXES or any(text.endswith(p) for p in PUBLISHER_NAMES)


def _split_inside(words: list[str], openings: set[tuple[str, ...]]) -> list[list[str]]:
    """Split a line where another reference's opening words recur, or after an access date."""
    pieces: list[list[str]] = []
    start = 0
    i = 1
    while i < len(words):
        if words[i] in ACCESS_WORDS:
            end = _date_end(words, i + 1)
            if end < len(words):
                pieces.append(words[start:end])
                start = end
                i = end
                continue
        if tuple(words[i : i + REPEAT_WORDS]) in openings and i > start:
            pieces.append(words[start:i])
            start = i
        i += 1
    pieces.append(words[start:])
    return [p for p in pieces if p] if len(pieces) > 1 else [words]


def _date_end(words: list[str], i: int) -> int:
    """Index after a date such as "23 july 2011", "september 2013" or "may"."""
    if i < len(words) and words[i].isdigit() and len(words[i]) <= 2:
        i += 1
    if i < len(words) and words[i] in MONTHS:
        i += 1
    if i < len(words) and words[i].isdigit() and len(words[i]) <= 2:
        i += 1
    if i < len(words) and is_year(words[i]):
        i += 1
    return i


def _ends_with_access(words: list[str]) -> bool:
    for back in range(1, 5):
        if len(words) > back and words[-back - 1] in ACCESS_WORDS:
            return _date_end(words, len(words) - back) == len(words)
    return False


def parse(first_line: int, words: list[str]) -> Reference:
    """Fields of one reference; anything not understood stays in the title."""
    ref = Reference(raw=" ".join(words), line=first_line)
    words = list(words)
    words = _take_access(ref, words)
    words = _take_pages(ref, words)
    words = _take_authors(ref, words)
    words = _take_publisher(ref, words)
    years = [i for i, w in enumerate(words) if is_year(w)]
    if years and not ref.year:
        ref.year = words[years[-1]]
        del words[years[-1]]
    ref.title = " ".join(words).strip()
    ref.parsed = bool(ref.title) and bool(ref.authors or ref.year or ref.publisher)
    return ref


def _take_access(ref: Reference, words: list[str]) -> list[str]:
    for i, word in enumerate(words):
        if word in ACCESS_WORDS:
            end = _date_end(words, i + 1)
            ref.accessed = _iso_date(words[i + 1 : end]) or " ".join(words[i + 1 : end])
            return words[:i] + words[end:]
    return words


def _iso_date(words: list[str]) -> str:
    day = month = year = ""
    for word in words:
        if word in MONTHS:
            month = f"{MONTHS.index(word) + 1:02d}"
        elif is_year(word):
            year = word
        elif word.isdigit():
            day = f"{int(word):02d}"
    if not year:
        return ""
    return "-".join(p for p in (year, month, day if month else "") if p)


def _take_pages(ref: Reference, words: list[str]) -> list[str]:
    # a trailing chapter marker ("... 1879–1921 ch") is a place, not title
    while words and words[-1] in CHAPTER_WORDS:
        words = words[:-1]
    for i in range(len(words) - 1, -1, -1):
        if words[i] in PAGE_WORDS:
            pages = words[i + 1 :]
            if pages and all(PAGE_TOKEN.match(p) for p in pages[:1]):
                ref.pages = pages[0]
                return words[:i] + pages[1:]
            if not pages:
                ref.page_lost = True
                return words[:i]
    return words


def _take_authors(ref: Reference, words: list[str]) -> list[str]:
    """The author at the start, or after a short comment ("detailed account smith john 1970")."""
    rest = _authors_at_start(ref, words)
    if ref.authors:
        return rest
    for skip in range(1, MAX_COMMENT_WORDS + 1):
        if len(words) > skip + 2 and words[skip + 1] in GIVEN_NAMES and is_year(words[skip + 2]):
            rest = _authors_at_start(ref, words[skip:])
            if ref.authors:
                ref.comment = " ".join(words[:skip])
                return rest
    return words


def _authors_at_start(ref: Reference, words: list[str]) -> list[str]:
    """ "isaac deutscher ..." (given name first) or "deutscher isaac 1970 ..." (surname first)."""
    if len(words) >= 2 and words[0] in GIVEN_NAMES and words[1] not in GIVEN_NAMES:
        surname = 1
        while surname < len(words) - 1 and (
            len(words[surname]) == 1 or words[surname] in PARTICLES
        ):
            surname += 1  # initials and particles ("jean van heijenoort")
        given = " ".join(words[:surname])
        family = words[surname]
        if surname > 1 and words[surname - 1] in PARTICLES:
            given, family = " ".join(words[: surname - 1]), f"{words[surname - 1]} {family}"
        ref.authors.append(f"{title_case(family)}, {title_case(given)}")
        return words[surname + 1 :]
    if len(words) >= 3 and words[1] in GIVEN_NAMES:
        end = 2
        while end < len(words) and len(words[end]) == 1:
            end += 1  # initials
        if end < len(words) and is_year(words[end]):
            given = " ".join(w + ("." if len(w) == 1 else "") for w in words[1:end])
            ref.authors.append(f"{title_case(words[0])}, {title_case(given)}")
            ref.year = words[end]
            return words[end + 1 :]
    if len(words) >= 2 and is_year(words[1]) and words[0].isalpha():
        ref.authors.append(title_case(words[0]))
        ref.year = words[1]
        return words[2:]
    return words


def _take_publisher(ref: Reference, words: list[str]) -> list[str]:
    text = " ".join(words)
    for name in sorted(PUBLISHER_NAMES, key=len, reverse=True):
        match = re.search(rf"(?:^| ){re.escape(name)}(?= |$)", text)
        if match:
            ref.publisher = title_case(name)
            words = (text[: match.start()] + text[match.end() :]).split()
            return _take_place(ref, words, match.start())
    for i, word in enumerate(words):
        if word in PUBLISHER_SUFFIXES and i > 0:
            # "oxford university press", "new international publishing co", "free press"
            size = 2 if words[i - 1] == "university" or words[i - 1] in PUBLISHER_SUFFIXES else 1
            start = max(0, i - size)
            if is_year(words[start]) or words[start].isdigit():
                start += 1
            ref.publisher = title_case(" ".join(words[start : i + 1]))
            rest = words[:start] + words[i + 1 :]
            return _take_place(ref, rest, len(" ".join(words[:start])))
    return words


def _take_place(ref: Reference, words: list[str], near: int) -> list[str]:
    text = " ".join(words)
    for place in sorted(PLACES, key=len, reverse=True):
        match = re.search(rf"(?:^| ){re.escape(place)}(?= |$)", text)
        if match and abs(match.start() - near) <= 40:
            ref.place = title_case(place)
            return (text[: match.start()] + text[match.end() :]).split()
    return words
