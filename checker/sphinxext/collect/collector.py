"""Walk one doctree and collect its records (runs while the document is read).

Everything the findings, the report page and the reference rules need is
taken from the doctree here, once, into :class:`~.records.DocRecords`; exact
line numbers are fixed on the nodes too, so later warnings point at the claim.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from ...refs.model import (
    CitationKind,
    CitationUse,
    FootnoteText,
    IdentifierUse,
    LinkUse,
    Location,
)
from .. import nodes as cc
from ..locate import exact_line, file_report_path, report_path, section_info, section_title
from ..records import (
    BannerRecord,
    DocRecords,
    FlagRecord,
    NoteDefinition,
    NoteMarker,
    Problem,
)
from .encoding import PROBLEM_KEY

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: the domains whose cross-references cite bibliography keys (sphinxcontrib-bibtex)
CITE_DOMAINS = frozenset({"cite"})


def cite_keys(target: str) -> list[str]:
    """The keys of a ``:cite:`` target (``{see}key1,key2{p. 4}`` -> ``key1``, ``key2``)."""
    try:
        from sphinxcontrib.bibtex.citation_target import parse_citation_targets

        return [t.key for t in parse_citation_targets(target) if t.key]
    except (ImportError, ValueError):  # no bibtex, or a target it rejects: keep what is there
        return [key.strip() for key in target.split(",") if key.strip()]


def plain_text(node: nodes.Node) -> str:
    """The node's text without the extension's own labels (``[citation needed]``, ``[a]``)."""
    parts = []
    for text in node.findall(nodes.Text):
        parent = text.parent
        while parent is not None and parent is not node:
            if isinstance(parent, cc.citecheck_sup | cc.citecheck_backrefs):
                break
            parent = parent.parent
        else:
            parts.append(text.astext())
    return " ".join("".join(parts).split())


#: the nodes the collector reads; every other node is only walked through
_WANTED = (
    nodes.section,
    cc.citecheck_claim,
    cc.citecheck_sup,
    cc.citecheck_banner,
    cc.citecheck_note,
    cc.citation_report,
    nodes.problematic,
    nodes.system_message,
    addnodes.pending_xref,
    nodes.citation_reference,
    nodes.footnote,
    nodes.reference,
    nodes.container,  # an authority-control block
)
#: subtrees that hold nothing to collect (code, raw output, comments)
_OPAQUE = (nodes.literal_block, nodes.raw, nodes.comment, nodes.doctest_block)

#: MyST appends its warning type to the message: ``... [myst.directive_unknown]``
_MYST_TYPE = re.compile(r"\s*\[[\w.-]+\]$")


def wanted_nodes(document: nodes.document) -> list[nodes.Element]:
    """The nodes of ``_WANTED`` in document order, in one walk without generators.

    ``document.findall`` makes a generator per node; on pages with nothing of
    ours (most pages of most projects) this walk is what reading costs.
    """
    found: list[nodes.Element] = []
    stack: list[nodes.Node] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, _WANTED):
            found.append(node)
        elif isinstance(node, _OPAQUE):
            continue
        children = node.children
        if children:
            stack.extend(reversed(children))
    return found


def markup_message(node: nodes.system_message) -> str:
    """A system message's own sentence(s), without the quoted source that follows."""
    paragraphs = [c for c in node.children if isinstance(c, nodes.paragraph)]
    text = " ".join(p.astext() for p in paragraphs) if paragraphs else node.astext()
    return _MYST_TYPE.sub("", " ".join(text.split()))


