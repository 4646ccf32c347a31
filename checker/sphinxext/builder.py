"""The ``citations`` builder: read, check, write ``citations.json`` and ``citations.txt``.

``sphinx-build -b citations SRC OUT`` reads the project (incrementally, in
parallel if asked) and writes no pages: only the ``citecheck/report/v1``
JSON and a ``path:line: rule: message`` list, like linkcheck's output.txt.
Both are written atomically, so CI never reads half a report.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util import logging

from ..findings import Finding
from ..fsutil import write_atomic
from ..report.jsonreport import build_report, dumps
from .index import collect_findings

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

JSON_NAME = "citations.json"
TEXT_NAME = "citations.txt"


def text_lines(findings: Iterable[Finding]) -> str:
    """One ``path:line: rule: message`` line per finding, in report order."""
    lines = []
    for f in findings:
        where = f"{f.path}:{f.line}" if f.line is not None else f.path
        lines.append(f"{where}: {f.rule}: {f.message}")
    return "".join(line + "\n" for line in lines)


class CitationsBuilder(Builder):
    """Checks every document and writes the citation report; no HTML."""

    name = "citations"
    format = ""
    epilog = "Look for any findings in the above output or in %(outdir)s/citations.txt"
    allow_parallel = True

    def get_outdated_docs(self) -> Iterable[str]:
        return ()  # nothing to write per document: the report covers the project

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        pass  # no page is written, so no doctree needs resolving

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Write the report after a ``citations`` build (builders no longer expose the app,
    and providers need it)."""
    if exception is None and isinstance(app.builder, CitationsBuilder):
        write_report(app)


def write_report(app: Sphinx) -> None:
    """Write ``citations.json`` and ``citations.txt`` to the output folder."""
    report = build_report(collect_findings(app), source=Path(app.srcdir).name)
    outdir = Path(app.outdir)
    write_atomic(outdir / JSON_NAME, dumps(report))
    items = [Finding.from_dict(item) for item in report["findings"]]
    write_atomic(outdir / TEXT_NAME, text_lines(items))
    logger.info("citecheck: %d findings written to %s", len(items), outdir / JSON_NAME)
