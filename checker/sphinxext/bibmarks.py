"""Bibliography entries and their problems, both ways.

A reference finding about a ``.bib`` entry links, on the report page, to the
entry where a bibliography lists it; and that entry, on its page, carries a
mark linking back to the finding's row.  Where an entry is listed is
sphinxcontrib-bibtex's knowledge (its ``cite`` domain); without that
extension there is nothing to link.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes

from .reportpage import row_id
from .resolve import project_index, relative_uri

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..findings import Finding

MARK_CLASS = "citecheck-entry-problem"


@dataclass(frozen=True, slots=True)
class EntryIndex:
    """Built once per build: where each entry is listed, and its problems."""

    anchors: dict[str, tuple[str, str]]  #: bib key -> (docname, citation id)
    problems: dict[str, list[Finding]]  #: bib key -> findings about that entry
    keys_by_id: dict[str, str]  #: citation id -> key, for entries with problems


def entry_anchors(app: Sphinx) -> dict[str, tuple[str, str]]:
    """bib key -> (docname, citation id) of the bibliography entry that lists it."""
    domain = app.env.domains.get("cite") if "cite" in app.env.domains else None
    anchors: dict[str, tuple[str, str]] = {}
    for citation in getattr(domain, "citations", ()):
        anchors.setdefault(citation.key, (citation.bibliography_key.docname, citation.citation_id))
    return anchors


def problems_by_key(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings about bibliography entries (they name the entry's key), by key."""
    by_key: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        key = finding.data.get("key") if finding.data else None
        if key and finding.doc is None:
            by_key[str(key)].append(finding)
    return dict(by_key)


def entry_index(app: Sphinx) -> EntryIndex:
    """The build's :class:`EntryIndex`, kept on the project index (not redone per page)."""
    index = project_index(app)
    if index.entries is None:
        anchors = entry_anchors(app)
        problems = problems_by_key(index.findings)
        by_id = {cid: key for key, (_, cid) in anchors.items() if key in problems}
        index.entries = EntryIndex(anchors, problems, by_id)
    return index.entries


def entry_link(app: Sphinx, here: str) -> Callable[[str], str | None]:
    """For the report page: ``key -> uri`` of the entry, or None."""
    anchors = entry_index(app).anchors

    def link(key: str) -> str | None:
        if key not in anchors:
            return None
        doc, citation_id = anchors[key]
        return relative_uri(app, here, doc, citation_id)

    return link


def mark_entries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: a mark after each listed entry that has problems."""
    entries = entry_index(app)
    problems, by_id = entries.problems, entries.keys_by_id
    if not by_id:
        return
    report_doc = project_index(app).report_doc
    for citation in doctree.findall(nodes.citation):
        key = next((by_id[i] for i in citation["ids"] if i in by_id), None)
        if key is None:
            continue
        found = problems[key]
        rules = ", ".join(sorted({f.rule for f in found}))
        text = f" ⚑ {len(found)} problem{'s' if len(found) > 1 else ''}: {rules}"
        uri = relative_uri(app, docname, report_doc, row_id(found[0])) if report_doc else None
        child = nodes.Text(text)
        mark: nodes.Element = (
            nodes.reference("", "", child, internal=True, refuri=uri, classes=[MARK_CLASS])
            if uri
            else nodes.inline("", "", child, classes=[MARK_CLASS])
        )
        paragraphs = list(citation.findall(nodes.paragraph))
        (paragraphs[-1] if paragraphs else citation).append(mark)
