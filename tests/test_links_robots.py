"""robots.txt, honoured when a project opts in: per host, fetched once, cached between runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_links_support import Route, Servers, by_url, fast, ok, serving, status, uses

from checker.refs.links.check import check_links
from checker.refs.links.robots import RobotsBook, RobotsFile
from checker.refs.links.settings import LinkSettings
from checker.refs.links.status import Detail, Status

#: a group for every crawler, and one for citecheck that (RFC 9309) replaces it for us
OURS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: citecheck\nDisallow: /no-checkers\n"
EVERYONE = b"User-agent: *\nDisallow: /private/\n"


@pytest.fixture
def servers() -> Iterator[Servers]:
    yield from serving()


def robots_txt(body: bytes) -> Route:
    return lambda h: h.reply(200, body, {"Content-Type": "text/plain"})


def test_robots_txt_is_honoured_per_host_and_fetched_once(servers: Servers) -> None:
    ours, everyone, none = servers("127.0.0.1"), servers("127.0.0.2"), servers("127.0.0.1")
    ours.routes.update({"/robots.txt": robots_txt(OURS), "/no-checkers": ok(), "/private/x": ok()})
    everyone.routes.update({"/robots.txt": robots_txt(EVERYONE), "/private/x": ok(), "/a": ok()})
    none.routes["/private/x"] = ok()  # no robots.txt here (404): everything allowed
    urls = [
        ours.url("/no-checkers"),
        ours.url("/private/x"),
        everyone.url("/private/x"),
        everyone.url("/a"),
        none.url("/private/x"),
    ]
    got = by_url(check_links(uses(*urls), fast(robots=True, workers=4)))
    statuses = [got[u].status for u in urls]
    assert statuses == [
        Status.UNCHECKED,  # our own group says no
        Status.WORKING,  # our group replaces "*" for us, and allows it
        Status.UNCHECKED,  # "*" says no
        Status.WORKING,
        Status.WORKING,
    ]
    refused = got[urls[0]]
    assert refused.detail is Detail.ROBOTS and "robots.txt disallows it" in refused.info
    assert ours.count("/no-checkers") == 0 and everyone.count("/private/x") == 0
    assert [s.count("/robots.txt") for s in (ours, everyone, none)] == [1, 1, 1]


def test_robots_txt_is_off_unless_asked(servers: Servers) -> None:
    s = servers()
    s.routes.update({"/robots.txt": robots_txt(b"User-agent: *\nDisallow: /\n"), "/page": ok()})
    (result,) = check_links(uses(s.url("/page")), fast())
    assert result.status is Status.WORKING and s.count("/robots.txt") == 0


def test_robots_txt_is_cached_between_runs(servers: Servers, tmp_path: Path) -> None:
    s = servers()
    s.routes.update({"/robots.txt": robots_txt(EVERYONE), "/page": ok()})
    settings = fast(robots=True, cache_path=tmp_path / "links.sqlite")
    check_links(uses(s.url("/page")), settings)
    again = check_links(
        uses(s.url("/page"), s.url("/private/y")),
        fast(robots=True, cache_path=tmp_path / "links.sqlite", refresh=True),
    )
    assert [r.status for r in again] == [Status.WORKING, Status.UNCHECKED]
    assert s.count("/page") == 2  # refreshed
    assert s.count("/robots.txt") == 1  # but robots.txt came from the cache


def test_a_server_error_on_robots_txt_means_nothing_is_checked(servers: Servers) -> None:
    s = servers()
    s.routes.update({"/robots.txt": status(503), "/page": ok()})
    (result,) = check_links(uses(s.url("/page")), fast(robots=True))
    assert result.status is Status.UNCHECKED and "answered 503" in result.info
    assert s.count("/page") == 0


def test_crawl_delay_spaces_the_hosts_requests() -> None:
    told: list[float] = []
    book = RobotsBook(LinkSettings(), now=0.0)
    robots = RobotsFile("http://h.test", 200, "User-agent: *\nCrawl-delay: 2\n", 0.0)
    for path in ("/a", "/b"):
        assert book.check(f"http://h.test{path}", lambda origin: robots, told.append) is None
    assert told == [2.0]  # told once per host, fetched once


def test_stale_cached_robots_txt_is_fetched_again() -> None:
    fetched: list[str] = []

    def fetch(origin: str) -> RobotsFile:
        fetched.append(origin)
        return RobotsFile(origin, 200, "User-agent: *\nDisallow:\n", 10 * 86_400.0)

    book = RobotsBook(LinkSettings(robots_ttl_days=1.0), now=10 * 86_400.0)
    book.preload([RobotsFile("http://h.test", 200, "User-agent: *\nDisallow: /\n", 0.0)])
    assert book.check("http://h.test/page", fetch, lambda s: None) is None
    assert fetched == ["http://h.test"]
    assert [r.origin for r in book.fetched()] == ["http://h.test"]
