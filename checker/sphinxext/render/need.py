"""Render ``likely-needs-citation``: its own report-page section, and an optional HTML mark.

The report page lists these findings apart from the tagged gaps (the table,
summary and chart leave them out), highest score first. With
``citecheck_need_mark = True`` an HTML page wraps each such sentence in a span
with a faint underline and its score on hover; other formats are untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ...need import RULE
from ...need import finding_score as score_of
from ..check.need import anchor_of, paragraph_text, prose_paragraphs
from ..index import current_index
from .reportpage import OWN_SECTION_RULES, ReportContext, register_report_section

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ...findings import Finding

MARKED = "need-marked"  #: index extra: whether this build's pages carry the marks
TITLE = "Sentences that may need a source"
HOVER = "may need a source (score {score:.2f})"


class citecheck_likely(nodes.inline):
    """A sentence the model thinks needs a source (HTML only). Attribute: ``title``."""


def _html_likely(self: Any, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "span", "", title=node["title"]))


def _html_likely_end(self: Any, node: nodes.Element) -> None:
    self.body.append("</span>")


def _inline(self: Any, node: nodes.Element) -> None:
    self.visit_inline(node)


def _inline_end(self: Any, node: nodes.Element) -> None:
    self.depart_inline(node)


def likely(findings: list[Finding]) -> list[Finding]:
    """This rule's findings, highest score first (then in reading order)."""
    return sorted((f for f in findings if f.rule == RULE), key=lambda f: -score_of(f))


def report_section(ctx: ReportContext) -> list[nodes.Node]:
    found = likely(ctx.index.findings)
    if not found:
        return []
    marked = bool(ctx.index.extras.get(MARKED, False))
    result: list[nodes.Node] = [
        nodes.rubric("", TITLE, classes=["citecheck-likely-title"]),
        nodes.paragraph(
            "",
            f"{len(found)} sentence{'s' * (len(found) != 1)} without a citation, footnote or "
            "tag read like claims that need a source, highest score first "
            "(likely-needs-citation; not counted above).",
        ),
    ]
    items = nodes.enumerated_list("", classes=["citecheck-likely-list"])
    for f in found:
        anchor = anchor_of(f) if marked else ctx.index.section_anchor(f.doc, f.section)
        uri = ctx.link(f.doc, anchor) if f.doc else None
        text: nodes.Node = nodes.Text(f.text)
        claim = nodes.reference("", "", text, refuri=uri, internal=True) if uri else text
        where = f"{f.path}:{f.line}" if f.line is not None else f.path
        para = nodes.paragraph(
            "",
            "",
            nodes.strong("", f"{score_of(f):.2f}"),
            nodes.Text(" "),
            claim,
            nodes.Text(f" — {f.section + ', ' if f.section else ''}{where}"),
        )
        items += nodes.list_item("", para)
    result.append(items)
    return result


def mark_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: underline this page's likely sentences (HTML, when asked)."""
    if app.builder.format != "html" or not app.config.citecheck_need_mark:
        return
    index = current_index(app)
    if index is None:
        return
    wanted = {
        " ".join(f.text.split()): f for f in index.findings if f.rule == RULE and f.doc == docname
    }
    if not wanted:
        return
    is_root = docname == app.config.root_doc
    for paragraph, _ in list(prose_paragraphs(doctree, is_root)):
        _mark_paragraph(paragraph, wanted)


def _mark_paragraph(paragraph: nodes.paragraph, wanted: dict[str, Finding]) -> None:
    from ...need.sentences import split_sentences

    text, pieces = paragraph_text(paragraph)
    spans: dict[int, list[tuple[int, int, Finding]]] = {}
    for sentence in split_sentences(text):
        finding = wanted.get(sentence.text)
        if finding is None:
            continue
        for i, (node, start) in enumerate(pieces):
            a = max(sentence.start, start)
            b = min(sentence.end, start + len(node.astext()))
            if a < b:
                spans.setdefault(i, []).append((a - start, b - start, finding))
    for i, ranges in spans.items():
        node, _ = pieces[i]
        _wrap(node, ranges)


def _wrap(node: nodes.Text, ranges: list[tuple[int, int, Finding]]) -> None:
    """Replace a Text node by its pieces, the ranges wrapped in marks."""
    value = node.astext()
    parts: list[nodes.Node] = []
    pos = 0
    for a, b, finding in sorted(ranges, key=lambda r: r[0]):
        if a > pos:
            parts.append(nodes.Text(value[pos:a]))
        mark = citecheck_likely(
            "",
            value[a:b],
            classes=["citecheck-likely"],
            title=HOVER.format(score=score_of(finding)),
        )
        if a == min(r[0] for r in ranges if r[2] is finding):
            mark["ids"] = [anchor_of(finding)]
        parts.append(mark)
        pos = b
    if pos < len(value):
        parts.append(nodes.Text(value[pos:]))
    node.parent.replace(node, parts)


def marks_wanted(app: Sphinx, index: object) -> bool:
    """Index extension: the marks (and so their anchors) exist only in HTML, when asked."""
    return bool(app.config.citecheck_need_mark) and app.builder.format == "html"


def register(app: Sphinx) -> None:
    app.add_node(
        citecheck_likely,
        override=False,
        html=(_html_likely, _html_likely_end),
        latex=(_inline, _inline_end),
        text=(_inline, _inline_end),
        man=(_inline, _inline_end),
        texinfo=(_inline, _inline_end),
    )
    OWN_SECTION_RULES.add(RULE)
    register_report_section(report_section)
    app.connect("doctree-resolved", mark_page, priority=600)
