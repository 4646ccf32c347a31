"""A project's configuration values as link checker settings (no Sphinx).

A project that already tuned ``sphinx-build -b linkcheck`` gets the same
behaviour from citecheck without a second configuration: every
``linkcheck_*`` value the project set becomes a
:class:`~.settings.LinkSettings` option, ``citecheck_links`` overrides them
one by one, and the ``citecheck_*`` values with names of their own come last
(:func:`link_settings`).  ``LINKCHECK_VALUES`` is the mapping, kept as data
so the README's table and the code cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ...errors import InputError
from .settings import CACHE_DIRNAME, CACHE_FILENAME, LinkSettings


def _regexes(value: Any) -> tuple[str, ...]:
    """Patterns as strings (Sphinx compiles some of them in place on ``config-inited``)."""
    return tuple(v.pattern if isinstance(v, re.Pattern) else str(v) for v in value)


def _redirects(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise InputError(f"linkcheck_allowed_redirects must be a dict, not {value!r}")
    return {_regexes([k])[0]: _regexes([v])[0] for k, v in value.items()}


def _timeout(value: Any) -> dict[str, Any]:
    # requests takes one number as both timeouts; so does linkcheck
    return {"connect_timeout": float(value), "read_timeout": float(value)}


def _one(name: str, convert: Callable[[Any], Any] = lambda v: v) -> Callable[[Any], dict[str, Any]]:
    return lambda value: {name: convert(value)}


#: linkcheck value -> (how it maps, citecheck's option names) -- README documents this table
LINKCHECK_VALUES: dict[str, tuple[Callable[[Any], dict[str, Any]], str]] = {
    "linkcheck_timeout": (_timeout, "connect_timeout, read_timeout"),
    "linkcheck_ignore": (_one("ignore", _regexes), "ignore"),
    "linkcheck_exclude_documents": (_one("exclude_documents", _regexes), "exclude_documents"),
    "linkcheck_anchors": (_one("check_anchors", bool), "check_anchors"),
    "linkcheck_anchors_ignore": (_one("anchors_ignore", _regexes), "anchors_ignore"),
    "linkcheck_anchors_ignore_for_url": (
        _one("anchors_ignore_for_url", _regexes),
        "anchors_ignore_for_url",
    ),
    "linkcheck_allowed_redirects": (_one("allowed_redirects", _redirects), "allowed_redirects"),
    "linkcheck_request_headers": (_one("headers", dict), "headers"),
    "linkcheck_auth": (_one("auth", list), "auth"),
    # linkcheck counts attempts (1 = no retry); citecheck counts extra attempts
    "linkcheck_retries": (_one("retries", lambda v: max(0, int(v) - 1)), "retries"),
    "linkcheck_workers": (_one("workers", int), "workers"),
    "linkcheck_rate_limit_timeout": (_one("max_retry_after", float), "max_retry_after"),
    "linkcheck_report_timeouts_as_broken": (
        _one("timeouts_as_broken", bool),
        "timeouts_as_broken",
    ),
    "linkcheck_allow_unauthorized": (_one("allow_unauthorized", bool), "allow_unauthorized"),
    "linkcheck_case_insensitive_urls": (
        _one("case_insensitive", _regexes),
        "case_insensitive",
    ),
    "tls_verify": (_one("verify", bool), "verify"),
    "tls_cacerts": (_one("ca_certs"), "ca_certs"),
    "user_agent": (_one("user_agent", str), "user_agent"),
}


def options_from_linkcheck(values: Mapping[str, Any]) -> dict[str, Any]:
    """:class:`LinkSettings` options from the ``linkcheck_*`` values a project set.

    ``values`` holds only what the project set (its ``conf.py`` or ``-D``);
    Sphinx's defaults are not passed, so citecheck's own defaults stand.
    """
    options: dict[str, Any] = {}
    for name, value in values.items():
        if name not in LINKCHECK_VALUES or value is None:
            continue
        convert, _ = LINKCHECK_VALUES[name]
        try:
            options.update(convert(value))
        except (TypeError, ValueError) as err:
            raise InputError(f"{name}: {err}") from None
    return options


#: the ``citecheck_*`` values the link checker reads (the extension registers them)
CITECHECK_VALUES = (
    "citecheck_links",
    "citecheck_cache_dir",
    "citecheck_allow_private",
    "citecheck_refresh",
    "citecheck_archive_url",
)


def link_settings(values: Mapping[str, Any]) -> LinkSettings:
    """The settings of a project whose configuration holds ``values``.

    ``values`` maps configuration names to what the project set (and, for
    ``citecheck_*``, possibly their defaults); anything else is ignored.
    Raises :class:`InputError` naming the value at fault.
    """
    options = options_from_linkcheck({k: v for k, v in values.items() if k in LINKCHECK_VALUES})
    links = values.get("citecheck_links") or {}
    if not isinstance(links, Mapping):
        raise InputError(f"citecheck_links must be a dict, not {links!r}")
    options.update(links)
    cache_dir = Path(values.get("citecheck_cache_dir") or CACHE_DIRNAME)
    options.setdefault("cache_path", cache_dir / CACHE_FILENAME)
    options.setdefault("allow_private", bool(values.get("citecheck_allow_private")))
    options.setdefault("refresh", bool(values.get("citecheck_refresh")))
    if values.get("citecheck_archive_url"):
        options.setdefault("archive_url", values["citecheck_archive_url"])
    for key in ("paywalled_hosts", "resolver_hosts"):
        if key in options:
            options[key] = tuple(options[key])
    known = {f.name for f in dataclasses.fields(LinkSettings)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise InputError(f"citecheck_links: unknown option(s) {', '.join(unknown)}")
    try:
        return LinkSettings(**options)
    except (InputError, TypeError, ValueError) as exc:
        raise InputError(f"citecheck_links: {exc}") from None
