"""Where an item of a free-text references or bibliography list opens, and which lines
continue it: name-and-year openings ("baker john 1981", "anne de vries 2015"), an
inverted name that the splitter cut at its initial's or "ed." dot before its year line
("patenaude bertrand m" / "2009 ..."), the imprint line of a dated item ("new york
signet"), and the next item after a line of identifiers ("lccn 53010401 bronner ...").
:mod:`.segment` drives the cutting with these.
"""

from __future__ import annotations

from collections.abc import Sequence

from .authors import MAX_AUTHOR_WORDS
from .refdata import (
    CATALOGUE_WORDS,
    GIVEN_NAMES,
    IDENTIFIER_WORDS,
    PARTICLES,
    PLACES,
    PUBLISHER_NAMES,
    PUBLISHER_SUFFIXES,
)
from .text import is_year, is_year_or_range

#: A line of place and publisher ("new york stein & day") is at most this long.
IMPRINT_WORDS = 6

#: A publisher's name before the identifier that continues its reference on a line.
IMPRINT_NAME_WORDS = 5

#: Editors' abbreviations after a surname-first name ("hale joseph ed").
EDITOR_ABBREVIATIONS = frozenset({"ed", "eds"})


def after_identifiers(words: list[str]) -> list[str]:
    """What follows the identifiers that open a line ("isbn X oclc Y"), when it is the
    next item's author-date opening ("lccn 55003947 feigl herbert ... 1953"); else []."""
    i = 0
    while i < len(words) and (words[i] in IDENTIFIER_WORDS or words[i] in CATALOGUE_WORDS):
        i += 2  # the word and its value
    rest = words[i:]
    return rest if rest and (is_opening(rest) or name_opening(rest, 0)) else []


def is_opening(words: Sequence[str]) -> bool:
    """An author-date opening: names (and "et al") then a year, "jensen erik 1990"."""
    for i, word in enumerate(words[: MAX_AUTHOR_WORDS + 1]):
        if is_year_or_range(word):
            return i > 0
        if not word.replace("-", "").isalpha():  # "jan-peter"
            return False
    return False


def editor_opening(words: list[str]) -> bool:
    """ "hart james ed 1971 ...": an editor's inverted name opens the line, not an edition."""
    return len(words) >= 3 and words[1] in GIVEN_NAMES and words[2] in EDITOR_ABBREVIATIONS


def imprint_line(current: list[str], words: list[str]) -> bool:
    """ "hardy thomas george 1960 tides estuary" / "new york new american library/signet
    book": a short line opening with a place, after a dated reference, is its imprint."""
    return (
        len(words) <= IMPRINT_WORDS
        and any(" ".join(words[:n]) in PLACES for n in (1, 2, 3) if n < len(words))
        and not any(is_year_or_range(w) for w in words)
        and any(is_year(w) for w in current)
    )


def ends_then_opens(words: list[str], start: int, i: int, next_dated: bool = False) -> bool:
    """A reference that has its year (or ends with a publisher) followed by a
    name-and-year opening on the same line: the list item before had no full stop
    ("... 1937 fox richard 2003", "... pluto press dimitri ivanov 1996")."""
    done = words[i - 1] in PUBLISHER_SUFFIXES or any(is_year(w) for w in words[start:i])
    return done and name_opening(words, i, next_dated)


def name_opening(words: list[str], i: int, next_dated: bool = False) -> bool:
    """ "dimitri ivanov 1996", "anne de vries 2015" (given name first) or
    "baker john 1981", "ortiz maria j 1937" (surname first) at ``words[i]``;
    with ``next_dated``, also a surname-first name that the splitter cut at its
    initial's or editor's dot, its year on the next line ("patenaude bertrand m",
    "hale joseph ed" / "1969 ...")."""
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
        if j < len(words) and words[j] in EDITOR_ABBREVIATIONS:
            j += 1
        if j == len(words):
            cut = len(words[j - 1]) == 1 or words[j - 1] in EDITOR_ABBREVIATIONS
            return next_dated and cut
        return is_year(words[j]) and words[j - 1] not in EDITOR_ABBREVIATIONS
    return False


def name_then_year(current: list[str], words: list[str], lines_so_far: int) -> bool:
    """A line of names alone continued by a line that opens with the year: an
    author-date opening over two lines, its title and container still to come
    (not when that line ends with the publisher: the reference is whole)."""
    text = " ".join(words)
    return (
        lines_so_far == 1
        and is_year_or_range(words[0])
        and words[-1] not in PUBLISHER_SUFFIXES
        and not any(text.endswith(" " + name) for name in PUBLISHER_NAMES)
        and len(current) <= MAX_AUTHOR_WORDS
        and all(w.isalpha() for w in current)
    )
