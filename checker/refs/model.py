"""What the reference checks read: the uses of sources collected from documents.

The Sphinx layer (``checker.sphinxext``) walks doctrees and fills these
records; the pure rules in ``checker.refs`` turn them into findings.  Both
sides depend on this module only, so neither needs the other to be tested.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Location:
    """Where something occurs: the source path (as reported), line, docname, section."""

    path: str
    line: int | None = None
    doc: str | None = None
    section: str | None = None


class CitationKind(StrEnum):
    CITE = "cite"  #: ``:cite:p:`key``` / ``:cite:t:`key``` (sphinxcontrib-bibtex)
    PLAIN = "plain"  #: a plain reST citation reference ``[Key]_``


@dataclass(frozen=True, slots=True)
class CitationUse:
    """A citation of a bibliography key in the text."""

    key: str
    kind: CitationKind
    where: Location


@dataclass(frozen=True, slots=True)
class FootnoteText:
    """The text of a footnote; the rules decide whether it is a short citation
    (``Beard 1954, p. 145.``) that must resolve to one bibliography entry."""

    text: str
    label: str
    where: Location


@dataclass(frozen=True, slots=True)
class IdentifierUse:
    """An identifier written outside the bibliography, e.g. an authority-control field."""

    scheme: str  #: lower-case scheme name: ``viaf``, ``isni``, ``lccn`` ...
    value: str
    where: Location


@dataclass(frozen=True, slots=True)
class LinkUse:
    """A URL to check online: from a bib entry's ``url`` / ``doi`` or from the text."""

    url: str
    where: Location
    key: str | None = None  #: the bib key, when the URL comes from the bibliography


@dataclass(slots=True)
class RefInputs:
    """Everything the reference rules look at for one project."""

    bibfiles: list[Path] = field(default_factory=list)
    citations: list[CitationUse] = field(default_factory=list)
    footnotes: list[FootnoteText] = field(default_factory=list)
    identifiers: list[IdentifierUse] = field(default_factory=list)
    links: list[LinkUse] = field(default_factory=list)
