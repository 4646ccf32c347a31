"""Candidate sources on the report page: each flagged claim's row says which works to try.

Computed once per build, after the merge (an index extension): the project's
bibliography (``bibtex_bibfiles``) as ranking sources, and for each flag the
same :func:`~checker.report.todo.candidates.candidates_for` that ``citecheck
todo`` uses -- its paragraph and the citations of its section read from its
source file.  The row shows the keys; the title and the reasons are the
hover text (HTML ``<abbr title>``; LaTeX spells them out once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from ...findings import Category

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx

    from ...findings import Finding
    from ...rank import Candidate
    from ..index import ProjectIndex
    from .reportpage import ReportContext

NAME = "citecheck-candidates"
logger = logging.getLogger(__name__)


def candidate_index(app: Sphinx, index: ProjectIndex) -> dict[str, list[Candidate]]:
    """Finding id -> the candidates shown for it (flags only; nothing without a bibliography)."""
    flags = [f for f in index.findings if f.category is Category.FLAG and f.doc]
    if not flags:
        return {}
    from ...rank.model import ModelError, shipped
    from ...report.todo.candidates import candidates_for
    from ...report.todo.works import load_bibliography
    from ..check.inputs import bibfiles

    try:
        shipped()
    except ModelError as exc:  # a broken install: the report goes on without candidates
        logger.warning("citecheck: no candidate sources: %s", exc, type="citecheck", subtype="rank")
        return {}

    works = load_bibliography(p for p in bibfiles(app) if p.exists()).works
    if not works:
        return {}
    texts: dict[str, str | None] = {}
    found: dict[str, list[Candidate]] = {}
    for f in flags:
        doc = str(f.doc)
        if doc not in texts:
            try:
                texts[doc] = app.env.doc2path(doc).read_text(encoding="utf-8", errors="replace")
            except OSError:
                texts[doc] = None
        shown = candidates_for(f, works, texts[doc], lead_docs=(app.config.root_doc,))
        if shown:
            found[f.id] = shown
    return found


def row_candidates(finding: Finding, ctx: ReportContext) -> list[Node]:
    """ " — try: key1, key2" with each work's title and reasons as its hover text."""
    table = ctx.index.extras.get(NAME)
    shown = table.get(finding.id) if isinstance(table, dict) else None
    if not shown:
        return []
    out: list[Node] = [nodes.Text(" — try: ")]
    for n, candidate in enumerate(shown):
        if n:
            out.append(nodes.Text(", "))
        why = f"{candidate.title}: {'; '.join(candidate.reasons)}"
        out.append(nodes.abbreviation(candidate.id, candidate.id, explanation=why))
    return [nodes.inline("", "", *out, classes=["citecheck-candidates"])]
