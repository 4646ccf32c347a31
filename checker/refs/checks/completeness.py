"""Completeness: the fields each entry type needs, pages, access dates without URLs.

An entry that holds only the converter's raw text, or whose fields the
converter marked as guessed (``x-parse = {guessed}``), is reported once as
``unparsed-reference`` with the reference as written; its missing fields are
not reported one by one: they would blame the reference for the converter's
misreading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ...findings import Finding
from ..bibfile import BibEntry
from ..tables import DEFAULT_REQUIREMENTS, GUESSED, PARSE_FIELD, RAW_FIELDS, REQUIREMENTS
from .context import Context, entry_finding

# "p" / "pp" whose number was lost: at the end of the text or before , ; )
_LOST_PAGE = re.compile(r"(?:^|[\s,;(])(?:p|pp|pg)\.?\s*(?=$|[,;)])", re.IGNORECASE)
_HAS_PAGE = re.compile(r"\d|\b[ivxlcdm]+\b", re.IGNORECASE)
_RETRIEVED = re.compile(r"\b(?:retrieved|accessed)\b", re.IGNORECASE)


def is_unparsed(entry: BibEntry) -> bool:
    """Only raw text (no title and nobody named), or fields the converter guessed."""
    if entry.get(PARSE_FIELD).strip().lower() == GUESSED:
        return True
    return bool(entry.raw_text) and not entry.has("title") and not entry.creators


def _as_written(entry: BibEntry) -> str:
    """The reference as the article wrote it, when the converter kept it."""
    return entry.get("x-raw") or entry.get("note") or entry.summary


def _requirements(entry: BibEntry) -> Iterator[Finding]:
    for requirement in REQUIREMENTS.get(entry.type, DEFAULT_REQUIREMENTS):
        if requirement.rule == "missing-author":
            present = bool(entry.creators)
        else:
            present = any(entry.has(name) for name in requirement.fields)
        if not present:
            yield entry_finding(requirement.rule, entry, f"@{entry.type} has {requirement.detail}")


def _pages(entry: BibEntry) -> Iterator[Finding]:
    pages = entry.get("pages")
    if "pages" in entry.fields and not _HAS_PAGE.search(pages):
        yield entry_finding("page-needed", entry, f"pages field {pages!r} has no number")
        return
    for name in RAW_FIELDS:
        if _LOST_PAGE.search(entry.get(name)):
            yield entry_finding("page-needed", entry, f"{name} has a 'p' without a number")
            return


def _access_without_url(entry: BibEntry) -> Iterator[Finding]:
    if entry.has("url"):
        return
    if entry.has("urldate"):
        yield entry_finding(
            "accessdate-without-url", entry, f"urldate {entry.get('urldate')!r} but no url"
        )
    elif _RETRIEVED.search(entry.raw_text) and "http" not in entry.raw_text:
        yield entry_finding("accessdate-without-url", entry, "'retrieved' but no url")


def check(ctx: Context) -> Iterator[Finding]:
    for entry in ctx.entries:
        if is_unparsed(entry):
            yield replace(entry_finding("unparsed-reference", entry), text=_as_written(entry))
        else:
            yield from _requirements(entry)
        yield from _pages(entry)
        yield from _access_without_url(entry)
