"""The link checker's entry point: uses in, one verdict per URL out.

``check_links`` groups the uses by URL (keeping every place), settles what it
can without the network (ignored, unsupported, cached), checks the rest with
worker threads -- one ``requests.Session`` each, handed URLs by a per-host
scheduler -- applies the dead rule, looks up archived copies, and writes the
cache.  ``link_findings`` turns the results into findings.
"""

from __future__ import annotations

import random
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from typing import Any

import requests

from ..model import LinkUse, Location
from .archive import lookup_archive
from .cache import CacheEntry, LinkCache
from .history import History, advance, verdict
from .policy import AddressGuard, UrlFilter
from .probe import Prober
from .rules import link_findings, summary_line
from .scheduler import HostScheduler, Job
from .settings import LinkSettings
from .status import Detail, LinkResult, Outcome, Status

__all__ = ["LinkResult", "LinkSettings", "check_links", "link_findings", "summary_line"]

#: jitter spreads retries so workers do not hammer a host in step
JITTER = 0.5
#: archive look-ups are few; a small pool keeps them from serialising
ARCHIVE_WORKERS = 4
#: broken links whose page may still exist, or never did: no archived copy helps
_NO_ARCHIVE_FOR = frozenset({Detail.ANCHOR_MISSING, Detail.MALFORMED})
#: no verdict worth keeping: check again next run
_NOT_CACHED = frozenset({Status.RATE_LIMITED, Status.UNCHECKED, Status.IGNORED})


@dataclass
class _Uses:
    places: list[Location] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)


def _group(uses: Sequence[LinkUse]) -> dict[str, _Uses]:
    grouped: dict[str, _Uses] = {}
    for use in uses:
        url = use.url.strip()
        if not url:
            continue
        entry = grouped.setdefault(url, _Uses())
        if use.where not in entry.places:
            entry.places.append(use.where)
        if use.key and use.key not in entry.keys:
            entry.keys.append(use.key)
    return grouped


def backoff_delay(attempt: int, settings: LinkSettings) -> float:
    """Exponential backoff with jitter: base * 2**attempt, +/- JITTER, capped."""
    delay = min(settings.backoff * (2.0**attempt), settings.backoff_max)
    return delay * (1 + JITTER * (2 * random.random() - 1))


def _retry_plan(job: Job, outcome: Outcome, settings: LinkSettings) -> tuple[float, bool] | None:
    """``(delay, whole host waits)`` when ``job`` deserves another try, else ``None``.

    A host that sends ``Retry-After`` is waited for (the whole host, as it
    asked) up to ``max_retry_after``; transient failures back off per URL.
    """
    if outcome.status is Status.RATE_LIMITED:
        wait = outcome.retry_after
        if wait is None:
            wait = backoff_delay(job.rate_waits, settings)
        if wait > settings.max_retry_after or job.rate_waits >= settings.rate_limit_retries:
            return None
        job.rate_waits += 1
        return wait, True
    if outcome.status in (Status.FAILING, Status.TIMEOUT) and job.attempts < settings.retries:
        job.attempts += 1
        return backoff_delay(job.attempts - 1, settings), False
    return None


