"""All findings of a build, once, after the merge: own records + providers, configured.

:func:`run_checks` is called once per build from ``env-updated`` (main
process, after the merge); :func:`warn_findings` then turns the selected
findings into typed Sphinx warnings.  Both are wired in
:func:`checker.sphinxext.setup`; everything else reads the findings from the
project index.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sphinx.util import logging

from ...findings import Finding, Severity, finalize
from ..domain import get_domain
from ..locate import report_path
from ..providers import finding_providers
from ..rules import ECHO_RULES
from .own import own_findings

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


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


def run_checks(app: Sphinx) -> list[Finding]:
    """Every finding of the project: the domain's records' plus each provider's.

    Filtered by ``citecheck_rules``, severities overridden by
    ``citecheck_severity``, finalized (sorted, stable ids).
    """
    found = own_findings(get_domain(app).records())
    for provider in finding_providers():
        found.extend(provider(app))
    return finalize(_configured(app, found))


def warn_findings(app: Sphinx, findings: Iterable[Finding]) -> None:
    """One typed warning per finding that ``citecheck_warn_rules`` selects.

    Findings that repeat a warning docutils or Sphinx already gave (a
    ``markup-error``) are not warned twice.
    """
    selectors = app.config.citecheck_warn_rules
    for finding in findings:
        if finding.rule in ECHO_RULES or not matches(finding, selectors):
            continue
        text = f" [{_short(finding.text)}]" if finding.text else ""
        if finding.doc is not None and finding.path == report_path(app.env, finding.doc):
            location: str | tuple[str, int | None] = (finding.doc, finding.line)
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
