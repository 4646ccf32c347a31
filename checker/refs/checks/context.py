"""What every check reads: the inputs, the parsed bibliographies, resolved short cites."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...findings import Finding
from ..bibfile import BibEntry, Bibliography
from ..model import FootnoteText, Location, RefInputs
from ..rules import make_finding
from ..settings import RefSettings
from ..shortcite import ShortCite, ShortCiteIndex, parse_short_citations


@dataclass(frozen=True, slots=True)
class ResolvedShortCite:
    footnote: FootnoteText
    cite: ShortCite
    targets: tuple[BibEntry, ...]


@dataclass
class Context:
    inputs: RefInputs
    settings: RefSettings
    bibliographies: list[Bibliography]
    entries: list[BibEntry] = field(default_factory=list)  #: every file's, in order
    short_cites: list[ResolvedShortCite] = field(default_factory=list)

    @classmethod
    def build(
        cls, inputs: RefInputs, settings: RefSettings, bibliographies: list[Bibliography]
    ) -> Context:
        entries = [entry for bib in bibliographies for entry in bib.entries]
        index = ShortCiteIndex(entries)
        short_cites = []
        for footnote in inputs.footnotes:
            for cite in parse_short_citations(footnote.text):
                targets = tuple(index.resolve(cite))
                short_cites.append(ResolvedShortCite(footnote, cite, targets))
        return cls(inputs, settings, bibliographies, entries, short_cites)


def entry_finding(
    rule_id: str, entry: BibEntry, detail: str = "", data: Mapping[str, Any] | None = None
) -> Finding:
    """A finding located at a bibliography entry."""
    return make_finding(
        rule_id,
        path=entry.path,
        line=entry.line,
        text=entry.summary,
        detail=detail,
        data={"key": entry.key, **(data or {})},
    )


def use_finding(
    rule_id: str,
    where: Location,
    text: str,
    detail: str = "",
    data: Mapping[str, Any] | None = None,
) -> Finding:
    """A finding located where a source is used in the documents."""
    return make_finding(
        rule_id,
        path=where.path,
        line=where.line,
        text=text,
        detail=detail,
        data=dict(data or {}),
        doc=where.doc,
        section=where.section,
    )
