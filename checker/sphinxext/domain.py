"""The ``citecheck`` domain: per-document records, safe under ``-j`` and incremental builds.

The shape is current ``sphinx.ext.todo``'s: ``process_doc`` stores an entry
for every document (so a merge after a parallel read never misses a key),
``clear_doc`` drops it, ``merge_domaindata`` copies the entries of the
documents a worker read.  Findings are computed from these records after
the merge, in the main process (:mod:`.findings`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

from .collector import collect
from .records import DocRecords

if TYPE_CHECKING:
    from collections.abc import Set

    from docutils import nodes
    from sphinx.environment import BuildEnvironment

    from ..findings import Finding
    from .resolve import ProjectIndex


class CitecheckDomain(Domain):
    name = "citecheck"
    label = "citecheck"
    initial_data: ClassVar[dict[str, Any]] = {"docs": {}}

    #: findings of the current build, computed once after the merge (not pickled)
    findings_cache: list[Finding] | None = None
    #: what rendering needs from every document, built once per build (see ``resolve``)
    index_cache: ProjectIndex | None = None

    def invalidate(self) -> None:
        self.findings_cache = None
        self.index_cache = None

    @property
    def docs(self) -> dict[str, DocRecords]:
        docs: dict[str, DocRecords] = self.data.setdefault("docs", {})  # Sphinx's data is Any
        return docs

    def clear_doc(self, docname: str) -> None:
        self.docs.pop(docname, None)
        self.invalidate()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            self.docs[docname] = otherdata["docs"][docname]
        self.invalidate()

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        self.docs[docname] = collect(env, docname, document)
        self.invalidate()

    def records(self) -> Iterator[DocRecords]:
        """Every document's records, in a stable (sorted docname) order."""
        for docname in sorted(self.docs):
            yield self.docs[docname]

    def report_docs(self) -> list[str]:
        return sorted(doc for doc, rec in self.docs.items() if rec.has_report)

    def cross_docs(self) -> list[str]:
        """Documents whose rendering depends on other documents."""
        return sorted(doc for doc, rec in self.docs.items() if rec.cross_doc or rec.has_report)
