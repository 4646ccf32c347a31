"""SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards.

One run, one result per finding.  ``partialFingerprints`` carries the finding
id, so code scanning tracks an alert across commits even when its line moves;
the ``rules`` array lists each rule id once, with the message of its first
finding as description.  With a baseline, ``baselineState`` says ``new`` or
``unchanged``.  Paths are relative to the repository root (``%SRCROOT%``).
"""

from __future__ import annotations

import json
from typing import Any

from ... import __version__
from ...findings import Finding, Severity
from ..baseline import Status
from ..view import ReportView

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT = "citecheckId/v1"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rules(findings: tuple[Finding, ...]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for finding in sorted(findings, key=lambda f: f.rule):
        if finding.rule in index:
            continue
        index[finding.rule] = len(rules)
        rules.append(
            {
                "id": finding.rule,
                "name": "".join(part.capitalize() for part in finding.rule.split("-")),
                "shortDescription": {"text": finding.message},
                # code scanning shows `help` beside each alert: how to fix it
                "help": {"text": finding.message},
                "defaultConfiguration": {"level": _LEVEL[finding.severity]},
                "properties": {"category": finding.category.value, "tags": ["citations"]},
            }
        )
    return rules, index


def _result(finding: Finding, rule_index: int, status: Status | None) -> dict[str, Any]:
    text = finding.message
    if finding.text:
        text = f"{finding.message}: “{' '.join(finding.text.split())}”"
    physical: dict[str, Any] = {"artifactLocation": {"uri": finding.path, "uriBaseId": "%SRCROOT%"}}
    if finding.line is not None and finding.line >= 1:
        region: dict[str, Any] = {"startLine": finding.line}
        if finding.column is not None and finding.column >= 1:
            region["startColumn"] = finding.column
        physical["region"] = region
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT: finding.id},
        "properties": {
            key: value
            for key, value in (
                ("doc", finding.doc),
                ("section", finding.section),
                ("date", finding.date),
                ("category", finding.category.value),
            )
            if value is not None
        },
    }
    if status is not None:
        result["baselineState"] = "unchanged" if status is Status.KNOWN else "new"
    return result


def document(view: ReportView) -> dict[str, Any]:
    rules, index = _rules(view.findings)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "citecheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index[f.rule], view.status(f)) for f in view.findings],
            }
        ],
    }


def render(view: ReportView) -> str:
    return json.dumps(document(view), ensure_ascii=False, indent=2) + "\n"
