"""The works an editor could cite, read from the project's ``.bib`` files as ranking sources.

Only what ranking needs -- key, the reference as a line of text, title,
authors, year, container, keywords and notes (:class:`checker.rank.Source`).
The reader is deliberately simple (pybtex per file; an unreadable file is
skipped and named, never fatal): the worklist is advice, and the reference
checks report broken bibliographies properly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...rank import Source

#: bib fields whose words describe what a work is about
_TOPIC_FIELDS = ("subtitle", "series", "note", "annote", "abstract", "keywords")
#: where a work appeared, most specific first
_CONTAINER_FIELDS = ("journal", "journaltitle", "booktitle", "howpublished", "publisher")
_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+\*?\s*|\\.")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class Bibliography:
    works: tuple[Source, ...]
    unreadable: tuple[str, ...] = ()  #: ``"file: reason"`` for each file skipped


def _plain(text: str) -> str:
    """BibTeX field text without braces and LaTeX commands."""
    text = _LATEX_COMMAND.sub("", text)
    # BibTeX's dashes: "1879--1921" is an en dash range, "---" an em dash
    text = text.replace("---", "—").replace("--", "–")
    return " ".join(text.replace("{", "").replace("}", "").replace("~", " ").split())


def load_bibliography(paths: Iterable[Path]) -> Bibliography:
    # pybtex is imported here so that the formats never pay for it
    from pybtex.database import parse_file
    from pybtex.exceptions import PybtexError

    works: dict[str, Source] = {}
    unreadable: list[str] = []
    for path in sorted(paths):
        try:
            data = parse_file(str(path), bib_format="bibtex")
        except (PybtexError, OSError, UnicodeDecodeError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            unreadable.append(f"{path}: {first}")
            continue
        for key, entry in data.entries.items():
            works.setdefault(key, _work(key, entry))
    return Bibliography(tuple(works.values()), tuple(unreadable))


def _work(key: str, entry: Any) -> Source:  # entry: pybtex.database.Entry
    fields = entry.fields
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    authors = tuple(
        _plain(", ".join(filter(None, (" ".join(p.last_names), " ".join(p.first_names)))))
        for p in people
        if p.last_names
    )
    year_match = _YEAR.search(str(fields.get("year", fields.get("date", ""))))
    title = _plain(str(fields.get("title", "")))
    container = next((_plain(str(fields[f])) for f in _CONTAINER_FIELDS if fields.get(f)), "")
    note = " ".join(_plain(str(fields[f])) for f in _TOPIC_FIELDS if f in fields)
    year = int(year_match.group()) if year_match else None
    # the reference as the article wrote it, when the converter kept it; else a rendering
    text = _plain(str(fields.get("x-raw", ""))) or ". ".join(
        part
        for part in (
            "; ".join(authors) + (f" ({year})" if year else ""),
            title,
            container,
        )
        if part.strip()
    )
    return Source(key, text, title, authors, year, container, note)


def find_bibfiles(src: Path) -> list[Path]:
    """Every ``*.bib`` under the source folder, skipping build and hidden folders."""
    return sorted(
        p
        for p in src.rglob("*.bib")
        if not any(part.startswith((".", "_build")) for part in p.relative_to(src).parts)
    )
