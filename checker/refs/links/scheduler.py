"""Hands URLs to worker threads, fairly across hosts and politely per host.

Each host (``host:port``) has a queue, a number of slots (requests in flight
at once) and an earliest time for its next request (from the optional
per-host rate, a ``Crawl-delay``, or a ``Retry-After`` the host sent).

A slot is held per *request*, on the host that request goes to: a redirect
from one host to another releases the first host's slot and waits for one
on the second (:meth:`HostScheduler.acquire`), with priority over that
host's new URLs.  Nobody waits for a slot while holding another, so two
hosts redirecting to each other cannot deadlock.  Workers take the next URL
of whichever host may start one (round robin), so no host's last link waits
behind another host's queue.

URLs may be added while workers run (the Sphinx glue feeds each document's
links as it is read); :meth:`close` says no more will come.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(slots=True, eq=False)
class Job:
    url: str
    host: str  #: the politeness key of ``url``
    attempts: int = 0  #: same-run retries after a failure so far
    rate_waits: int = 0  #: times a host told us to wait for this URL
    not_before: float = 0.0  #: monotonic time before which it is not started
    held: str | None = None  #: the host whose slot this job holds now


def host_of(url: str) -> str:
    """The politeness key: scheme-less ``host:port`` in lower case."""
    return urlsplit(url).netloc.lower().rsplit("@", 1)[-1]


class HostScheduler:
    """A blocking work source; :meth:`take` returns ``None`` once closed and all done."""

    def __init__(
        self,
        urls: Iterable[str] | None = None,
        per_host: int = 2,
        rate: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._per_host = per_host
        self._interval = 1.0 / rate if rate else 0.0
        self._clock = clock
        self._cond = threading.Condition()
        self._queues: dict[str, deque[Job]] = {}
        self._in_flight: dict[str, int] = {}
        self._waiting: dict[str, int] = {}  # hop requests waiting for a slot, per host
        self._next_start: dict[str, float] = {}
        self._host_interval: dict[str, float] = {}  # Crawl-delay, when longer than the rate's
        self._order: list[str] = []  # hosts, round-robin
        self._cursor = 0
        self._pending = 0
        # a fixed list of URLs is done when it is done; without one, see close()
        self._closed = urls is not None
        for url in urls or ():
            self._add(url)

    # ---- feeding -------------------------------------------------------------

    def add(self, urls: Iterable[str]) -> int:
        """Queue more URLs; returns how many are pending now."""
        with self._cond:
            for url in urls:
                self._add(url)
            self._cond.notify_all()
            return self._pending

    def _add(self, url: str) -> None:
        host = host_of(url)
        self._host(host)
        self._queues[host].append(Job(url, host))
        self._pending += 1

    def _host(self, host: str) -> None:
        if host not in self._queues:
            self._queues[host] = deque()
            self._in_flight[host] = 0
            self._waiting[host] = 0
            self._next_start[host] = 0.0
            self._order.append(host)

    def drop(self, keep: Callable[[str], bool]) -> None:
        """Forget queued (not started) URLs that ``keep`` rejects."""
        with self._cond:
            for queue in self._queues.values():
                kept = [job for job in queue if keep(job.url)]
                self._pending -= len(queue) - len(kept)
                queue.clear()
                queue.extend(kept)
            self._cond.notify_all()

    def close(self) -> None:
        """No more URLs will come: :meth:`take` returns ``None`` once the queue drains."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def cancel(self) -> None:
        """Stop: forget everything queued; workers stop after their current request."""
        self.drop(lambda _: False)
        self.close()

    def set_interval(self, host: str, seconds: float) -> None:
        """At least ``seconds`` between request starts to ``host`` (robots.txt Crawl-delay)."""
        with self._cond:
            self._host(host)
            self._host_interval[host] = max(seconds, self._interval)

    # ---- workers -------------------------------------------------------------

    def take(self) -> Job | None:
        """The next job a worker may start now (holding a slot on its host), waiting for one."""
        with self._cond:
            while True:
                if self._pending == 0 and self._closed:
                    return None
                job, wait = self._pick(self._clock())
                if job is not None:
                    return job
                self._cond.wait(timeout=wait)

    def _free(self, host: str) -> bool:
        return self._in_flight[host] < self._per_host

    def _pick(self, now: float) -> tuple[Job | None, float | None]:
        soonest: float | None = None
        count = len(self._order)
        for step in range(count):
            host = self._order[(self._cursor + step) % count]
            queue = self._queues[host]
            # hops already under way into this host go first
            if not queue or self._in_flight[host] + self._waiting[host] >= self._per_host:
                continue
            ready_at = max(self._next_start[host], queue[0].not_before)
            if ready_at > now:
                soonest = ready_at if soonest is None else min(soonest, ready_at)
                continue
            self._cursor = (self._cursor + step + 1) % count
            job = queue.popleft()
            self._start(job, host, now)
            return job, None
        return None, (None if soonest is None else max(0.0, soonest - now))

    def _start(self, job: Job, host: str, now: float) -> None:
        self._in_flight[host] += 1
        job.held = host
        interval = self._host_interval.get(host, self._interval)
        if interval:
            self._next_start[host] = now + interval

    def acquire(self, job: Job, host: str) -> None:
        """Before each request of ``job``: hold a slot on ``host`` (the hop's host).

        Keeps the slot it holds when the request goes to the same host (a
        GET after a HEAD, a redirect within the host); otherwise releases it
        first, then waits for a slot on ``host``.
        """
        with self._cond:
            self._host(host)
            interval = self._host_interval.get(host, self._interval)
            if job.held == host and not interval:
                return
            self._release(job)
            self._waiting[host] += 1
            try:
                while True:
                    now = self._clock()
                    if self._free(host) and self._next_start[host] <= now:
                        break
                    wait = self._next_start[host] - now if self._free(host) else None
                    self._cond.wait(timeout=wait)
            finally:
                self._waiting[host] -= 1
            self._start(job, host, now)

    def _release(self, job: Job) -> None:
        if job.held is not None:
            self._in_flight[job.held] -= 1
            job.held = None
            self._cond.notify_all()

    def finish(self, job: Job) -> None:
        """``job`` has its verdict: free its slot."""
        with self._cond:
            self._release(job)
            self._pending -= 1
            self._cond.notify_all()

    def retry(self, job: Job, delay: float, *, wait_host: str | None = None) -> None:
        """Put ``job`` back to start after ``delay`` seconds.

        ``wait_host`` (a host that sent ``Retry-After``) is held back as a
        whole for ``delay``, not just this URL.
        """
        with self._cond:
            now = self._clock()
            self._release(job)
            job.not_before = now + delay
            if wait_host is not None:
                self._host(wait_host)
                self._next_start[wait_host] = max(self._next_start[wait_host], now + delay)
            self._queues[job.host].append(job)
            self._cond.notify_all()
