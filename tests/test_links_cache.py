"""Between runs: the SQLite cache, the dead rule over days, archived copies.

The clock is injected (``LinkSettings.now``), so "three days later" is a
number, not a wait; the servers are real and count every request.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from test_links_support import LinkServer, archive_api, ok, redirect, serving, status

from checker.refs.links import runner as runner_module
from checker.refs.links.cache import LinkCache
from checker.refs.links.check import check_links, link_findings
from checker.refs.links.settings import DAY, LinkSettings, default_cache_path
from checker.refs.links.status import Status
from checker.refs.model import LinkUse, Location

Servers = Callable[..., LinkServer]
T0 = 1_767_225_600.0  # 2026-01-01T00:00:00Z


@pytest.fixture
def servers() -> Iterator[Servers]:
    yield from serving()


@pytest.fixture(autouse=True)
def _no_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_module, "JITTER", 0.0)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now

    def days_later(self, days: float) -> None:
        self.now = T0 + days * DAY


def settings_for(tmp_path: Path, clock: Clock | None = None, **changes: object) -> LinkSettings:
    base: dict[str, object] = {
        "allow_private": True,
        "backoff": 0.0,
        "retries": 0,
        "progress": False,
        "cache_path": default_cache_path(tmp_path / "build"),
    }
    if clock is not None:
        base["now"] = clock
    base.update(changes)
    return LinkSettings(**base)  # type: ignore[arg-type]


def uses(*urls: str) -> list[LinkUse]:
    return [LinkUse(u, Location("docs/index.rst", i + 1, "index")) for i, u in enumerate(urls)]


def test_cache_suppresses_the_second_request(servers: Servers, tmp_path: Path) -> None:
    s = servers("127.0.0.1")
    s.routes.update({"/ok": ok(), "/moved": redirect(301, "/ok")})
    urls = uses(s.url("/ok"), s.url("/moved"), s.url("/missing"))
    clock = Clock()
    settings = settings_for(tmp_path, clock)
    first = check_links(urls, settings)
    requests_after_first = s.requests_total()
    assert settings.cache_path == tmp_path / "build" / ".citecheck-cache" / "links.sqlite"
    assert settings.cache_path.is_file()

    clock.days_later(1)
    second = check_links(urls, settings)
    assert s.requests_total() == requests_after_first  # nothing asked twice
    assert all(r.from_cache for r in second)
    strip = lambda rs: [(r.url, r.status, r.code, r.new_url, r.permanent) for r in rs]  # noqa: E731
    assert strip(second) == strip(first)
    assert [f.rule for f in link_findings(second)] == [f.rule for f in link_findings(first)]

    check_links(urls, settings_for(tmp_path, clock, refresh=True))
    assert s.requests_total() > requests_after_first


def test_ttls_working_seven_days_failing_three(servers: Servers, tmp_path: Path) -> None:
    s = servers("127.0.0.1")
    s.routes["/ok"] = ok()
    clock = Clock()
    settings = settings_for(tmp_path, clock)
    urls = uses(s.url("/ok"), s.url("/missing"))
    check_links(urls, settings)
    assert (s.count("/ok"), s.count("/missing")) == (1, 2)
    clock.days_later(3.5)  # the failing link is due again, the working one is not
    check_links(urls, settings)
    assert (s.count("/ok"), s.count("/missing")) == (1, 4)
    clock.days_later(7.5)
    check_links(urls, settings)
    assert (s.count("/ok"), s.count("/missing")) == (2, 6)


def test_dead_only_after_three_failures_three_days_apart(servers: Servers, tmp_path: Path) -> None:
    site = servers("127.0.0.1")
    wayback = servers("127.0.0.2")
    url = site.url("/paper")
    snapshot = "http://web.archive.invalid/web/2019/" + url
    site.routes["/paper"] = status(404)
    wayback.routes["/wayback/available"] = archive_api({url: snapshot})
    clock = Clock()
    settings = settings_for(
        tmp_path, clock, refresh=True, archive_url=wayback.url("/wayback/available")
    )

    def run(day: float) -> tuple[Status, int]:
        clock.days_later(day)
        (result,) = check_links(uses(url), settings)
        return result.status, result.failures

    assert run(0) == (Status.BROKEN, 1)
    assert run(1) == (Status.BROKEN, 1)  # checked again too soon: not counted
    assert run(3) == (Status.BROKEN, 2)
    assert run(5.9) == (Status.BROKEN, 2)
    clock.days_later(6)
    (dead,) = check_links(uses(url), settings)
    assert (dead.status, dead.failures, dead.observed) == (Status.DEAD, 3, Status.BROKEN)
    assert dead.archive_url == snapshot
    (finding,) = link_findings([dead])
    assert finding.rule == "link-dead" and finding.suggestions == (snapshot,)
    assert "since 2026-01-01" in finding.message and snapshot in finding.message

    site.routes["/paper"] = ok()  # it came back: any success resets the count
    assert run(7) == (Status.WORKING, 0)
    site.routes["/paper"] = status(404)
    assert run(11) == (Status.BROKEN, 1)


def test_transient_failures_are_failing_until_dead(servers: Servers, tmp_path: Path) -> None:
    s = servers("127.0.0.1")
    s.routes["/flaky"] = status(502)
    clock = Clock()
    settings = settings_for(tmp_path, clock, dead_after=2, dead_min_days=1)
    (first,) = check_links(uses(s.url("/flaky")), settings)
    assert first.status is Status.FAILING
    assert link_findings([first])[0].rule == "link-failing"
    clock.days_later(4)  # past the 3-day TTL for failing links
    (second,) = check_links(uses(s.url("/flaky")), settings)
    assert (second.status, second.observed) == (Status.DEAD, Status.FAILING)


def test_archive_api_without_a_snapshot_or_broken(servers: Servers, tmp_path: Path) -> None:
    site = servers("127.0.0.1")
    api = servers("127.0.0.2")
    api.routes["/empty"] = archive_api({})
    api.routes["/garbage"] = ok(b"not json")
    for path in ("/empty", "/garbage", "/absent"):
        settings = settings_for(tmp_path, archive_url=api.url(path), refresh=True)
        (result,) = check_links(uses(site.url("/gone")), settings)
        assert result.status is Status.BROKEN and result.archive_url is None
        assert link_findings([result])[0].suggestions == ()


def test_a_damaged_cache_file_is_replaced(servers: Servers, tmp_path: Path) -> None:
    s = servers("127.0.0.1")
    s.routes["/ok"] = ok()
    settings = settings_for(tmp_path)
    assert settings.cache_path is not None
    settings.cache_path.parent.mkdir(parents=True)
    settings.cache_path.write_bytes(b"this is not a database" * 100)
    (result,) = check_links(uses(s.url("/ok")), settings)
    assert result.status is Status.WORKING
    (again,) = check_links(uses(s.url("/ok")), settings)
    assert again.from_cache


def test_two_processes_share_the_cache(servers: Servers, tmp_path: Path) -> None:
    """Another process writes the same cache while this one runs: no lock errors."""
    s = servers("127.0.0.1")
    for i in range(30):
        s.routes[f"/p{i}"] = ok()
    urls = [s.url(f"/p{i}") for i in range(30)]
    settings = settings_for(tmp_path)
    assert settings.cache_path is not None
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from checker.refs.links.check import check_links\n"
        "from checker.refs.links.settings import LinkSettings\n"
        "from checker.refs.model import LinkUse, Location\n"
        "urls = sys.argv[2:]\n"
        "s = LinkSettings(allow_private=True, progress=False, cache_path=Path(sys.argv[1]))\n"
        "r = check_links([LinkUse(u, Location('x.rst')) for u in urls], s)\n"
        "assert {x.status.value for x in r} == {'working'}, r\n"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", code, str(settings.cache_path), *urls[::-1]],
        cwd=Path(__file__).resolve().parent.parent,
    )
    mine = [check_links(uses(*urls), settings) for _ in range(3)]
    assert other.wait(timeout=60) == 0
    assert all(r.status is Status.WORKING for run in mine for r in run)
    with LinkCache.open(settings.cache_path) as cache:
        assert set(cache.load(urls)) == set(urls)
    with sqlite3.connect(settings.cache_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_threads_share_the_cache(servers: Servers, tmp_path: Path) -> None:
    s = servers("127.0.0.1")
    s.routes["/ok"] = ok()
    settings = settings_for(tmp_path, refresh=True)
    failures: list[BaseException] = []

    def run() -> None:
        try:
            check_links(uses(s.url("/ok"), s.url("/missing")), settings)
        except BaseException as err:
            failures.append(err)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_no_archive_look_up_for_a_missing_anchor(servers: Servers, tmp_path: Path) -> None:
    site = servers("127.0.0.1")
    api = servers("127.0.0.2")
    site.routes["/page"] = ok(b"<h1 id='top'>x</h1>")
    gone, anchor = site.url("/gone"), site.url("/page#nowhere")
    api.routes["/available"] = archive_api({gone: "http://archive.invalid/gone", anchor: "x"})
    settings = settings_for(tmp_path, archive_url=api.url("/available"))
    results = {r.url: r for r in check_links(uses(gone, anchor), settings)}
    assert results[gone].archive_url == "http://archive.invalid/gone"
    assert results[anchor].archive_url is None
    assert api.count("/available") == 1
