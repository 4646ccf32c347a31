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
from typing import NamedTuple

from .authors import MAX_AUTHOR_WORDS, take_authors
from .furniture import MONTHS
from .infobox import split_glued
from .model import Reference
from .refdata import (
    ACCESS_WORDS,
    CHAPTER_WORDS,
    DOI_PIECE,
    DOI_PREFIX,
    DOI_SUFFIX,
    DOMAIN_SUFFIXES,
    EDITOR_WORDS,
    ET_AL,
    GIVEN_NAMES,
    GLUED_PAGES,
    IDENTIFIER_WORDS,
    ISBN_VALUE,
    PAGE_TOKEN,
    PAGE_WORDS,
    PARTICLES,
    PLACES,
    PUBLISHER_NAMES,
    PUBLISHER_SUFFIXES,
    VOLUME_LINE,
)
from .text import is_year, is_year_or_range, title_case

#: A reference this short is still missing its title or source.
FRAGMENT_WORDS = 3
#: An opening repeated this many words at the start of another line is a new reference.
REPEAT_WORDS = 3
#: An author-date opening, its title and its container (publisher or journal).
OPENING_LINES = 3
#: A web citation: title, website, publisher, then the access date.
WEB_PAGE_LINES = 3
#: A publisher's name is at most this many words before its suffix or after its place.
PUBLISHER_LOOKBACK = 4


