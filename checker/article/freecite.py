"""Authors and locators of citations written by hand, not by a template.

Editors' notes cite in prose: "see Robert Caro, The Power Broker",
"Chapter XII of Walden", "Darwin's 1859 book Origin", "Ada Lovelace's
memoirs", "The Lost Letters, ed. Anne Moore", "Edward Hall, V. Novak,
William G. Ross (eds), Critical Companion ...", "Final Report ... John
Smith, chairman", "Hue and Cry over the Harbour, by Jane Doe".  Flattened,
these keep their words in order: the reader's pointer and the locator open
the citation, a possessive or a role word says who the author is, and a name
that closes a title-first citation is its author (the "by" is a stopword).
"""

from __future__ import annotations

from .citesplit import CLOSE_QUOTES, OPEN_QUOTES, locator_opening, possessive, possessive_opening
from .model import Reference
from .refdata import (
    GENRE_WORDS,
    GIVEN_NAMES,
    LOCATOR_WORDS,
    PARTICLES,
    PLACES,
    POINTER_WORDS,
    PUBLISHER_NAMES,
    PUBLISHER_SUFFIXES,
    ROLE_WORDS,
)
from .text import is_year, title_case

#: Words that say the citation is an entry of a reference work, whose headword
#: (often a person's name) is its title, not its author.
REFERENCE_WORKS = frozenset(
    {"encyclopedia", "encyclopaedia", "dictionary", "britannica", "lexicon"}
)
#: Editors' abbreviations that stand before the editor's name or after the names.
_BEFORE_EDITOR = frozenset({"ed", "edited", "eds"})
_AFTER_EDITORS = frozenset({"eds", "editors", "ed"})
#: Degrees after a name ("maria lopez-garcia md").
DEGREES = frozenset({"md", "phd", "jr", "sr"})


def take_locator(ref: Reference, words: list[str]) -> list[str]:
    """The reader's pointer and the locator before the citation proper
    ("quoted chapter xii", "cf instance", "document 59") go to ``ref.comment``;
    a locator is also kept as ``ref.locator`` (a short citation of a work)."""
    k = 0
    while k < len(words) - 1 and words[k] in POINTER_WORDS:
        k += 1
    after = locator_opening(words, k) if k < len(words) else 0
    if not after and k and words[k] in LOCATOR_WORDS:
        after = k + 1  # "quoted chapter walden": the chapter's number was not given
    if after:  # "chapter xii", or "chapter" before "darwin's unfinished book"
        ref.locator = " ".join(words[k:after])
        k = after
    if k and k < len(words):
        ref.comment = " ".join(words[:k])
        return words[k:]
    return words


def person(words: list[str]) -> str:
    """ "william g ross" -> "Ross, William G."; a degree ("md") is dropped."""
    words = [w for w in words if w not in DEGREES]
    start = len(words) - 1
    while start > 1 and words[start - 1] in PARTICLES:
        start -= 1  # "anne de vries": the particle belongs to the surname
    family = " ".join([*words[start:-1], possessive(words[-1]) or words[-1]])
    given = " ".join(w + ("." if len(w) == 1 else "") for w in words[:start])
    return f"{title_case(family)}, {title_case(given)}" if given else title_case(family)


def persons(words: list[str]) -> list[str]:
    """Given-name-first names run together: "edward hall v novak william g ross"."""
    out: list[str] = []
    current: list[str] = []
    for word in words:
        if word in ("&", "and"):
            continue
        current.append(word)
        if len(word) > 1 and word not in GIVEN_NAMES and word.replace("-", "").isalpha():
            out.append(person(current))
            current = []
    return out


def surname_first_names(words: list[str]) -> list[str]:
    """ "dunn bill & radice hugo" -> "Dunn, Bill", "Radice, Hugo"."""
    out: list[str] = []
    for chunk in " ".join(words).replace(" and ", " & ").split(" & "):
        names = chunk.split()
        if names:
            out.append(person([*names[1:], names[0]]))
    return out


