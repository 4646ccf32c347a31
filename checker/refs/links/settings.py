"""How the online link checker behaves: one immutable settings object.

Every knob lives here, with the defaults a docs project wants (polite: two
requests in flight per host; patient: a 7-day cache for working links).
The Sphinx glue fills it from Sphinx's own ``linkcheck_*`` values
(:mod:`.linkcheck`) overridden by ``citecheck_links``; the command line
adds its options; tests build it directly and inject a clock (``now``) and a
resolver (``resolve``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from ... import __version__
from ...errors import InputError
from .hosts import PAYWALLED_HOSTS, RESOLVER_HOSTS

DAY = 86_400.0  #: seconds in a day; TTLs and the dead rule are given in days

#: where the cache lives inside a build's output folder
CACHE_DIRNAME = ".citecheck-cache"
CACHE_FILENAME = "links.sqlite"

#: ``(host, port) -> addresses``; the checker resolves each host once with it
Resolve = Callable[[str, int], Sequence[str]]


def default_cache_path(outdir: str | Path) -> Path:
    """The project's link cache: ``<outdir>/.citecheck-cache/links.sqlite``."""
    return Path(outdir) / CACHE_DIRNAME / CACHE_FILENAME


@dataclass(frozen=True)
class LinkSettings:
    """Options of :func:`checker.refs.links.check.check_links`."""

    #: requests in flight at once over all hosts (worker threads)
    workers: int = 32
    #: requests in flight at once to one host (host:port), redirect hops included
    per_host_limit: int = 2
    #: optional ceiling on requests started per second to one host
    per_host_rate: float | None = None
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    #: extra attempts in the same run after a timeout or a 5xx (linkcheck_retries - 1).
    #: 0 by default: one failure is recorded and the dead rule waits days for more
    retries: int = 0
    #: the longest ``Retry-After`` (seconds) we wait for; beyond it: rate-limited
    max_retry_after: float = 120.0
    #: how many times one URL may be rate-limited and retried before we give up
    rate_limit_retries: int = 3
    #: base delay (s) of the exponential backoff between configured retries, with jitter
    backoff: float = 1.0
    backoff_max: float = 30.0
    #: InternetArchiveBot's rule: dead after this many failed checks ...
    dead_after: int = 3
    #: ... each at least this many days after the previous counted one
    dead_min_days: float = 3.0
    #: SQLite cache between runs; ``None`` keeps nothing
    cache_path: Path | None = None
    working_ttl_days: float = 7.0
    failing_ttl_days: float = 3.0
    #: check every URL again, whatever the cache says (history is still kept)
    refresh: bool = False
    #: regexes (``re.match`` from the start, as linkcheck's); matching URLs, and
    #: redirects to matching URLs, are not checked
    ignore: tuple[str, ...] = ()
    #: when not empty, only URLs matching one of these regexes are checked
    allow: tuple[str, ...] = ()
    #: regexes matched against a use's document name; links there are not checked
    exclude_documents: tuple[str, ...] = ()
    #: URL -> extra request headers: ``scheme://host``, ``scheme://host/`` or the
    #: URL itself (as ``linkcheck_request_headers``), then the longest URL prefix;
    #: ``"*"`` applies when none matches
    headers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: ``(regex, credentials)`` pairs, the first whose regex matches the URL wins
    #: (as ``linkcheck_auth``); credentials are ``(user, password)`` or a requests
    #: auth object that sets headers.  A mapping ``{URL prefix: (user, password)}``
    #: is accepted too.
    auth: Sequence[tuple[str, Any]] | Mapping[str, Any] = ()
    #: fetch pages whose URL has ``#fragment`` and look for the id / name
    check_anchors: bool = True
    #: fragments matching one of these regexes are not looked for (client-side routes)
    anchors_ignore: tuple[str, ...] = ("^!",)
    #: pages whose URL (without fragment) matches one of these: anchors not looked for
    anchors_ignore_for_url: tuple[str, ...] = ()
    #: ``{source regex: target regex}``: a redirect from a matching URL to a
    #: matching target counts as working (as ``linkcheck_allowed_redirects``)
    allowed_redirects: Mapping[str, str] = field(default_factory=dict)
    #: URLs matching these regexes compare case-insensitively after a redirect
    case_insensitive: tuple[str, ...] = ()
    #: 401 means working (the page exists behind a login)
    allow_unauthorized: bool = False
    #: report a timeout as broken (``linkcheck_report_timeouts_as_broken``)
    timeouts_as_broken: bool = False
    #: honour each host's robots.txt (fetched once per host, cached ``robots_ttl_days``)
    robots: bool = False
    robots_ttl_days: float = 1.0
    #: hosts (and their subdomains) where 401/402/403 means "paywalled", not broken
    paywalled_hosts: tuple[str, ...] = PAYWALLED_HOSTS
    #: identifier resolvers (doi.org ...) whose temporary redirects are expected
    resolver_hosts: tuple[str, ...] = RESOLVER_HOSTS
    #: a Wayback-style availability API, e.g. ``https://archive.org/wayback/available``
    archive_url: str | None = None
    #: request private, loopback and link-local addresses (off: CI must not probe its LAN)
    allow_private: bool = False
    #: how host names are resolved (once per host and run); ``None``: the system resolver
    resolve: Resolve | None = None
    #: verify TLS certificates (``tls_verify``)
    verify: bool = True
    #: CA bundle: a path, or ``{host: path}`` (``tls_cacerts``); ``None``: certifi's
    ca_certs: str | Mapping[str, str] | None = None
    user_agent: str = (
        f"citecheck/{__version__} (link checker; +https://pypi.org/project/sphinx-citecheck/)"
    )
    #: a progress bar on stderr, only when it is a terminal
    progress: bool = True
    max_redirects: int = 10
    #: never read more of a body than this (anchor search only; plain checks read none)
    max_body_bytes: int = 1 << 20
    #: the clock (epoch seconds); tests inject one to step over days
    now: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        if self.workers < 1 or self.per_host_limit < 1:
            raise InputError("link checker: workers and per-host limit must be at least 1")
        if self.per_host_rate is not None and self.per_host_rate <= 0:
            raise InputError("link checker: per-host rate must be positive (requests/second)")
        if min(self.connect_timeout, self.read_timeout) <= 0:
            raise InputError("link checker: timeouts must be positive (seconds)")
        if min(self.retries, self.rate_limit_retries, self.dead_after - 1) < 0:
            raise InputError("link checker: retries must be >= 0 and dead-after >= 1")
        # Tuples, not lists: the settings are shared read-only between threads.
        for name in (
            "ignore",
            "allow",
            "exclude_documents",
            "anchors_ignore",
            "anchors_ignore_for_url",
            "case_insensitive",
        ):
            patterns = _strings(name, getattr(self, name))
            for pattern in patterns:
                _compile(pattern)
            object.__setattr__(self, name, patterns)
        for source, target in self.allowed_redirects.items():
            _compile(source)
            _compile(target)
        for prefix, headers in self.headers.items():
            if not isinstance(headers, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
            ):
                raise InputError(f"link checker: headers for {prefix!r} must map names to strings")
        object.__setattr__(self, "auth", _auth_pairs(self.auth))
        for name in ("paywalled_hosts", "resolver_hosts"):
            object.__setattr__(self, name, tuple(h.lower() for h in getattr(self, name)))
        if self.cache_path is not None:
            object.__setattr__(self, "cache_path", Path(self.cache_path))

    @property
    def auth_rules(self) -> tuple[tuple[str, Any], ...]:
        """``auth`` as checked: ``(regex, credentials)`` pairs, in order."""
        return cast(tuple[tuple[str, Any], ...], self.auth)

    @property
    def timeout(self) -> tuple[float, float]:
        """``(connect, read)`` seconds."""
        return (self.connect_timeout, self.read_timeout)


