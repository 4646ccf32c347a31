"""Glue: the online link checker (:mod:`checker.refs.links`) as a finding provider.

Nothing reaches the network unless ``citecheck_online = True`` (the command
line's ``--online``).  The URLs are the text's external links plus every
bib entry's ``url`` and ``doi`` (through its resolver); each keeps every
place it occurs.  Results are cached between runs in ``citecheck_cache_dir``
(default ``.citecheck-cache/`` in the working folder, like ``.pytest_cache``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError
from sphinx.util import logging

from ...errors import InputError
from ...refs.model import LinkUse, Location
from .references import display_path, reference_inputs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from ...findings import Finding
    from ...refs.links.settings import LinkSettings

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


def register(app: Sphinx) -> None:
    for name, default, types, description in CONFIG_VALUES:
        app.add_config_value(name, default, "", types=types, description=description)
    app.connect("config-inited", _validate)


def rule_ids() -> tuple[str, ...]:
    from ...refs.links.rules import RULES as LINK_RULES

    return tuple(LINK_RULES)


def settings_of(config: Config) -> LinkSettings:
    """The link checker's settings from ``citecheck_*`` values (``ConfigError`` if bad)."""
    from ...refs.links.settings import CACHE_DIRNAME, CACHE_FILENAME, LinkSettings

    options = dict(config.citecheck_links)
    cache_dir = Path(config.citecheck_cache_dir or CACHE_DIRNAME)
    options.setdefault("cache_path", cache_dir / CACHE_FILENAME)
    options.setdefault("allow_private", config.citecheck_allow_private)
    options.setdefault("refresh", config.citecheck_refresh)
    if config.citecheck_archive_url:
        options.setdefault("archive_url", config.citecheck_archive_url)
    for key in ("ignore", "allow", "paywalled_hosts"):
        if key in options:
            options[key] = tuple(options[key])
    known = {f.name for f in dataclasses.fields(LinkSettings)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise ConfigError(f"citecheck_links: unknown option(s) {', '.join(unknown)}")
    try:
        return LinkSettings(**options)
    except (InputError, TypeError, ValueError) as exc:
        raise ConfigError(f"citecheck_links: {exc}") from None


def _validate(app: Sphinx, config: Config) -> None:
    if config.citecheck_online or any(getattr(config, name) for name, *_ in CONFIG_VALUES):
        settings_of(config)  # the defaults are valid: the checker is not even imported


def link_uses(app: Sphinx) -> list[LinkUse]:
    """Every URL to check: the text's links, then each bib entry's ``url`` and ``doi``."""
    from ...refs.bibfile import load_bibliography  # pybtex: only when links are checked

    inputs = reference_inputs(app)
    uses = list(inputs.links)
    for path in inputs.bibfiles:
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


def link_check_findings(app: Sphinx) -> list[Finding]:
    """The provider: nothing unless online checks were asked for."""
    if not app.config.citecheck_online:
        return []
    from ...refs.links.check import check_links, link_findings, summary_line  # requests

    settings = settings_of(app.config)
    try:
        results = check_links(link_uses(app), settings)
    except InputError as exc:
        # the cache folder cannot be made or opened (settings were checked on
        # config-inited): a one-line configuration error, not Sphinx's crash report
        raise ConfigError(f"citecheck_cache_dir: {exc}") from None
    logger.info(summary_line(results))
    return link_findings(results, settings.dead_after)