def take_possessive(ref: Reference, words: list[str]) -> list[str]:
    """ "darwin's 1859 book origin", "ada lovelace's memoirs", "darwin's 'variation ...'":
    the possessive is the author.  A quoted title is the title; otherwise the phrase
    stays the title, as a genre word alone ("memoirs") names no work."""
    after = possessive_opening(words, 0, named=True) if words else 0
    if not after:
        return words
    name = words[:after]
    rest = words[after:]
    # "ada lovelace's biography gus berg": the biography's author closes it
    byline = _closing_name(rest)
    if rest and rest[0] in GENRE_WORDS and byline:
        ref.authors.append(person(rest[-2:]))
        return words[:-2]
    ref.authors.append(person(name))
    if rest and rest[0].startswith(OPEN_QUOTES):
        end = next((k for k, w in enumerate(rest) if w.endswith(CLOSE_QUOTES) and k), len(rest) - 1)
        ref.title = " ".join(rest[: end + 1]).strip("'‘’“”\"")
        return rest[end + 1 :]
    return words


def _closing_name(words: list[str]) -> bool:
    return (
        len(words) >= 3
        and words[-2] in GIVEN_NAMES
        and words[-1].isalpha()
        and words[-1] not in GIVEN_NAMES
    )


def take_editors(ref: Reference, words: list[str]) -> list[str]:
    """ "hall v novak william g ross eds critical companion ..." (names, then
    "eds", then the book) and "lost letters ed anne moore ..." (the book, "ed",
    then the editor's name)."""
    for i, word in enumerate(words):
        if word in _AFTER_EDITORS and i >= 2 and i + 1 < len(words):
            first = next((k for k in range(i) if words[k] in GIVEN_NAMES), -1)
            if first >= 0 and i - first >= 2 and not any(is_year(w) for w in words[first:i]):
                # "dunn bill & radice hugo eds": surname first when a surname leads
                surname_first = first > 0 and words[first - 1].isalpha()
                first -= surname_first
                names = (surname_first_names if surname_first else persons)(words[first:i])
                if names:
                    ref.editors.extend(names)
                    if first:
                        ref.comment = " ".join([*ref.comment.split(), *words[:first]])
                    return words[i + 1 :]
        if word in _BEFORE_EDITOR and i + 2 < len(words) and words[i + 1] in GIVEN_NAMES:
            end = i + 2
            while end < len(words) - 1 and len(words[end]) == 1:
                end += 1
            ref.editors.append(person(words[i + 1 : end + 1]))
            return words[:i] + words[end + 1 :]
    return words


def take_role(ref: Reference, words: list[str]) -> list[str]:
    """ "... harbour inquiry john smith chairman ...": a name before its role."""
    for i in range(2, len(words)):
        if words[i] in ROLE_WORDS and words[i - 2] in GIVEN_NAMES and words[i - 1].isalpha():
            ref.authors.append(person(words[i - 2 : i]))
            return words[: i - 2] + words[i + 1 :]
    return words


def take_byline(ref: Reference, words: list[str]) -> list[str]:
    """A title-first citation closed by its author's name: before a date ("... bbc
    news mike jones 28 august") or the publisher ("defence reason david hume
    penguin books"), or after a title closed by "!" or "?" ("what now! jane
    doe's telephone address").  At the very end ("storm over harbour jane
    doe", but also "lost leaders jane doe") the name may be the title's own
    last words, so the title keeps them."""
    for i in range(1, len(words) - 1):
        given, family = words[i], words[i + 1]
        if (
            given not in GIVEN_NAMES
            or not (possessive(family) or family).replace("-", "").isalpha()
        ):
            continue
        if family in GIVEN_NAMES or any(" ".join(words[i : i + n]) in PLACES for n in (1, 2, 3)):
            continue
        after = words[i + 2 :]
        if possessive(family) and not words[i - 1].endswith(("!", "?")):
            continue
        ref.authors.append(person(words[i : i + 2]))
        if not after or possessive(family):
            return words
        # "alfred knopf inc": a publisher named after a person is no byline
        if (after[0].isdigit() and len(after[0]) <= 2) or (
            after[0] not in PUBLISHER_SUFFIXES and _publisher_next(after)
        ):
            return words[:i] + after
        ref.authors.pop()
    return words


def _publisher_next(words: list[str]) -> bool:
    return any(w in PUBLISHER_SUFFIXES for w in words[:3]) or any(
        " ".join(words).startswith(name + " ") or " ".join(words) == name
        for name in PUBLISHER_NAMES
    )


def headword_first(words: list[str]) -> bool:
    """ "marie curie columbia encyclopedia": an entry of a reference work named
    after its subject."""
    return any(w in REFERENCE_WORKS for w in words[:5])
