"""Shared helpers for the test_refs_* modules (no tests here): write a .bib, run the checks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from checker.findings import Finding
from checker.refs.check import RefSettings, check_references
from checker.refs.model import (
    CitationKind,
    CitationUse,
    FootnoteText,
    IdentifierUse,
    Location,
    RefInputs,
)

TODAY = date(2026, 11, 25)
RST = "docs/references.rst"
#: lines written before each test .bib's entries, so entry lines are not 1
HEADER = "% test bibliography\n\n"


def book(key: str = "swain2014", **fields: str | None) -> str:
    """A complete @book entry; ``field=None`` drops a field, ``type=`` changes the type."""
    values: dict[str, str | None] = {
        "author": "Swain, Geoffrey",
        "title": "Trotsky and the Russian Revolution",
        "publisher": "Routledge",
        "address": "New York",
        "year": "2014",
    }
    entry_type = fields.pop("type", None) or "book"
    values.update(fields)
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in values.items() if value)
    return f"@{entry_type}{{{key},\n{body}}}\n"


def run(
    tmp_path: Path,
    bib: str | bytes,
    *,
    cites: Sequence[str] = (),
    notes: Sequence[str] = (),
    ids: Sequence[tuple[str, str]] = (),
    settings: RefSettings | None = None,
) -> list[Finding]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "references.bib"
    data = bib if isinstance(bib, bytes) else bib.encode("utf-8")
    path.write_bytes(HEADER.encode("ascii") + data)
    inputs = RefInputs(
        bibfiles=[path],
        citations=[
            CitationUse(key, CitationKind.CITE, Location(RST, 10 + i, "references"))
            for i, key in enumerate(cites)
        ],
        footnotes=[
            FootnoteText(text, str(i + 1), Location(RST, 20 + i, "references"))
            for i, text in enumerate(notes)
        ],
        identifiers=[
            IdentifierUse(scheme, value, Location(RST, 40 + i, "references"))
            for i, (scheme, value) in enumerate(ids)
        ],
    )
    return check_references(inputs, settings or RefSettings(today=TODAY))


def of_rule(findings: Iterable[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]
