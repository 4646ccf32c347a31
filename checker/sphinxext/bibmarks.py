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
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri

from .checks import cached_findings
from .reportpage import row_id
from .resolve import project_index

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..findings import Finding

MARK_CLASS = "citecheck-entry-problem"


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
    return by_key


def _uri(app: Sphinx, here: str, doc: str, anchor: str) -> str | None:
    try:
        base = app.builder.get_relative_uri(here, doc)
    except NoUri:
        return None
    return f"#{anchor}" if "#" in base else f"{base}#{anchor}"


def entry_link(app: Sphinx, here: str) -> Callable[[str], str | None]:
    """For the report page: ``key -> uri`` of the entry, or None."""
    anchors = entry_anchors(app)

    def link(key: str) -> str | None:
        if key not in anchors:
            return None
        doc, citation_id = anchors[key]
        return _uri(app, here, doc, citation_id)

    return link


def mark_entries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: a mark after each listed entry that has problems."""
    problems = problems_by_key(cached_findings(app))
    if not problems:
        return
    report_doc = project_index(app).report_doc
    by_id = {cid: key for key, (_, cid) in entry_anchors(app).items() if key in problems}
    for citation in doctree.findall(nodes.citation):
        key = next((by_id[i] for i in citation["ids"] if i in by_id), None)
        if key is None:
            continue
        found = problems[key]
        rules = ", ".join(sorted({f.rule for f in found}))
        text = f" ⚑ {len(found)} problem{'s' if len(found) > 1 else ''}: {rules}"
        uri = _uri(app, docname, report_doc, row_id(found[0])) if report_doc else None
        child = nodes.Text(text)
        mark: nodes.Element = (
            nodes.reference("", "", child, internal=True, refuri=uri, classes=[MARK_CLASS])
            if uri
            else nodes.inline("", "", child, classes=[MARK_CLASS])
        )
        paragraphs = list(citation.findall(nodes.paragraph))
        (paragraphs[-1] if paragraphs else citation).append(mark)
