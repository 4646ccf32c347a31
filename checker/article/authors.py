"""Authors at the start of a flattened reference, in the forms citations print them.

Given name first ("mary beard", told by a table of given names), surname
first ("beard mary 1970", "ortiz maria j 1937"), several surname-first
authors ("andersen peter hansen ole 1999"), "et al." and short citations
("solheim 2009").  Places, publishers and chapter numbers that also stand before
a year are not taken for names.
"""

from __future__ import annotations

from .citesplit import possessive
from .freecite import person as full_name
from .furniture import MONTHS
from .model import Reference
from .refdata import (
    CHAPTER_WORDS,
    ET_AL,
    GIVEN_NAMES,
    PAGE_TOKEN,
    PAGE_WORDS,
    PARTICLES,
    PLACES,
    PUBLISHER_SUFFIXES,
)
from .text import is_year, is_year_or_range, title_case

#: An inverted name's editor abbreviation ("pipes richard ed 1996").
_AFTER_NAME_EDITOR = frozenset({"ed", "eds"})
#: Words before an author-date opening that are the note's own comment.
MAX_COMMENT_WORDS = 4
#: Authors before the year of an author-date opening ("andersen peter hansen ole ...").
MAX_AUTHOR_WORDS = 8
#: Words of one given-name-first author before the year ("john kenneth galbraith 1963").
MAX_GIVEN_FIRST = 4


def take_authors(ref: Reference, words: list[str], name_line: int = 0) -> list[str]:
    """The author at the start, or after a short comment ("detailed account smith john 1970").
    ``name_line`` is the length of the reference's first line when the words start with it."""
    rest = _authors_at_start(ref, words, name_line)
    if ref.authors or ref.editors:
        return rest
    for skip in range(1, MAX_COMMENT_WORDS + 1):
        if len(words) > skip + 2 and words[skip + 1] in GIVEN_NAMES and is_year(words[skip + 2]):
            rest = _authors_at_start(ref, words[skip:])
            if ref.authors:
                ref.comment = " ".join(words[:skip])
                return rest
    return words


def _authors_at_start(ref: Reference, words: list[str], name_line: int = 0) -> list[str]:
    """ "mary beard ..." (given name first) or "beard mary 1970 ..." (surname first)."""
    if len(words) >= 2 and words[0] in GIVEN_NAMES and words[1] not in GIVEN_NAMES:
        dated = _dated_names(words)
        if dated:
            # "carl sagan 2005", "peter lee smith 2005": the year closes the names
            ref.authors.append(full_name(words[:dated]))
            ref.year = words[dated]
            return words[dated + 1 :]
        surname = 1
        while surname < len(words) - 1 and (
            len(words[surname]) == 1 or words[surname] in PARTICLES
        ):
            surname += 1  # initials and particles ("jean van heijenoort")
        given = " ".join(words[:surname])
        family = possessive(words[surname]) or words[surname]
        if surname > 1 and words[surname - 1] in PARTICLES:
            given, family = " ".join(words[: surname - 1]), f"{words[surname - 1]} {family}"
        ref.authors.append(f"{title_case(family)}, {title_case(given)}")
        return words[surname + 1 :]
    if len(words) >= 2 and words[1] in GIVEN_NAMES and words[0].isalpha():
        return _surname_first(ref, words, name_line)
    return _author_list(ref, words)


def _surname_first(ref: Reference, words: list[str], name_line: int) -> list[str]:
    """ "beard mary 1970", "gibbon edward 1776–89", "hardy thomas george 1960" (a middle
    name before the year): a bibliography's inverted name, then the year.  Without
    the year the name is still sure when initials close it ("nolan peter j
    coastal ...", "evans richard j ...") or it is its line's only words
    ("hughes sarah" / "lighthouses 2006 routledge"): a title does not open so."""
    end = 2
    while end < len(words) and len(words[end]) == 1 and words[end].isalpha():
        end += 1  # initials
    if (
        end != name_line
        and end + 1 < len(words)
        and words[end].isalpha()
        and words[end] not in MONTHS
        and words[end] not in _AFTER_NAME_EDITOR
        and is_year_or_range(words[end + 1])
    ):
        end += 1  # a middle name
    names = end
    editor = end < len(words) - 1 and words[end] in _AFTER_NAME_EDITOR
    end += editor  # "hale joseph ed 1969": the editor of the book
    dated = end < len(words) and is_year_or_range(words[end])
    if not dated and not (end == name_line or (end > 2 and end < len(words))):
        return _author_list(ref, words)
    given = " ".join(w + ("." if len(w) == 1 else "") for w in words[1:names])
    (ref.editors if editor else ref.authors).append(f"{title_case(words[0])}, {title_case(given)}")
    if dated:
        ref.year = words[end]
        end += 1
    return words[end:]


