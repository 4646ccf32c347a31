"""robots.txt, when a project asks for it (``citecheck_links = {"robots": True}``).

Each origin's robots.txt is fetched once per run (under that host's slot,
like any request) and kept in the link cache for ``robots_ttl_days``, so a
second run asks nothing.  Reading follows RFC 9309 where the standard
library's parser allows: 2xx is parsed, 4xx means everything is allowed, 5xx
means nothing is; a host that cannot be reached gives its links the same
failure (timeout, connection error) without another request.  Redirects of
robots.txt are followed within the same ``host:port`` only (a slot on
another host cannot be waited for while holding this one).  ``Crawl-delay``
spaces the host's requests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .settings import DAY, LinkSettings
from .status import Detail, Outcome, Status

if TYPE_CHECKING:
    from urllib.robotparser import RobotFileParser

#: RFC 9309: crawlers must read at least 500 KiB of a robots.txt
MAX_ROBOTS_BYTES = 500 * 1024


@dataclass(frozen=True, slots=True)
class RobotsFile:
    """One origin's robots.txt as fetched: the HTTP status and the text."""

    origin: str  #: ``scheme://host:port``
    status: int
    body: str
    fetched_at: float

    def cacheable(self) -> bool:
        """A definite answer (2xx, 4xx); a server error is asked again next run."""
        return 200 <= self.status < 300 or 400 <= self.status < 500


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower().rsplit('@', 1)[-1]}"


def _parser(robots: RobotsFile) -> RobotFileParser:
    from urllib.robotparser import RobotFileParser  # urllib.request: only when asked for

    parser = RobotFileParser(robots.origin + "/robots.txt")
    if 200 <= robots.status < 300:
        parser.parse(robots.body.splitlines())
    elif 400 <= robots.status < 500:
        parser.allow_all = True  # type: ignore[attr-defined]  # set by read() in the stdlib
    else:
        parser.disallow_all = True  # type: ignore[attr-defined]
    return parser


class RobotsBook:
    """robots.txt per origin: loaded from the cache, else fetched once (thread-safe)."""

    def __init__(self, settings: LinkSettings, now: float) -> None:
        self._agent = settings.user_agent
        self._ttl = settings.robots_ttl_days * DAY
        self._now = now
        self._files: dict[str, RobotsFile | Exception] = {}
        self._parsers: dict[str, RobotFileParser] = {}
        self._fetched: list[RobotsFile] = []
        self._delays_told: set[str] = set()
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def preload(self, files: Iterable[RobotsFile]) -> None:
        """Files from the cache; those older than the TTL are fetched again."""
        for robots in files:
            if 0 <= self._now - robots.fetched_at < self._ttl:
                self._files[robots.origin] = robots
                self._parsers[robots.origin] = _parser(robots)

    def fetched(self) -> list[RobotsFile]:
        """What this run fetched and the cache should keep."""
        with self._lock:
            return [r for r in self._fetched if r.cacheable()]

    def check(
        self,
        url: str,
        fetch: Callable[[str], RobotsFile],
        delay: Callable[[float], None],
    ) -> Outcome | None:
        """``None`` when ``url`` may be requested, else the outcome to report.

        ``fetch(origin)`` gets the origin's robots.txt (exceptions propagate
        to every link of the origin); ``delay(seconds)`` is told a Crawl-delay.
        """
        origin = origin_of(url)
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            known = self._files.get(origin)
            if known is None:
                try:
                    known = fetch(origin)
                except Exception as err:
                    known = err
                with self._lock:
                    self._files[origin] = known
                    if isinstance(known, RobotsFile):
                        self._fetched.append(known)
                        self._parsers[origin] = _parser(known)
            if isinstance(known, RobotsFile) and origin not in self._delays_told:
                self._delays_told.add(origin)
                crawl_delay = self._parsers[origin].crawl_delay(self._agent)
                if crawl_delay:
                    delay(float(crawl_delay))
        if isinstance(known, Exception):
            raise known
        if self._parsers[origin].can_fetch(self._agent, url):
            return None
        why = "disallows it" if known.status < 500 else f"answered {known.status}"
        return Outcome(
            Status.UNCHECKED,
            info=f"not checked: {origin}/robots.txt {why}",
            detail=Detail.ROBOTS,
        )
