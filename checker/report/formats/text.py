"""The human report: findings grouped by document and section, a summary line last.

Colour (ANSI) only when asked -- the command asks on a terminal without
``NO_COLOR`` -- so piped output and files stay plain.
"""

from __future__ import annotations

from itertools import groupby

from ...findings import Finding, Severity
from ..baseline import Status
from ..view import ReportView, doc_label

_RESET = "\x1b[0m"
_STYLE = {
    Severity.ERROR: "\x1b[31;1m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
    "heading": "\x1b[1m",
    "dim": "\x1b[2m",
    "new": "\x1b[35;1m",
    "good": "\x1b[32m",
    "fail": "\x1b[31;1m",
}


class _Paint:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, style: str | Severity, text: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if self.color else text


def render(view: ReportView, *, color: bool = False) -> str:
    paint = _Paint(color)
    lines: list[str] = []
    # sorted by document (reading order), then line: each document is one run
    for doc, in_doc in groupby(view.in_reading_order(), key=doc_label):
        items = list(in_doc)
        heading = doc if doc == items[0].path else f"{doc} ({items[0].path})"
        lines.append(paint("heading", heading))
        for section, in_section in groupby(items, key=lambda f: f.section or ""):
            lines.append(f"  § {section}" if section else "  (before the first section)")
            lines.extend(_finding_lines(f, view, paint) for f in in_section)
        lines.append("")
    if view.comparison is not None:
        c = view.comparison
        for title, gone, style in (
            ("Resolved by a citation", c.resolved, "good"),
            ("Fixed", c.fixed, "good"),
            ("Removed (claim deleted; not counted as fixed)", c.removed, "dim"),
        ):
            if gone:
                lines.append(paint(style, f"{title} ({len(gone)}):"))
                lines.extend(f"  {_where(f)}  {f.rule}  {_quote(f.text)}" for f in gone)
                lines.append("")
    if view.verdict is not None:
        lines.extend(paint("fail", f"fails: {reason}") for reason in view.verdict.reasons)
    summary = view.summary_line()
    if view.verdict is not None:
        summary = paint("fail" if view.verdict.failed else "good", summary)
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _finding_lines(finding: Finding, view: ReportView, paint: _Paint) -> str:
    mark = ""
    if view.status(finding) is Status.NEW:
        mark = " " + paint("new", "[new]")
    line = "-" if finding.line is None else str(finding.line)
    severity = paint(finding.severity, f"{finding.severity.value:<7}")
    head = f"    {line:>5}  {severity}  {finding.rule}{mark}"
    body = "           " + " ".join(finding.message.split())
    if finding.text:
        head += f"  {_quote(finding.text)}"
    if finding.date:
        body += paint("dim", f" (flagged {finding.date})")
    return f"{head}\n{body}"


def _where(finding: Finding) -> str:
    return finding.path if finding.line is None else f"{finding.path}:{finding.line}"


def _quote(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1] + '…'}”"
