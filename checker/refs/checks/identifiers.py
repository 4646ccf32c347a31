"""Identifiers: bibliography fields (ISBN, ISSN, DOI, OCLC, LCCN) and authority ids.

:func:`identifier_checks` yields every identifier with its verdict, passes
included, so a report can say which identifiers were validated; :func:`check`
turns the failures into findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...findings import Finding
from ..bibfile import BibEntry
from ..identifiers import SCHEMES, IdentifierResult, validate_identifier
from ..model import Location
from .context import Context, entry_finding, use_finding

#: bib fields that hold identifiers, and the scheme each holds
BIB_ID_FIELDS: dict[str, str] = {
    "isbn": "isbn",
    "issn": "issn",
    "eissn": "issn",
    "doi": "doi",
    "oclc": "oclc",
    "lccn": "lccn",
}
# one field may list several identifiers: "978-..., 0-..." or "... and ..."
_SEPARATORS = re.compile(r"\s*(?:[,;]|\band\b)\s*", re.IGNORECASE)
_BRACES = re.compile(r"(?<!\\)[{}]")  #: BibTeX's protective braces
_ESCAPED = re.compile(r"\\([&%$#_{}~])")  #: LaTeX escapes of characters a DOI may hold
# a DOI suffix may hold "," and ";" itself (10.1175/...<0130:DNF>2.0.CO;2): a list of
# DOIs is split only where the next DOI starts
_DOI_SEPARATORS = re.compile(
    r"\s*(?:[,;]\s*|\s+and\s+|\s+)(?=(?:doi:\s*|https?://\S*?)?10\.)", re.IGNORECASE
)


def field_identifiers(entry: BibEntry, name: str) -> list[str]:
    """The identifiers a bib field lists, as written."""
    if BIB_ID_FIELDS[name] == "doi":
        # the field as written, LaTeX escapes (\_) undone: the text cleaning would
        # turn a DOI's "--" into an en dash and its "~" into a space
        raw = _BRACES.sub("", entry.fields.get(name, ""))
        value = _ESCAPED.sub(r"\1", raw).strip()
        return [v for v in _DOI_SEPARATORS.split(value) if v]
    return [v for v in _SEPARATORS.split(entry.get(name)) if v]


@dataclass(frozen=True, slots=True)
class IdentifierCheck:
    """One identifier as found, with its verdict and where it was found."""

    scheme: str
    value: str
    result: IdentifierResult
    entry: BibEntry | None = None  #: the bib entry holding it, if any
    where: Location | None = None  #: the document location, for identifiers in the text

    @property
    def path(self) -> str:
        return self.entry.path if self.entry else self.where.path if self.where else ""

    @property
    def line(self) -> int | None:
        return self.entry.line if self.entry else self.where.line if self.where else None

    @property
    def label(self) -> str:
        scheme = SCHEMES.get(self.scheme)
        return f"{scheme.label if scheme else self.scheme} {self.value}"


def identifier_checks(ctx: Context) -> Iterator[IdentifierCheck]:
    for entry in ctx.entries:
        for name, scheme in BIB_ID_FIELDS.items():
            for value in field_identifiers(entry, name):
                yield IdentifierCheck(scheme, value, validate_identifier(scheme, value), entry)
    for use in ctx.inputs.identifiers:
        result = validate_identifier(use.scheme, use.value)
        yield IdentifierCheck(use.scheme.lower(), use.value, result, where=use.where)


def check(ctx: Context) -> Iterator[Finding]:
    for item in identifier_checks(ctx):
        if item.result.ok:
            continue
        known = item.scheme in SCHEMES
        rule_id = f"bad-{item.scheme}" if known else "unknown-identifier-scheme"
        detail = f"{item.label}: {item.result.reason}"
        data = {"scheme": item.scheme, "value": item.value}
        if item.entry is not None:
            yield entry_finding(rule_id, item.entry, detail, data)
        elif item.where is not None:
            yield use_finding(rule_id, item.where, item.label, detail, {"key": None, **data})
