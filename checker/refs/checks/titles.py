"""Generic or junk titles and generic names in author fields (CS1's data tables)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...findings import Finding
from ..bibfile import BibEntry, Name
from ..shortcite import fold
from ..tables import GENERIC_NAMES, GENERIC_TITLES_CONTAINED, GENERIC_TITLES_EXACT
from .context import Context, entry_finding


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


_CONTAINED = tuple(_plain(junk) for junk in GENERIC_TITLES_CONTAINED)
_NAMES = frozenset(_plain(name) for name in GENERIC_NAMES)


def generic_title(title: str) -> str | None:
    """The junk phrase a title consists of or contains, if any."""
    plain = _plain(title)
    if plain in GENERIC_TITLES_EXACT:
        return plain
    padded = f" {plain} "
    return next((junk for junk in _CONTAINED if f" {junk} " in padded), None)


def generic_name(name: Name) -> bool:
    full = _plain(f"{name.given} {name.surname}")
    return full in _NAMES or (not name.given and _plain(name.surname) in _NAMES)


def _check_entry(entry: BibEntry) -> Iterator[Finding]:
    title = entry.get("title")
    junk = generic_title(title) if title else None
    if junk:
        yield entry_finding("generic-title", entry, f"title {title!r} is generic ({junk!r})")
    for role, people in entry.persons.items():
        for person in people:
            if generic_name(person):
                yield entry_finding(
                    "generic-name",
                    entry,
                    f"{role} {person.written!r} is not a person's name",
                    {"field": role},
                )


def check(ctx: Context) -> Iterator[Finding]:
    for entry in ctx.entries:
        yield from _check_entry(entry)
