"""The extension's own findings: flags, banners, notes and markup problems, from the records.

Pure over :class:`~checker.sphinxext.records.DocRecords`: no Sphinx object is
read, so the same records always give the same findings, whichever process
read the documents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Protocol

from ... import tags
from ...findings import Category, Finding, Severity
from ...refs.model import Location
from ..records import DocRecords
from ..rules import EXTRA_RULES


class _RuleLike(Protocol):
    """What a finding takes from its rule: an inline tag, a banner or an extra rule."""

    @property
    def name(self) -> str: ...
    @property
    def category(self) -> Category: ...
    @property
    def severity(self) -> Severity: ...


def _finding(
    rule: _RuleLike,
    w: Location,
    message: str,
    text: str,
    data: dict[str, str] | None = None,
    date: str | None = None,
) -> Finding:
    """A finding of ``rule`` at a place in a document."""
    return Finding(
        rule=rule.name,
        category=rule.category,
        severity=rule.severity,
        path=w.path,
        line=w.line,
        message=message,
        text=text,
        doc=w.doc,
        section=w.section,
        date=date,
        data=data or {},
    )


def _doc_findings(rec: DocRecords) -> Iterator[Finding]:
    """One document's flags, banners and markup problems."""
    for flag in rec.flags:
        tag = tags.tag_for_role(flag.tag)
        assert tag is not None, flag.tag
        data = {"anchor": flag.anchor}
        yield _finding(tag, flag.where, tag.message, flag.text, data, date=flag.date)
    for record in rec.banners:
        banner = tags.banner(record.name)
        assert banner is not None, record.name
        message = banner.message.format(scope=record.scope)
        data = {"anchor": record.anchor, "scope": record.scope}
        yield _finding(banner, record.where, message, record.text, data, date=record.date)
    for problem in rec.problems:
        rule = EXTRA_RULES[problem.rule]
        message = rule.message.format(detail=problem.message)
        yield _finding(rule, problem.where, message, problem.text)


def _note_finding(rule_id: str, w: Location, label: str, anchor: str, **fields: str) -> Finding:
    rule = EXTRA_RULES[rule_id]
    message = rule.message.format(label=label, **fields)
    return _finding(rule, w, message, f"[{label}]", {"label": label, "anchor": anchor})


def _note_findings(records: list[DocRecords]) -> Iterator[Finding]:
    """Markers without a note, notes without a marker, labels defined twice (project-wide)."""
    defined = defaultdict(list)
    for rec in records:
        for note in rec.notes:
            defined[note.label].append(note)
    used = {marker.label for rec in records for marker in rec.markers}
    for rec in records:
        for marker in rec.markers:
            if marker.label not in defined:
                yield _note_finding("note-missing", marker.where, marker.label, marker.anchor)
    for label, notes in defined.items():
        if label not in used:
            yield _note_finding("note-orphan", notes[0].where, label, notes[0].anchor)
        first = notes[0].where
        for dup in notes[1:]:
            yield _note_finding(
                "note-duplicate", dup.where, label, dup.anchor, first=f"{first.path}:{first.line}"
            )


def own_findings(records: Iterable[DocRecords]) -> list[Finding]:
    """Every finding the extension's own records give, before configuration is applied."""
    records = list(records)
    found = [f for rec in records for f in _doc_findings(rec)]
    found.extend(_note_findings(records))
    return found
