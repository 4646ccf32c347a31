"""Resolution: citations to missing keys, uncited entries, duplicate keys and works."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...findings import Finding
from ..bibfile import BibEntry
from ..shortcite import fold
from ..tables import LISTED_KEYWORDS
from .context import Context, entry_finding, use_finding

_ARTICLES = {"the", "a", "an"}
#: A title this short matches only itself, not as the start of a longer one.
MIN_TITLE_WORDS = 2


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
    """The work's creators and title words in order (numbers and articles left out)."""
    names = tuple(fold(name.surname) for name in entry.creators)
    words = tuple(
        dict.fromkeys(
            w
            for w in re.findall(r"\w+", fold(entry.get("title")))
            if w not in _ARTICLES and not w.isdigit()
        )
    )
    if not names or not words:
        return None
    return names, words


def _edition(entry: BibEntry) -> tuple[str, str, str]:
    publisher = " ".join(re.findall(r"\w+", fold(entry.get("publisher"))))
    return entry.year, publisher, fold(entry.get("edition"))


def _same_title(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One title is the other, or the other without its subtitle ("A History" and
    "A History: Europe 1900–1950"), its words in any order ("Darwin: The
    Voyage" and "The Voyage: Darwin 1831–1836").  A subtitle follows its
    title, so "The Sea" is not "Beyond The Sea!" shortened."""
    small, large = sorted((a, b), key=len)
    start = set(large[: len(small)])
    return set(small) == start and (len(small) >= MIN_TITLE_WORDS or len(small) == len(large))


def _work_groups(entries: list[BibEntry]) -> list[list[BibEntry]]:
    groups: list[tuple[tuple[str, ...], tuple[str, ...], list[BibEntry]]] = []
    for entry in entries:
        key = _work_key(entry)
        if key is None:
            continue
        names, words = key
        for group_names, group_words, members in groups:
            if group_names == names and _same_title(group_words, words):
                members.append(entry)
                break
        else:
            groups.append((names, words, [entry]))
    return [members for _, _, members in groups]


def _same_works(entries: list[BibEntry]) -> Iterator[Finding]:
    for group in _work_groups(entries):
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
