"""What the domain stores per document: plain, picklable records.

The records are collected from each doctree as it is read (possibly in a
worker process) and merged into the main process; every finding and the
report page are computed from them afterwards.  ``Location`` and the
reference-input records come from :mod:`checker.refs.model`, so the
reference rules read exactly what is collected here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..refs.model import CitationUse, FootnoteText, IdentifierUse, LinkUse, Location


@dataclass(frozen=True, slots=True)
class FlagRecord:
    """A claim wrapped in a tag role."""

    tag: str
    where: Location
    text: str
    date: str | None
    anchor: str  #: id of the claim node in its document
    sections: tuple[str, ...]  #: ids of the enclosing sections, innermost first


@dataclass(frozen=True, slots=True)
class BannerRecord:
    name: str
    scope: str
    where: Location
    text: str  #: the title of what the banner covers (section or document)
    date: str | None
    anchor: str
    section: str | None  #: id of the section the banner covers


@dataclass(frozen=True, slots=True)
class NoteMarker:
    label: str
    where: Location
    anchor: str


@dataclass(frozen=True, slots=True)
class NoteDefinition:
    label: str
    where: Location
    anchor: str
    text: str


@dataclass(frozen=True, slots=True)
class Problem:
    """Markup the extension could not understand (a ``structure`` finding)."""

    rule: str
    message: str
    where: Location
    text: str


@dataclass(slots=True)
class DocRecords:
    """Everything collected from one document."""

    flags: list[FlagRecord] = field(default_factory=list)
    banners: list[BannerRecord] = field(default_factory=list)
    markers: list[NoteMarker] = field(default_factory=list)
    notes: list[NoteDefinition] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    citations: list[CitationUse] = field(default_factory=list)
    footnotes: list[FootnoteText] = field(default_factory=list)
    identifiers: list[IdentifierUse] = field(default_factory=list)
    links: list[LinkUse] = field(default_factory=list)
    #: section title -> anchor (first section of that title wins)
    sections: dict[str, str] = field(default_factory=dict)
    has_report: bool = False  #: the document holds a ``citation-report``
    #: the document's rendering depends on other documents (article banner, notes)
    cross_doc: bool = False

    @property
    def has_content(self) -> bool:
        """Whether the page holds anything the extension renders."""
        return bool(self.flags or self.banners or self.markers or self.notes or self.has_report)