def _normalise(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in split_glued(words):
        glued = GLUED_PAGES.match(word)
        out.extend([glued[1], glued[2]] if glued else [word])
    return out


#: A journal citation's container and its "volume issue pages" line, as segmented.
Journal = tuple[list[str], list[str]]


class Segment(NamedTuple):
    line: int  #: first input line
    words: list[str]
    journal: Journal | None  #: when a volume line followed its own line
    pieces: list[list[str]]  #: the words of each input line, as the splitter left them


def segment(lines: Sequence[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """Group (line number, words) pieces into references: (first line, words)."""
    return [(s.line, s.words) for s in segment_journals(lines)]


def segment_journals(lines: Sequence[tuple[int, list[str]]]) -> list[Segment]:
    """As :func:`segment`, keeping what the line structure tells: the journal
    ("journal american chemical society" / "80 4 1021–1029") and the pieces."""
    openings = {
        tuple(words[:REPEAT_WORDS])
        for _, words in lines
        if len(words) >= REPEAT_WORDS and not _is_publisher_line(words)
    }
    refs: list[Segment] = []
    current: list[str] = []
    current_pieces: list[list[str]] = []
    start_line = 0
    awaiting_pages = False
    journal: Journal | None = None
    last_line: list[str] = []

    def finish() -> None:
        nonlocal current, awaiting_pages, journal, current_pieces
        if current:
            refs.append(Segment(start_line, current, journal, current_pieces))
        current, awaiting_pages, journal, current_pieces = [], False, None, []

    def add(words: list[str], *, same_line: bool = False) -> None:
        current.extend(words)
        if same_line and current_pieces:
            current_pieces[-1].extend(words)
        elif words:
            current_pieces.append(list(words))

    lines_in_current = 0
    opened = False
    access_ahead = _lines_to_access(lines)
    for k, (number, raw) in enumerate(lines):
        words = _normalise(raw)
        if current and _in_doi(current) and _doi_piece(current, words):
            current[-1] += "." + words[0]  # the DOI the splitter cut at its dots
            current_pieces[-1][-1] = current[-1]
            continue
        if awaiting_pages:
            pages = 0
            while pages < len(words) and PAGE_TOKEN.match(words[pages]):
                pages += 1
            add(words[:pages], same_line=True)
            words = words[pages:]
            if words and not _tail_line(words):
                finish()
        if current and words and _tail_line(words):
            # "isbn ..." / "doi 10" / a journal's volume line / a lone year
            if lines_in_current == 1 and len(words) == 1 and all(w.isalpha() for w in current):
                opened = True  # "rossiter margaret w" / "1995": an author-date opening
            if opened and lines_in_current >= OPENING_LINES - 1 and _volume_line(words):
                journal = (list(last_line), list(words))
            add(words)
            awaiting_pages = current[-1] in PAGE_WORDS
            if _ends_with_access(current):
                finish()
            continue
        if current and words and words[0] in ACCESS_WORDS:
            end = _date_end(words, 1)
            add(words[:end])
            words = words[end:]
            finish()
            pieces = _split_inside(words, openings)
        else:
            # whether the line continues depends on its first piece only
            pieces = _split_inside(words, openings) if words else []
            web = _web_page_pending(current, lines_in_current, opened, access_ahead[k])
            if (
                current
                and pieces
                and not web
                and not _continues(current, pieces[0], lines_in_current, opened)
            ):
                finish()
        for k, piece in enumerate(pieces):
            if k and current:
                finish()
            if not current:
                start_line = number
                lines_in_current = 0
                opened = is_opening(piece) and is_year_or_range(piece[-1])
            add(piece)
            if _ends_with_access(current):
                finish()
        lines_in_current += 1
        last_line = words
        awaiting_pages = bool(current) and current[-1] in PAGE_WORDS | {"ch"}
    finish()
    return refs


def _lines_to_access(lines: Sequence[tuple[int, list[str]]]) -> list[int]:
    """For each line, how many lines on the next "retrieved ..." line starts."""
    ahead = [len(lines)] * len(lines)
    next_access = None
    for k in range(len(lines) - 1, -1, -1):
        words = lines[k][1]
        if words and words[0] in ACCESS_WORDS:
            next_access = k
        ahead[k] = next_access - k if next_access is not None else len(lines)
    return ahead


def _web_page_pending(current: list[str], lines_so_far: int, opened: bool, ahead: int) -> bool:
    """A web citation without author or year: "title" / "website" / "publisher" /
    "retrieved date".  Its lines continue while the access date is near."""
    return (
        bool(current)
        and not opened
        and ahead <= WEB_PAGE_LINES - lines_so_far
        and not any(is_year(w) or w in PAGE_WORDS for w in current)
    )


def _tail_line(words: list[str]) -> bool:
    """A line that can only continue a reference: an identifier, a journal's
    volume / issue / pages, or the year of an author line ("smith john w" / "1995")."""
    if words[0] in IDENTIFIER_WORDS:
        return True
    return VOLUME_LINE.match(" ".join(words)) is not None and not (
        len(words) == 1 and not is_year(words[0])
    )


def _volume_line(words: list[str]) -> bool:
    """ "80 4 1021–1029", "76 101–125": volume (issue) and the article's pages."""
    return len(words) >= 2 and VOLUME_LINE.match(" ".join(words)) is not None


def _in_doi(current: list[str]) -> bool:
    for back in (2, 3):
        if len(current) >= back and current[-back] == "doi":
            return (back == 2 and current[-1] == DOI_PREFIX) or DOI_SUFFIX.match(
                current[-1].split(".", 1)[-1]
            ) is not None
    return False


def _doi_piece(current: list[str], words: list[str]) -> bool:
    if len(words) != 1:
        return False
    if current[-1] == DOI_PREFIX:
        return DOI_SUFFIX.match(words[0]) is not None
    return DOI_PIECE.match(words[0]) is not None


def is_opening(words: Sequence[str]) -> bool:
    """An author-date opening: names (and "et al") then a year, "jensen erik 1990"."""
    for i, word in enumerate(words[: MAX_AUTHOR_WORDS + 1]):
        if is_year_or_range(word):
            return i > 0
        if not word.isalpha():
            return False
    return False


def _continues(
    current: list[str], words: list[str], lines_so_far: int = 0, opened: bool = False
) -> bool:
    if words[0] in DOMAIN_SUFFIXES or words[0] in PAGE_WORDS:
        return True
    if tuple(current[-2:]) == ET_AL:
        return True
    # a line that is only an author-date opening ("smith john 1990") expects its
    # title and container (publisher or journal) on the next lines
    if opened and lines_so_far < OPENING_LINES and not is_opening(words):
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
        repeated = tuple(words[i : i + REPEAT_WORDS]) in openings
        if i > start and (repeated or _ends_then_opens(words, start, i)):
            pieces.append(words[start:i])
            start = i
        i += 1
    pieces.append(words[start:])
    return [p for p in pieces if p] if len(pieces) > 1 else [words]


def _ends_then_opens(words: list[str], start: int, i: int) -> bool:
    """A reference that has its year (or ends with a publisher) followed by a
    name-and-year opening on the same line: the list item before had no full stop
    ("... 1937 cavendish richard 2003", "... pluto press dimitri volkogonov 1996")."""
    done = words[i - 1] in PUBLISHER_SUFFIXES or any(is_year(w) for w in words[start:i])
    return done and _name_opening(words, i)


def _name_opening(words: list[str], i: int) -> bool:
    """ "dimitri volkogonov 1996", "paul le blanc 2015" (given name first) or
    "molyneux john 1981", "rogovin vadim z 1937" (surname first) at ``words[i]``."""
    if words[i] in GIVEN_NAMES:
        j = i + 1
        while j < len(words) and words[j] in PARTICLES:
            j += 1
        return (
            j + 1 < len(words)
            and words[j].isalpha()
            and words[j] not in GIVEN_NAMES
            and is_year(words[j + 1])
        )
    if i + 2 < len(words) and words[i].isalpha() and words[i + 1] in GIVEN_NAMES:
        j = i + 2
        while j < len(words) and len(words[j]) == 1:
            j += 1  # initials
        return j < len(words) and is_year(words[j])
    return False


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


def parse(
    first_line: int,
    words: list[str],
    journal: Journal | None = None,
    pieces: Sequence[list[str]] = (),
) -> Reference:
    """Fields of one reference; anything not understood stays in the title."""
    ref = Reference(raw=" ".join(words), line=first_line)
    if _web_page(ref, pieces):
        return ref
    words = list(words)
    if journal:
        words = _take_journal(ref, words, journal)
    words = _take_access(ref, words)
    words = _take_identifiers(ref, words)
    words = _take_pages(ref, words)
    words = take_authors(ref, words)
    words = _take_publisher(ref, words)
    years = [i for i, w in enumerate(words) if is_year(w)]
    if years and not ref.year:
        ref.year = words[years[-1]]
        del words[years[-1]]
    ref.title = " ".join(words).strip()
    ref.parsed = bool(ref.title) and bool(ref.authors or ref.year or ref.publisher)
    return ref


def _web_page(ref: Reference, pieces: Sequence[list[str]]) -> bool:
    """ "title" / "website" [/ "publisher"] / "retrieved date": a web citation
    with neither author nor year, read from its lines."""
    if not 3 <= len(pieces) <= WEB_PAGE_LINES + 1 or pieces[-1][0] not in ACCESS_WORDS:
        return False
    body = pieces[:-1]
    # an author-date opening has one year; "ada brenner 1921–1998" is a title
    dated = any(is_year(w) for w in body[0][: MAX_AUTHOR_WORDS + 1])
    if (dated and is_opening(body[0])) or any(
        is_year(w) or w in PAGE_WORDS for p in body[1:] for w in p
    ):
        return False
    end = _date_end(pieces[-1], 1)
    if end != len(pieces[-1]):
        return False
    ref.accessed = _iso_date(pieces[-1][1:]) or " ".join(pieces[-1][1:])
    ref.title = " ".join(body[0])
    ref.website = title_case(" ".join(body[1]))
    if len(body) > 2:
        ref.publisher = title_case(" ".join(body[2]))
    return True


def _take_journal(ref: Reference, words: list[str], journal: Journal) -> list[str]:
    name, volume = journal
    size = len(name) + len(volume)
    for i in range(len(words) - size + 1):
        if words[i : i + size] == [*name, *volume]:
            ref.journal = title_case(" ".join(name))
            ref.volume = volume[0]
            if len(volume) == 3:
                ref.number = volume[1]
            ref.pages = volume[-1]
            return words[:i] + words[i + size :]
    return words


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


def _take_identifiers(ref: Reference, words: list[str]) -> list[str]:
    """ "isbn 978-..." and "doi 10.1021/..." become fields (the reference checks
    validate them); anything that does not look like one stays text."""
    out: list[str] = []
    i = 0
    while i < len(words):
        value = words[i + 1] if i + 1 < len(words) else ""
        if words[i] == "isbn" and ISBN_VALUE.match(value) and not ref.isbn:
            ref.isbn = value
            i += 2
            continue
        if words[i] == "doi" and value.startswith(DOI_PREFIX + ".") and not ref.doi:
            ref.doi = value
            i += 2
            continue
        out.append(words[i])
        i += 1
    return out


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
            # "baltimore johns hopkins university press": the name runs back to the place
            for back in range(start - 1, max(-1, start - PUBLISHER_LOOKBACK), -1):
                if _place_ends_at(words, back) or (
                    # a two-letter word after a place is its state ("oak park mi")
                    len(words[back]) == 2
                    and words[back].isalpha()
                    and _place_ends_at(words, back - 1)
                ):
                    start = back + 1
                    break
                if not words[back].isalpha() or len(words[back]) <= 2:
                    break
            if is_year(words[start]) or words[start].isdigit():
                start += 1
            ref.publisher = title_case(" ".join(words[start : i + 1]))
            rest = words[:start] + words[i + 1 :]
            return _take_place(ref, rest, len(" ".join(words[:start])))
    return _publisher_after_place(ref, words)


def _place_ends_at(words: list[str], i: int) -> bool:
    """A place of publication ("london", "new york", "oak park") ends at ``words[i]``."""
    return i >= 0 and any(" ".join(words[max(0, i - n + 1) : i + 1]) in PLACES for n in (1, 2, 3))


def _publisher_after_place(ref: Reference, words: list[str]) -> list[str]:
    """ "place publisher" closing the reference ("copenhagen gyldendal"): CS1 prints
    "Place: Publisher." last, so a known place followed by a short name at the end
    is the publisher even when the name is not in our tables."""
    for i in range(len(words) - 2, max(-1, len(words) - 2 - PUBLISHER_LOOKBACK), -1):
        if words[i] in PLACES and 1 <= len(words) - i - 1 <= PUBLISHER_LOOKBACK - 1:
            tail = words[i + 1 :]
            if all(w.isalpha() and w not in EDITOR_WORDS for w in tail):
                ref.place = title_case(words[i])
                ref.publisher = title_case(" ".join(tail))
                return words[:i]
    return words


def _take_place(ref: Reference, words: list[str], near: int) -> list[str]:
    text = " ".join(words)
    for place in sorted(PLACES, key=len, reverse=True):
        match = re.search(rf"(?:^| ){re.escape(place)}(?= |$)", text)
        if match and abs(match.start() - near) <= 40:
            ref.place = title_case(place)
            return (text[: match.start()] + text[match.end() :]).split()
    return words
