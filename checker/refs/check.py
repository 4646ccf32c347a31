"""The entry point of the reference rules: inputs and settings in, findings out.

:func:`check_references` reads every bibliography named in the inputs (with
the cached defensive reader), runs each check of :mod:`checker.refs.checks`,
and applies the settings (rules switched off, severity overrides).  It never
raises on bad input: unreadable or malformed files are findings too.
"""

from __future__ import annotations

from ..findings import Finding
from .bibfile import Bibliography, load_bibliography
from .checks import CHECKS, Context
from .checks.identifiers import IdentifierCheck, identifier_checks
from .model import RefInputs
from .settings import RefSettings

__all__ = ["RefSettings", "check_references", "identifier_results"]


def _context(inputs: RefInputs, settings: RefSettings) -> tuple[Context, list[Bibliography]]:
    bibliographies = [load_bibliography(path) for path in inputs.bibfiles]
    return Context.build(inputs, settings, bibliographies), bibliographies


def check_references(inputs: RefInputs, settings: RefSettings) -> list[Finding]:
    """Every reference finding for one project, in a deterministic order."""
    ctx, bibliographies = _context(inputs, settings)
    findings: list[Finding] = [p for bib in bibliographies for p in bib.problems]
    for check in CHECKS:
        findings.extend(check(ctx))
    return sorted(settings.apply(findings), key=lambda f: f.sort_key)


def identifier_results(
    inputs: RefInputs, settings: RefSettings | None = None
) -> list[IdentifierCheck]:
    """Every identifier in the bibliographies and the documents, passes included."""
    ctx, _ = _context(inputs, settings or RefSettings())
    return list(identifier_checks(ctx))
