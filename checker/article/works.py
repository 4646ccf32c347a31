"""Group parsed references into works: one bibliography entry per distinct work.

Instances with the same first author, the same year and publisher (or none)
and titles that share most words are one work.  Editions are never guessed --
an instance that names another year or publisher is another entry -- so
inconsistent citing stays visible to the reference checks.  But an instance
that names less than the work it cites resolves to it:

- a short citation ("Solheim 2009, p. 12") joins the one full entry with its
  surname and year, wherever that entry is listed (a "Sources" or
  "Bibliography" section); the entry then counts as cited;
- a repeated citation without year or publisher ("mary beard spqr
  p") joins the work already seen with that author whose title holds its
  title words (the latest such, as editors cite the edition they just gave).

- a locator's short citation without author ("chapter xii walden") joins the
  full entry whose title it names (:mod:`.shorttitle`); any other citation
  without an author is not joined by its title alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import Reference
from .shorttitle import Titles
from .text import is_year_or_range, slugify

#: Titles sharing this share of their words are the same work.
SAME_TITLE = 0.6
#: Words shorter than this say nothing about which work a title names.
MIN_TITLE_WORD = 3


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
        # a book names its publisher (or has an ISBN); without either the
        # type is not known, and @misc asks for nothing the text may not have
        return "book" if ref.publisher or ref.isbn else "misc"


def title_words(ref: Reference) -> set[str]:
    return {w for w in ref.title.split() if not is_year_or_range(w) and len(w) >= MIN_TITLE_WORD}


def surname(ref: Reference) -> str:
    return ref.authors[0].split(",")[0].lower() if ref.authors else ""


def is_short(ref: Reference) -> bool:
    """A short citation ("Solheim 2009, p. 12"): author and year, no title."""
    return bool(ref.authors and ref.year and not ref.title)


def _same_work(a: Reference, b: Reference, wa: set[str], wb: set[str]) -> bool:
    if not wa or not wb:
        return a.title == b.title
    return len(wa & wb) / len(wa | wb) >= SAME_TITLE


class _Seen:
    """The works met so far, looked up by what an instance names."""

    def __init__(self) -> None:
        #: only references with the same (surname, year, publisher) can be one work
        self.exact: dict[tuple[str, str, str], list[tuple[Work, set[str]]]] = {}
        self.by_author: dict[str, list[tuple[Work, set[str]]]] = {}

    def add(self, work: Work, words: set[str]) -> None:
        ref = work.first
        self.exact.setdefault((surname(ref), ref.year, ref.publisher), []).append((work, words))
        self.by_author.setdefault(surname(ref), []).append((work, words))

    def find(self, ref: Reference, words: set[str]) -> Work | None:
        for work, seen in self.exact.get((surname(ref), ref.year, ref.publisher), []):
            if work.first is ref or _same_work(work.first, ref, seen, words):
                return work
        if ref.year or ref.publisher or not words or not ref.authors:
            return None  # it names an edition of its own, or not enough to go by
        # "mary beard spqr p": the latest work of that author and title
        for work, seen in reversed(self.by_author.get(surname(ref), [])):
            if len(words & seen) / len(words) >= SAME_TITLE:
                return work
        return None


def group_works(references: Sequence[Reference], further: Sequence[Reference]) -> list[Work]:
    """Works in order of first citation (see the module's docstring)."""
    works: list[Work] = []
    seen = _Seen()
    used: set[str] = set()
    everything = [*references, *further]
    full: dict[tuple[str, str], list[Reference]] = {}
    for ref in everything:
        if ref.authors and ref.year and ref.title:
            full.setdefault((surname(ref), ref.year), []).append(ref)
    titles = Titles(everything)
    further_ids = {id(r) for r in further}
    for ref in everything:
        target = ref
        if is_short(ref) and len(full.get((surname(ref), ref.year), [])) == 1:
            target = full[(surname(ref), ref.year)][0]
        elif not is_short(ref) or (surname(ref), ref.year) not in full:
            target = titles.target(ref) or ref
        words = title_words(target)
        work = seen.find(target, words)
        if work is None:
            work = Work(new_key(target, used), target, further_reading=id(target) in further_ids)
            works.append(work)
            seen.add(work, words)
        if id(ref) not in further_ids:
            work.instances.append(ref)
            work.further_reading = False  # cited: a source, not only further reading
        ref.key = work.key
    return works


def new_key(ref: Reference, used: set[str]) -> str:
    """A citation key for the work ``ref`` stands for, unique among ``used``."""
    family = slugify(surname(ref), 3).replace("-", "") if surname(ref) else ""
    title = next((w for w in ref.title.split() if len(w) > 3), "")
    base = f"{family}{ref.year}{slugify(title, 1) if title else ''}" or f"ref{len(used) + 1}"
    base = re.sub(r"[^a-z0-9]", "", base) or f"ref{len(used) + 1}"
    if base[0].isdigit():
        base = "ref" + base
    key, n = base, 2
    while key in used:
        key, n = f"{base}{chr(96 + n)}", n + 1
    used.add(key)
    return key
