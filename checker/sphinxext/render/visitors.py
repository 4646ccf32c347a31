"""Visitors for every builder: HTML, LaTeX, text, man and Texinfo.

HTML and LaTeX get the superscript label and a framed banner; the plain
formats degrade to the bracketed label in running text (the label node's
own text), reusing the translators' inline, container and admonition code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import texescape

from .. import nodes as cc

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _inline(self: Any, node: nodes.Element) -> None:
    self.visit_inline(node)


def _inline_end(self: Any, node: nodes.Element) -> None:
    self.depart_inline(node)


def _container(self: Any, node: nodes.Element) -> None:
    self.visit_container(node)


def _container_end(self: Any, node: nodes.Element) -> None:
    self.depart_container(node)


def _admonition(self: Any, node: nodes.Element) -> None:
    self.visit_admonition(node)


def _admonition_end(self: Any, node: nodes.Element) -> None:
    self.depart_admonition(node)


def _nothing(self: Any, node: nodes.Element) -> None:
    pass


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


# -- HTML


def html_sup(self: Any, node: nodes.Element) -> None:
    attrs = {"title": node["title"]} if node.get("title") else {}
    self.body.append(self.starttag(node, "sup", "", **attrs))


def html_sup_end(self: Any, node: nodes.Element) -> None:
    self.body.append("</sup>")


# -- LaTeX


def latex_sup(self: Any, node: nodes.Element) -> None:
    self.body.append(self.hypertarget_to(node) + r"\textsuperscript{")


def latex_sup_end(self: Any, node: nodes.Element) -> None:
    self.body.append("}")


def latex_banner(self: Any, node: nodes.Element) -> None:
    """A framed note, like ``sphinx.ext.todo``'s: the title becomes the admonition's heading."""
    title = texescape.escape(node[0].astext(), self.config.latex_engine)
    self.body.append("\n\\begin{sphinxadmonition}{warning}{")
    self.body.append(self.hypertarget_to(node))
    self.body.append(f"{title}:}}")
    self.no_latex_floats += 1
    if self.table:
        self.table.has_problematic = True
    node.pop(0)


def latex_banner_end(self: Any, node: nodes.Element) -> None:
    self.body.append("\\end{sphinxadmonition}\n")
    self.no_latex_floats -= 1


PLAIN = ("text", "man", "texinfo")


def register_nodes(app: Sphinx) -> None:
    # override is spelled out in every call: otherwise mypy matches the
    # **dict of plain-builder visitors against add_node's bool parameter too
    plain_inline = dict.fromkeys(PLAIN, (_inline, _inline_end))
    app.add_node(
        cc.citecheck_claim,
        override=False,
        html=(_inline, _inline_end),
        latex=(_inline, _inline_end),
        **plain_inline,
    )
    app.add_node(
        cc.citecheck_sup,
        override=False,
        html=(html_sup, html_sup_end),
        latex=(latex_sup, latex_sup_end),
        **dict.fromkeys(PLAIN, (_nothing, _nothing)),
    )
    app.add_node(
        cc.citecheck_banner,
        override=False,
        html=(_admonition, _admonition_end),
        latex=(latex_banner, latex_banner_end),
        **dict.fromkeys(PLAIN, (_admonition, _admonition_end)),
    )
    app.add_node(
        cc.citecheck_note,
        override=False,
        html=(_container, _container_end),
        latex=(_container, _container_end),
        **dict.fromkeys(PLAIN, (_container, _container_end)),
    )
    app.add_node(
        cc.citecheck_backrefs,
        override=False,
        html=(_inline, _inline_end),
        latex=(_inline, _inline_end),
        **plain_inline,
    )
    app.add_node(
        cc.citation_report,
        override=False,
        html=(_skip, None),
        latex=(_skip, None),
        **dict.fromkeys(PLAIN, (_skip, None)),
    )
