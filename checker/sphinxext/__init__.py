"""Sphinx glue: the extension, wired stage by stage.

``extensions = ["checker"]`` calls :func:`setup`.  The markup it adds:

- ``:cn:`claim``` / ``:cn:`claim <2010-07>``` -- one role per name of
  ``checker.tags.all_role_names()`` (long names and aliases); the claim may hold
  inline markup (escape backquotes inside a reST claim: ``\\`\\`code\\`\\```).
  MyST: ``{cn}`claim <2010-07>```.
- ``.. more-citations-needed::`` (and every other banner of ``checker.tags.BANNERS``)
  with ``:scope: section|article`` and ``:date: 2010-11``; optional content.
- ``:efn:`a``` marks explanatory note ``a``; ``.. efn-text:: a`` holds its text.
  Labels are project-wide, so markers and notes link across pages.
- ``.. authority-control::`` whose content is a field list (``:VIAF: 19685134``).
- ``.. citation-report::`` -- the table of all findings (``:search:`` keeps the page
  in the search index).
- ``sphinx-build -b citations SRC OUT`` writes ``OUT/citations.json`` and ``citations.txt``.

The flow, one stage per module or subpackage; each imports only the stages
before it (a test walks the imports)::

    collect/   while reading (maybe in a worker): roles, directives -> nodes;
               collector: doctree -> DocRecords (domain.process_doc)
    domain     merge: records per document, clear_doc / merge_domaindata
    check/     after the merge, once (env-updated): own findings + providers
               (references, online, any registered) -> configured findings
    index      once, right after: ProjectIndex (findings, rows, notes, markers,
               banners, sections, bibliography entries), kept on the domain
    render/    doctree-resolved reads the index: links, counts, entry marks,
               the report page and its chart; visitors for every format
    builder    write: the ``citations`` builder's JSON and text report

Foundations every stage may import: ``nodes``, ``records``, ``rules``,
``locate``, ``config``.

What other parts of citecheck call:

- :func:`collect_findings` ``(app) -> list[Finding]`` -- every finding, after reading;
- :func:`get_ref_inputs` ``(app) -> RefInputs`` -- what the reference rules read;
- :func:`register_finding_provider` -- plug more checks into the findings;
- :func:`register_index_extension` -- compute something per build for the pages;
- :func:`register_report_section` / :func:`register_row_extra` -- extend the report page.

Paths in findings are the source folder's name plus the file's path in it
(``docs/before-1917.rst`` for ``sphinx-build docs ...``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__, tags
from . import config
from .builder import CitationsBuilder, on_build_finished
from .check import need, online, references
from .check.inputs import get_ref_inputs
from .check.pipeline import run_checks, warn_findings
from .collect import bibguard, encoding
from .collect.directives import (
    AuthorityControlDirective,
    BannerDirective,
    CitationReportDirective,
    NoteTextDirective,
)
from .collect.roles import NoteMarkerRole, TagRole
from .domain import CitecheckDomain, get_domain
from .index import ProjectIndex, build_index, collect_findings
from .providers import register_finding_provider
from .render import need as render_need
from .render.chart import register as register_chart
from .render.reportpage import register_report_section, register_row_extra
from .render.resolve import on_doctree_resolved
from .render.visitors import register_nodes

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

__all__ = [
    "collect_findings",
    "get_ref_inputs",
    "register_finding_provider",
    "register_index_extension",
    "register_report_section",
    "register_row_extra",
    "setup",
]

STATIC = Path(__file__).resolve().parent / "static"
CSS_FILE = "citecheck.css"

#: bump when the records kept in the environment change shape
ENV_VERSION = 2

#: ``(app, index) -> value``, stored as ``index.extras[name]`` once per build
IndexExtension = Callable[["Sphinx", ProjectIndex], object]
_INDEX_EXTENSIONS: dict[str, IndexExtension] = {}


def register_index_extension(name: str, compute: IndexExtension) -> IndexExtension:
    """Compute ``index.extras[name]`` once per build, after the index (main process)."""
    _INDEX_EXTENSIONS[name] = compute
    return compute


def unregister_index_extension(name: str) -> None:
    _INDEX_EXTENSIONS.pop(name, None)


def _add_static_path(app: Sphinx, cfg: Config) -> None:
    if str(STATIC) not in cfg.html_static_path:
        cfg.html_static_path = [*cfg.html_static_path, str(STATIC)]


def _refresh_cross_docs(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Re-read the pages that show other pages' data (the report, notes, article banners)."""
    if "citecheck" not in env.domains:
        return []
    return [doc for doc in get_domain(app).cross_docs() if doc in env.found_docs]


def _after_merge(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``, main process: check once, index once, warn."""
    findings = run_checks(app)
    domain = get_domain(app)
    index = build_index(env, domain.docs, findings)
    for name, compute in _INDEX_EXTENSIONS.items():
        index.extras[name] = compute(app, index)
    domain.index = index
    warn_findings(app, findings)


def setup(app: Sphinx) -> ExtensionMetadata:
    config.register(app)
    app.connect("config-inited", config.validate)
    app.connect("config-inited", _add_static_path)

    # 1. collect: the markup, read into doctrees
    for name, tag in tags.all_role_names():
        app.add_role(name, TagRole(tag))
    app.add_role("efn", NoteMarkerRole())
    for banner in tags.BANNERS:
        app.add_directive(banner.name, BannerDirective)
    app.add_directive("efn-text", NoteTextDirective)
    app.add_directive("authority-control", AuthorityControlDirective)
    app.add_directive("citation-report", CitationReportDirective)
    # a broken .bib is read by sphinxcontrib-bibtex as a clean copy (findings come
    # from the real file), a page that does not decode is read anyway (U+FFFD)
    app.connect("builder-inited", bibguard.swap_broken_bibfiles, priority=bibguard.BEFORE_BIBTEX)
    app.connect("builder-inited", bibguard.restore_bibfiles, priority=bibguard.AFTER_BIBTEX)
    app.connect("env-before-read-docs", encoding.read_leniently)
    app.connect("source-read", encoding.check_source)

    # 2. merge: the domain records each document (process_doc) and merges workers'
    app.add_domain(CitecheckDomain)
    app.connect("env-get-updated", _refresh_cross_docs)

    # 3. check and 4. index, once after the merge (after sphinxcontrib-bibtex's
    # own env-updated, whose citations the index reads)
    references.register(app)
    online.register(app)
    register_finding_provider(references.reference_findings, rules=references.rule_ids)
    register_finding_provider(online.link_check_findings, rules=online.rule_ids)
    need.register(app)
    register_finding_provider(need.need_findings, rules=need.rule_ids)
    app.connect("env-updated", _after_merge, priority=900)

    # 5. render: one doctree-resolved handler reads the index
    register_nodes(app)
    register_chart(app)
    render_need.register(app)
    register_index_extension(render_need.MARKED, render_need.marks_wanted)
    app.add_css_file(CSS_FILE)
    app.connect("doctree-resolved", on_doctree_resolved)

    # 6. write
    app.add_builder(CitationsBuilder)
    app.connect("build-finished", on_build_finished)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
