"""Shared test inputs for the report tests: the hand-written report and small findings."""

from __future__ import annotations

import json
from pathlib import Path

from checker.findings import Category, Finding, Severity, finalize
from checker.report.jsonreport import load_findings

DATA = Path(__file__).resolve().parent / "data" / "report"


def sample_findings() -> list[Finding]:
    """The findings of ``tests/data/report/report.json`` (hand-written), finalized."""
    document = json.loads((DATA / "report.json").read_text(encoding="utf-8"))
    return finalize(load_findings(document))


def flag(text: str, *, line: int = 10, doc: str = "a", section: str | None = "S", **kw) -> Finding:
    return Finding(
        rule=kw.pop("rule", "citation-needed"),
        category=kw.pop("category", Category.FLAG),
        severity=kw.pop("severity", Severity.WARNING),
        path=kw.pop("path", f"docs/{doc}.rst"),
        line=line,
        message=kw.pop("message", "claim has no source: cite a reliable source"),
        text=text,
        doc=doc,
        section=section,
        **kw,
    )
