"""Sphinx glue: roles, directives, nodes, the domain, the builder and the report page.

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

What other parts of citecheck call:

- :func:`~.checks.collect_findings` ``(app) -> list[Finding]`` -- every finding, after reading;
- :func:`~.checks.get_ref_inputs` ``(app) -> RefInputs`` -- what the reference rules read;
- :func:`~.providers.register_finding_provider` -- plug more checks into the findings.

Paths in findings are the source folder's name plus the file's path in it
(``docs/before-1917.rst`` for ``sphinx-build docs ...``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__, tags
from . import bibmarks, config, online, refcheck
from .builder import CitationsBuilder, on_build_finished
from .chart import register as register_chart
from .checks import collect_findings, get_ref_inputs, warn_findings
from .checks import get_domain as _get_domain
from .directives import (
    AuthorityControlDirective,
    BannerDirective,
    CitationReportDirective,
    NoteTextDirective,
)
from .domain import CitecheckDomain
from .providers import register_finding_provider
from .render import register_nodes
from .resolve import on_doctree_resolved
from .roles import NoteMarkerRole, TagRole

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

__all__ = ["collect_findings", "get_ref_inputs", "register_finding_provider", "setup"]

STATIC = Path(__file__).resolve().parent / "static"
CSS_FILE = "citecheck.css"

#: bump when the records kept in the environment change shape
ENV_VERSION = 1


def _add_static_path(app: Sphinx, cfg: Config) -> None:
    if str(STATIC) not in cfg.html_static_path:
        cfg.html_static_path = [*cfg.html_static_path, str(STATIC)]


def _refresh_cross_docs(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Re-read the pages that show other pages' data (the report, notes, article banners)."""
    if "citecheck" not in env.domains:
        return []
    return [doc for doc in _get_domain(app).cross_docs() if doc in env.found_docs]


def _fresh_build(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Forget the previous build's findings: providers may read files no document names."""
    _get_domain(app).invalidate()


def _check(app: Sphinx, env: BuildEnvironment) -> None:
    """After the merge, in the main process: compute findings once and warn."""
    warn_findings(app, collect_findings(app))


def setup(app: Sphinx) -> ExtensionMetadata:
    config.register(app)
    # the reference rules and the online link checker plug in as providers
    refcheck.register(app)
    online.register(app)
    register_finding_provider(refcheck.reference_findings, rules=refcheck.rule_ids())
    register_finding_provider(online.link_check_findings, rules=online.rule_ids())
    app.connect("config-inited", config.validate)
    app.connect("config-inited", _add_static_path)

    for name, tag in tags.all_role_names():
        app.add_role(name, TagRole(tag))
    app.add_role("efn", NoteMarkerRole())
    for banner in tags.BANNERS:
        app.add_directive(banner.name, BannerDirective)
    app.add_directive("efn-text", NoteTextDirective)
    app.add_directive("authority-control", AuthorityControlDirective)
    app.add_directive("citation-report", CitationReportDirective)

    register_nodes(app)
    register_chart(app)
    app.add_domain(CitecheckDomain)
    app.add_builder(CitationsBuilder)
    app.add_css_file(CSS_FILE)

    app.connect("env-before-read-docs", _fresh_build)
    app.connect("env-get-updated", _refresh_cross_docs)
    app.connect("env-updated", _check, priority=900)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("doctree-resolved", bibmarks.mark_entries)
    app.connect("build-finished", on_build_finished)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
