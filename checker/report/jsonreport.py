"""The ``citecheck/report/v1`` JSON document: build it from findings, read it back."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from .. import __version__
from ..findings import Finding, finalize

SCHEMA = "citecheck/report/v1"


def build_report(findings: Iterable[Finding], source: str) -> dict[str, Any]:
    """The report as a JSON-ready dict; findings are finalized (sorted, with ids)."""
    items = finalize(findings)
    return {
        "schema": SCHEMA,
        "tool": {"name": "citecheck", "version": __version__},
        "source": source,
        "summary": {
            "findings": len(items),
            "by_rule": dict(sorted(Counter(f.rule for f in items).items())),
            "by_severity": dict(sorted(Counter(f.severity.value for f in items).items())),
            "by_category": dict(sorted(Counter(f.category.value for f in items).items())),
        },
        "findings": [f.to_dict() for f in items],
    }


def dumps(report: Mapping[str, Any]) -> str:
    """Byte-stable serialisation: two runs on the same input give the same text."""
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def load_findings(report: Mapping[str, Any]) -> list[Finding]:
    """The findings of a report dict; raises ``ValueError`` on another schema."""
    if report.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} report (schema: {report.get('schema')!r})")
    return [Finding.from_dict(item) for item in report.get("findings", [])]