def _run_workers(
    urls: list[str], settings: LinkSettings, tick: Callable[[], None]
) -> dict[str, Outcome]:
    """Check ``urls`` online; returns the last outcome of each."""
    scheduler = HostScheduler(urls, settings.per_host_limit, settings.per_host_rate)
    guard = AddressGuard(settings.allow_private)
    outcomes: dict[str, Outcome] = {}
    lock = threading.Lock()

    def settle(job: Job, outcome: Outcome) -> None:
        with lock:
            outcomes[job.url] = outcome
        scheduler.finish(job)
        tick()

    def work() -> None:
        prober = Prober(settings, guard)
        try:
            while (job := scheduler.take()) is not None:
                try:
                    outcome = prober.probe(job.url)
                except Exception as err:  # a bug must not hang the other workers
                    settle(job, Outcome(Status.FAILING, info=f"checker error: {err!r}"))
                    continue
                plan = _retry_plan(job, outcome, settings)
                if plan is not None:
                    delay, host_wait = plan
                    scheduler.retry(job, delay, host_wait=host_wait)
                    continue
                settle(job, outcome)
        finally:
            prober.close()

    threads = [
        threading.Thread(target=work, name=f"citecheck-link-{i}", daemon=True)
        for i in range(min(settings.workers, len(urls)))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _progress(total: int, settings: LinkSettings) -> AbstractContextManager[Any]:
    """A tqdm bar on a terminal; a do-nothing context elsewhere (CI logs stay clean)."""
    if not (settings.progress and total and sys.stderr.isatty()):
        return nullcontext(None)
    from tqdm import tqdm

    return tqdm(total=total, unit="link", desc="checking links", file=sys.stderr, leave=False)


def _from_cache(url: str, uses: _Uses, entry: CacheEntry) -> LinkResult:
    return LinkResult(
        url=url,
        status=entry.status,
        places=tuple(uses.places),
        keys=tuple(uses.keys),
        code=entry.code,
        info=entry.info,
        detail=entry.detail,
        new_url=entry.new_url,
        permanent=entry.permanent,
        observed=entry.observed,
        failures=entry.history.failures,
        first_failure=entry.history.first_failure,
        checked_at=entry.checked_at,
        archive_url=entry.archive_url,
        from_cache=True,
    )


def _wants_archive(result: LinkResult) -> bool:
    """Dead links, and broken ones whose page is gone, deserve an archived copy."""
    if result.status is Status.DEAD:
        return True
    return result.status is Status.BROKEN and result.detail not in _NO_ARCHIVE_FOR


def _add_archives(results: dict[str, LinkResult], settings: LinkSettings) -> None:
    """Fill ``archive_url`` of dead and broken links from the availability API."""
    api = settings.archive_url
    wanted = [r for r in results.values() if _wants_archive(r) and not r.archive_url]
    if not api or not wanted:
        return
    local = threading.local()
    sessions: list[requests.Session] = []

    def find(result: LinkResult) -> tuple[str, str | None]:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers["User-Agent"] = settings.user_agent
            sessions.append(local.session)
        return result.url, lookup_archive(local.session, api, result.url, settings.timeout)

    try:
        with ThreadPoolExecutor(max_workers=ARCHIVE_WORKERS) as pool:
            for url, archived in pool.map(find, wanted):
                if archived:
                    results[url] = replace(results[url], archive_url=archived)
    finally:
        for session in sessions:
            session.close()


def check_links(uses: Sequence[LinkUse], settings: LinkSettings) -> list[LinkResult]:
    """Check every distinct URL of ``uses`` once; results sorted by URL."""
    grouped = _group(uses)
    url_filter = UrlFilter(settings)
    now = settings.now()
    results: dict[str, LinkResult] = {}
    cache = LinkCache.open(settings.cache_path) if settings.cache_path else None
    with cache if cache else nullcontext():
        cached = cache.load(grouped) if cache else {}
        to_check: list[str] = []
        for url, used in grouped.items():
            outcome = url_filter.pre_check(url)
            entry = cached.get(url)
            if outcome is None and entry and entry.private and not settings.allow_private:
                # Known private from an earlier run that allowed it: no DNS needed.
                outcome = Outcome(
                    Status.UNCHECKED,
                    info="the host has a private address",
                    detail=Detail.PRIVATE_ADDRESS,
                    private=True,
                )
            if outcome is not None:
                results[url] = _result(url, used, outcome, History(), now, settings)
            elif entry is not None and not settings.refresh and entry.is_fresh(now, settings):
                results[url] = _from_cache(url, used, entry)
            else:
                to_check.append(url)

        outcomes: dict[str, Outcome] = {}
        if to_check:
            with _progress(len(to_check), settings) as bar:
                outcomes = _run_workers(to_check, settings, bar.update if bar else _no_tick)

        histories: dict[str, History] = {}
        for url in to_check:
            entry = cached.get(url)
            outcome = outcomes[url]
            histories[url] = advance(
                entry.history if entry else History(), outcome.status, now, settings
            )
            result = _result(url, grouped[url], outcome, histories[url], now, settings)
            if entry and entry.archive_url and _wants_archive(result):
                result = replace(result, archive_url=entry.archive_url)
            results[url] = result
        _add_archives(results, settings)
        if cache:
            cache.store(
                _entry(results[url], outcomes[url], histories[url], now)
                for url in to_check
                if outcomes[url].status not in _NOT_CACHED
            )
    return [results[url] for url in sorted(results)]


def _no_tick() -> None:
    pass


def _result(
    url: str, used: _Uses, outcome: Outcome, history: History, now: float, settings: LinkSettings
) -> LinkResult:
    return LinkResult(
        url=url,
        status=verdict(outcome.status, history, settings),
        places=tuple(used.places),
        keys=tuple(used.keys),
        code=outcome.code,
        info=outcome.info,
        detail=outcome.detail,
        new_url=outcome.new_url,
        permanent=outcome.permanent,
        observed=outcome.status,
        failures=history.failures,
        first_failure=history.first_failure,
        checked_at=now,
    )


def _entry(result: LinkResult, outcome: Outcome, history: History, now: float) -> CacheEntry:
    return CacheEntry(
        url=result.url,
        status=result.status,
        observed=outcome.status,
        code=result.code,
        info=result.info,
        detail=result.detail,
        new_url=result.new_url,
        permanent=result.permanent,
        private=outcome.private,
        checked_at=now,
        history=history,
        archive_url=result.archive_url,
    )
