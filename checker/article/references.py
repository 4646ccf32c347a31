"""Parse one segmented reference into fields (see :mod:`.segment` for the cutting).

Access date, identifiers (ISBN, DOI), pages, authors (:mod:`.authors`),
publisher and place, year; a journal's name, volume and pages, and a web
citation's title / website / publisher, from the reference's lines.  What
cannot be parsed keeps its raw text (``Reference.parsed``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .authors import MAX_AUTHOR_WORDS, take_authors
from .freecite import (
    headword_first,
    take_byline,
    take_editors,
    take_locator,
    take_possessive,
    take_role,
)
from .model import Reference
from .refdata import (
    ACCESS_WORDS,
    CHAPTER_WORDS,
    CONTAINER_WORDS,
    DOI_PREFIX,
    EDITOR_WORDS,
    GIVEN_NAMES,
    ISBN_VALUE,
    LINK_LABELS,
    PAGE_TOKEN,
    PAGE_WORDS,
    PLACES,
    PUBLISHER_NAMES,
    PUBLISHER_SUFFIXES,
    VOLUME_COUNT_WORDS,
)
from .refdates import date_end, iso_date
from .reflabel.fields import read_reference
from .reflabel.model import labeller
from .segment import (
    WEB_PAGE_LINES,
    Journal,
    Segment,
    is_opening,
    segment,
    segment_journals,
)
from .text import is_year, is_year_or_range, title_case

#: A publisher's name is at most this many words before its suffix or after its place.
PUBLISHER_LOOKBACK = 4

__all__ = ["Segment", "parse", "parse_segment", "segment", "segment_journals"]


def parse_segment(segment: Segment) -> Reference:
    """Fields of one segmented reference.  A numbered footnote (the citation
    templates' output) is read by the learned labeller, which was trained on
    such footnotes; an unnumbered list of free-text citations, or a build
    without the model, by the rules of :func:`parse`."""
    tagger = labeller() if segment.numbered else None
    if tagger is not None:
        return read_reference(segment.line, segment.pieces, tagger.label(segment.pieces))
    return parse(segment.line, segment.words, segment.journal, segment.pieces)


def parse(
    first_line: int,
    words: list[str],
    journal: Journal | None = None,
    pieces: Sequence[list[str]] = (),
) -> Reference:
    """Fields of one reference by the rules; anything not understood stays in the title."""
    ref = Reference(raw=" ".join(words), line=first_line)
    if _web_page(ref, pieces):
        return ref
    words = list(words)
    if journal:
        words = _take_journal(ref, words, journal)
    words = _take_access(ref, words)
    words = _take_identifiers(ref, words)
    words = _take_pages(ref, words)
    words = _take_link_label(ref, words)
    words, volumes = _take_volume_count(ref, words)
    words = take_locator(ref, words)
    if words and words[0] in GIVEN_NAMES and any(w in ("eds", "editors") for w in words[:12]):
        words = take_editors(ref, words)  # "edward hall ... ross eds companion ..."
    words = take_possessive(ref, words)
    if not ref.authors and not headword_first(words):
        # the first line's length, when the author is still at its start
        name_line = len(pieces[0]) if pieces and words[: len(pieces[0])] == pieces[0] else 0
        words = take_authors(ref, words, name_line)
    if not ref.authors and not ref.editors:
        words = take_editors(ref, words)
    if not ref.authors:
        words = take_role(ref, words)
    if not ref.authors and not ref.editors:
        words = take_byline(ref, words)
    words = _take_publisher(ref, words)
    if ref.locator and not ref.authors and len(words) == 1 and is_year(words[0]):
        ref.title, words = words[0], []  # "chapter xxiii 1984": the work's title is a year
    years = [i for i, w in enumerate(words) if is_year(w) and i > _contained_at(words)]
    if years and not ref.year:
        ref.year = words[years[-1]]
        del words[years[-1]]
    if not ref.title:
        ref.title = " ".join(words).strip()
    # the rules are sure of a reference whose author, title and a date or
    # publisher they all found; without an author they cannot tell a
    # reference that has none from a name they did not recognise
    # (a date left in the title means the reference held more than one)
    # "gibbon edward 1776–89 6 vols london strahan": a multi-volume work whose
    # title the flattening lost is read for sure all the same (missing-title says so)
    titled = bool(ref.title) or (volumes and bool(ref.year))
    ref.parsed = (
        titled
        and bool(ref.authors or ref.editors)
        and bool(ref.year or ref.publisher or ref.accessed)
    )
    ref.parsed = ref.parsed and _title_dates_fit(ref)
    return ref


def _title_dates_fit(ref: Reference) -> bool:
    """No date was left in the title, which would mean the reference held more
    than one: a period ("age revolution europe 1789–1848") or a title that is a
    year ("george orwell 1984 ... 1992") ends before the work was published."""
    for word in ref.title.split():
        if not is_year_or_range(word):
            continue
        if is_year(word) and word != ref.title:
            return False
        end = re.split("[-–]", word)[-1]
        end = word[: 4 - len(end)] + end  # "1989–93"
        if not is_year(ref.year) or end > ref.year:
            return False
    return True


def _take_link_label(ref: Reference, words: list[str]) -> list[str]:
    """ "... routledge excerpt text search": the label of a link after the item."""
    for label in LINK_LABELS:
        if len(words) > len(label) and tuple(words[-len(label) :]) == label:
            ref.comment = " ".join([*ref.comment.split(), *label])
            return words[: -len(label)]
    return words


def _take_volume_count(ref: Reference, words: list[str]) -> tuple[list[str], bool]:
    """ "4 vols" goes to the comment; whether there was one."""
    for i in range(1, len(words)):
        if words[i] in VOLUME_COUNT_WORDS and words[i - 1].isdigit():
            ref.comment = " ".join([*ref.comment.split(), *words[i - 1 : i + 1]])
            return words[: i - 1] + words[i + 1 :], True
    return words, False


def _contained_at(words: list[str]) -> int:
    """ "speech ... may 1924 contained challenge left opposition ...": a piece in a
    collection is dated by the collection; the date before "contained (in)" is
    the piece's own.  -1 when the reference has no such word."""
    return next((i for i, w in enumerate(words) if w in CONTAINER_WORDS), -1)


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
    end = date_end(pieces[-1], 1)
    if end != len(pieces[-1]):
        return False
    ref.accessed = iso_date(pieces[-1][1:]) or " ".join(pieces[-1][1:])
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
            end = date_end(words, i + 1)
            ref.accessed = iso_date(words[i + 1 : end]) or " ".join(words[i + 1 : end])
            return words[:i] + words[end:]
    return words


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
            end = match.end()
            suffix = text[end:].split(maxsplit=1)
            if suffix and suffix[0] in PUBLISHER_SUFFIXES:  # "pathfinder press"
                end += 1 + len(suffix[0])
            ref.publisher = title_case(text[match.start() : end].strip())
            words = (text[: match.start()] + text[end:]).split()
            return _take_place(ref, words, match.start())
    for i, word in enumerate(words):
        if word in PUBLISHER_SUFFIXES and i > 0:
            # "oxford university press", "new international publishing co", "free press"
            size = 2 if words[i - 1] == "university" or words[i - 1] in PUBLISHER_SUFFIXES else 1
            start = max(0, i - size)
            if size == 1 and _place_ends_at(words, start):
                start = i  # "london bookmarks": the place, then a one-word name
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
            end = i + 1
            while end < len(words) and words[end] in PUBLISHER_SUFFIXES:
                end += 1  # "publishing co", "books inc"
            ref.publisher = title_case(" ".join(words[start:end]))
            rest = words[:start] + words[end:]
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
