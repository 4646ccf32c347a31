"""How the online link checker behaves: one immutable settings object.

Every knob the issue asks for lives here, with the defaults a docs project
wants (polite: two requests in flight per host; patient: a 7-day cache for
working links).  The Sphinx glue and the command line fill it from
``citecheck_*`` config values or options; tests build it directly and inject
a clock through ``now``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ... import __version__
from ...errors import InputError
from .hosts import PAYWALLED_HOSTS, RESOLVER_HOSTS

DAY = 86_400.0  #: seconds in a day; TTLs and the dead rule are given in days

#: where the cache lives inside a build's output folder
CACHE_DIRNAME = ".citecheck-cache"
CACHE_FILENAME = "links.sqlite"


def default_cache_path(outdir: str | Path) -> Path:
    """The project's link cache: ``<outdir>/.citecheck-cache/links.sqlite``."""
    return Path(outdir) / CACHE_DIRNAME / CACHE_FILENAME


@dataclass(frozen=True)
class LinkSettings:
    """Options of :func:`checker.refs.links.check.check_links`."""

    #: worker threads, each with its own HTTP session (connection pool)
    workers: int = 32
    #: requests in flight at once to one host (host:port); politeness
    per_host_limit: int = 2
    #: optional ceiling on requests started per second to one host
    per_host_rate: float | None = None
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    #: extra attempts after a transient failure (connection error, 5xx, timeout)
    retries: int = 2
    #: the longest ``Retry-After`` (seconds) we wait for; beyond it: rate-limited
    max_retry_after: float = 120.0
    #: how many times one URL may be rate-limited and retried before we give up
    rate_limit_retries: int = 3
    #: base delay (s) of the exponential backoff between attempts, with jitter
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
    #: regexes (``re.match`` from the start, as linkcheck's); matching URLs are not checked
    ignore: tuple[str, ...] = ()
    #: when not empty, only URLs matching one of these regexes are checked
    allow: tuple[str, ...] = ()
    #: URL prefix -> extra request headers (the longest matching prefix wins;
    #: ``"*"`` applies when none matches, as ``linkcheck_request_headers``)
    headers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: URL prefix -> (user, password) for HTTP basic auth
    auth: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    #: fetch pages whose URL has ``#fragment`` and look for the id / name
    check_anchors: bool = True
    #: hosts (and their subdomains) where 401/402/403 means "paywalled", not broken
    paywalled_hosts: tuple[str, ...] = PAYWALLED_HOSTS
    #: identifier resolvers (doi.org ...) whose temporary redirects are expected
    resolver_hosts: tuple[str, ...] = RESOLVER_HOSTS
    #: a Wayback-style availability API, e.g. ``https://archive.org/wayback/available``
    archive_url: str | None = None
    #: request private, loopback and link-local addresses (off: CI must not probe its LAN)
    allow_private: bool = False
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
        for pattern in (*self.ignore, *self.allow):
            try:
                re.compile(pattern)
            except re.error as err:
                raise InputError(f"link checker: bad regex {pattern!r}: {err}") from None
        for prefix, headers in self.headers.items():
            if not isinstance(headers, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
            ):
                raise InputError(f"link checker: headers for {prefix!r} must map names to strings")
        for prefix, credentials in self.auth.items():
            if not (isinstance(credentials, (tuple, list)) and len(credentials) == 2):
                raise InputError(f"link checker: auth for {prefix!r} must be (user, password)")
        # Tuples, not lists: the settings are shared read-only between threads.
        object.__setattr__(self, "ignore", tuple(self.ignore))
        object.__setattr__(self, "allow", tuple(self.allow))
        for name in ("paywalled_hosts", "resolver_hosts"):
            object.__setattr__(self, name, tuple(h.lower() for h in getattr(self, name)))
        if self.cache_path is not None:
            object.__setattr__(self, "cache_path", Path(self.cache_path))

    @property
    def timeout(self) -> tuple[float, float]:
        """``(connect, read)`` as ``requests`` takes it."""
        return (self.connect_timeout, self.read_timeout)
