"""Resolution: citations to missing keys, uncited entries, duplicate keys and works."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from ...findings import Finding
from ..bibfile import BibEntry
from ..shortcite import fold
from ..tables import LISTED_KEYWORDS
from .context import Context, entry_finding, use_finding

_ARTICLES = {"the", "a", "an"}


def _listed(entry: BibEntry) -> bool:
    """An entry kept for further reading is listed on purpose, not forgotten."""
    keywords = {k.strip().lower() for k in re.split(r"[,;]", entry.get("keywords"))}
    return bool(keywords & LISTED_KEYWORDS)


def _first_entries(ctx: Context) -> Iterator[Finding | BibEntry]:
    """Each key's first entry; a finding for keys repeated in another file.

    Repeats inside one file were reported by the reader already.
    """
    first: dict[str, BibEntry] = {}
    for entry in ctx.entries:
        key = entry.key.lower()
        if key not in first:
            first[key] = entry
            yield entry
        elif first[key].path != entry.path:
            other = first[key]
            yield entry_finding(
                "duplicate-key",
                entry,
                f"key {entry.key!r} is also used in {other.path}:{other.line}",
                {"first_path": other.path, "first_line": other.line},
            )


def _work_key(entry: BibEntry) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    names = tuple(fold(name.surname) for name in entry.creators)
    words = re.findall(r"\w+", fold(entry.get("title")))
    while words and words[0] in _ARTICLES:
        words.pop(0)
    if not names or not words:
        return None
    return names, tuple(words)


def _edition(entry: BibEntry) -> tuple[str, str, str]:
    publisher = " ".join(re.findall(r"\w+", fold(entry.get("publisher"))))
    return entry.year, publisher, fold(entry.get("edition"))


def _same_works(entries: list[BibEntry]) -> Iterator[Finding]:
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[BibEntry]] = defaultdict(list)
    for entry in entries:
        work = _work_key(entry)
        if work is not None:
            groups[work].append(entry)
    for group in groups.values():
        seen: dict[tuple[str, str, str], BibEntry] = {}
        for entry in group:
            edition = _edition(entry)
            if edition in seen:
                same = seen[edition]
                yield entry_finding(
                    "duplicate-work",
                    entry,
                    f"same work as {same.key!r} (line {same.line})",
                    {"same_as": same.key},
                )
            elif seen:
                other = group[0]
                yield entry_finding(
                    "inconsistent-editions",
                    entry,
                    f"{entry.key!r} ({entry.year or 'no year'}, "
                    f"{entry.get('publisher') or 'no publisher'}) and {other.key!r} "
                    f"({other.year or 'no year'}, {other.get('publisher') or 'no publisher'})"
                    " are editions of one work",
                    {"same_as": other.key},
                )
            seen.setdefault(edition, entry)


def check(ctx: Context) -> Iterator[Finding]:
    unique: list[BibEntry] = []
    for item in _first_entries(ctx):
        if isinstance(item, BibEntry):
            unique.append(item)
        else:
            yield item
    keys = {entry.key.lower() for entry in unique}
    broken = {key for bib in ctx.bibliographies for key in bib.broken_keys}
    for use in ctx.inputs.citations:
        key = use.key.lower()
        if key not in keys and key not in broken:
            yield use_finding(
                "citation-unresolved",
                use.where,
                use.key,
                f"no entry with key {use.key!r}",
                {"key": use.key},
            )
    cited = {use.key.lower() for use in ctx.inputs.citations}
    cited |= {t.key.lower() for sc in ctx.short_cites for t in sc.targets}
    for entry in unique:
        if entry.key.lower() not in cited and not _listed(entry):
            yield entry_finding("entry-uncited", entry)
    yield from _same_works(unique)
