"""The link checker's entry point: uses in, one verdict per URL out.

``check_links`` (or a :class:`LinkCheck` fed early) groups the uses by URL
(keeping every place), settles what it can without the network (ignored,
unsupported, excluded documents, cached), checks the rest online
(:mod:`.runner`), applies the dead rule, looks up archived copies, and
writes the cache.  ``link_findings`` turns the results into findings.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import LinkUse, Location
from .cache import CacheEntry, LinkCache
from .history import History, advance, verdict
from .policy import UrlPolicy
from .rules import link_findings, summary_line
from .runner import OnlineChecks
from .settings import LinkSettings
from .status import Detail, LinkResult, Outcome, Status

__all__ = [
    "LinkCheck",
    "LinkResult",
    "LinkSettings",
    "check_links",
    "link_findings",
    "summary_line",
]

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
    import requests  # only when there is something to look up

    from .archive import lookup_archive

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


class LinkCheck:
    """One run of the link checker.

    :meth:`prefetch` may be called any number of times while the uses are
    still being collected: cached and ignored URLs are settled at once, the
    rest start online right away.  :meth:`results` takes every use, checks
    what was not prefetched, waits, and writes the cache.  Use it as a
    context manager so an interrupted run stops its workers.
    """

    def __init__(self, settings: LinkSettings) -> None:
        self.settings = settings
        self.now = settings.now()
        self.policy = UrlPolicy(settings)
        self._excluded = [re.compile(p) for p in settings.exclude_documents]
        self.cache = LinkCache.open(settings.cache_path) if settings.cache_path else None
        self._entries: dict[str, CacheEntry] = {}
        self._settled: dict[str, Outcome] = {}  # decided without a request this run
        self._cached: set[str] = set()  # fresh cached verdicts that stand
        self._online: OnlineChecks | None = None
        self._checking: set[str] = set()

    def __enter__(self) -> LinkCheck:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop what still runs (after an error) and close the cache."""
        if self._online is not None:
            self._online.cancel()
            self._online = None
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    def excluded(self, doc: str | None) -> str | None:
        """The ``exclude_documents`` pattern that ``doc`` matches, if any."""
        if doc is None:
            return None
        return next((rx.pattern for rx in self._excluded if rx.match(doc)), None)

    def prefetch(self, urls: Iterable[str]) -> None:
        """Start checking ``urls`` now (those not seen yet)."""
        new = [
            u
            for u in dict.fromkeys(url.strip() for url in urls)
            if u and u not in self._settled and u not in self._cached and u not in self._checking
        ]
        if not new:
            return
        if self.cache is not None:
            self._entries.update(self.cache.load(new))
        online = []
        for url in new:
            outcome = self.policy.pre_check(url)
            entry = self._entries.get(url)
            if outcome is None and entry and entry.private and not self.settings.allow_private:
                # Known private from an earlier run that allowed it: no DNS needed.
                outcome = Outcome(
                    Status.UNCHECKED,
                    info="the host has a private address",
                    detail=Detail.PRIVATE_ADDRESS,
                    private=True,
                )
            if outcome is not None:
                self._settled[url] = outcome
            elif (
                entry is not None
                and not self.settings.refresh
                and entry.is_fresh(self.now, self.settings)
            ):
                self._cached.add(url)
            else:
                online.append(url)
        if online:
            self._checking.update(online)
            self._start().add(online)

    def _start(self) -> OnlineChecks:
        if self._online is None:
            robots = self.cache.load_robots() if self.cache and self.settings.robots else []
            self._online = OnlineChecks(self.settings, robots)
        return self._online

    def results(self, uses: Sequence[LinkUse]) -> list[LinkResult]:
        """Every distinct URL of ``uses`` checked once; results sorted by URL."""
        grouped, excluded = self._group(uses)
        self.prefetch(grouped)
        outcomes: dict[str, Outcome] = {}
        if self._online is not None:
            online, self._online = self._online, None
            with _progress(len(self._checking & set(grouped)), self.settings) as bar:
                if bar is not None:
                    bar.update(online.done())
                    online.tick = bar.update
                outcomes = online.wait(set(grouped))
            if self.cache is not None and online.robots is not None:
                self.cache.store_robots(online.robots.fetched())
        results: dict[str, LinkResult] = {}
        for url, (pattern, used) in excluded.items():
            ignored = Outcome(Status.IGNORED, info=f"in a document matching {pattern!r}")
            results[url] = _result(url, used, ignored, History(), self.now, self.settings)
        checked: dict[str, tuple[Outcome, History]] = {}
        for url, used in grouped.items():
            entry = self._entries.get(url)
            if url in self._settled:
                results[url] = _result(
                    url, used, self._settled[url], History(), self.now, self.settings
                )
            elif url in self._cached and entry is not None:
                results[url] = _from_cache(url, used, entry)
            else:
                outcome = outcomes[url]
                history = advance(
                    entry.history if entry else History(), outcome.status, self.now, self.settings
                )
                result = _result(url, used, outcome, history, self.now, self.settings)
                if entry and entry.archive_url and _wants_archive(result):
                    result = replace(result, archive_url=entry.archive_url)
                results[url] = result
                checked[url] = (outcome, history)
        _add_archives(results, self.settings)
        if self.cache is not None:
            self.cache.store(
                _entry(results[url], outcome, history, self.now)
                for url, (outcome, history) in checked.items()
                if outcome.status not in _NOT_CACHED
            )
        return [results[url] for url in sorted(results)]

    def _group(
        self, uses: Sequence[LinkUse]
    ) -> tuple[dict[str, _Uses], dict[str, tuple[str, _Uses]]]:
        """Uses by URL, and the URLs used only in excluded documents (with a pattern)."""
        kept: list[LinkUse] = []
        dropped: list[LinkUse] = []
        patterns: dict[str, str] = {}
        for use in uses:
            pattern = self.excluded(use.where.doc)
            if pattern is None:
                kept.append(use)
            else:
                dropped.append(use)
                patterns.setdefault(use.url.strip(), pattern)
        grouped = _group(kept)
        excluded = {
            u: (patterns[u], used) for u, used in _group(dropped).items() if u not in grouped
        }
        return grouped, excluded


def check_links(uses: Sequence[LinkUse], settings: LinkSettings) -> list[LinkResult]:
    """Check every distinct URL of ``uses`` once; results sorted by URL."""
    with LinkCheck(settings) as run:
        return run.results(uses)


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
