"""The citation report page: findings -> summary line, chart, grouped table, plug-in sections.

Pure node building from the project index; :mod:`.resolve` decides where it
goes and supplies the link function (``builder.get_relative_uri`` under the
hood, ``None`` when the builder has no URIs).

Other checks extend the page without touching this module:
:func:`register_report_section` adds a section after the table (say, claims a
model thinks need a citation), :func:`register_row_extra` adds nodes to each
finding's claim cell (say, candidate sources).  Both receive a
:class:`ReportContext`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from docutils import nodes

from ...findings import Category, Finding
from ..collect.roles import describe_date
from ..index import row_id
from .chart import bar_chart

if TYPE_CHECKING:
    from docutils.nodes import Node

    from ..index import ProjectIndex

#: ``(docname, anchor or None) -> uri or None``
LinkFn = Callable[[str, str | None], str | None]


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What the report page is built from: the index, and links from the report page."""

    index: ProjectIndex
    link: LinkFn
    today: dt.date
    group: str  #: ``section``, ``rule`` or ``doc``
    spans: bool = True  #: whether the output format can span table cells

    def section_uri(self, doc: str | None, title: str | None) -> str | None:
        """The section ``title`` of ``doc`` (or the page when unknown)."""
        if doc is None:
            return None
        return self.link(doc, self.index.section_anchor(doc, title))

    def entry_uri(self, key: str) -> str | None:
        """Where a bibliography lists the entry ``key``, if one does."""
        found = self.index.entries.anchors.get(key)
        return self.link(*found) if found else None

    def row_uri(self, finding: Finding) -> str | None:
        """The finding's row on the report page (for sections that refer to rows)."""
        report = self.index.report_doc
        return self.link(report, row_id(finding)) if report else None


P = TypeVar("P")

#: a section after the table: ``context -> nodes`` (nothing when it has nothing to say)
ReportSection = Callable[[ReportContext], list["Node"]]
#: more in a finding's claim cell: ``(finding, context) -> nodes``
RowExtra = Callable[[Finding, ReportContext], list["Node"]]


class _Plugins(Generic[P]):
    """Callables other checks add to every report page, in the order added, each once."""

    def __init__(self) -> None:
        self.items: list[P] = []

    def add(self, item: P) -> P:
        if item not in self.items:
            self.items.append(item)
        return item

    def remove(self, item: P) -> None:
        self.items[:] = [i for i in self.items if i is not item]


_SECTIONS: _Plugins[ReportSection] = _Plugins()
_ROW_EXTRAS: _Plugins[RowExtra] = _Plugins()

#: add a section to every report page, after the table: ``register_report_section(fn)``
register_report_section = _SECTIONS.add
#: rules whose findings a plug-in section shows instead of the table, summary and chart
OWN_SECTION_RULES: set[str] = set()
unregister_report_section = _SECTIONS.remove
#: add nodes to each finding's claim cell on the report page: ``register_row_extra(fn)``
register_row_extra = _ROW_EXTRAS.add
unregister_row_extra = _ROW_EXTRAS.remove


#: claims longer than this are cut on the page (the JSON keeps them whole)
MAX_CLAIM = 300

