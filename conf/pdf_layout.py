"""Shape the one-volume PDF: the report as an appendix, no empty chapters, listed short citations.

A local extension of this project's conf/ (not part of citecheck): it only
acts when the LaTeX builder runs, and only moves or re-dresses nodes.

- Pages named in ``latex_appendices`` are also in the root toctree (the HTML
  sidebar needs them there); they are taken out of the LaTeX toctree so they
  appear once, after ``\\appendix``.
- Sphinx's LaTeX writer drops footnotes that nothing references, and the
  References page is a list of exactly such footnotes (the flattened article
  lost the markers): they become a numbered list instead.
- The LaTeX writer gathers every bibliography at the end of the book
  (sphinx#4775), which leaves a page that held only a bibliography (or only a
  comment) as an empty chapter: such chapters are dropped.
- The LaTeX writer writes no ``\\label`` for the ids of table rows, inline
  spans, containers and bibliography entries, so links to them (a flag to its
  report row, the row back to its claim, a note marker to its note, an
  author-year citation to its entry) would point nowhere in the PDF: each such
  id gets an anchor of the name Sphinx's own links use.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import tex_replace_map

#: what may stand beside a page's title without making the chapter worth keeping
_FURNITURE = (nodes.title, nodes.target, nodes.comment, nodes.system_message, addnodes.index)


def _drop_appendices_from_toctree(app: Sphinx, doctree: nodes.document) -> None:
    if app.builder.name != "latex":
        return
    appendices = set(app.config.latex_appendices)
    for toctree in doctree.findall(addnodes.toctree):
        toctree["entries"] = [e for e in toctree["entries"] if e[1] not in appendices]
        toctree["includefiles"] = [d for d in toctree["includefiles"] if d not in appendices]


def _furniture(node: nodes.Node) -> bool:
    """A title, target or comment, or a container they alone fill (a bibliography emptied)."""
    if isinstance(node, _FURNITURE):
        return True
    return isinstance(node, nodes.container) and all(_furniture(c) for c in node.children)


class FootnoteListTransform(SphinxPostTransform):
    """Unreferenced footnotes -> an enumerated list, numbered by their labels."""

    builders = ("latex",)
    default_priority = 550  # before Sphinx's LaTeXFootnoteTransform (600) removes them

    def run(self, **kwargs: Any) -> None:
        for footnote in list(self.document.findall(nodes.footnote)):
            if footnote.get("backrefs") or footnote.parent is None:
                continue
            label = footnote[0].astext() if isinstance(footnote[0], nodes.label) else ""
            item = nodes.list_item("", *footnote.children[1:], ids=footnote["ids"])
            previous = footnote.previous_sibling()
            if (
                isinstance(previous, nodes.enumerated_list)
                and "footnote-list" in previous["classes"]
            ):
                previous += item
                footnote.parent.remove(footnote)
                continue
            listing = nodes.enumerated_list("", item, enumtype="arabic", classes=["footnote-list"])
            listing["prefix"], listing["suffix"] = "", "."
            if label.isdigit() and label != "1":
                listing["start"] = int(label)
            footnote.replace_self(listing)


class EmptyChapterTransform(SphinxPostTransform):
    """Drop an included page whose section holds nothing but its title once citations moved."""

    builders = ("latex",)
    default_priority = 760  # after Sphinx's BibliographyTransform (750)

    def run(self, **kwargs: Any) -> None:
        for start in list(self.document.findall(addnodes.start_of_file)):
            sections = [c for c in start.children if isinstance(c, nodes.section)]
            others = [c for c in start.children if not isinstance(c, (nodes.section, *_FURNITURE))]
            if len(sections) != 1 or others:
                continue
            if all(_furniture(child) for child in sections[0].children):
                start.parent.remove(start)


#: elements whose ids the LaTeX writer does not turn into labels
_UNLABELLED = (nodes.row, nodes.inline, nodes.container, nodes.citation)


def _anchor(docname: str, node_id: str) -> nodes.raw:
    """``\\phantomsection\\label{doc:id}``, escaped as the LaTeX writer's ``idescape`` does."""
    name = f"{docname}:{node_id}".translate(tex_replace_map)
    name = name.encode("ascii", "backslashreplace").decode("ascii").replace("\\", "_")
    return nodes.raw("", rf"\phantomsection\label{{\detokenize{{{name}}}}}", format="latex")


def _add_anchors(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give rows, spans, containers and bibliography entries the anchors links expect.

    On ``doctree-resolved`` (late), because the citation report's table is only
    made there, by citecheck's own handler.
    """
    if app.builder.name != "latex":
        return
    root = app.config.root_doc
    for node in list(doctree.findall(nodes.Element)):
        if not isinstance(node, _UNLABELLED) or not node["ids"]:
            continue
        if node.get("literal_block") or any(isinstance(a, nodes.title) for a in _up(node)):
            continue  # code-block captions are labelled; titles are moving arguments
        page = node.get("docname") if isinstance(node, nodes.citation) else None
        _place(node, [_anchor(page or _docname(node, root), node_id) for node_id in node["ids"]])


def _up(node: nodes.Node) -> list[nodes.Node]:
    parents = []
    while node.parent is not None:
        node = node.parent
        parents.append(node)
    return parents


def _docname(node: nodes.Node, root: str) -> str:
    """The page a node came from, else the root page.

    Sphinx marks the sections of each page it inlines (and an appendix's
    document) with ``docname``; the parent links of inlined nodes may still
    point at their own page's document, so the nearest marked ancestor counts.
    """
    for parent in _up(node):
        if isinstance(parent, nodes.Element) and parent.get("docname"):
            return parent["docname"]
    return root


def _place(node: nodes.Element, anchors: list[nodes.raw]) -> None:
    """Where the anchor can stand: in a row's first cell, after an entry's label, or first."""
    if isinstance(node, nodes.row):
        node = node[0] if len(node) else node
    if isinstance(node, nodes.citation):
        paragraph = node.next_node(nodes.paragraph)
        if paragraph is not None:
            paragraph[0:0] = anchors
        return
    target = node[0] if len(node) and isinstance(node[0], nodes.paragraph) else node
    target[0:0] = anchors


def setup(app: Sphinx) -> dict[str, Any]:
    # after the toctree collector has noted the page (no "not in any toctree" warning)
    app.connect("doctree-read", _drop_appendices_from_toctree, priority=900)
    app.add_post_transform(FootnoteListTransform)
    app.add_post_transform(EmptyChapterTransform)
    app.connect("doctree-resolved", _add_anchors, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
