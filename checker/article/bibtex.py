"""Group parsed references into works and write them as BibTeX.

One entry per distinct work: instances with the same first author, the same
year and publisher (or none) and titles that share most words are one work.
Editions are never guessed -- an instance without a year does not join an
edition that has one -- so inconsistent citing stays visible to the
reference checks.  Each entry keeps the reference as written in ``x-raw``;
one that could not be parsed also carries it as ``note``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import Reference
from .text import is_year_or_range, slugify

#: Titles sharing this share of their words are the same work.
SAME_TITLE = 0.6
_LATEX_SPECIALS = re.compile(r"([&%$#_])")


@dataclass(slots=True)
class Work:
    key: str
    first: Reference
    instances: list[Reference] = field(default_factory=list)
    further_reading: bool = False

    @property
    def entry_type(self) -> str:
        ref = self.first
        if ref.journal:
            return "article"
        if ref.website:
            return "misc"
        if ref.publisher:
            return "book"
        if ref.accessed and not ref.authors:
            return "misc"
        return "book" if ref.authors and ref.year else "misc"


def _title_words(ref: Reference) -> set[str]:
    return {w for w in ref.title.split() if not is_year_or_range(w) and len(w) > 2}


def _surname(ref: Reference) -> str:
    return ref.authors[0].split(",")[0].lower() if ref.authors else ""


def _same_work(a: Reference, b: Reference, words: tuple[set[str], set[str]] | None = None) -> bool:
    if (_surname(a), a.year, a.publisher) != (_surname(b), b.year, b.publisher):
        return False
    wa, wb = words if words is not None else (_title_words(a), _title_words(b))
    if not wa or not wb:
        return a.title == b.title
    return len(wa & wb) / len(wa | wb) >= SAME_TITLE


def is_short(ref: Reference) -> bool:
    """A short citation ("Solheim 2009, p. 12"): author and year, no title."""
    return bool(ref.authors and ref.year and not ref.title)


def _full_entries(refs: Sequence[Reference]) -> dict[tuple[str, str], list[Reference]]:
    full: dict[tuple[str, str], list[Reference]] = {}
    for ref in refs:
        if ref.authors and ref.year and ref.title:
            full.setdefault((_surname(ref), ref.year), []).append(ref)
    return full


def group_works(references: Sequence[Reference], further: Sequence[Reference]) -> list[Work]:
    """Works in order of first citation.  A short citation joins the one full
    entry with its surname and year, wherever that entry is listed (a "Sources"
    or "Bibliography" section); the entry then counts as cited."""
    works: list[Work] = []
    #: works by (surname, year, publisher): only these can be the same work, and
    #: looking them up keeps long reference lists linear
    candidates: dict[tuple[str, str, str], list[tuple[Work, set[str]]]] = {}
    used: set[str] = set()
    everything = [*references, *further]
    full = _full_entries(everything)
    further_ids = {id(r) for r in further}
    for ref in everything:
        is_further = id(ref) in further_ids
        target = ref
        if is_short(ref) and len(full.get((_surname(ref), ref.year), [])) == 1:
            target = full[(_surname(ref), ref.year)][0]
        same = candidates.setdefault((_surname(target), target.year, target.publisher), [])
        words = _title_words(target)
        for work, first_words in same:
            if work.first is target or _same_work(work.first, target, (first_words, words)):
                break
        else:
            work = Work(_key(target, used), target, further_reading=id(target) in further_ids)
            works.append(work)
            same.append((work, words))
        if not is_further:
            work.instances.append(ref)
            work.further_reading = False  # cited: a source, not only further reading
        ref.key = work.key
    return works


def _key(ref: Reference, used: set[str]) -> str:
    surname = slugify(_surname(ref), 3).replace("-", "") if _surname(ref) else ""
    title = next((w for w in ref.title.split() if len(w) > 3), "")
    base = f"{surname}{ref.year}{slugify(title, 1) if title else ''}" or f"ref{len(used) + 1}"
    base = re.sub(r"[^a-z0-9]", "", base) or f"ref{len(used) + 1}"
    if base[0].isdigit():
        base = "ref" + base
    key, n = base, 2
    while key in used:
        key, n = f"{base}{chr(96 + n)}", n + 1
    used.add(key)
    return key


def _value(text: str) -> str:
    text = _LATEX_SPECIALS.sub(r"\\\1", text).replace("{", "").replace("}", "")
    return "{" + text + "}"


def entry(work: Work) -> str:
    ref = work.first
    fields: list[tuple[str, str]] = []
    if ref.authors:
        fields.append(("author", " and ".join(ref.authors)))
    if ref.title:
        fields.append(("title", ref.title[:1].upper() + ref.title[1:]))
    for name, value in (
        ("publisher", ref.publisher),
        ("address", ref.place),
        ("year", ref.year),
        ("urldate", ref.accessed),
        ("edition", ref.edition),
        ("howpublished", ref.website),
        ("journal", ref.journal),
        ("volume", ref.volume),
        ("number", ref.number),
        ("pages", ref.pages if ref.journal else ""),  # an article's own page range
        ("isbn", ref.isbn),
        ("doi", ref.doi),
    ):
        if value:
            fields.append((name, value))
    if not ref.parsed:
        fields.append(("note", ref.raw))
    elif ref.comment:
        fields.append(("note", ref.comment))
    if work.further_reading:
        fields.append(("keywords", "further reading"))
    fields.append(("x-raw", ref.raw))
    body = ",\n".join(f"  {name} = {_value(value)}" for name, value in fields)
    return f"@{work.entry_type}{{{work.key},\n{body}\n}}\n"


def bibliography(works: Sequence[Work]) -> str:
    header = "% References of the converted article: one entry per distinct work.\n"
    return header + "\n".join(entry(w) for w in works)


def author_label(authors: Sequence[str]) -> str:
    """How a short citation names its authors: "Smith", "Smith & Jones",
    "Smith et al." (three or more, or "and others" in the entry)."""
    surnames = [a.split(",")[0] for a in authors if a != "others"]
    if len(surnames) >= 3 or (surnames and "others" in authors):
        return f"{surnames[0]} et al."
    return " & ".join(surnames)


def short_citation(ref: Reference, work: Work) -> str:
    """The citation instance as the References page lists it (harv / sfn style)."""
    place = ""
    if ref.pages:
        place = f", {'pp' if re.search('[-–]', ref.pages) else 'p'}. {ref.pages}"
    if work.first.authors and work.first.year:
        return f"{author_label(work.first.authors)} {work.first.year}{place}."
    return f":cite:t:`{work.key}`{place}."
