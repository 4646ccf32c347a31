"""A small bar chart of findings per group (section, page or rule) for the report page.

Drawn at build time with no script: a table whose count cell holds a
:class:`citecheck_bar` -- an HTML ``<span>`` sized in per cent of the
largest group, a LaTeX ``\\rule`` of proportional length, nothing in
plain-text formats (the number is there).  The bars count the claims that
need a source (flags and banners); the other findings of a group (reference
problems, mostly in one bibliography file) are a number beside them, so a
long .bib does not shrink every section's bar to nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: the longest bar: per cent of its cell in HTML, em in LaTeX
HTML_MAX = 85
LATEX_MAX_EM = 8


class citecheck_bar(nodes.Inline, nodes.Element):
    """One bar; ``share`` is its length as a fraction of the longest (0 < share <= 1)."""


def bar_chart(
    groups: list[tuple[str, str | None, int]], heading: str, others: list[int] | None = None
) -> nodes.table:
    """``[(title, uri or None, claims), ...]`` and each group's count of other findings
    -> a table with one row per group, in order, and a bar per group with claims."""
    others = others if others is not None else [0] * len(groups)
    top = max((count for _, _, count in groups), default=0) or 1
    table = nodes.table("", classes=["citecheck-chart"])
    show_others = any(others)
    tgroup = nodes.tgroup("", cols=3 if show_others else 2)
    table += tgroup
    tgroup += [nodes.colspec(colwidth=36), nodes.colspec(colwidth=16)]
    titles = [heading, "Claims needing a source"]
    if show_others:
        tgroup += nodes.colspec(colwidth=10)
        titles.append("Other findings")
    tgroup += nodes.thead("", nodes.row("", *(_cell(nodes.Text(t)) for t in titles)))
    body = nodes.tbody()
    tgroup += body
    for (title, uri, count), other in zip(groups, others, strict=True):
        label: nodes.Node = nodes.Text(title)
        if uri is not None:
            label = nodes.reference("", "", label, internal=True, refuri=uri)
        bar = [citecheck_bar("", share=count / top), nodes.Text(str(count))] if count else []
        row = nodes.row("", _cell(label), _cell(*bar))
        if show_others:
            row += _cell(nodes.Text(str(other))) if other else _cell()
        body += row
    return table


def _cell(*children: nodes.Node) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", *children))


def _html_bar(self: Any, node: citecheck_bar) -> None:
    width = max(1, round(node["share"] * HTML_MAX))
    self.body.append(
        f'<span class="citecheck-bar" style="width: {width}%" aria-hidden="true"></span>'
    )
    raise nodes.SkipNode


def _latex_bar(self: Any, node: citecheck_bar) -> None:
    length = max(0.2, round(node["share"] * LATEX_MAX_EM, 2))
    self.body.append(rf"\textcolor{{sphinxwarningBorderColor}}{{\rule{{{length}em}}{{1.2ex}}}}\ ")
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    app.add_node(
        citecheck_bar,
        override=False,  # spelled out so mypy maps the **dict below to visitors only
        html=(_html_bar, None),
        latex=(_latex_bar, None),
        **dict.fromkeys(("text", "man", "texinfo"), (_skip, None)),
    )
