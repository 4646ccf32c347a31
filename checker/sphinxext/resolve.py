"""``doctree-resolved``: links that need every document (labels, notes, banners, report).

Runs for each document as it is written, after the merge; in a parallel
write it runs in a worker that inherited the main process's findings.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri

from ..report.build import reading_order
from . import nodes as cc
from .checks import cached_findings, get_domain
from .config import today_of
from .reportpage import ReportBuilder, row_id

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..findings import Finding
    from .bibmarks import EntryIndex
    from .records import BannerRecord, NoteDefinition


LINKED_FORMATS = frozenset({"html", "latex"})
#: formats whose writers can span table cells (the report's group headings)
SPANNING_FORMATS = frozenset({"html", "latex", "text"})


@dataclass(slots=True)
class ProjectIndex:
    """What every page's links need from the whole project; built once per build."""

    findings: list[Finding]
    report_doc: str | None
    rows: dict[tuple[str | None, str], str] = field(default_factory=dict)
    notes: dict[str, NoteDefinition] = field(default_factory=dict)
    markers: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    banners: dict[tuple[str, str], BannerRecord] = field(default_factory=dict)
    total_flags: int = 0
    #: bibliography entries and their problems, filled once by :mod:`.bibmarks`
    entries: EntryIndex | None = None

    @classmethod
    def build(cls, app: Sphinx) -> ProjectIndex:
        domain = get_domain(app)
        reports = domain.report_docs()
        index = cls(cached_findings(app), reports[0] if reports else None)
        for f in index.findings:
            if f.data and f.data.get("anchor"):
                index.rows[(f.doc, f.data["anchor"])] = row_id(f)
        markers: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for doc in sorted(domain.docs):
            rec = domain.docs[doc]
            for note in rec.notes:
                index.notes.setdefault(note.label, note)
            for marker in rec.markers:
                markers[marker.label].append((doc, marker.anchor))
            for banner in rec.banners:
                index.banners[(doc, banner.anchor)] = banner
            index.total_flags += len(rec.flags)
        index.markers = dict(markers)
        return index


def project_index(app: Sphinx) -> ProjectIndex:
    domain = get_domain(app)
    if domain.index_cache is None:
        domain.index_cache = ProjectIndex.build(app)
    return domain.index_cache


def relative_uri(app: Sphinx, here: str, doc: str, anchor: str | None) -> str | None:
    """A URI from page ``here`` to ``doc#anchor``; None when the builder has no URIs."""
    try:
        base = app.builder.get_relative_uri(here, doc)
    except NoUri:
        return None
    if anchor is None:
        return base
    if "#" in base:  # single-page builders address documents by anchors already
        return f"#{anchor}"
    return f"{base}#{anchor}"


class _Resolver:
    def __init__(self, app: Sphinx, docname: str) -> None:
        self.app = app
        self.docname = docname
        self.domain = get_domain(app)
        self.index = project_index(app)
        self.findings = self.index.findings
        self.report_doc = self.index.report_doc
        #: plain formats show labels as bare text: a man page would print their URIs
        self.link_labels = app.builder.format in LINKED_FORMATS

    def uri(self, doc: str, anchor: str | None) -> str | None:
        """A URI from the page being written to ``doc#anchor``; None without URIs (LaTeX)."""
        return relative_uri(self.app, self.docname, doc, anchor)

    def section_anchor(self, doc: str | None, title: str | None) -> str | None:
        rec = self.domain.docs.get(doc or "")
        return rec.sections.get(title) if rec and title else None

    def flag(self, label: cc.citecheck_sup) -> None:
        """Link a ``[citation needed]`` label to its row on the report page."""
        if self.report_doc is None or not self.link_labels:
            return
        row = self.index.rows.get((label["docname"], label["anchor"]))
        uri = self.uri(self.report_doc, row) if row else None
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
        rec = self.domain.docs.get(node["docname"])
        if record is None or rec is None:
            return
        if record.scope == "article":
            count = self.index.total_flags
        else:
            count = sum(
                1 for f in rec.flags if record.section is None or record.section in f.sections
            )
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
        from .bibmarks import entry_link  # it builds on this module's project index

        builder = ReportBuilder(
            self.uri,
            self.section_anchor,
            today_of(self.app.config),
            self.app.config.citecheck_report_group,
            spans=self.app.builder.format in SPANNING_FORMATS,
            entry_link=entry_link(self.app, self.docname),
        )
        # the page reads like the article: documents in toctree order, as the text report does
        env = self.app.env
        order = reading_order(env.toctree_includes, env.found_docs, self.app.config.root_doc)
        rank = {doc: i for i, doc in enumerate(order)}
        findings = sorted(self.findings, key=lambda f: rank.get(f.doc or "", len(rank)))
        node.replace_self(builder.build(findings))


def _wrap_children(node: nodes.Element, uri: str) -> None:
    link = nodes.reference("", "", *node.children, internal=True, refuri=uri)
    node.children = []
    node += link


_OURS = (cc.citecheck_sup, cc.citecheck_note, cc.citecheck_banner, cc.citation_report)


def _ours(node: nodes.Node) -> bool:
    return isinstance(node, _OURS)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """One walk over the page: every node of ours gets its cross-document links."""
    rec = get_domain(app).docs.get(docname)
    assembled = hasattr(app.builder, "assemble_doctree")  # LaTeX & co.: one tree, many docs
    if rec is not None and not assembled and not rec.has_content:
        return
    found = list(doctree.findall(_ours))
    if not found:
        return
    resolver = _Resolver(app, docname)
    for node in found:
        if isinstance(node, cc.citecheck_sup):
            if node.get("kind") == "flag":
                resolver.flag(node)
            else:
                resolver.marker(node)
        elif isinstance(node, cc.citecheck_note):
            resolver.note(node)
        elif isinstance(node, cc.citecheck_banner):
            resolver.banner(node)
        elif isinstance(node, cc.citation_report):
            resolver.report(node)
