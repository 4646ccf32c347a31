"""``doctree-resolved``: the one handler that gives each page what needs the whole project.

Runs for each page as it is written, after the merge (in a parallel write, in
a worker that inherited the main process's index).  It reads the
:class:`~checker.sphinxext.index.ProjectIndex` once and links flags to their
report rows, note markers to their notes and back, counts each banner's
flags, marks bibliography entries that have problems, and fills the report
page.  A page with nothing of ours is left at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri

from .. import nodes as cc
from ..config import today_of
from ..index import current_index
from .bibmarks import mark_entries
from .reportpage import ReportBuilder, ReportContext

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..index import ProjectIndex


LINKED_FORMATS = frozenset({"html", "latex"})
#: formats whose writers can span table cells (the report's group headings)
SPANNING_FORMATS = frozenset({"html", "latex", "text"})

#: ``(docname, anchor or None) -> uri`` from the page being written, None without URIs
UriFn = Callable[[str, str | None], str | None]


def page_uri(app: Sphinx, here: str) -> UriFn:
    """URIs from page ``here`` to ``doc#anchor``; None when the builder has none (NoUri)."""

    def uri(doc: str, anchor: str | None) -> str | None:
        try:
            base = app.builder.get_relative_uri(here, doc)
        except NoUri:
            return None
        if anchor is None:
            return base
        if "#" in base:  # single-page builders address documents by anchors already
            return f"#{anchor}"
        return f"{base}#{anchor}"

    return uri


class _Page:
    """One page being resolved: the index, and how to link from this page."""

    def __init__(self, app: Sphinx, index: ProjectIndex, docname: str) -> None:
        self.app = app
        self.index = index
        self.docname = docname
        self.uri = page_uri(app, docname)
        #: plain formats show labels as bare text: a man page would print their URIs
        self.link_labels = app.builder.format in LINKED_FORMATS

    def flag(self, label: cc.citecheck_sup) -> None:
        """Link a ``[citation needed]`` label to its row on the report page."""
        report_doc = self.index.report_doc
        if report_doc is None or not self.link_labels:
            return
        row = self.index.rows.get((label["docname"], label["anchor"]))
        uri = self.uri(report_doc, row) if row else None
        if uri is not None:
            _wrap_children(label, uri)

    def marker(self, node: cc.citecheck_sup) -> None:
        """Link a note marker ``[a]`` to its note, wherever that is."""
        note = self.index.notes.get(node["label"])
        if note is None:
            node["classes"].append("citecheck-missing")
        elif self.link_labels:
            uri = self.uri(note.where.doc or "", note.anchor)
            if uri is not None:
                _wrap_children(node, uri)

    def note(self, note_node: cc.citecheck_note) -> None:
        """Fill a note's back-links: one per marker of its label, in document order."""
        backrefs = next(iter(note_node.findall(cc.citecheck_backrefs)), None)
        found = self.index.markers.get(note_node["label"], [])
        if not found:
            note_node["classes"].append("citecheck-orphan")
        if backrefs is None:
            return
        for i, (doc, anchor) in enumerate(found):
            text = "↑" if len(found) == 1 else f"↑{i + 1}"
            uri = self.uri(doc, anchor)
            if i:
                backrefs += nodes.Text(" ")
            if uri is None:
                backrefs += nodes.Text(text)
            else:
                backrefs += nodes.reference("", text, internal=True, refuri=uri)

    def banner(self, node: cc.citecheck_banner) -> None:
        """Say how many flags the banner's section (or the whole article) holds."""
        key = (node["docname"], node["ids"][0] if node["ids"] else "")
        record = self.index.banners.get(key)
        if record is None:
            return
        count = self.index.banner_counts.get(key, 0)
        noun = "claim" if count == 1 else "claims"
        text = (
            f"{count} flagged {noun} in this {record.scope}."
            if count
            else f"No claim in this {record.scope} is flagged yet."
        )
        counter = nodes.inline(text, text, classes=["citecheck-banner-count", "no-search"])
        para = next(
            (p for p in node.findall(nodes.paragraph) if "citecheck-banner-text" in p["classes"]),
            None,
        )
        if para is None:
            node += nodes.paragraph("", "", counter)
        else:
            para += [nodes.Text(" "), counter]

    def report(self, node: cc.citation_report) -> None:
        config = self.app.config
        context = ReportContext(
            self.index,
            self.uri,
            today_of(config),
            config.citecheck_report_group,
            spans=self.app.builder.format in SPANNING_FORMATS,
        )
        node.replace_self(ReportBuilder(context).build())


def _wrap_children(node: nodes.Element, uri: str) -> None:
    link = nodes.reference("", "", *node.children, internal=True, refuri=uri)
    node.children = []
    node += link


_OURS = (cc.citecheck_sup, cc.citecheck_note, cc.citecheck_banner, cc.citation_report)


def _ours(node: nodes.Node) -> bool:
    return isinstance(node, _OURS)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """One walk over the page: every node of ours gets its cross-document links."""
    index = current_index(app)
    if index is None:  # a build that read nothing of ours (the extension loaded late)
        return
    assembled = hasattr(app.builder, "assemble_doctree")  # LaTeX & co.: one tree, many docs
    if not assembled and docname not in index.rendered_docs and docname not in index.entries.docs:
        return
    page = _Page(app, index, docname)
    for node in list(doctree.findall(_ours)):
        if isinstance(node, cc.citecheck_sup):
            if node.get("kind") == "flag":
                page.flag(node)
            else:
                page.marker(node)
        elif isinstance(node, cc.citecheck_note):
            page.note(node)
        elif isinstance(node, cc.citecheck_banner):
            page.banner(node)
        elif isinstance(node, cc.citation_report):
            page.report(node)
    if index.entries.keys_by_id:
        mark_entries(index, doctree, page.uri)
