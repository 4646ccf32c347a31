"""The ``citecheck/report/v1`` JSON, with baseline status and the policy verdict.

Compatible extension of :func:`checker.report.jsonreport.build_report`: with a
baseline every finding gains ``"status": "new" | "known"`` and the document a
top-level ``"baseline"`` block (counts, and the resolved / fixed / removed
findings); with a verdict, a ``"policy"`` block.  Readers of v1 ignore both.
"""

from __future__ import annotations

from typing import Any

from ..baseline import Status
from ..jsonreport import build_report, dumps
from ..view import ReportView


def document(view: ReportView) -> dict[str, Any]:
    report = build_report(view.findings, view.source)
    comparison = view.comparison
    if comparison is not None:
        for item in report["findings"]:
            item["status"] = comparison.status.get(item["id"], Status.NEW).value
        report["baseline"] = {
            "counts": dict(comparison.counts),
            "resolved": [f.to_dict() for f in comparison.resolved],
            "fixed": [f.to_dict() for f in comparison.fixed],
            "removed": [f.to_dict() for f in comparison.removed],
        }
    if view.verdict is not None:
        report["policy"] = {
            "failed": view.verdict.failed,
            "reasons": list(view.verdict.reasons),
        }
    return report


def render(view: ReportView) -> str:
    return dumps(document(view))
