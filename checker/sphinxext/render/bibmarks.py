"""Bibliography entries and their problems, both ways.

A reference finding about a ``.bib`` entry links, on the report page, to the
entry where a bibliography lists it; and that entry, on its page, carries a
mark linking back to the finding's row.  Where an entry is listed is
sphinxcontrib-bibtex's knowledge, read once into the project index
(:class:`~checker.sphinxext.index.EntryIndex`); without that extension there
is nothing to link.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from docutils import nodes

from ..index import row_id

if TYPE_CHECKING:
    from ..index import ProjectIndex

MARK_CLASS = "citecheck-entry-problem"

#: ``(docname, anchor or None) -> uri`` from the page being written, None without URIs
UriFn = Callable[[str, str | None], str | None]


def mark_entries(index: ProjectIndex, doctree: nodes.document, uri: UriFn) -> None:
    """A mark after each listed entry of this page that has problems."""
    problems, by_id = index.entries.problems, index.entries.keys_by_id
    report_doc = index.report_doc
    for citation in doctree.findall(nodes.citation):
        key = next((by_id[i] for i in citation["ids"] if i in by_id), None)
        if key is None:
            continue
        found = problems[key]
        rules = ", ".join(sorted({f.rule for f in found}))
        text = f" ⚑ {len(found)} problem{'s' if len(found) > 1 else ''}: {rules}"
        link = uri(report_doc, row_id(found[0])) if report_doc else None
        child = nodes.Text(text)
        mark: nodes.Element = (
            nodes.reference("", "", child, internal=True, refuri=link, classes=[MARK_CLASS])
            if link
            else nodes.inline("", "", child, classes=[MARK_CLASS])
        )
        paragraphs = list(citation.findall(nodes.paragraph))
        (paragraphs[-1] if paragraphs else citation).append(mark)