def _strings(name: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence | frozenset | set):
        raise InputError(f"link checker: {name} must be a list of regexes, not {value!r}")
    return tuple(str(v) for v in value)


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as err:
        raise InputError(f"link checker: bad regex {pattern!r}: {err}") from None


def _auth_pairs(auth: object) -> tuple[tuple[str, Any], ...]:
    """``linkcheck_auth``'s list of ``(regex, credentials)``; a prefix mapping becomes one."""
    if isinstance(auth, Mapping):
        pairs = [(re.escape(prefix), creds) for prefix, creds in auth.items()]
    elif isinstance(auth, Sequence) and not isinstance(auth, str):
        pairs = list(auth)
    else:
        raise InputError(f"link checker: auth must be a list of (regex, credentials), not {auth!r}")
    checked = []
    for pair in pairs:
        if not (isinstance(pair, tuple | list) and len(pair) == 2 and isinstance(pair[0], str)):
            raise InputError(f"link checker: auth entries are (regex, credentials), not {pair!r}")
        pattern, creds = pair
        _compile(pattern)
        if isinstance(creds, tuple | list):
            if len(creds) != 2:
                raise InputError(f"link checker: auth for {pattern!r} must be (user, password)")
            creds = (str(creds[0]), str(creds[1]))
        elif not callable(creds):
            raise InputError(f"link checker: auth for {pattern!r} must be (user, password)")
        checked.append((pattern, creds))
    return tuple(checked)
