"""Short citations (Wikipedia's sfn / harv): parse them and resolve them to entries.

A short citation names author surname(s) and a year, then maybe a place:
``Smith 1954, p. 145.``, ``Jones 2014, pp. 211–213.``, ``Smith & Jones
2001``, ``Smith et al. 2001, p. 3``, or flattened ``jones 2014 p 211`` and
``garcia maria l 2009``.  Like harv's CITEREF anchors, it resolves to
the entries whose year matches and whose authors (else editors) it names: all
of them up to four, or the first ones followed by "et al.".  Given names may
follow a surname.  Text that does not have this shape is not a short citation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .bibfile import BibEntry, Bibliography, Name
from .tables import NOT_A_NAME, SHORT_CITE_LEADS

_ROMAN_OR_DIGITS = r"[0-9ivxlcdm]+"
_PAGES = rf"{_ROMAN_OR_DIGITS}(?:\s*(?:[-–—]|to)\s*{_ROMAN_OR_DIGITS})?"
_LOCATOR = re.compile(
    r"^\s*[,:;.]?\s*(?:"
    rf"(?P<page>(?:p|pp|pg|pgs|page|pages)\b\.?\s*(?P<pages>{_PAGES}(?:\s*,\s*{_PAGES})*)?)"
    r"|(?P<other>(?:ch|chap|chapter|sec|section|§|loc|fig|vol|no|n|fn|para)\b\.?\s*[\w.–-]+)"
    r"|(?P<bare>\d+(?:\s*[-–—]\s*\d+)?)"  # Harvard style "Smith 2001: 45"
    r")?\s*[.;]?\s*$",
    re.IGNORECASE,
)
_CITE = re.compile(
    r"^(?P<names>[^\d()]+?)\s*[,(]?\s*(?P<year>1\d{3}|20\d{2})(?P<suffix>[a-z])?\)?"
    r"(?P<rest>(?:[\s,:;.].*)?)$",
    re.IGNORECASE | re.DOTALL,
)
_CONNECTORS = {"and", "&", "et", "al", "eds", "ed", "editor", "editors"}
_MAX_NAME_TOKENS = 8
#: lower-case surname particles a short citation may start with
_PARTICLES = {"van", "von", "de", "der", "den", "du", "la", "le", "di", "da", "del", "ter"}


@dataclass(frozen=True, slots=True)
class ShortCite:
    """What a short citation says."""

    text: str
    tokens: tuple[str, ...]  #: normalised name words, connectors dropped
    et_al: bool
    year: str
    suffix: str  #: harv disambiguation letter, ``a`` in ``2009a``
    locator: str  #: ``p. 145``, ``ch. 3`` ... ('' when none)
    has_page: bool  #: a page number is given
    page_lost: bool  #: "p" with no number: the number was lost


def fold(text: str) -> str:
    """Case-folded, accent-free text: what names are compared as."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_tokens(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W\d_]+", fold(text).replace("'", "").replace("’", "")))


def parse_short_citation(text: str) -> ShortCite | None:
    """The parts of a short citation, or None when the text is not one."""
    stripped = " ".join(text.split())
    lowered = stripped.lower()
    for lead in SHORT_CITE_LEADS:
        if lowered.startswith(lead + " "):
            stripped = stripped[len(lead) + 1 :]
            break
    match = _CITE.match(stripped)
    if not match:
        return None
    locator = _LOCATOR.match(match["rest"])
    if not locator:
        return None
    names = match["names"]
    words = name_tokens(names)
    tokens = tuple(w for w in words if w not in _CONNECTORS)
    if not tokens or len(tokens) > _MAX_NAME_TOKENS or tokens[0] in NOT_A_NAME:
        return None
    if not (names[:1].isupper() or stripped.islower() or tokens[0] in _PARTICLES):
        return None  # prose starts lower-case; flattened text is lower-case throughout
    et_al = bool(re.search(r"\bet\.?\s+al\b", fold(names)))
    return ShortCite(
        text=text.strip(),
        tokens=tokens,
        et_al=et_al,
        year=match["year"],
        suffix=(match["suffix"] or "").lower(),
        locator=" ".join((locator["page"] or locator["other"] or locator["bare"] or "").split()),
        has_page=bool(locator["pages"] or locator["bare"]),
        page_lost=bool(locator["page"]) and not locator["pages"],
    )


