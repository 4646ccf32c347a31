"""Glue: the online link checker (:mod:`checker.refs.links`) as a finding provider.

Nothing reaches the network unless ``citecheck_online = True`` (the command
line's ``--online``).  The URLs are the text's external links plus every
bib entry's ``url`` and ``doi`` (through its resolver); each keeps every
place it occurs.  Checking starts early -- the bibliography's URLs when the
builder starts, each document's links as soon as it is read -- so the
network work overlaps Sphinx's reading; the provider then waits for the rest.
Results are cached between runs in ``citecheck_cache_dir`` (default
``.citecheck-cache/`` in the working folder, like ``.pytest_cache``).

Settings: Sphinx's own ``linkcheck_*`` values the project set, overridden by
``citecheck_links`` (:mod:`checker.refs.links.linkcheck` has the mapping).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.errors import ConfigError
from sphinx.util import logging

from ...errors import InputError
from ...refs.model import LinkUse, Location
from .inputs import bibfiles
from .references import display_path, reference_inputs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from ...findings import Finding
    from ...refs.links.check import LinkCheck
    from ...refs.links.settings import LinkSettings

# The link checker (requests, its tables) is imported inside the functions that
# use it: a project that does not check online never loads it.

logger = logging.getLogger(__name__)

DOI_RESOLVER = "https://doi.org/"

#: name, default, description (all online options: rebuild "" as linkcheck's)
CONFIG_VALUES: tuple[tuple[str, Any, frozenset[type], str], ...] = (
    (
        "citecheck_links",
        {},
        frozenset({dict}),
        "link checker settings: workers, per_host_limit, timeouts, ignore, allow, headers, ...",
    ),
    (
        "citecheck_archive_url",
        None,
        frozenset({str, type(None)}),
        "Wayback-style availability API to suggest archived copies of dead links",
    ),
    (
        "citecheck_cache_dir",
        None,
        frozenset({str, type(None)}),
        "folder of the link cache between runs; None = .citecheck-cache in the working folder",
    ),
    (
        "citecheck_refresh",
        False,
        frozenset({bool}),
        "check every link again, whatever the cache says",
    ),
)


#: the run of each application that checks online, started before reading,
#: with the process it belongs to (``-j`` reads in forked processes: they
#: must not touch the parent's worker threads)
_RUNS: WeakKeyDictionary[Sphinx, tuple[LinkCheck, int]] = WeakKeyDictionary()


def register(app: Sphinx) -> None:
    for name, default, types, description in CONFIG_VALUES:
        app.add_config_value(name, default, "", types=types, description=description)
    app.connect("config-inited", _validate)
    app.connect("builder-inited", _start)
    app.connect("doctree-read", _prefetch_document)
    app.connect("build-finished", _stop)


def rule_ids() -> tuple[str, ...]:
    from ...refs.links.rules import RULES as LINK_RULES

    return tuple(LINK_RULES)


def linkcheck_values(config: Config) -> dict[str, Any]:
    """The ``linkcheck_*`` values (and ``tls_*``, ``user_agent``) the project set.

    Only those in ``conf.py`` or given with ``-D``: Sphinx's defaults are not
    citecheck's (five workers, for one).  Sphinx keeps no public record of
    what was set, hence its two private dicts.
    """
    from ...refs.links.linkcheck import LINKCHECK_VALUES

    raw: dict[str, Any] = getattr(config, "_raw_config", {})
    overrides: dict[str, Any] = getattr(config, "_overrides", {})
    return {
        name: getattr(config, name) if name in config else raw.get(name)
        for name in LINKCHECK_VALUES
        if name in raw or name in overrides
    }


def settings_of(config: Config) -> LinkSettings:
    """The link checker's settings (``ConfigError`` if bad).

    Sphinx's ``linkcheck_*`` values first, then ``citecheck_links`` over them,
    then the ``citecheck_*`` values that have their own names.
    """
    from ...refs.links.linkcheck import CITECHECK_VALUES, link_settings

    values = linkcheck_values(config)
    values.update((name, getattr(config, name)) for name in CITECHECK_VALUES)
    try:
        return link_settings(values)
    except InputError as exc:
        raise ConfigError(str(exc)) from None


def _validate(app: Sphinx, config: Config) -> None:
    # only a project that uses the online checks has its settings (linkcheck_* among
    # them) validated: a value only Sphinx's linkcheck accepts must not stop a build
    if config.citecheck_online or any(getattr(config, name) for name, *_ in CONFIG_VALUES):
        settings_of(config)


def _bib_uses(app: Sphinx, paths: Iterable[Path]) -> list[LinkUse]:
    """Each bib entry's ``url`` and ``doi`` (through the DOI resolver)."""
    from ...refs.bibfile import load_bibliography  # pybtex: only when checking online

    uses = []
    for path in paths:
        shown = display_path(app, path)
        for entry in load_bibliography(path).entries:
            where = Location(path=shown, line=entry.line)
            url = entry.get("url")
            if url:
                uses.append(LinkUse(url=url, where=where, key=entry.key))
            doi = entry.get("doi")
            if doi:
                uses.append(LinkUse(url=DOI_RESOLVER + doi, where=where, key=entry.key))
    return uses


def link_uses(app: Sphinx) -> list[LinkUse]:
    """Every URL to check: the text's links, then each bib entry's ``url`` and ``doi``."""
    inputs = reference_inputs(app)
    return [*inputs.links, *_bib_uses(app, inputs.bibfiles)]


def _open_run(settings: LinkSettings) -> LinkCheck:
    from ...refs.links.check import LinkCheck

    try:
        return LinkCheck(settings)
    except InputError as exc:
        # the cache folder cannot be made or opened (settings were checked on
        # config-inited): a one-line configuration error, not Sphinx's crash report
        raise ConfigError(f"citecheck_cache_dir: {exc}") from None


def _start(app: Sphinx) -> None:
    """``builder-inited``: start on the bibliography's URLs before any page is read."""
    if not app.config.citecheck_online:
        return
    from ...refs.links import early

    settings = settings_of(app.config)
    # the command line may have started on the sources' links already
    run = early.adopt(settings) or _open_run(settings)
    _RUNS[app] = (run, os.getpid())
    run.prefetch(use.url for use in _bib_uses(app, (p for p in bibfiles(app) if p.exists())))


def _prefetch_document(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: start on the document's links while the next one is read."""
    started = _RUNS.get(app)
    if started is None or started[1] != os.getpid():
        return
    run = started[0]
    if run.excluded(app.env.current_document.docname) is None:
        run.prefetch(
            node["refuri"]
            for node in doctree.findall(nodes.reference)
            if node.get("refuri", "").startswith(("http://", "https://"))
        )


def _stop(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: a run nobody asked for results (an error stopped the build)."""
    started = _RUNS.pop(app, None)
    if started is not None and started[1] == os.getpid():
        started[0].close()


def link_check_findings(app: Sphinx) -> list[Finding]:
    """The provider: nothing unless online checks were asked for."""
    if not app.config.citecheck_online:
        return []
    from ...refs.links.check import link_findings, summary_line

    started = _RUNS.pop(app, None)
    if started is not None and started[1] == os.getpid():
        run = started[0]
    else:
        run = _open_run(settings_of(app.config))
    with run:
        results = run.results(link_uses(app))
    logger.info(summary_line(results))
    return link_findings(results, run.settings.dead_after)
