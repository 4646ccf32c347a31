"""Stage 2, merge: the ``citecheck`` domain keeps each document's records, safe under ``-j``.

The shape is current ``sphinx.ext.todo``'s: ``process_doc`` stores an entry
for every document (so a merge after a parallel read never misses a key),
``clear_doc`` drops it, ``merge_domaindata`` copies the entries of the
documents a worker read.  After the merge the checks and the index are
computed once (:mod:`checker.sphinxext`), and the index is kept here, on the
domain object (never pickled), for the renderers to read.

The domain defines no object types or roles, so it resolves no
cross-reference; it still answers Sphinx's and MyST's questions (an ``any``
role asks every domain) with "nothing here" instead of an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, cast

from sphinx.domains import Domain

from .collect.collector import collect
from .records import DocRecords

if TYPE_CHECKING:
    from collections.abc import Set

    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class CitecheckDomain(Domain):
    name = "citecheck"
    label = "citecheck"
    initial_data: ClassVar[dict[str, Any]] = {"docs": {}}

    #: the build's :class:`~checker.sphinxext.index.ProjectIndex`, set once after the
    #: merge (``env-updated``); on the object, never pickled.  Typed loosely so
    #: the merge stage knows nothing of the stages after it.
    index: object = None

    @property
    def docs(self) -> dict[str, DocRecords]:
        docs: dict[str, DocRecords] = self.data.setdefault("docs", {})  # Sphinx's data is Any
        return docs

    def clear_doc(self, docname: str) -> None:
        self.docs.pop(docname, None)
        self.index = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            self.docs[docname] = otherdata["docs"][docname]
        self.index = None

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        self.docs[docname] = collect(env, docname, document)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        return None  # no roles of this domain make cross-references

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []  # ``:any:`` (and MyST's ``default_role = "any"``) finds nothing here

    def records(self) -> Iterator[DocRecords]:
        """Every document's records, in a stable (sorted docname) order."""
        for docname in sorted(self.docs):
            yield self.docs[docname]

    def cross_docs(self) -> list[str]:
        """Documents whose rendering depends on other documents."""
        return sorted(doc for doc, rec in self.docs.items() if rec.cross_doc or rec.has_report)


def get_domain(app: Sphinx) -> CitecheckDomain:
    return cast("CitecheckDomain", app.env.domains["citecheck"])
