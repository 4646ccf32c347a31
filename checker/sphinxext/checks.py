"""Records -> findings, after the merge, in the main process; and the public entry points.

:func:`collect_findings` is what every consumer calls (the report page, the
``citations`` builder, the warnings); :func:`get_ref_inputs` hands the
reference rules what they read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sphinx.util import logging

from .. import tags
from ..findings import Finding, Severity, finalize
from ..refs.model import Location, RefInputs
from .locate import report_path
from .providers import finding_providers
from .records import DocRecords
from .rules import EXTRA_RULES

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .domain import CitecheckDomain

logger = logging.getLogger(__name__)


def get_domain(app: Sphinx) -> CitecheckDomain:
    return cast("CitecheckDomain", app.env.domains["citecheck"])


def _doc_findings(rec: DocRecords) -> Iterator[Finding]:
    """One document's flags, banners and markup problems."""
    for flag in rec.flags:
        tag = tags.tag_for_role(flag.tag)
        assert tag is not None, flag.tag
        w = flag.where
        yield Finding(
            rule=tag.name,
            category=tag.category,
            severity=tag.severity,
            path=w.path,
            line=w.line,
            message=tag.message,
            text=flag.text,
            doc=w.doc,
            section=w.section,
            date=flag.date,
            data={"anchor": flag.anchor},
        )
    for record in rec.banners:
        banner = tags.banner(record.name)
        assert banner is not None, record.name
        w = record.where
        yield Finding(
            rule=banner.name,
            category=banner.category,
            severity=banner.severity,
            path=w.path,
            line=w.line,
            message=banner.message.format(scope=record.scope),
            text=record.text,
            doc=w.doc,
            section=w.section,
            date=record.date,
            data={"anchor": record.anchor, "scope": record.scope},
        )
    for problem in rec.problems:
        rule = EXTRA_RULES[problem.rule]
        w = problem.where
        yield Finding(
            rule=rule.name,
            category=rule.category,
            severity=rule.severity,
            path=w.path,
            line=w.line,
            message=rule.message.format(detail=problem.message),
            text=problem.text,
            doc=w.doc,
            section=w.section,
        )


def _note_finding(rule_id: str, w: Location, label: str, anchor: str, **fields: str) -> Finding:
    rule = EXTRA_RULES[rule_id]
    return Finding(
        rule=rule.name,
        category=rule.category,
        severity=rule.severity,
        path=w.path,
        line=w.line,
        message=rule.message.format(label=label, **fields),
        text=f"[{label}]",
        doc=w.doc,
        section=w.section,
        data={"label": label, "anchor": anchor},
    )


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


def domain_findings(domain: CitecheckDomain) -> list[Finding]:
    """Every finding the extension's own records give, before configuration is applied."""
    records = list(domain.records())
    found = [f for rec in records for f in _doc_findings(rec)]
    found.extend(_note_findings(records))
    return found


def matches(finding: Finding, selectors: Iterable[str]) -> bool:
    """Whether a rule id or category name in ``selectors`` names ``finding``."""
    chosen = set(selectors)
    return finding.rule in chosen or finding.category.value in chosen


def _configured(app: Sphinx, found: Iterable[Finding]) -> list[Finding]:
    enabled = app.config.citecheck_rules
    overrides = {k: Severity.parse(v) for k, v in (app.config.citecheck_severity or {}).items()}
    result = []
    for finding in found:
        if enabled is not None and not matches(finding, enabled):
            continue
        severity = overrides.get(finding.rule) or overrides.get(finding.category.value)
        if severity is not None and severity is not finding.severity:
            finding = finding.replace(severity=severity)
        result.append(finding)
    return result


def collect_findings(app: Sphinx) -> list[Finding]:
    """All findings of the project: the domain's plus every registered provider's.

    Call after the documents are read (``env-updated`` or later).  Filtered by
    ``citecheck_rules``, severities overridden by ``citecheck_severity``,
    finalized (sorted, stable ids).  Computed once per build and cached.
    """
    return list(cached_findings(app))


def cached_findings(app: Sphinx) -> list[Finding]:
    """:func:`collect_findings` without the defensive copy (callers must not modify it)."""
    domain = get_domain(app)
    if domain.findings_cache is None:
        found = domain_findings(domain)
        for provider in finding_providers():
            found.extend(provider(app))
        domain.findings_cache = finalize(_configured(app, found))
    return domain.findings_cache


def get_ref_inputs(app: Sphinx) -> RefInputs:
    """What the reference rules read: bib files (absolute) and every collected use."""
    inputs = RefInputs()
    bibfiles = getattr(app.config, "bibtex_bibfiles", None) or []
    inputs.bibfiles = [(Path(app.srcdir) / name).resolve() for name in bibfiles]
    for rec in get_domain(app).records():
        inputs.citations.extend(rec.citations)
        inputs.footnotes.extend(rec.footnotes)
        inputs.identifiers.extend(rec.identifiers)
        inputs.links.extend(rec.links)
    return inputs


def warn_findings(app: Sphinx, findings: Iterable[Finding]) -> None:
    """One typed warning per finding that ``citecheck_warn_rules`` selects."""
    selectors = app.config.citecheck_warn_rules
    for finding in findings:
        if not matches(finding, selectors):
            continue
        text = f" [{_short(finding.text)}]" if finding.text else ""
        if finding.doc is not None and finding.path == report_path(app.env, finding.doc):
            location: object = (finding.doc, finding.line)
        else:
            location = f"{finding.path}:{finding.line}" if finding.line else finding.path
        logger.warning(
            "%s%s",
            finding.message,
            text,
            type="citecheck",
            subtype=finding.rule,
            location=location,
        )


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
