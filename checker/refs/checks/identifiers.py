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
from ..identifiers import SCHEMES, IdentifierResult, validate_identifier
from ..rules import make_finding
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
_SEPARATORS = re.compile(r"\s*(?:[,;]|\band\b)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IdentifierCheck:
    """One identifier as found, with its verdict."""

    scheme: str
    value: str
    result: IdentifierResult
    path: str
    line: int | None
    key: str | None = None  #: the bib key, for identifiers in the bibliography
    doc: str | None = None


def identifier_checks(ctx: Context) -> Iterator[IdentifierCheck]:
    for entry in ctx.entries:
        for name, scheme in BIB_ID_FIELDS.items():
            for value in filter(None, _SEPARATORS.split(entry.get(name))):
                result = validate_identifier(scheme, value)
                yield IdentifierCheck(scheme, value, result, entry.path, entry.line, entry.key)
    for use in ctx.inputs.identifiers:
        result = validate_identifier(use.scheme, use.value)
        yield IdentifierCheck(
            use.scheme.lower(),
            use.value,
            result,
            use.where.path,
            use.where.line,
            None,
            use.where.doc,
        )


def check(ctx: Context) -> Iterator[Finding]:
    entries = {(e.path, e.line): e for e in ctx.entries}
    uses = {
        (u.where.path, u.where.line, u.scheme.lower(), u.value): u for u in ctx.inputs.identifiers
    }
    for item in identifier_checks(ctx):
        if item.result.ok:
            continue
        label = SCHEMES[item.scheme].label if item.scheme in SCHEMES else item.scheme
        text = f"{label} {item.value}"
        data = {"scheme": item.scheme, "value": item.value}
        rule_id = f"bad-{item.scheme}" if item.scheme in SCHEMES else "unknown-identifier-scheme"
        detail = f"{text}: {item.result.reason}"
        if item.key is not None:
            yield entry_finding(rule_id, entries[(item.path, item.line)], detail, data)
            continue
        use = uses.get((item.path, item.line, item.scheme, item.value))
        if use is not None:
            yield use_finding(rule_id, use.where, text, detail, {"key": None, **data})
        else:  # pragma: no cover - every use is in the map
            yield make_finding(
                rule_id, path=item.path, line=item.line, text=text, detail=detail, data=data
            )
