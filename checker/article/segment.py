"""Segment a flattened references section into references.

The section is one line per sentence piece: a reference spans several lines
and its page number often starts the next line ("... spqr p" /
"145 mary beard ...").  Segmentation follows the citation formats: a page
word waits for its number, "retrieved <date>" ends a reference, a publisher,
identifier or volume line continues one, an author-date opening expects its
title and container, a web citation runs to its access date, and a finished
reference followed by a name-and-year opening on the same line is two.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from .authors import MAX_AUTHOR_WORDS
from .citesplit import cut_here, opens_citation, title_author_cuts
from .furniture import MONTHS
from .infobox import split_glued
from .numbering import Footnote, drop_stylesheet, footnotes
from .openings import (
    IMPRINT_NAME_WORDS,
    after_identifiers,
    editor_opening,
    ends_then_opens,
    imprint_line,
    is_opening,
    name_then_year,
)
from .refdata import (
    ACCESS_WORDS,
    CATALOGUE_WORDS,
    CONTAINER_WORDS,
    DOI_PIECE,
    DOI_PREFIX,
    DOI_SUFFIX,
    DOMAIN_SUFFIXES,
    ET_AL,
    GIVEN_NAMES,
    GLUED_PAGES,
    IDENTIFIER_WORDS,
    PAGE_TOKEN,
    PAGE_WORDS,
    PLACES,
    PUBLISHER_NAMES,
    PUBLISHER_SUFFIXES,
    ROLE_WORDS,
    VOLUME_LINE,
)
from .refdates import date_end, ends_with_access
from .text import is_year, is_year_or_range

#: A reference this short is still missing its title or source.
FRAGMENT_WORDS = 3
#: An opening repeated this many words at the start of another line is a new reference.
REPEAT_WORDS = 3
#: An author-date opening, its title and its container (publisher or journal).
OPENING_LINES = 3
#: Words of an edition note ("1988 edition", "2 nd edition ...").
EDITION_WORDS = frozenset({"edition", "edn", "ed"})
#: A web citation: title, website, publisher, then the access date.
WEB_PAGE_LINES = 3


def normalise(words: list[str]) -> list[str]:
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
    numbered: bool = False  #: cut at its footnote number (a CS1-era references list)


def segment(lines: Sequence[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """Group (line number, words) pieces into references: (first line, words)."""
    return [(s.line, s.words) for s in segment_journals(lines)]


def segment_journals(lines: Sequence[tuple[int, list[str]]]) -> list[Segment]:
    """As :func:`segment`, keeping what the line structure tells: the journal
    ("journal american chemical society" / "80 4 1021–1029") and the pieces.
    A list whose footnote numbers survived is cut at them (:mod:`.numbering`);
    the rules below read a list without numbers."""
    lines = drop_stylesheet(lines)
    numbered = footnotes(lines)
    if numbered is not None:
        return [_footnote_segment(note) for note in numbered]
    return _segment_text(lines)


def _footnote_segment(note: Footnote) -> Segment:
    pieces = [normalise(words) for _, words in note.lines]
    journal: Journal | None = None
    for k in range(OPENING_LINES - 1, len(pieces)):
        if _volume_line(pieces[k]) and not _volume_line(pieces[k - 1]):
            journal = (list(pieces[k - 1]), list(pieces[k]))
            break
    words = [w for p in pieces for w in p]
    return Segment(note.lines[0][0], words, journal, pieces, numbered=True)


def _segment_text(lines: Sequence[tuple[int, list[str]]]) -> list[Segment]:
    """Segmentation by the citation formats, for a list without footnote numbers."""
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
    # whether the next line opens with a year (a name cut at its initial's dot before it)
    next_dated = [
        bool(after[1]) and is_year_or_range(after[1][0]) for after in [*lines[1:], (0, [])]
    ]
    for k, (number, raw) in enumerate(lines):
        words = normalise(raw)
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
            rest = after_identifiers(words)
            add(words[: len(words) - len(rest)])
            awaiting_pages = current[-1] in PAGE_WORDS
            if ends_with_access(current):
                finish()
            if not rest:
                continue
            finish()  # "lccn 53010401 bronner patrick ... 2009": the next item opens
            words = rest
        if current and words and words[0] in ACCESS_WORDS:
            end = date_end(words, 1)
            add(words[:end])
            words = words[end:]
            finish()
            pieces = _split_inside(words, openings, next_dated[k])
        else:
            # whether the line continues depends on its first piece only
            pieces = _split_inside(words, openings, next_dated[k]) if words else []
            web = _web_page_pending(current, lines_in_current, opened, access_ahead[k])
            if (
                current
                and pieces
                and not web
                and not _continues(current, pieces[0], lines_in_current, opened)
            ):
                finish()
            elif current and pieces and name_then_year(current, pieces[0], lines_in_current):
                opened = True  # "hale joseph ed" / "1969 mary shelley ...": its title follows
        for k, piece in enumerate(pieces):
            if k and current:
                finish()
            if not current:
                start_line = number
                lines_in_current = 0
                opened = is_opening(piece) and is_year_or_range(piece[-1])
            add(piece)
            if ends_with_access(current):
                finish()
        lines_in_current += 1
        last_line = words
        awaiting_pages = bool(current) and current[-1] in PAGE_WORDS | {"ch"}
    finish()
    return refs


def _lines_to_access(lines: Sequence[tuple[int, list[str]]]) -> list[int]:
    """For each line, how many lines on the next "retrieved ..." line starts."""
    never = len(lines) + WEB_PAGE_LINES + 1  # no access date ahead, however short the list
    ahead = [never] * len(lines)
    next_access = None
    for k in range(len(lines) - 1, -1, -1):
        words = lines[k][1]
        if words and words[0] in ACCESS_WORDS:
            next_access = k
        ahead[k] = next_access - k if next_access is not None else never
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
    if words[0] in IDENTIFIER_WORDS or words[0] in CATALOGUE_WORDS:
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


def _continues(
    current: list[str], words: list[str], lines_so_far: int = 0, opened: bool = False
) -> bool:
    if words[0] in DOMAIN_SUFFIXES or words[0] in PAGE_WORDS:
        return True
    if tuple(current[-2:]) == ET_AL:
        return True
    # the splitter cut after an initial's dot ("edward hall v" / "novak ...")
    # or an editor's abbreviation ("ross eds" / "critical companion ...")
    if _cut_at_initial(current):
        return True
    if current[-1] in ROLE_WORDS and _editor_follows(current, words):
        return True
    if opens_citation(words):
        return False  # "chapter xxxvii walden ...", "quoted max weber"
    # "geoffrey hughes 2014" / "hughes 2014 p 211": a short citation of it, not its title
    if len(words) >= 2 and is_year(words[1]) and words[0] in current and words[1] in current:
        return False
    # "knopf inc" / "new york 1992 p": the place and year close a book citation;
    # "1988 edition" notes its edition
    if any(
        " ".join(words[:n]) in PLACES and is_year(words[n]) for n in (1, 2, 3) if n < len(words)
    ):
        return True
    if any(w in EDITION_WORDS for w in words[:3]) and not editor_opening(words):
        return True
    if imprint_line(current, words):
        return True
    # "prentice hall isbn 978-...": the publisher's name before an identifier, when
    # the reference has none yet (it has one of each kind)
    ident = next((w for w in words[1:IMPRINT_NAME_WORDS] if w in IDENTIFIER_WORDS), "")
    if ident and ident not in current and all(w.isalpha() or w == "&" for w in words[:2]):
        return True
    # a line that is only an author-date opening ("smith john 1990") expects its
    # title and container (publisher or journal) on the next lines
    if opened and lines_so_far < OPENING_LINES and not is_opening(words):
        return True
    if _is_publisher_line(words):
        return True
    if len(current) <= FRAGMENT_WORDS and not any(is_year(w) for w in current):
        return True
    # "lindemann 4 december 2000" / "esau's tears ...": an author-date opening,
    # also when its names ran over a line ("abraham ralph marsden j" / "e ratiu
    # tudor 2012" / "manifolds tensor analysis ...")
    # (a name opening the next line is the next reference's: "... 1933" / "mary beard")
    long_names = _names_then_date(current) and words[0] not in GIVEN_NAMES
    return is_year(current[-1]) and (len(current) <= 6 or long_names)


def _names_then_date(words: list[str]) -> bool:
    """Names (after a footnote's number), then a date: "5 checco antonio ... charles
    t black october 21 2013"; the title is still to come."""
    start = 1 if words[0].isdigit() else 0
    body = words[start:-1]
    dated = [w for w in body if w in MONTHS or (w.isdigit() and len(w) <= 2)]
    names = [w for w in body if w not in dated]
    return (
        0 < len(names) <= MAX_AUTHOR_WORDS
        and all(w.isalpha() for w in names)
        and not any(w in PUBLISHER_SUFFIXES for w in names)
    )


def _cut_at_initial(current: list[str]) -> bool:
    """ "edward hall v" / "novak william g" / "ross eds": the splitter cut
    a name after its initial's dot, so the next line goes on with the names.  An
    initial after a finished reference (it has its year or an identifier) or after
    its edition ("2nd edition c" / "b parker 1994 ...") opens the next one,
    unless the reference said it goes on ("... 1926 contained j" / "smith ...")."""
    last = current[-1]
    if len(last) != 1 or not last.isalpha() or last in PAGE_WORDS or len(current) < 2:
        return False
    if current[-2] in EDITION_WORDS:
        return False
    finished = any(is_year(w) or w in IDENTIFIER_WORDS for w in current)
    return not finished or current[-2] in CONTAINER_WORDS


def _editor_follows(current: list[str], words: list[str]) -> bool:
    """ "ross eds" / "critical companion ...", "lost letters ed" / "anne moore
    ...", "hale joseph ed" / "1969 ...": the editors' names or their work follow.
    After a publisher ("fayard ed") the abbreviation is the edition's."""
    if current[-1] in ("eds", "editors") or words[0] in GIVEN_NAMES:
        return True
    return is_year(words[0]) and len(current) >= 2 and current[-2] in GIVEN_NAMES


def _is_publisher_line(words: list[str]) -> bool:
    text = " ".join(words)
    if len(words) > 6:
        return False
    return words[-1] in PUBLISHER_SUFFIXES or any(text.endswith(p) for p in PUBLISHER_NAMES)


def _split_inside(
    words: list[str], openings: set[tuple[str, ...]], next_dated: bool = False
) -> list[list[str]]:
    """Split a line where another reference's opening words recur, or after an access date.
    ``next_dated``: the next line opens with a year, which a name at this line's end awaits."""
    pieces: list[list[str]] = []
    start = 0
    i = 1
    while i < len(words):
        if words[i] in ACCESS_WORDS:
            end = date_end(words, i + 1)
            if end < len(words):
                pieces.append(words[start:end])
                start = end
                i = end
                continue
        # an opening recurs after a whole reference, not after its author's
        # name ("david hume" / "defence reason ...": one reference)
        repeated = tuple(words[i : i + REPEAT_WORDS]) in openings and i - start > FRAGMENT_WORDS
        if i > start and (
            repeated or ends_then_opens(words, start, i, next_dated) or cut_here(words, start, i)
        ):
            pieces.append(words[start:i])
            start = i
        i += 1
    pieces.append(words[start:])
    pieces = [cut for piece in pieces if piece for cut in _title_author_run(piece)]
    return pieces if len(pieces) > 1 else [words]


def _title_author_run(piece: list[str]) -> list[list[str]]:
    """The piece cut before and inside a run of year-less "title, author"
    citations that follows its last date (:func:`.citesplit.title_author_cuts`)."""
    after = max((k + 1 for k, w in enumerate(piece) if is_year_or_range(w)), default=0)
    cuts = title_author_cuts(piece[after:])
    if not cuts:
        return [piece]
    bounds = [0, *([after] if after else []), *(after + c for c in cuts), len(piece)]
    return [piece[a:b] for a, b in pairwise(bounds) if b > a]