def _dated_names(words: list[str]) -> int:
    """Index of the year right after given-name-first names ("john kenneth galbraith
    1963"), when it is the reference's latest year: "george orwell 1984 vintage books
    1971" names its title "1905" there, and the publication year comes last."""
    for k in range(2, min(len(words), MAX_GIVEN_FIRST + 1)):
        if is_year(words[k]):
            later = [w for w in words[k + 1 :] if is_year(w)]
            plain = all(w.replace("-", "").isalpha() for w in words[:k])
            return k if plain and all(w < words[k] for w in later) else 0
    return 0


def _author_list(ref: Reference, words: list[str]) -> list[str]:
    """Surname-first names up to the year, as author-date citations print them:
    "solheim 2009", "brenner ada 1958", "andersen peter hansen ole 1999",
    "rasmussen lars et al 2012", "okafor et al 2005"."""
    year = next((i for i, w in enumerate(words[: MAX_AUTHOR_WORDS + 3]) if is_year(w)), -1)
    names = list(words[: _date_start(words, year)]) if year > 0 else []
    if not names or len(names) > MAX_AUTHOR_WORDS:
        return words  # "may 1922" is a date
    if not all(w.replace("-", "").isalpha() and w not in MONTHS for w in names):
        return words
    others = tuple(names[-2:]) == ET_AL
    if others:
        names = names[:-2]
    if len(names) > 1 and all(w in PAGE_WORDS or PAGE_TOKEN.match(w) for w in words[year + 1 :]):
        # a short citation names surnames only: "statistics norway 2023" is one
        # body's name or two surnames, and which cannot be told
        return words
    people: list[list[str]] = []
    for word in names:
        if len(word) == 1 and people and len(people[-1]) > 1:
            people[-1].append(word + ".")  # an initial belongs to the given names
        elif people and len(people[-1]) == 1:
            people[-1].append(word)
        else:
            people.append([word])
    if not people or (len(people) > 1 and len(people[-1]) == 1):
        return words  # an odd number of names: cannot tell surnames from given names
    if not _names_plausible(names, people):
        return words
    for person in people:
        given = " ".join(w + "." if len(w) == 1 else w for w in person[1:])
        surname = title_case(person[0])
        ref.authors.append(f"{surname}, {title_case(given)}" if given else surname)
    if others:
        ref.authors.append("others")
    ref.year = words[year]
    return words[year + 1 :]


def _names_plausible(names: list[str], people: list[list[str]]) -> bool:
    """Places, publishers and chapter numbers also precede years ("new york 1992",
    "chapter xxiii 1905"); several authors need given names we know."""
    text = " ".join(names)
    if any(w in PUBLISHER_SUFFIXES or w in CHAPTER_WORDS for w in names):
        return False
    if any(place == text or place in names for place in PLACES):
        return False
    if len(people) > 1:
        # "ciuprina g ioan d": an initial tells a given name as well as the table
        return all(
            p[1] in GIVEN_NAMES or any(len(w.rstrip(".")) == 1 for w in p[1:]) for p in people
        )
    return True


def _date_start(words: list[str], year: int) -> int:
    """Where the date that ends at ``words[year]`` starts: "chen wai 16 november
    2004", "jones lincoln d july 2004" (CS1 prints the full date of a dated work)."""
    k = year
    if k > 1 and words[k - 1].isdigit() and len(words[k - 1]) <= 2 and words[k - 2] in MONTHS:
        k -= 1  # "november 16 2004"
    if k > 0 and words[k - 1] in MONTHS:
        k -= 1
        if k > 0 and words[k - 1].isdigit() and len(words[k - 1]) <= 2:
            k -= 1  # "16 november 2004"
    return k
