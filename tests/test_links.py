"""The link checker against real HTTP servers on loopback: one status per case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_links_support import (
    Servers,
    by_url,
    endless,
    fast,
    head_refused,
    loops_on_head,
    ok,
    rate_limited_once,
    redirect,
    reset,
    serving,
    slow,
    stall,
    status,
    uses,
)

from checker.findings import Category, Severity
from checker.refs.links import runner as runner_module
from checker.refs.links.check import check_links, link_findings
from checker.refs.links.settings import LinkSettings
from checker.refs.links.status import Detail, Status
from checker.refs.model import LinkUse, Location


@pytest.fixture
def servers() -> Iterator[Servers]:
    yield from serving()


@pytest.fixture(autouse=True)
def _no_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_module, "JITTER", 0.0)


def test_statuses_of_common_answers(servers: Servers) -> None:
    s = servers("127.0.0.1")
    s.routes.update(
        {
            "/ok": ok(),
            "/moved": redirect(301, "/moved2"),
            "/moved2": redirect(308, "/ok"),
            "/found": redirect(302, "/ok"),
            "/mixed": redirect(302, "/moved"),
            "/dir": redirect(301, "/dir/"),
            "/dir/": ok(),
            "/loop-a": redirect(302, "/loop-b"),
            "/loop-b": redirect(302, "/loop-a"),
            "/gone": status(410),
            "/head-405": head_refused(405),
            "/head-lies": head_refused(404),
            "/forbidden": status(403),
            "/unavailable": status(503),
            "/error": status(500),
            "/front": redirect(302, "/"),
            "/": ok(),
            "/moved-away": redirect(302, "/errors/404.html"),
            "/errors/404.html": ok(),
            "/to-ftp": redirect(302, "ftp://files.example.org/paper.pdf"),
            "/head-loops": loops_on_head,
            "/%D0%9B%D0%B5%D0%B2": ok(),  # a non-ASCII path, as it arrives encoded
        }
    )
    names = [*s.routes, "/missing"]
    results = by_url(check_links(uses(*(s.url(n) for n in names), s.url("/Лев")), fast()))
    got = {n: results[s.url(n)] for n in names}
    assert results[s.url("/Лев")].status is Status.WORKING
    assert got["/head-loops"].status is Status.WORKING
    assert got["/loop-a"].info.count("->") >= 2  # names the hops
    assert got["/to-ftp"].status is Status.BROKEN and "not HTTP(S)" in got["/to-ftp"].info

    assert got["/ok"].status is Status.WORKING
    assert got["/ok"].code == 200
    chain = got["/moved"]
    assert (chain.status, chain.permanent, chain.new_url) == (
        Status.REDIRECTED, True, s.url("/ok"),
    )  # fmt: skip
    assert got["/found"].status is Status.REDIRECTED and not got["/found"].permanent
    assert not got["/mixed"].permanent  # one temporary hop makes the chain temporary
    assert got["/dir"].status is Status.WORKING  # as linkcheck: a trailing slash is the same URL
    assert got["/loop-a"].status is Status.BROKEN
    assert got["/loop-a"].detail is Detail.REDIRECT_LOOP
    assert got["/missing"].status is Status.BROKEN and got["/missing"].code == 404
    assert got["/gone"].status is Status.BROKEN and got["/gone"].code == 410
    assert got["/forbidden"].status is Status.BROKEN  # not a paywalled host
    assert got["/unavailable"].status is Status.FAILING  # 503 without Retry-After
    assert got["/error"].status is Status.FAILING
    for name in ("/front", "/moved-away"):
        assert got[name].status is Status.BROKEN
        assert got[name].detail is Detail.SOFT_404
    for name in ("/head-405", "/head-lies"):
        assert got[name].status is Status.WORKING
        assert s.hits[("HEAD", name)] == 1 and s.hits[("GET", name)] == 1
    assert s.hits[("GET", "/ok")] == 0  # HEAD was enough: no body fetched
    assert s.count("/error") == 4  # HEAD + GET, retried once


def test_permanent_redirect_finding_names_the_new_url(servers: Servers) -> None:
    s = servers("127.0.0.1")
    s.routes.update({"/old": redirect(301, "/new"), "/new": ok(), "/tmp": redirect(307, "/new")})
    findings = link_findings(check_links(uses(s.url("/old"), s.url("/tmp")), fast()))
    rules = {f.rule: f for f in findings}
    moved = rules["link-redirected-permanently"]
    assert s.url("/new") in moved.message and "replace the URL" in moved.message
    assert moved.suggestions == (s.url("/new"),)
    assert moved.category is Category.LINK and moved.severity is Severity.WARNING
    assert rules["link-redirected"].severity is Severity.INFO


def test_every_place_of_a_url_is_kept(servers: Servers) -> None:
    s = servers("127.0.0.1")
    url = s.url("/missing")
    places = [
        LinkUse(url, Location("docs/a.rst", 3, "a", "Early life")),
        LinkUse(url, Location("docs/b.rst", 9, "b"), key="smith2001"),
        LinkUse(url, Location("docs/a.rst", 3, "a", "Early life")),  # the same place twice
    ]
    (result,) = check_links(places, fast())
    assert [p.path for p in result.places] == ["docs/a.rst", "docs/b.rst"]
    assert result.keys == ("smith2001",)
    assert s.count("/missing") == 2  # HEAD, then GET in case HEAD lied; once per URL
    findings = link_findings([result])
    assert [(f.rule, f.path, f.line, f.section) for f in findings] == [
        ("link-broken", "docs/a.rst", 3, "Early life"),
        ("link-broken", "docs/b.rst", 9, None),
    ]
    assert "HTTP 404" in findings[0].message and "correct the URL" in findings[0].message


def test_timeout_and_connection_reset(servers: Servers) -> None:
    s = servers("127.0.0.1")
    s.routes.update({"/slow": slow(1.5), "/reset": reset, "/stall": stall})
    settings = fast(read_timeout=0.3, retries=1)
    urls = uses(s.url("/slow"), s.url("/reset"), s.url("/stall#anchor"))
    got = by_url(check_links(urls, settings))
    assert got[s.url("/stall#anchor")].status is Status.TIMEOUT  # hung while reading the body
    assert got[s.url("/slow")].status is Status.TIMEOUT
    assert s.count("/slow") == 2  # retried once, HEAD only: a timeout does not try GET
    assert got[s.url("/reset")].status is Status.FAILING
    assert "connection failed" in got[s.url("/reset")].info
    assert s.count("/reset") == 4  # HEAD and GET, twice
    rules = {f.rule for f in link_findings(got.values())}
    assert rules == {"link-timeout", "link-failing"}


def test_endless_body_is_not_downloaded(servers: Servers) -> None:
    s = servers("127.0.0.1")
    s.routes["/huge"] = endless
    (result,) = check_links(uses(s.url("/huge")), fast())
    assert result.status is Status.WORKING
    assert s.hits[("GET", "/huge")] == 1
    # A 1 GiB body was announced; only what the kernel's socket buffers took went out.
    assert s.bytes_sent < 32 * 1024 * 1024


def test_anchor_search_stops_at_the_cap(servers: Servers) -> None:
    s = servers("127.0.0.1")
    s.routes["/huge"] = endless
    (result,) = check_links(uses(s.url("/huge#nowhere")), fast(max_body_bytes=256 * 1024))
    assert result.status is Status.BROKEN and result.detail is Detail.ANCHOR_MISSING
    assert s.bytes_sent < 32 * 1024 * 1024


def test_anchors(servers: Servers) -> None:
    s = servers("127.0.0.1")
    page = (
        b'<html><body><h2 id="early-life">Early life</h2><a name="old-style"></a>'
        b'<h2 id="user-content-install">Install</h2></body></html>'
    )
    s.routes["/page"] = ok(page)
    frags = ["early-life", "old-style", "install", "exile", "!/route", "early%2Dlife"]
    urls = [s.url(f"/page#{f}") for f in frags]
    got = by_url(check_links(uses(*urls), fast()))
    status_of = {f: got[u].status for f, u in zip(frags, urls, strict=True)}
    assert status_of == {
        "early-life": Status.WORKING,
        "old-style": Status.WORKING,
        "install": Status.WORKING,  # GitHub's user-content- prefix
        "exile": Status.BROKEN,
        "!/route": Status.WORKING,  # client-side route: not an anchor
        "early%2Dlife": Status.WORKING,  # percent-encoded fragment
    }
    (finding,) = link_findings([got[urls[3]]])
    assert finding.rule == "link-anchor-missing" and "'exile'" in finding.message
    unchecked = check_links(uses(urls[3]), fast(check_anchors=False))
    assert unchecked[0].status is Status.WORKING


def test_retry_after_is_honoured(servers: Servers) -> None:
    s = servers("127.0.0.1")
    s.routes.update(
        {
            "/busy": rate_limited_once("1"),
            "/closed": status(429, {"Retry-After": "3600"}),
            "/maintenance": status(503, {"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"}),
        }
    )
    got = by_url(check_links(uses(*(s.url(p) for p in s.routes)), fast(max_retry_after=5)))
    assert got[s.url("/busy")].status is Status.WORKING
    assert s.count("/busy") == 2  # 429, waited one second, then 200
    assert got[s.url("/closed")].status is Status.RATE_LIMITED
    assert s.count("/closed") == 1  # an hour is past the limit: no retry
    assert got[s.url("/maintenance")].status is Status.RATE_LIMITED  # HTTP-date form
    rules = [f.rule for f in link_findings(got.values())]
    assert rules == ["link-rate-limited", "link-rate-limited"]
    assert all(f.severity is Severity.INFO for f in link_findings(got.values()))


def test_paywalled_host(servers: Servers) -> None:
    paywalled = servers("127.0.0.2")
    other = servers("127.0.0.1")
    for server in (paywalled, other):
        server.routes["/article"] = status(403)
    settings = fast(paywalled_hosts=("127.0.0.2",))
    got = by_url(check_links(uses(paywalled.url("/article"), other.url("/article")), settings))
    assert got[paywalled.url("/article")].status is Status.PAYWALLED
    assert got[other.url("/article")].status is Status.BROKEN
    finding = link_findings([got[paywalled.url("/article")]])[0]
    assert finding.rule == "link-paywalled" and finding.severity is Severity.INFO


def test_credentials_never_follow_a_redirect_to_another_host(servers: Servers) -> None:
    a = servers("127.0.0.1")
    b = servers("127.0.0.2")
    b.routes["/landing"] = ok()
    a.routes["/private"] = redirect(302, b.url("/landing"))
    prefix = a.url("/")
    settings = fast(
        headers={prefix: {"X-Api-Key": "sekrit"}, "*": {"X-Everyone": "yes"}},
        auth={prefix: ("editor", "pw")},
    )
    (result,) = check_links(uses(a.url("/private")), settings)
    assert result.status is Status.REDIRECTED
    (_, _, sent_a), (_, _, sent_b) = a.seen[0], b.seen[0]
    assert sent_a["X-Api-Key"] == "sekrit" and sent_a["Authorization"].startswith("Basic ")
    assert "X-Api-Key" not in sent_b and "Authorization" not in sent_b
    assert "X-Everyone" not in sent_a  # "*" is the fallback, as in linkcheck
    assert sent_b["X-Everyone"] == "yes"
    assert sent_a["User-Agent"].startswith("citecheck/")


def test_private_addresses_are_not_requested_by_default(servers: Servers, tmp_path: Path) -> None:
    s = servers("127.0.0.1")
    s.routes["/internal"] = ok()
    settings = fast(allow_private=False, cache_path=tmp_path / "links.sqlite")
    (result,) = check_links(uses(s.url("/internal")), settings)
    assert result.status is Status.UNCHECKED and result.detail is Detail.PRIVATE_ADDRESS
    assert s.requests_total() == 0
    (finding,) = link_findings([result])
    assert finding.rule == "link-private-address" and "allow_private" in finding.message
    # A cache filled by a run that allowed it does not smuggle the verdict back.
    check_links(uses(s.url("/internal")), fast(cache_path=tmp_path / "links.sqlite"))
    (again,) = check_links(uses(s.url("/internal")), settings)
    assert again.status is Status.UNCHECKED


def test_per_host_limit_holds(servers: Servers) -> None:
    s = servers("127.0.0.1")
    for i in range(8):
        s.routes[f"/p{i}"] = slow(0.05)
    results = check_links(uses(*(s.url(f"/p{i}") for i in range(8))), fast(workers=8))
    assert {r.status for r in results} == {Status.WORKING}
    assert 0 < s.max_in_flight <= 2  # default per-host limit


def test_urls_that_are_not_requested() -> None:
    urls = [
        "mailto:someone@example.org",
        "ftp://ftp.example.org/file",
        "http://",
        "http://exa mple.org/",
        "http://example.org:99999/",
        "https://ignored.example.org/page",
        "",
    ]
    settings = fast(ignore=(r"https://ignored\.",))
    got = by_url(check_links(uses(*urls), settings))
    assert "" not in got  # an empty URL is not a link
    assert got["mailto:someone@example.org"].status is Status.UNCHECKED
    assert got["ftp://ftp.example.org/file"].status is Status.UNCHECKED
    for bad in ("http://", "http://exa mple.org/", "http://example.org:99999/"):
        assert got[bad].status is Status.BROKEN and got[bad].detail is Detail.MALFORMED
    assert got["https://ignored.example.org/page"].status is Status.IGNORED
    assert {f.rule for f in link_findings(got.values())} == {"link-broken"}


def test_allow_list_limits_what_is_checked(servers: Servers) -> None:
    s = servers("127.0.0.1")
    allowed, other = s.url("/a"), s.url("/b")
    got = by_url(check_links(uses(allowed, other), fast(allow=(rf"{allowed}$",))))
    assert got[other].status is Status.IGNORED
    assert got[allowed].status is Status.BROKEN
    assert s.count("/b") == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ignore": ("(unclosed",)}, "bad regex"),
        ({"workers": 0}, "at least 1"),
        ({"read_timeout": 0}, "timeouts"),
        ({"per_host_rate": -1.0}, "rate"),
        ({"headers": {"https://a/": "X-Key: 1"}}, "headers for 'https://a/'"),
        ({"auth": {"https://a/": ("user",)}}, "user, password"),
    ],
)
def test_bad_settings_are_one_line_errors(changes: dict[str, object], message: str) -> None:
    from checker.errors import InputError

    with pytest.raises(InputError, match=message):
        LinkSettings(**changes)  # type: ignore[arg-type]


def test_unusable_cache_location_is_a_one_line_error(tmp_path: Path) -> None:
    from checker.errors import InputError

    (tmp_path / "file").write_text("not a folder")
    settings = fast(cache_path=tmp_path / "file" / "links.sqlite")
    with pytest.raises(InputError, match="cannot use the link cache"):
        check_links(uses("http://127.0.0.1:9/"), settings)


def test_https_to_a_plain_http_server_is_broken(servers: Servers) -> None:
    s = servers("127.0.0.1")
    s.routes["/ok"] = ok()
    url = s.url("/ok").replace("http://", "https://")
    (result,) = check_links(uses(url), fast())
    assert result.status is Status.BROKEN and result.info.startswith("TLS error")


def test_resolver_redirects_are_how_dois_work(servers: Servers) -> None:
    s = servers("127.0.0.1")
    s.routes.update(
        {
            "/10.1000/182": redirect(302, "/publisher/article-182"),
            "/publisher/article-182": ok(),
            "/10.1000/moved": redirect(301, "/publisher/article-182"),
        }
    )
    settings = fast(resolver_hosts=("127.0.0.1",))
    got = by_url(check_links(uses(s.url("/10.1000/182"), s.url("/10.1000/moved")), settings))
    doi = got[s.url("/10.1000/182")]
    assert doi.status is Status.WORKING and doi.new_url == s.url("/publisher/article-182")
    assert got[s.url("/10.1000/moved")].status is Status.REDIRECTED  # permanent: still news
    assert link_findings([doi]) == []


def test_unknown_host_is_broken() -> None:
    # RFC 6761: .invalid never resolves, so this needs no network and sends nothing.
    (result,) = check_links(uses("http://no-such-host.invalid/page"), fast())
    assert result.status is Status.BROKEN and result.detail is Detail.HOST_NOT_FOUND
    assert "no-such-host.invalid not found" in result.info
