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
        try:
            base = self.app.builder.get_relative_uri(self.docname, doc)
        except NoUri:
            return None
        if anchor is None:
            return base
        if "#" in base:  # single-page builders address documents by anchors already
            return f"#{anchor}"
        return f"{base}#{anchor}"

    def section_anchor(self, doc: str | None, title: str | None) -> str | None:
        rec = self.domain.docs.get(doc or "")
        return rec.sections.get(title) if rec and title else None

    def flags(self, doctree: nodes.document) -> None:
        if self.report_doc is None or not self.link_labels:
            return
        rows = self.index.rows
        for label in doctree.findall(cc.citecheck_sup):
            if label.get("kind") != "flag":
                continue
            row = rows.get((label["docname"], label["anchor"]))
            uri = self.uri(self.report_doc, row) if row else None
            if uri is not None:
                label.children = [
                    nodes.reference("", "", *label.children, internal=True, refuri=uri)
                ]
                for child in label.children:
                    child.parent = label

    def notes(self, doctree: nodes.document) -> None:
        defined, markers = self.index.notes, self.index.markers
        for node in list(doctree.findall(cc.citecheck_sup)):
            if node.get("kind") != "note":
                continue
            note = defined.get(node["label"])
            uri = None
            if note is not None and self.link_labels:
                uri = self.uri(note.where.doc or "", note.anchor)
            if note is None:
                node["classes"].append("citecheck-missing")
            if uri is not None:
                link = nodes.reference("", "", *node.children, internal=True, refuri=uri)
                node.children = []
                node += link
        for note_node in doctree.findall(cc.citecheck_note):
            backrefs = next(iter(note_node.findall(cc.citecheck_backrefs)), None)
            found = markers.get(note_node["label"], [])
            if backrefs is None:
                continue
            if not found:
                note_node["classes"].append("citecheck-orphan")
            for i, (doc, anchor) in enumerate(found):
                text = "↑" if len(found) == 1 else f"↑{i + 1}"
                uri = self.uri(doc, anchor)
                if i:
                    backrefs += nodes.Text(" ")
                if uri is None:
                    backrefs += nodes.Text(text)
                else:
                    backrefs += nodes.reference("", text, internal=True, refuri=uri)

    def banners(self, doctree: nodes.document) -> None:
        for node in doctree.findall(cc.citecheck_banner):
            key = (node["docname"], node["ids"][0] if node["ids"] else "")
            record = self.index.banners.get(key)
            rec = self.domain.docs.get(node["docname"])
            if record is None or rec is None:
                continue
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
            counter = nodes.inline(text, text, classes=["citecheck-banner-count"])
            para = next(
                (
                    p
                    for p in node.findall(nodes.paragraph)
                    if "citecheck-banner-text" in p["classes"]
                ),
                None,
            )
            if para is None:
                node += nodes.paragraph("", "", counter)
            else:
                para += [nodes.Text(" "), counter]

    def reports(self, doctree: nodes.document) -> None:
        placeholders = list(doctree.findall(cc.citation_report))
        if not placeholders:
            return
        builder = ReportBuilder(
            self.uri,
            self.section_anchor,
            today_of(self.app.config),
            self.app.config.citecheck_report_group,
            spans=self.app.builder.format in SPANNING_FORMATS,
        )
        # the page reads like the article: documents in toctree order, as the text report does
        env = self.app.env
        order = reading_order(env.toctree_includes, env.found_docs, self.app.config.root_doc)
        rank = {doc: i for i, doc in enumerate(order)}
        findings = sorted(self.findings, key=lambda f: rank.get(f.doc or "", len(rank)))
        for node in placeholders:
            content = builder.build(findings)
            node.replace_self(content)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    resolver = _Resolver(app, docname)
    resolver.flags(doctree)
    resolver.notes(doctree)
    resolver.banners(doctree)
    resolver.reports(doctree)
