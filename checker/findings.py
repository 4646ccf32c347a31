"""The one ``Finding`` model that every check produces and every output consumes.

A finding is plain, immutable data: the converter, the Sphinx extension, the
reference rules and the link checker all produce them; the report formats,
the baseline and the editors' worklist only read them.

Identity matters more than anything else here: CI keeps a baseline of known
findings, so a finding's ``id`` must survive edits elsewhere in its file.  It
hashes the rule, the document and the normalised text -- never the line
number -- and, when the same text is flagged twice in one document, the
occurrence number (see :func:`finalize`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Category(StrEnum):
    """What kind of gap a finding names (the ``category`` of the report schema)."""

    FLAG = "flag"  #: an inline tag such as ``[citation needed]``
    BANNER = "banner"  #: a section or article banner
    NOTE = "note"  #: an explanatory note that does not resolve
    REFERENCE = "reference"  #: an incomplete, unresolved or duplicated source
    IDENTIFIER = "identifier"  #: a malformed ISBN, DOI, ISSN, authority id ...
    LINK = "link"  #: a dead, redirected or failing URL (online checks)
    STRUCTURE = "structure"  #: the document itself (conversion doubts, bad markup)


class Severity(StrEnum):
    """How much a finding matters; ordered from least to most severe."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.strip().lower())
        except ValueError:
            choices = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (choose from {choices})") from None


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


def normalise_text(text: str) -> str:
    """Reduce text to what identifies it: case, markup punctuation and spacing go.

    Re-wrapping a paragraph or changing ``*claim*`` to ``claim`` must not
    change a finding's identity.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Finding:
    """One gap in the sources, located in a source file."""

    rule: str
    category: Category
    severity: Severity
    path: str  #: source path as given to the report, POSIX separators
    line: int | None
    message: str
    text: str = ""  #: the claim, or the reference as written
    doc: str | None = None  #: Sphinx docname, when the finding is in a document
    section: str | None = None  #: title of the enclosing section
    date: str | None = None  #: when the gap was flagged, ``YYYY-MM`` or ``YYYY-MM-DD``
    column: int | None = None
    suggestions: tuple[str, ...] = ()
    #: free-form, JSON-serialisable details a rule wants to keep (a bib key, a URL ...)
    data: Mapping[str, Any] = field(default_factory=dict)
    id: str = ""  #: filled in by :func:`finalize`

    @property
    def fingerprint(self) -> str:
        """The line-independent part of the identity."""
        where = self.doc if self.doc is not None else self.path
        key = "\x1f".join((self.rule, where, normalise_text(self.text)))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.path,
            self.line if self.line is not None else -1,
            self.column if self.column is not None else -1,
            self.rule,
            self.text,
            self.message,
        )

    def to_dict(self) -> dict[str, Any]:
        """The finding as it appears in the ``citecheck/report/v1`` JSON."""
        return {
            "id": self.id,
            "rule": self.rule,
            "category": self.category.value,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "doc": self.doc,
            "section": self.section,
            "text": self.text,
            "message": self.message,
            "date": self.date,
            "suggestions": list(self.suggestions),
            "data": dict(self.data),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Read a finding back from report JSON (the inverse of :meth:`to_dict`)."""
        return cls(
            rule=str(data["rule"]),
            category=Category(data["category"]),
            severity=Severity(data["severity"]),
            path=str(data["path"]),
            line=data.get("line"),
            column=data.get("column"),
            message=str(data.get("message", "")),
            text=str(data.get("text", "")),
            doc=data.get("doc"),
            section=data.get("section"),
            date=data.get("date"),
            suggestions=tuple(data.get("suggestions", ())),
            data=dict(data.get("data") or {}),
            id=str(data.get("id", "")),
        )

    def replace(self, **changes: Any) -> Finding:
        return dataclasses.replace(self, **changes)


def finalize(findings: Iterable[Finding]) -> list[Finding]:
    """Sort findings deterministically and give each its stable, unique ``id``.

    Two findings with the same fingerprint (the same claim flagged twice in
    one document) are told apart by their order of occurrence, which is
    stable under edits that do not reorder them.
    """
    ordered = sorted(findings, key=lambda f: f.sort_key)
    seen: dict[str, int] = {}
    result = []
    for finding in ordered:
        base = finding.fingerprint
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.append(finding.replace(id=base if count == 0 else f"{base}-{count + 1}"))
    return result
