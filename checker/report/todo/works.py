"""The works an editor could cite: a small model, read from the project's ``.bib`` files.

Only what ranking needs -- key, title, authors, year, keywords and notes.  The
reader is deliberately simple (pybtex per file; an unreadable file is skipped
and named, never fatal): the worklist is advice, and the reference checks
report broken bibliographies properly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: bib fields whose words describe what a work is about
_TOPIC_FIELDS = ("subtitle", "booktitle", "series", "note", "annote", "abstract")
_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+\*?\s*|\\.")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class Work:
    key: str
    title: str
    authors: tuple[str, ...] = ()  #: surnames of authors (or editors)
    year: int | None = None  #: year of publication
    keywords: tuple[str, ...] = ()
    note: str = ""  #: everything else that says what the work is about

    @property
    def topic_text(self) -> str:
        return " ".join((self.title, " ".join(self.keywords), self.note))


@dataclass(frozen=True, slots=True)
class Bibliography:
    works: tuple[Work, ...]
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

    works: dict[str, Work] = {}
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


def _work(key: str, entry: Any) -> Work:  # entry: pybtex.database.Entry
    fields = entry.fields
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    surnames = tuple(_plain(" ".join(p.last_names)) for p in people if p.last_names)
    year_match = _YEAR.search(str(fields.get("year", fields.get("date", ""))))
    keywords = tuple(
        k.strip() for k in re.split(r"[,;]", _plain(str(fields.get("keywords", "")))) if k.strip()
    )
    note = " ".join(
        _plain(str(fields[f])) for f in _TOPIC_FIELDS if f in fields and f != "keywords"
    )
    return Work(
        key=key,
        title=_plain(str(fields.get("title", ""))),
        authors=surnames,
        year=int(year_match.group()) if year_match else None,
        keywords=keywords,
        note=note,
    )


def find_bibfiles(src: Path) -> list[Path]:
    """Every ``*.bib`` under the source folder, skipping build and hidden folders."""
    return sorted(
        p
        for p in src.rglob("*.bib")
        if not any(part.startswith((".", "_build")) for part in p.relative_to(src).parts)
    )
