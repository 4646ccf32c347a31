"""Hands URLs to worker threads, fairly across hosts and politely per host.

Each host (``host:port``) has its own queue, a cap on requests in flight and
an earliest time for its next request (from the optional per-host rate, or a
``Retry-After`` the host sent).  A worker asks for the next URL of any host
that may take one, so a slow or throttled host never idles the workers while
other hosts wait -- linkcheck's single priority queue cannot do that.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(slots=True)
class Job:
    url: str
    host: str
    attempts: int = 0  #: transient failures so far
    rate_waits: int = 0  #: times a host told us to wait for this URL
    not_before: float = 0.0  #: monotonic time before which it is not started


def host_of(url: str) -> str:
    """The politeness key: scheme-less ``host:port`` in lower case."""
    return urlsplit(url).netloc.lower().rsplit("@", 1)[-1]


class HostScheduler:
    """A blocking work source; :meth:`take` returns ``None`` once all is done."""

    def __init__(
        self,
        urls: Iterable[str],
        per_host: int,
        rate: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._per_host = per_host
        self._interval = 1.0 / rate if rate else 0.0
        self._clock = clock
        self._cond = threading.Condition()
        self._queues: dict[str, deque[Job]] = {}
        self._in_flight: dict[str, int] = {}
        self._next_start: dict[str, float] = {}
        self._order: list[str] = []  # hosts, round-robin
        self._cursor = 0
        self._pending = 0
        for url in urls:
            host = host_of(url)
            if host not in self._queues:
                self._queues[host] = deque()
                self._in_flight[host] = 0
                self._next_start[host] = 0.0
                self._order.append(host)
            self._queues[host].append(Job(url, host))
            self._pending += 1

    def take(self) -> Job | None:
        """The next job a worker may start now, waiting until there is one."""
        with self._cond:
            while True:
                if self._pending == 0:
                    return None
                job, wait = self._pick(self._clock())
                if job is not None:
                    return job
                self._cond.wait(timeout=wait)

    def _pick(self, now: float) -> tuple[Job | None, float | None]:
        soonest: float | None = None
        count = len(self._order)
        for step in range(count):
            host = self._order[(self._cursor + step) % count]
            queue = self._queues[host]
            if not queue or self._in_flight[host] >= self._per_host:
                continue
            ready_at = max(self._next_start[host], queue[0].not_before)
            if ready_at > now:
                soonest = ready_at if soonest is None else min(soonest, ready_at)
                continue
            self._cursor = (self._cursor + step + 1) % count
            self._in_flight[host] += 1
            if self._interval:
                self._next_start[host] = now + self._interval
            return queue.popleft(), None
        return None, (None if soonest is None else max(0.0, soonest - now))

    def finish(self, job: Job) -> None:
        """``job`` has its verdict: free its host's slot."""
        with self._cond:
            self._in_flight[job.host] -= 1
            self._pending -= 1
            self._cond.notify_all()

    def retry(self, job: Job, delay: float, *, host_wait: bool = False) -> None:
        """Put ``job`` back to start after ``delay`` seconds.

        ``host_wait`` holds back the whole host (it sent ``Retry-After``),
        not just this URL.
        """
        with self._cond:
            now = self._clock()
            self._in_flight[job.host] -= 1
            job.not_before = now + delay
            if host_wait:
                self._next_start[job.host] = max(self._next_start[job.host], now + delay)
            self._queues[job.host].append(job)
            self._cond.notify_all()