class _Collector:
    def __init__(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        self.env = env
        self.docname = docname
        self.path = report_path(env, docname)
        self.document = document
        self.records = DocRecords()
        self.source = str(env.doc2path(docname))
        self.srcdir = Path(env.srcdir)
        self._lines: list[str] | None = None
        self._paths: dict[str, str] = {self.source: self.path}
        #: messages below this level are not shown (docutils' report_level, at least warnings)
        self.report_level = max(2, int(getattr(document.settings, "report_level", 2)))

    def path_of(self, node: nodes.Node) -> str:
        """The report path of the file ``node`` comes from (an ``.. include::`` differs)."""
        source = None
        while node is not None and source is None:
            source = getattr(node, "source", None)
            node = node.parent
        if source is None:
            return self.path
        if source not in self._paths:
            found = file_report_path(self.srcdir, Path(source))
            # included from outside the project: its own path
            self._paths[source] = found or Path(source).as_posix()
        return self._paths[source]

    def lines(self, node: nodes.Element) -> list[str] | None:
        """The document's source lines, read only when a parser kept no raw paragraphs."""
        if node.source not in (None, self.source):
            return None  # included from another file
        if self._lines is None:
            try:
                with open(self.source, encoding="utf-8-sig") as handle:
                    self._lines = handle.read().splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines = []
        return self._lines

    def where(self, node: nodes.Element, *, exact: bool = True) -> Location:
        line = exact_line(node, lambda: self.lines(node)) if exact else node.line
        if line is not None:
            node.line = line
        title, _ = section_info(node)
        return Location(self.path_of(node), line, self.docname, title)

    def doc_title(self) -> str:
        for section in self.document.findall(nodes.section):
            return section_title(section) or self.docname
        return self.docname

    def run(self) -> DocRecords:
        rec = self.records
        if PROBLEM_KEY in self.env.current_document:  # left by encoding.check_source
            line, text, message = self.env.current_document[PROBLEM_KEY]
            where = Location(self.path, line, self.docname, None)
            rec.problems.append(Problem("source-encoding", message, where, text))
        for node in wanted_nodes(self.document):
            if isinstance(node, nodes.section):
                title = section_title(node)
                if title and node["ids"]:
                    rec.sections.setdefault(title, node["ids"][0])
            elif isinstance(node, cc.citecheck_claim):
                self.flag(node)
            elif isinstance(node, cc.citecheck_sup):
                if node.get("kind") == "note":
                    rec.markers.append(NoteMarker(node["label"], self.where(node), node["ids"][0]))
                    rec.cross_doc = True
            elif isinstance(node, cc.citecheck_banner):
                self.banner(node)
            elif isinstance(node, cc.citecheck_note):
                self.note(node)
            elif isinstance(node, cc.citation_report):
                rec.has_report = True
            elif isinstance(node, nodes.problematic):
                if node.get(cc.PROBLEM_RULE):
                    message = node[cc.PROBLEM_MESSAGE]
                    rec.problems.append(
                        Problem(node[cc.PROBLEM_RULE], message, self.where(node), node.astext())
                    )
            elif isinstance(node, nodes.system_message):
                self.markup_error(node)
            elif isinstance(node, addnodes.pending_xref):
                self.cite(node)
            elif isinstance(node, nodes.citation_reference):
                rec.citations.append(
                    CitationUse(node.astext(), CitationKind.PLAIN, self.where(node))
                )
            elif isinstance(node, nodes.footnote):
                self.footnote(node)
            elif isinstance(node, nodes.reference):
                uri = node.get("refuri", "")
                if uri.startswith(("http://", "https://")):
                    rec.links.append(LinkUse(uri, self.where(node)))
            elif node.get(cc.AUTHORITY_IDS):
                for scheme, value, line in node[cc.AUTHORITY_IDS]:
                    title, _ = section_info(node)
                    where = Location(self.path_of(node), line, self.docname, title)
                    rec.identifiers.append(IdentifierUse(scheme, value, where))
            problems: list[tuple[str, str, str]] = node.get(cc.PROBLEMS, [])
            for rule, message, text in problems:
                rec.problems.append(Problem(rule, message, self.where(node, exact=False), text))
        return rec

    def markup_error(self, node: nodes.system_message) -> None:
        """What docutils (or MyST) said about the page: a ``markup-error`` finding.

        Our own problems carry their rule and are reported from their
        ``problematic`` node; messages below the report level are not shown
        by Sphinx either.
        """
        if node.get(cc.PROBLEM_RULE) or node["level"] < self.report_level:
            return
        message = markup_message(node)
        line = node.get("line")
        text = message
        source_line = self.source_line(node, line)
        if source_line:
            text = source_line
        path = self.path_of(node)
        title, _ = section_info(node)
        self.records.problems.append(
            Problem("markup-error", message, Location(path, line, self.docname, title), text)
        )

    def source_line(self, node: nodes.system_message, line: int | None) -> str:
        """The text of the line a message points at (what a reader would recognise)."""
        if line is None or node.get("source") not in (None, self.source):
            return ""
        lines = self.lines(node)
        if not lines or not 0 < line <= len(lines):
            return ""
        return " ".join(lines[line - 1].split())[:200]

    def note(self, node: cc.citecheck_note) -> None:
        label = node["label"]
        text = plain_text(node).removeprefix(f"{label}.").strip()
        where = self.where(node, exact=False)
        self.records.notes.append(NoteDefinition(label, where, node["ids"][0], text))
        self.records.cross_doc = True

    def flag(self, node: cc.citecheck_claim) -> None:
        _, sections = section_info(node)
        self.records.flags.append(
            FlagRecord(
                node["tag"],
                self.where(node),
                node.get("text") or plain_text(node),
                node.get("date"),
                node["ids"][0],
                sections,
            )
        )

    def banner(self, node: cc.citecheck_banner) -> None:
        title, sections = section_info(node)
        scope = node["scope"]
        if scope == "article":
            self.records.cross_doc = True
            text = self.doc_title()
        else:
            text = title or self.doc_title()
        self.records.banners.append(
            BannerRecord(
                node["banner"],
                scope,
                self.where(node, exact=False),
                text,
                node.get("date"),
                node["ids"][0],
                sections[0] if sections else None,
            )
        )

    def cite(self, node: addnodes.pending_xref) -> None:
        domain, target = node.get("refdomain"), str(node.get("reftarget", ""))
        if domain == "citation":  # Sphinx turned a plain ``[Key]_`` into a cross-reference
            self.records.citations.append(CitationUse(target, CitationKind.PLAIN, self.where(node)))
        elif domain in CITE_DOMAINS:
            where = self.where(node)
            for key in cite_keys(target):
                self.records.citations.append(CitationUse(key, CitationKind.CITE, where))

    def footnote(self, node: nodes.footnote) -> None:
        labels = [c for c in node.children if isinstance(c, nodes.label)]
        label = labels[0].astext() if labels else ",".join(node.get("names", []))
        body = " ".join(plain_text(c) for c in node.children if not isinstance(c, nodes.label))
        where = self.where(node, exact=False)
        if where.line is None:
            first = next(iter(node.findall(nodes.paragraph)), None)
            if first is not None and first.line is not None:
                where = Location(where.path, first.line, where.doc, where.section)
        self.records.footnotes.append(FootnoteText(" ".join(body.split()), label, where))


def collect(env: BuildEnvironment, docname: str, document: nodes.document) -> DocRecords:
    """The records of one freshly read document."""
    return _Collector(env, docname, document).run()