COLUMNS = (("Rule", 14), ("Section", 18), ("Claim", 44), ("Since", 16), ("Location", 18))


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def age(date: str | None, today: dt.date) -> str:
    """``2010-07`` seen on 2026-01-15 -> ``15 years``; ``""`` without a date."""
    if not date:
        return ""
    parts = [int(p) for p in date.split("-")]
    year, month, day = [*parts, 1, 1][:3]
    months = (today.year - year) * 12 + today.month - month - (1 if day > today.day else 0)
    if months < 0:
        return ""
    if months >= 12:
        return _plural(months // 12, "year")
    return _plural(months, "month") if months else "less than a month"


def summary(findings: list[Finding]) -> str:
    """ "28 flagged claims in 14 sections; 3 sections need more citations; oldest ..."."""
    if not findings:
        return "No findings: every claim checked has a source."
    flags = [f for f in findings if f.category is Category.FLAG]
    banners = [f for f in findings if f.category is Category.BANNER]
    others = len(findings) - len(flags) - len(banners)
    parts = []
    if flags:
        sections = {(f.doc, f.section) for f in flags}
        parts.append(
            f"{_plural(len(flags), 'flagged claim')} in {_plural(len(sections), 'section')}"
        )
    if banners:
        verb = "needs" if len(banners) == 1 else "need"
        parts.append(f"{_plural(len(banners), 'section')} {verb} more citations")
    dated = [f.date for f in (*flags, *banners) if f.date]
    if dated:
        parts.append(f"oldest open since {describe_date(min(dated))}")
    if others:
        parts.append(_plural(others, "other finding"))
    return "; ".join(parts) + "."


def _group_key(finding: Finding, group: str) -> tuple[str, str | None]:
    if group == "rule":
        return (finding.rule, None)
    if group == "doc":
        return (finding.path, finding.doc)
    return (finding.section or finding.path, finding.doc)


def _link(text: Node | str, uri: str | None, classes: Iterable[str] = ()) -> Node:
    child = nodes.Text(text) if isinstance(text, str) else text
    if uri is None:
        return nodes.inline("", "", child, classes=list(classes))
    return nodes.reference("", "", child, internal=True, refuri=uri, classes=list(classes))


def _cell(*children: Node) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", *children))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CLAIM else text[: MAX_CLAIM - 1] + "…"


class ReportBuilder:
    """Builds the report nodes for one page."""

    def __init__(self, context: ReportContext) -> None:
        self.context = context
        self.link = context.link
        self.group = context.group
        self.spans = context.spans

    def ordered(self) -> list[Finding]:
        """The findings as the article reads: documents in toctree order, as the text report."""
        rank = {doc: i for i, doc in enumerate(self.context.index.doc_order)}
        shown = [f for f in self.context.index.findings if f.rule not in OWN_SECTION_RULES]
        return sorted(shown, key=lambda f: rank.get(f.doc or "", len(rank)))

    @property
    def columns(self) -> tuple[tuple[str, int], ...]:
        # grouped by section, the group row names and links the section already
        if self.group == "section":
            return tuple(c for c in COLUMNS if c[0] != "Section")
        return COLUMNS

    def build(self) -> list[Node]:
        """The summary line, a chart and one table (a heading row per group, a row per
        finding), then the plug-in sections."""
        findings = self.ordered()
        result: list[Node] = [nodes.paragraph("", summary(findings), classes=["citecheck-summary"])]
        if findings:
            result.extend(self.tables(findings))
        for section in _SECTIONS.items:
            result.extend(section(self.context))
        return result

    def tables(self, findings: list[Finding]) -> list[Node]:
        result: list[Node] = []
        groups: dict[tuple[str, str | None], list[Finding]] = {}
        for finding in findings:
            groups.setdefault(_group_key(finding, self.group), []).append(finding)
        claims = (Category.FLAG, Category.BANNER)
        bars = [
            (title, self.group_uri(doc, items), sum(f.category in claims for f in items))
            for (title, doc), items in groups.items()
        ]
        others = [len(items) - bar[2] for bar, items in zip(bars, groups.values(), strict=True)]
        result.append(bar_chart(bars, self.group.capitalize(), others))
        # the given widths (claim column widest) hold in LaTeX and HTML, not auto-sized
        table = nodes.table("", classes=["citecheck-report", "colwidths-given"])
        tgroup = nodes.tgroup("", cols=len(self.columns))
        table += tgroup
        tgroup.extend(nodes.colspec(colwidth=width) for _, width in self.columns)
        tgroup += nodes.thead("", nodes.row("", *(_cell(nodes.Text(n)) for n, _ in self.columns)))
        body = nodes.tbody()
        tgroup += body
        for (title, doc), items in groups.items():
            body += self.group_row(title, doc, items)
            body.extend(self.row(finding) for finding in items)
        result.append(table)
        return result

    def group_uri(self, doc: str | None, items: list[Finding]) -> str | None:
        """Where a group's heading points: its section, or its page."""
        if self.group == "section" and doc is not None:
            return self.context.section_uri(doc, items[0].section)
        if self.group == "doc" and doc is not None:
            return self.link(doc, None)
        return None

    def group_row(self, title: str, doc: str | None, items: list[Finding]) -> nodes.row:
        uri = self.group_uri(doc, items)
        text = (
            f" — {items[0].path} ({len(items)})"
            if self.group == "section"
            else (f" ({len(items)})")
        )
        cell = _cell(_link(title, uri), nodes.Text(text))
        if not self.spans:  # e.g. man pages: the heading fills the first cell only
            rest = [_cell() for _ in self.columns[1:]]
            return nodes.row("", cell, *rest, classes=["citecheck-group"])
        cell["morecols"] = len(self.columns) - 1
        return nodes.row("", cell, classes=["citecheck-group"])

    def row(self, f: Finding) -> nodes.row:
        row = nodes.row("", ids=[row_id(f)], classes=[f"citecheck-{f.category.value}"])
        row += _cell(nodes.Text(f.rule))
        if self.group != "section":
            row += _cell(_link(f.section or "—", self.context.section_uri(f.doc, f.section)))
        anchor = f.data.get("anchor") if f.data else None
        if f.doc:
            section = self.context.index.section_anchor(f.doc, f.section)
            claim_uri = self.link(f.doc, anchor or section)
        else:  # a .bib entry: link to where a bibliography lists it
            key = f.data.get("key") if f.data else None
            claim_uri = self.context.entry_uri(str(key)) if key else None
        claim = [_link(_short(f.text) or f.message, claim_uri, ["citecheck-backlink"])]
        if f.category not in (Category.FLAG, Category.BANNER) and f.text:
            claim.append(nodes.inline("", f" — {f.message}", classes=["citecheck-message"]))
        for extra in _ROW_EXTRAS.items:
            claim.extend(extra(f, self.context))
        row += _cell(*claim)
        when = "—"
        if f.date:
            since = age(f.date, self.context.today)
            when = f"{describe_date(f.date)} ({since})" if since else describe_date(f.date)
        row += _cell(nodes.Text(when))
        row += _cell(nodes.Text(f"{f.path}:{f.line}" if f.line is not None else f.path))
        return row
