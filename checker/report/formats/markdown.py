"""A Markdown summary for ``$GITHUB_STEP_SUMMARY`` or a merge-request comment.

Totals first (with a baseline: new, known, resolved by a citation, fixed,
removed -- deletions are never counted as fixes), then counts by rule and by
section, then the new findings and the progress, each list capped so a large
report stays readable.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...findings import Finding
from ..view import ReportView, location

LIST_LIMIT = 50


def _cell(text: str) -> str:
    """Table-cell safe: no pipes, no line breaks, no stray markup."""
    flat = " ".join(text.split())
    for char in "\\|*_`[]<>":
        flat = flat.replace(char, f"\\{char}")
    return flat


def _table(header: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> list[str]:
    # text columns left, the count (last column) right
    align = [" --- "] * (len(header) - 1) + [" ---: "]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _items(findings: Iterable[Finding]) -> list[str]:
    items = list(findings)
    lines = [
        f"- `{location(f)}` **{f.rule}** {_cell(f.text) or _cell(f.message)}"
        for f in items[:LIST_LIMIT]
    ]
    if len(items) > LIST_LIMIT:
        lines.append(f"- … and {len(items) - LIST_LIMIT} more")
    return [*lines, ""]


def render(view: ReportView) -> str:
    lines = ["## Citation report", ""]
    if view.verdict is not None:
        if view.verdict.failed:
            lines += [f"**Fails the policy:** {_cell('; '.join(view.verdict.reasons))}", ""]
        else:
            lines += ["**Passes the policy.**", ""]
    totals: list[tuple[object, ...]] = [("findings", len(view.findings))]
    if view.comparison is not None:
        c = view.comparison.counts
        totals += [
            ("new", c["new"]),
            ("known (in the baseline)", c["known"]),
            ("resolved by a citation", c["resolved"]),
            ("fixed", c["fixed"]),
            ("removed (claim deleted, not a fix)", c["removed"]),
        ]
    lines += _table(("", "count"), totals)
    if view.findings:
        lines += ["### By rule", ""]
        lines += _table(("rule", "findings"), view.count_by_rule().items())
        lines += ["### By section", ""]
        lines += _table(
            ("document", "section", "findings"),
            ((_cell(doc), _cell(section) or "–", n) for doc, section, n in view.count_by_section()),
        )
    if view.comparison is not None:
        new = [f for f in view.findings if view.is_new(f)]
        for title, group in (
            ("New", new),
            ("Resolved by a citation", view.comparison.resolved),
            ("Fixed", view.comparison.fixed),
            ("Removed (not counted as fixed)", view.comparison.removed),
        ):
            if group:
                lines += [f"### {title} ({len(group)})", "", *_items(group)]
    return "\n".join(lines).rstrip("\n") + "\n"
