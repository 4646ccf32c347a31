"""The online half of a check: worker threads that take URLs as they come.

URLs may be added at any time (the Sphinx glue adds each document's links
while the next one is read), so the network work overlaps the reading.  The
workers share one :class:`~.net.Transport` (a connection pool per host,
sized to the per-host limit) and one :class:`~.scheduler.HostScheduler`
(a slot per request, on the host the request goes to).

Same-run retries are only those that can change the verdict: a host's
``Retry-After`` is waited for (up to ``max_retry_after``), and timeouts or
5xx answers are tried again only when a project asked for it
(``retries``, linkcheck's ``linkcheck_retries``); otherwise one failure is
recorded and the dead rule waits days for more.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterable
from functools import partial

from .net import AddressBook, Transport
from .policy import UrlPolicy
from .probe import Prober
from .robots import RobotsBook, RobotsFile
from .scheduler import HostScheduler, Job
from .settings import LinkSettings
from .status import Outcome, Status

#: jitter spreads configured retries so workers do not hammer a host in step
JITTER = 0.5


def backoff_delay(attempt: int, settings: LinkSettings) -> float:
    """Exponential backoff with jitter: base * 2**attempt, +/- JITTER, capped."""
    delay = min(settings.backoff * (2.0**attempt), settings.backoff_max)
    return delay * (1 + JITTER * (2 * random.random() - 1))


def retry_plan(
    job: Job, outcome: Outcome, settings: LinkSettings
) -> tuple[float, str | None] | None:
    """``(delay, host to hold back)`` when ``job`` deserves another try now, else ``None``."""
    if outcome.status is Status.RATE_LIMITED:
        wait = outcome.retry_after
        if wait is None or wait > settings.max_retry_after:
            return None  # no Retry-After, or too long: checked again next run
        if job.rate_waits >= settings.rate_limit_retries:
            return None
        job.rate_waits += 1
        return wait, outcome.retry_host or job.host  # the host asked: all of it waits
    if outcome.status in (Status.FAILING, Status.TIMEOUT) and job.attempts < settings.retries:
        job.attempts += 1
        return backoff_delay(job.attempts - 1, settings), None
    return None


class OnlineChecks:
    """Workers checking URLs as they are added; :meth:`wait` returns the outcomes."""

    def __init__(self, settings: LinkSettings, robots: Iterable[RobotsFile] = ()) -> None:
        self.settings = settings
        self.scheduler = HostScheduler(
            per_host=settings.per_host_limit, rate=settings.per_host_rate
        )
        self.policy = UrlPolicy(settings)
        self.transport = Transport(settings, AddressBook(settings.allow_private, settings.resolve))
        self.robots: RobotsBook | None = None
        if settings.robots:
            self.robots = RobotsBook(settings, settings.now())
            self.robots.preload(robots)
        self.tick: Callable[[], None] = lambda: None  #: called after each verdict (progress)
        self._outcomes: dict[str, Outcome] = {}
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._added = 0

    def add(self, urls: Iterable[str]) -> None:
        """Check ``urls`` (each once; the caller de-duplicates)."""
        urls = list(urls)
        if not urls:
            return
        self._added += len(urls)
        self.scheduler.add(urls)
        while len(self._threads) < min(self.settings.workers, self._added):
            thread = threading.Thread(
                target=self._work, name=f"citecheck-link-{len(self._threads)}", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def done(self) -> int:
        with self._lock:
            return len(self._outcomes)

    def wait(self, wanted: set[str]) -> dict[str, Outcome]:
        """No more URLs: drop queued ones not in ``wanted``, finish the rest."""
        self.scheduler.drop(wanted.__contains__)
        self.scheduler.close()
        for thread in self._threads:
            thread.join()
        self.transport.close()
        with self._lock:
            return dict(self._outcomes)

    def cancel(self) -> None:
        """Stop without waiting: queued URLs are forgotten, requests under way end alone."""
        self.scheduler.cancel()

    def _work(self) -> None:
        prober = Prober(
            self.settings, self.policy, self.transport, self.robots, self.scheduler.set_interval
        )
        while (job := self.scheduler.take()) is not None:
            try:
                outcome = prober.probe(job.url, partial(self.scheduler.acquire, job))
            except Exception as err:  # a bug must not hang the other workers
                outcome = Outcome(Status.FAILING, info=f"checker error: {err!r}")
            plan = retry_plan(job, outcome, self.settings)
            if plan is not None:
                delay, wait_host = plan
                self.scheduler.retry(job, delay, wait_host=wait_host)
                continue
            if outcome.status is Status.TIMEOUT and self.settings.timeouts_as_broken:
                outcome = Outcome(Status.BROKEN, outcome.code, f"timed out: {outcome.info}")
            with self._lock:
                self._outcomes[job.url] = outcome
            self.scheduler.finish(job)
            self.tick()
