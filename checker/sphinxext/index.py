"""Stage 4, index: what every page's rendering needs from the whole project, built once.

:func:`build_index` runs once per build in the main process, right after the
checks (``env-updated``), and the result is kept on the domain
(:func:`~checker.sphinxext.domain.get_index`).  The renderers only read it:
in a parallel write each worker inherits it, so no page recomputes anything
about the others.  It holds the findings (the report's rows and the flags'
links), where each note and marker is, each banner's count of flags, each
document's section anchors, and where the bibliography lists each entry that
has problems (sphinxcontrib-bibtex's ``cite`` domain knows that).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sphinx.errors import SphinxError

from ..report.build import reading_order
from .domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..findings import Finding
    from .records import BannerRecord, DocRecords, NoteDefinition


def row_id(finding: Finding) -> str:
    """The anchor of a finding's row on the report page; flags' labels link here."""
    return f"citecheck-{finding.id}"


@dataclass(frozen=True, slots=True)
class EntryIndex:
    """Bibliography entries that have problems: where they are listed, and the problems."""

    anchors: dict[str, tuple[str, str]]  #: bib key -> (docname, citation id)
    problems: dict[str, list[Finding]]  #: bib key -> findings about that entry
    keys_by_id: dict[str, str]  #: citation id -> key, for entries with problems

    @property
    def docs(self) -> frozenset[str]:
        """The documents whose bibliographies list an entry with problems."""
        return frozenset(self.anchors[key][0] for key in self.keys_by_id.values())


@dataclass(slots=True)
class ProjectIndex:
    """Everything cross-document that rendering reads; built once per build."""

    findings: list[Finding]
    report_doc: str | None = None  #: the first page holding a ``citation-report``
    doc_order: tuple[str, ...] = ()  #: documents as a reader meets them (toctree order)
    rows: dict[tuple[str | None, str], str] = field(default_factory=dict)
    notes: dict[str, NoteDefinition] = field(default_factory=dict)
    markers: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    banners: dict[tuple[str, str], BannerRecord] = field(default_factory=dict)
    #: (docname, banner anchor) -> flags the banner covers
    banner_counts: dict[tuple[str, str], int] = field(default_factory=dict)
    #: docname -> {section title: anchor}
    sections: dict[str, dict[str, str]] = field(default_factory=dict)
    #: documents whose pages show something of ours (the others are skipped at once)
    rendered_docs: frozenset[str] = frozenset()
    entries: EntryIndex = field(default_factory=lambda: EntryIndex({}, {}, {}))
    #: what plug-ins computed for the pages (see ``register_index_extension``)
    extras: dict[str, object] = field(default_factory=dict)

    def section_anchor(self, doc: str | None, title: str | None) -> str | None:
        return self.sections.get(doc or "", {}).get(title or "") if title else None


def build_index(
    env: BuildEnvironment, records: Mapping[str, DocRecords], findings: list[Finding]
) -> ProjectIndex:
    """The index of one build, from the merged records and the build's findings."""
    reports = sorted(doc for doc, rec in records.items() if rec.has_report)
    index = ProjectIndex(findings, reports[0] if reports else None)
    if reports:  # only the report page orders its rows like the article
        root = env.config.root_doc
        index.doc_order = reading_order(env.toctree_includes, env.found_docs, root)
    for f in findings:
        anchor = f.data.get("anchor") if f.data else None
        if anchor:
            index.rows[(f.doc, str(anchor))] = row_id(f)
    markers: dict[str, list[tuple[str, str]]] = defaultdict(list)
    total_flags = sum(len(rec.flags) for rec in records.values())
    for doc in sorted(records):
        rec = records[doc]
        index.sections[doc] = rec.sections
        for note in rec.notes:
            index.notes.setdefault(note.label, note)
        for marker in rec.markers:
            markers[marker.label].append((doc, marker.anchor))
        for banner in rec.banners:
            index.banners[(doc, banner.anchor)] = banner
            index.banner_counts[(doc, banner.anchor)] = (
                total_flags if banner.scope == "article" else _covered(rec, banner)
            )
    index.markers = dict(markers)
    index.rendered_docs = frozenset(doc for doc, rec in records.items() if rec.has_content)
    index.entries = _entry_index(env, findings)
    return index


def _covered(rec: DocRecords, banner: BannerRecord) -> int:
    """The flags of ``rec`` inside the section a section banner covers."""
    return sum(1 for f in rec.flags if banner.section is None or banner.section in f.sections)


def _problems_by_key(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings about bibliography entries (they name the entry's key), by key."""
    by_key: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        key = finding.data.get("key") if finding.data else None
        if key and finding.doc is None:
            by_key[str(key)].append(finding)
    return dict(by_key)


def _entry_anchors(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """bib key -> (docname, citation id) of the bibliography entry that lists it."""
    domain = env.domains.get("cite") if "cite" in env.domains else None
    anchors: dict[str, tuple[str, str]] = {}
    for citation in getattr(domain, "citations", ()):
        anchors.setdefault(citation.key, (citation.bibliography_key.docname, citation.citation_id))
    return anchors


def _entry_index(env: BuildEnvironment, findings: list[Finding]) -> EntryIndex:
    problems = _problems_by_key(findings)
    if not problems:  # nothing to mark: sphinxcontrib-bibtex's data is not even read
        return EntryIndex({}, {}, {})
    anchors = _entry_anchors(env)
    by_id = {cid: key for key, (_, cid) in anchors.items() if key in problems}
    return EntryIndex(anchors, problems, by_id)


def current_index(app: Sphinx) -> ProjectIndex | None:
    """The build's index, or None before the checks ran (``env-updated``)."""
    index = get_domain(app).index
    return index if isinstance(index, ProjectIndex) else None


def get_index(app: Sphinx) -> ProjectIndex:
    """The build's index; an error before the checks ran."""
    index = current_index(app)
    if index is None:
        raise SphinxError("citecheck: findings are ready only after reading (env-updated)")
    return index


def collect_findings(app: Sphinx) -> list[Finding]:
    """All findings of the project: the extension's own plus every provider's.

    Ready after the documents are read (``env-updated`` at priority 900 or
    later).  Filtered by ``citecheck_rules``, severities overridden by
    ``citecheck_severity``, finalized (sorted, stable ids); computed once per
    build, this returns a copy.
    """
    return list(get_index(app).findings)