def parse_short_citations(text: str) -> list[ShortCite]:
    """The short citations of a footnote: one, several joined by ";" (sfnm), or none."""
    parts = [part for part in text.split(";") if part.strip()]
    if len(parts) > 1:
        cites = [parse_short_citation(part) for part in parts]
        if all(cites):
            return [cite for cite in cites if cite is not None]
    cite = parse_short_citation(text)
    return [cite] if cite else []


def _covers(tokens: Sequence[str], start: int, part: tuple[str, ...]) -> bool:
    return bool(part) and tuple(tokens[start : start + len(part)]) == part


@dataclass(frozen=True, slots=True)
class _Person:
    """A creator's name as the matcher needs it, tokenised once."""

    forms: tuple[tuple[str, ...], ...]  #: surname tokens, with and without "von" part
    given: frozenset[str]  #: given-name tokens and their initials

    @classmethod
    def of(cls, name: Name) -> _Person:
        full = name_tokens(name.surname)
        forms = (full, full[1:]) if len(full) > 1 else (full,)
        given = set(name_tokens(name.given))
        return cls(forms, frozenset(given | {g[0] for g in given}))


#: BibTeX's "and others" is a person named ``others``: an "et al." in the data
_OTHERS = _Person((("others",),), frozenset())


def _people(creators: Sequence[Name]) -> tuple[_Person, ...]:
    return tuple(_Person.of(name) for name in creators)


def names_match(cite: ShortCite, creators: Sequence[Name] | Sequence[_Person]) -> bool:
    """Whether the cite's names are these creators' surnames, in order (harv)."""
    people = [p if isinstance(p, _Person) else _Person.of(p) for p in creators]
    more = bool(people) and people[-1] == _OTHERS
    if more:
        people.pop()
    tokens = cite.tokens
    pos = 0
    named = 0
    for person in people[:4]:
        form = next((f for f in person.forms if _covers(tokens, pos, f)), None)
        if form is None:
            break
        pos += len(form)
        named += 1
        # given names or initials may follow a surname ("garcia maria l")
        while pos < len(tokens) and tokens[pos] in person.given:
            pos += 1
    if named == 0 or pos != len(tokens):
        return False
    if cite.et_al:
        return len(people) > named or more
    return named == min(len(people), 4)


def _entry_year(entry: BibEntry) -> tuple[str, str]:
    match = re.match(r"\s*(\d{4})([a-z]?)", entry.year.lower())
    return (match.group(1), match.group(2)) if match else ("", "")


class ShortCiteIndex:
    """Entries keyed by year and first surname word, names tokenised once,
    so resolving thousands of short cites against thousands of entries stays cheap."""

    def __init__(self, entries: Iterable[BibEntry]) -> None:
        self._index: dict[tuple[str, str], list[tuple[str, BibEntry, tuple[_Person, ...]]]]
        self._index = defaultdict(list)
        for entry in entries:
            year, suffix = _entry_year(entry)
            people = _people(entry.creators)
            if not year or not people:
                continue
            for first in {form[0] for form in people[0].forms if form}:
                self._index[year, first].append((suffix, entry, people))

    def resolve(self, cite: ShortCite) -> list[BibEntry]:
        """The entries the cite names; exactly one when it resolves."""
        candidates = [
            (suffix, entry)
            for suffix, entry, people in self._index.get((cite.year, cite.tokens[0]), ())
            if names_match(cite, people)
        ]
        # like harv, the year suffix is part of the anchor: "2014" names the
        # entry of 2014, not 2014b; a suffix only the cite has is forgiven
        exact = [entry for suffix, entry in candidates if suffix == cite.suffix]
        if exact or any(suffix for suffix, _ in candidates):
            return exact
        return [entry for _, entry in candidates]


def resolve_short_citation(
    text: str, bibliography: Bibliography | Iterable[BibEntry]
) -> list[BibEntry]:
    """The entries a short citation names ([] when none, or not a short citation)."""
    cite = parse_short_citation(text)
    if cite is None:
        return []
    entries = bibliography.entries if isinstance(bibliography, Bibliography) else bibliography
    return ShortCiteIndex(entries).resolve(cite)
